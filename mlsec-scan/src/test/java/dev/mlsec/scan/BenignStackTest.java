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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files the data-science stack writes every day must all scan clean, one by one and as a
 * directory: benign-stack (made by mlsec-scan/tools/allowlist from the real libraries, the corpus
 * the allowlist is generated from) and benign-sweep (mlsec-scan/tools/sweep: objects and writers
 * the allowlist generator does not use), each listed in its MANIFEST.tsv.
 */
class BenignStackTest {

  static Path corpus() throws URISyntaxException {
    return corpus("benign-stack");
  }

  static Path corpus(String name) throws URISyntaxException {
    return Path.of(BenignStackTest.class.getResource("/" + name + "/MANIFEST.tsv").toURI())
        .getParent();
  }

  static List<Path> files() throws IOException, URISyntaxException {
    return files("benign-stack");
  }

  static List<Path> files(String name) throws IOException, URISyntaxException {
    try (var st = Files.list(corpus(name))) {
      return st.filter(f -> !f.getFileName().toString().equals("MANIFEST.tsv")).sorted().toList();
    }
  }

  static Set<String> listed(String name) throws IOException, URISyntaxException {
    Set<String> listed = new TreeSet<>();
    for (String l :
        Files.readAllLines(corpus(name).resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
      if (l.startsWith("#") || l.startsWith("file\t")) continue;
      String[] f = l.split("\t");
      assertThat(f).as(l).hasSize(4);
      listed.add(f[0]);
    }
    return listed;
  }

  @ParameterizedTest
  @ValueSource(strings = {"benign-stack", "benign-sweep"})
  void manifestListsExactlyTheFiles(String name) throws Exception {
    Set<String> present = new TreeSet<>();
    for (Path p : files(name)) present.add(p.getFileName().toString());
    assertThat(present).isEqualTo(listed(name)).hasSizeGreaterThan(150);
  }

  @ParameterizedTest
  @ValueSource(strings = {"benign-stack", "benign-sweep"})
  void everyFileIsCleanOneByOneAndAsADirectory(String name) throws Exception {
    Scanner s = new Scanner();
    StringBuilder bad = new StringBuilder();
    for (Path f : files(name)) {
      FileReport r = s.scan(f);
      if (r.verdict() != Verdict.CLEAN) bad.append(BenignCorpusTest.describe(r)).append('\n');
    }
    assertThat(bad.toString()).isEmpty();
    List<FileReport> all = s.scanAll(List.of(corpus(name)));
    assertThat(all).hasSize(files(name).size() + 1);
    assertThat(all)
        .allSatisfy(
            r -> assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.CLEAN));
  }

  @Test
  void theStackCorpusCoversEveryLibrary() throws Exception {
    Set<String> libraries = new TreeSet<>();
    for (String l : Files.readAllLines(corpus().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
      if (!l.startsWith("#") && !l.startsWith("file\t")) libraries.add(l.split("\t")[1]);
    }
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
    assertThat(files()).hasSizeGreaterThan(500);
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
