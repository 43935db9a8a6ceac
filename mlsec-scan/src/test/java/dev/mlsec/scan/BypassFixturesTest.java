package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The third-round bypass fixtures of issue 9 ({@code bypass/}, written opcode by opcode by {@code
 * mlsec-scan/tools/bypass/make_bypass.py}): callables and shapes of the 2025-2026 picklescan,
 * modelscan and fickling advisories and their neighbours. None is clean; a case whose MANIFEST row
 * names a rule gets that rule, "flagged" ones any verdict but clean.
 */
class BypassFixturesTest {

  record Row(String file, String why, String expect) {
    @Override
    public String toString() {
      return file;
    }
  }

  private static Path dir() throws Exception {
    return Path.of(BypassFixturesTest.class.getResource("bypass").toURI());
  }

  static List<Row> rows() throws Exception {
    return FixtureManifest.rows(dir()).stream().map(c -> new Row(c[0], c[1], c[2])).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void neverClean(Row row) throws Exception {
    FileReport r = new Scanner().scan(dir().resolve(row.file()));
    Set<String> rules = r.findings().stream().map(ScanFinding::ruleId).collect(Collectors.toSet());
    String why = row.file() + " (" + row.why() + ") -> " + r.verdict() + " " + rules;
    assertThat(r.verdict()).as(why).isNotEqualTo(Verdict.CLEAN);
    if (!row.expect().equals("flagged")) {
      assertThat(rules).as(why).contains(row.expect());
      assertThat(r.verdict()).as(why).isEqualTo(Verdict.MALICIOUS);
    }
  }

  @Test
  void manifestListsExactlyTheFiles() throws Exception {
    Set<String> listed =
        rows().stream().map(Row::file).collect(Collectors.toCollection(TreeSet::new));
    assertThat(FixtureManifest.files(dir())).isEqualTo(listed);
    assertThat(listed).hasSizeGreaterThan(100);
  }

  /** The whole directory in one scan: the same verdicts, none clean. */
  @Test
  void directoryScanHasNoCleanFile() throws Exception {
    List<FileReport> all = new Scanner().scanAll(List.of(dir()));
    assertThat(all).hasSize(rows().size() + 1); // and MANIFEST.tsv, clean
    assertThat(all)
        .filteredOn(r -> !r.path().endsWith("MANIFEST.tsv"))
        .hasSize(rows().size())
        .noneMatch(r -> r.verdict() == Verdict.CLEAN);
  }
}
