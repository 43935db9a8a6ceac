package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models saved by real Keras 3.15 ({@code keras-real/}, written by {@code
 * mlsec-scan/tools/keras/make_keras.py}): benign {@code .keras} and legacy {@code .h5} models of
 * many layer kinds must be clean; hostile ones Keras saves itself (Lambda bytecode, also nested;
 * function references; TFSMLayer) and byte-level edits the loader still accepts (bzip2/LZMA
 * members, duplicate keys, unicode escapes, vocabulary paths and URLs) get the MANIFEST's verdict
 * and rule.
 */
class KerasRealFixturesTest {

  record Row(String file, Verdict verdict, String rule, String why) {
    @Override
    public String toString() {
      return file;
    }
  }

  private static Path dir() throws Exception {
    return Path.of(KerasRealFixturesTest.class.getResource("keras-real").toURI());
  }

  static List<Row> rows() throws Exception {
    return FixtureManifest.rows(dir()).stream()
        .map(c -> new Row(c[0], Verdict.valueOf(c[1].toUpperCase(Locale.ROOT)), c[2], c[3]))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void hasTheManifestsVerdictAndRule(Row row) throws Exception {
    FileReport r = new Scanner().scan(dir().resolve(row.file()));
    Set<String> rules = r.findings().stream().map(ScanFinding::ruleId).collect(Collectors.toSet());
    String why = row.file() + " (" + row.why() + ") -> " + r.verdict() + " " + r.findings();
    assertThat(r.verdict()).as(why).isEqualTo(row.verdict());
    if (!row.rule().equals("-")) assertThat(rules).as(why).contains(row.rule());
    // the .keras flavor is known from the zip's member names; a legacy .h5 is reported as hdf5
    if (row.file().endsWith(".keras")) assertThat(r.formats()).as(why).contains("keras");
    else assertThat(r.formats()).as(why).containsAnyOf("hdf5", "keras-h5");
  }

  @Test
  void manifestListsExactlyTheFilesAndBothSides() throws Exception {
    Set<String> listed =
        rows().stream().map(Row::file).collect(Collectors.toCollection(TreeSet::new));
    assertThat(FixtureManifest.files(dir())).isEqualTo(listed);
    assertThat(rows()).filteredOn(r -> r.verdict() == Verdict.CLEAN).hasSizeGreaterThan(20);
    assertThat(rows()).filteredOn(r -> r.verdict() != Verdict.CLEAN).hasSizeGreaterThan(25);
  }
}
