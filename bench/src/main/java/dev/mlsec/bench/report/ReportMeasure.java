package dev.mlsec.bench.report;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.bench.analysis.SyntheticWorkflows;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a user waits for: the first HTML render in a fresh JVM (no warm-up, as in one CLI run) and
 * the median of the following ones, for each size; every other format once. Writes the
 * 1,000-component HTML to bench/results/ for a look in the browser.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.mlsec.bench.report.ReportMeasure [sizes]}
 */
public final class ReportMeasure {
  private ReportMeasure() {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        args.length == 0
            ? new int[] {100, 1000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    Analyzer analyzer = new Analyzer(CatalogLoader.builtInCompiled());
    System.out.println("| components | findings | first HTML render | median of 5 | HTML size |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (int n : sizes) {
      Analysis a = analyzer.analyze(SyntheticWorkflows.generate(n, 1), LocalDate.of(2026, 6, 1));
      long t0 = System.nanoTime();
      String html = Reports.render(a, Format.HTML, ReportOptions.defaults());
      long first = System.nanoTime() - t0;
      long[] runs = new long[5];
      for (int i = 0; i < runs.length; i++) {
        long t = System.nanoTime();
        Reports.render(a, Format.HTML, ReportOptions.defaults());
        runs[i] = System.nanoTime() - t;
      }
      Arrays.sort(runs);
      System.out.printf(
          Locale.ROOT,
          "| %d | %d | %.0f ms | %.0f ms | %.1f MB |%n",
          n,
          a.findings().size(),
          first / 1e6,
          runs[2] / 1e6,
          html.length() / 1e6);
      if (n == 1000) {
        Path out = Path.of("bench/results/report-1000.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html, StandardCharsets.UTF_8);
      }
      StringBuilder others = new StringBuilder("  other formats:");
      for (Format f : Format.values()) {
        if (f == Format.HTML) continue;
        long t = System.nanoTime();
        Reports.render(a, f, ReportOptions.defaults());
        others.append(
            String.format(Locale.ROOT, " %s %.0f ms;", f.id(), (System.nanoTime() - t) / 1e6));
      }
      System.out.println(others);
    }
  }
}
