package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The blind evaluation sets under {@code bench/scan/}: their folders, MANIFEST rows and verdicts.
 */
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

  /**
   * The files of a set whose verdict is ({@code clean}) or is not ({@code !clean}) clean, each
   * scanned alone; the set must list more than {@code moreThan} files.
   */
  static Set<String> judged(String evaluation, String set, boolean clean, int moreThan)
      throws IOException {
    Scanner s = new Scanner();
    Set<String> out = new TreeSet<>();
    List<String> rows = files(evaluation, set);
    for (String f : rows)
      if ((s.scan(dir(evaluation, set).resolve(f)).verdict() == Verdict.CLEAN) == clean) out.add(f);
    assertThat(rows).hasSizeGreaterThan(moreThan);
    return out;
  }

  /**
   * The set's files are judged wrongly exactly where {@code known} says: for benign files the ones
   * not clean, for adversarial ones the ones clean, so a file that changes its verdict either way
   * fails (drop it from the list when fixed). The set must list more than {@code moreThan} files.
   */
  static void assertWrongOnly(String evaluation, String set, Set<String> known, int moreThan)
      throws IOException {
    assertThat(judged(evaluation, set, set.equals("adversarial"), moreThan))
        .as("%s/%s judged wrongly", evaluation, set)
        .containsExactlyInAnyOrderElementsOf(known);
  }

  /**
   * Each adversarial file of the evaluation (a path in its folder) is not clean and is reported,
   * among its findings, by the rule it maps to.
   */
  static void assertFlaggedBy(String evaluation, Map<String, String> fileRule) throws IOException {
    assertFlaggedBy(evaluation, null, fileRule);
  }

  /** The same, and each file's verdict is {@code verdict} (any verdict but clean when null). */
  static void assertFlaggedBy(String evaluation, Verdict verdict, Map<String, String> fileRule)
      throws IOException {
    Scanner s = new Scanner();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(fileRule).entrySet()) {
      FileReport r = s.scan(dir(evaluation, "adversarial").resolve(e.getKey()));
      if (verdict == null)
        assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isNotEqualTo(Verdict.CLEAN);
      else assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(verdict);
      assertThat(TestReports.rules(r)).as(BenignCorpusTest.describe(r)).contains(e.getValue());
    }
  }

  /** The file column of the MANIFEST. */
  static List<String> files(String evaluation, String set) throws IOException {
    List<String> files = new ArrayList<>();
    for (String[] row : manifest(evaluation, set)) files.add(row[0]);
    return files;
  }
}
