package dev.mlsec.scan;

import java.util.List;

/**
 * The result of scanning one file.
 *
 * @param path the path as given (or found under a given directory)
 * @param format the outer format found by content (see {@link FileFormat})
 * @param verdict the judgment
 * @param findings what was found, in file order
 * @param bytesRead distinct bytes actually read from the file, each counted once however often it
 *     was read, so never more than {@code size} (tensor data of known layouts is skipped)
 * @param size the file size
 * @param formats every format recognized inside the file, outer first, without repeats; never
 *     "unknown" unless nothing at all was recognized, then exactly {@code ["unknown"]}
 */
public record FileReport(
    String path,
    String format,
    Verdict verdict,
    List<ScanFinding> findings,
    long bytesRead,
    long size,
    List<String> formats) {
  public FileReport {
    findings = List.copyOf(findings);
    formats = List.copyOf(formats);
  }

  /** Highest level among findings, or null when there are none. */
  public Level maxLevel() {
    Level max = null;
    for (ScanFinding f : findings) if (max == null || f.level().atLeast(max)) max = f.level();
    return max;
  }
}
