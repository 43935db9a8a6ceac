package dev.mlsec.bench.analysis;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.Workflow;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Time of one whole analysis (facts, rules, claims, concerns, questions) by workflow size. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
public class AnalysisBenchmark {
  @Param({"100", "1000", "10000"})
  public int components;

  private Workflow workflow;
  private Analyzer analyzer;

  @Setup(Level.Trial)
  public void setUp() {
    workflow = SyntheticWorkflows.generate(components, 42);
    analyzer = new Analyzer(CatalogLoader.builtInCompiled());
  }

  @Benchmark
  public Analysis analyze() {
    return analyzer.analyze(workflow, LocalDate.of(2026, 11, 28));
  }
}
