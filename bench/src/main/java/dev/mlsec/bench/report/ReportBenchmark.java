package dev.mlsec.bench.report;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.bench.analysis.SyntheticWorkflows;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering reports of synthetic workflows analysed by the real engine. Run with {@code java -jar
 * bench/target/benchmarks.jar dev.mlsec.bench.report.ReportBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class ReportBenchmark {
  @Param({"100", "1000"})
  public int components;

  @Param({"html", "sarif", "markdown"})
  public String format;

  private Analysis analysis;
  private Format chosen;

  @Setup
  public void setUp() {
    analysis =
        new Analyzer(CatalogLoader.builtInCompiled())
            .analyze(SyntheticWorkflows.generate(components, 1), LocalDate.of(2026, 6, 1));
    chosen = Format.byId(format).orElseThrow();
  }

  @Benchmark
  public String render() {
    return Reports.render(analysis, chosen, ReportOptions.defaults());
  }
}
