package dev.mlsec.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The blind evaluation sets under {@code bench/scan/}: their folders and MANIFEST rows. */
final class BlindSets {
  private BlindSets() {}

  /**
   * A set's folder, e.g. ("blind2", "benign"); surefire runs in mlsec-scan/, the sets live at the
   * root.
   */
  static Path dir(String evaluation, String set) {
    return Path.of("..", "bench", "scan", evaluation, set).toAbsolutePath().normalize();
  }

  /** The MANIFEST's rows split at tabs, without its header, comments and blank lines. */
  static List<String[]> manifest(String evaluation, String set) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String l :
        Files.readAllLines(dir(evaluation, set).resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
      if (l.startsWith("#") || l.startsWith("file\t") || l.isBlank()) continue;
      rows.add(l.split("\t", -1));
    }
    return rows;
  }

  /** The file column of the MANIFEST. */
  static List<String> files(String evaluation, String set) throws IOException {
    List<String> files = new ArrayList<>();
    for (String[] row : manifest(evaluation, set)) files.add(row[0]);
    return files;
  }
}
