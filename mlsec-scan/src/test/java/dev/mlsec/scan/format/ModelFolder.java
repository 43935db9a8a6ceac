package dev.mlsec.scan.format;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.ScanFinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** A model folder written file by file under a test's temporary directory. */
record ModelFolder(Path root) {
  /** Writes {@code rel} (parents made) as UTF-8 text. */
  Path write(String rel, String text) throws Exception {
    return write(rel, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code rel} (parents made). */
  Path write(String rel, byte[] bytes) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  /** The rule ids of a report. */
  static Set<String> rules(FileReport r) {
    return r.findings().stream().map(ScanFinding::ruleId).collect(Collectors.toSet());
  }
}
