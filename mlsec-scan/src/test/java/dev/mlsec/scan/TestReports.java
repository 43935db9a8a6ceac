package dev.mlsec.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** What the scanner tests share: the rules a report names, and a text file written for a scan. */
public final class TestReports {
  private TestReports() {}

  /** The rule ids of a report's findings. */
  public static Set<String> rules(FileReport r) {
    return r.findings().stream().map(ScanFinding::ruleId).collect(Collectors.toSet());
  }

  /** Writes {@code text} (UTF-8) at {@code rel} below {@code dir}, making its folders. */
  public static Path write(Path dir, String rel, String text) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
