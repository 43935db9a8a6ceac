package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The files the data-science stack writes every day (made by mlsec-scan/tools/allowlist from the
 * real libraries, listed in MANIFEST.tsv) must all scan clean, one by one and as a directory.
 */
class BenignStackTest {

  static Path corpus() throws URISyntaxException {
    return Path.of(BenignStackTest.class.getResource("/benign-stack/MANIFEST.tsv").toURI())
        .getParent();
  }

  static List<Path> files() throws IOException, URISyntaxException {
    try (var st = Files.list(corpus())) {
      return st.filter(f -> !f.getFileName().toString().equals("MANIFEST.tsv")).sorted().toList();
    }
  }

  @Test
  void manifestListsEveryFileAndEveryLibrary() throws Exception {
    List<String> lines =
        Files.readAllLines(corpus().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
    Set<String> listed = new TreeSet<>();
    Set<String> libraries = new TreeSet<>();
    for (String l : lines) {
      if (l.startsWith("#") || l.startsWith("file\t")) continue;
      String[] f = l.split("\t");
      assertThat(f).as(l).hasSize(4);
      listed.add(f[0]);
      libraries.add(f[1]);
    }
    Set<String> present = new TreeSet<>();
    for (Path p : files()) present.add(p.getFileName().toString());
    assertThat(present).isEqualTo(listed);
    assertThat(libraries)
        .contains(
            "stdlib",
            "numpy",
            "pandas",
            "scipy",
            "sklearn",
            "joblib",
            "torch",
            "xgboost",
            "statsmodels");
    assertThat(present).hasSizeGreaterThan(500);
  }

  @Test
  void everyFileIsCleanOneByOne() throws Exception {
    Scanner s = new Scanner();
    StringBuilder bad = new StringBuilder();
    for (Path f : files()) {
      FileReport r = s.scan(f);
      if (r.verdict() != Verdict.CLEAN) bad.append(BenignCorpusTest.describe(r)).append('\n');
    }
    assertThat(bad.toString()).isEmpty();
  }

  @Test
  void directoryScanIsClean() throws Exception {
    List<FileReport> all = new Scanner().scanAll(List.of(corpus()));
    assertThat(all).hasSizeGreaterThan(500);
    assertThat(all)
        .allSatisfy(
            r -> assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.CLEAN));
  }

  @Test
  void cythonAndPandasHelpersNeedNoUnknownCall() throws Exception {
    // the names of the issue: each file holds them and none is reported
    Scanner s = new Scanner(ScanPolicy.STRICT, ScanLimits.defaults());
    for (String name :
        List.of(
            "sklearn_HistGradientBoostingClassifier_all_protocols_p5.pkl",
            "pandas_datetime_index_berlin_p5.pkl",
            "pandas_multi_index_p2.pkl",
            "stdlib_array_d_p2.pkl",
            "stdlib_pure_posix_path_p4.pkl")) {
      FileReport r = s.scan(corpus().resolve(name));
      assertThat(r.findings()).as(BenignCorpusTest.describe(r)).isEmpty();
    }
  }
}
