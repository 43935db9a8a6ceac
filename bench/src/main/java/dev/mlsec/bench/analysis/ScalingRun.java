package dev.mlsec.bench.analysis;

import com.sun.management.ThreadMXBean;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.Workflow;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A quick scaling measurement without JMH: median wall and CPU time of the analysis per size, bytes
 * allocated, heap in use after the analysis (with the result still alive), and the scaling exponent
 * fitted between the smallest and the largest size. Run under -Xmx512m.
 */
public final class ScalingRun {
  private ScalingRun() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {100, 1000, 10000} : parse(args);
    Analyzer analyzer = new Analyzer(CatalogLoader.builtInCompiled());
    LocalDate today = LocalDate.of(2026, 11, 28);
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    Runtime rt = Runtime.getRuntime();
    List<double[]> rows = new ArrayList<>();
    System.out.printf(
        Locale.ROOT,
        "max heap %d MB, %d processors%n",
        rt.maxMemory() >> 20,
        rt.availableProcessors());
    System.out.println(
        "| components | flows | findings | wall ms (median) | cpu ms (median) | allocated MB | heap after MB |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    for (int size : sizes) {
      Workflow w = SyntheticWorkflows.generate(size, 42);
      int runs = size >= 10000 ? 7 : 15;
      for (int i = 0; i < 3; i++) analyzer.analyze(w, today); // warm-up
      double[] wall = new double[runs];
      double[] cpu = new double[runs];
      long allocated = 0;
      Analysis last = null;
      for (int i = 0; i < runs; i++) {
        long a0 = mx.getCurrentThreadAllocatedBytes();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        last = analyzer.analyze(w, today);
        wall[i] = (System.nanoTime() - t0) / 1e6;
        cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        allocated = mx.getCurrentThreadAllocatedBytes() - a0;
      }
      System.gc();
      long heap = rt.totalMemory() - rt.freeMemory();
      java.util.Arrays.sort(wall);
      java.util.Arrays.sort(cpu);
      System.out.printf(
          Locale.ROOT,
          "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n",
          size,
          w.flows().size(),
          last.findings().size(),
          wall[runs / 2],
          cpu[runs / 2],
          allocated / 1048576.0,
          heap / 1048576.0);
      rows.add(new double[] {size, cpu[runs / 2]});
    }
    for (int i = 1; i < rows.size(); i++) {
      double[] a = rows.get(i - 1);
      double[] b = rows.get(i);
      double exponent = Math.log(b[1] / a[1]) / Math.log(b[0] / a[0]);
      System.out.printf(
          Locale.ROOT,
          "scaling exponent (cpu time, %d -> %d components): %.2f%n",
          (int) a[0],
          (int) b[0],
          exponent);
    }
  }

  private static int[] parse(String[] args) {
    int[] out = new int[args.length];
    for (int i = 0; i < args.length; i++) out[i] = Integer.parseInt(args[i]);
    return out;
  }
}
