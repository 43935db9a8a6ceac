package dev.mlsec.bench.scan;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One measurement run for bench/scan/run: per file the verdict, bytes read, best wall time over
 * repeated scans and throughput, then the peak heap. Prints tab-separated lines.
 *
 * <p>Usage: ScanMeasure REPEATS FILE...
 */
public final class ScanMeasure {
  private ScanMeasure() {}

  public static void main(String[] args) throws Exception {
    int repeats = Integer.parseInt(args[0]);
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) files.add(Path.of(args[i]));
    Scanner scanner = new Scanner();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    System.out.println("file\tsize\tbytes_read\tverdict\tbest_ms\tmb_per_s");
    for (Path f : files) {
      long size = Files.size(f);
      FileReport last = null;
      long best = Long.MAX_VALUE;
      int warm = Math.max(3, repeats / 2);
      for (int i = 0; i < warm + repeats; i++) {
        long t0 = System.nanoTime();
        last = scanner.scan(f);
        long dt = System.nanoTime() - t0;
        if (i >= warm) best = Math.min(best, dt);
      }
      double ms = best / 1e6;
      double mbps = size / 1e6 / (best / 1e9);
      System.out.printf(
          "%s\t%d\t%d\t%s\t%.3f\t%.1f%n",
          f.getFileName(), size, last.bytesRead(), last.verdict().id(), ms, mbps);
    }
    // the old generation's peak is what stays live across collections (young pools churn)
    long old = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
      if (p.getType() == MemoryType.HEAP && p.getName().contains("Old"))
        old = Math.max(old, p.getPeakUsage().getUsed());
    System.out.printf(
        "heap\tmax=%d MB\told_gen_peak=%d MB%n", Runtime.getRuntime().maxMemory() >> 20, old >> 20);
  }
}
