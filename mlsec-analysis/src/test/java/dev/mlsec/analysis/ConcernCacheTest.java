package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The concerns' answers kept between runs: the matcher's answers, or none at all. */
class ConcernCacheTest {
  static final Catalog CATALOG = ConcernMatcherTest.CATALOG;
  static final ConcernMatcher MATCHER = ConcernMatcherTest.MATCHER;
  static final List<String> CONCERNS =
      List.of(
          "a breach of cardholder data",
          "fraudsters learning to slip under the score",
          "the weather",
          "bots gaming our A/B test");

  @TempDir Path dir;

  private ConcernCache filled() {
    ConcernCache cache = ConcernCache.open(CATALOG, Synonyms.builtIn(), dir);
    for (String c : CONCERNS) cache.put(c, answer(c));
    cache.save();
    return cache;
  }

  /** The matcher's answer with the concern's score per threat, as the analyzer keeps it. */
  private static ConcernMatcher.Result answer(String concern) {
    return MATCHER.match(concern).withUnits(MATCHER.units(concern));
  }

  @Test
  void aSavedAnswerIsReadBackAsTheMatcherGaveIt() {
    ConcernCache first = ConcernCache.open(CATALOG, Synonyms.builtIn(), dir);
    assertThat(first.get(CONCERNS.get(0))).isEmpty();
    filled();
    ConcernCache again = ConcernCache.open(CATALOG, Synonyms.builtIn(), dir);
    for (String c : CONCERNS) assertThat(again.get(c)).contains(answer(c));
    // the scores per threat come back bit for bit, in their order (the linker ranks by them)
    for (String c : CONCERNS)
      assertThat(List.copyOf(again.get(c).orElseThrow().units().entrySet()))
          .containsExactlyElementsOf(List.copyOf(answer(c).units().entrySet()));
    assertThat(answer(CONCERNS.get(0)).units()).isNotEmpty();
    assertThat(again.get("something never asked")).isEmpty();
  }

  @Test
  void aDamagedOrTruncatedFileIsIgnored() throws IOException {
    Path file = filled().file();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThat(ConcernCache.open(CATALOG, Synonyms.builtIn(), dir).get(CONCERNS.get(0))).isEmpty();
    byte[] flipped = bytes.clone();
    flipped[5] ^= 1; // inside the key
    Files.write(file, flipped);
    assertThat(ConcernCache.open(CATALOG, Synonyms.builtIn(), dir).get(CONCERNS.get(0))).isEmpty();
    Files.write(file, bytes);
    assertThat(ConcernCache.open(CATALOG, Synonyms.builtIn(), dir).get(CONCERNS.get(0)))
        .contains(answer(CONCERNS.get(0)));
  }

  @Test
  void anAnswerNamingAThreatTheCatalogLacksIsNotBelieved() throws IOException {
    Path file = filled().file();
    // a threat id spelled otherwise, at the same length, so the file still parses
    String id = MATCHER.match(CONCERNS.get(0)).matched().get(0);
    String other = id.substring(0, id.length() - 1) + (id.endsWith("x") ? "y" : "x");
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).contains(id);
    Files.write(
        file, text.replace(id, other).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(ConcernCache.open(CATALOG, Synonyms.builtIn(), dir).get(CONCERNS.get(1))).isEmpty();
  }

  @Test
  void anotherCatalogTextOrOtherSynonymsMakeAnotherKey() {
    byte[] key = ConcernCache.key(CATALOG, Synonyms.builtIn());
    assertThat(ConcernCache.key(CATALOG, Synonyms.builtIn())).isEqualTo(key);
    Catalog fewer =
        ConcernMatcherTest.withThreats(CATALOG.threats().subList(1, CATALOG.threats().size()));
    assertThat(ConcernCache.key(fewer, Synonyms.builtIn())).isNotEqualTo(key);
    List<String> rules = new ArrayList<>(Synonyms.builtIn().rules());
    rules.remove(0);
    assertThat(ConcernCache.key(CATALOG, new Synonyms(rules, Synonyms.builtIn().ids())))
        .isNotEqualTo(key);
  }

  @Test
  void anAnalyzerWithTheCacheAnswersAsOneWithoutAndKeepsTheAnswers() {
    Workflow w = WorkflowLoader.load(Examples.file("card-fraud.yaml"));
    CompiledCatalog compiled = CatalogLoader.builtInCompiled();
    LocalDate today = LocalDate.of(2026, 12, 2);
    List<ConcernMatch> plain = new Analyzer(compiled).analyze(w, today).concerns();
    List<ConcernMatch> cold = new Analyzer(compiled, Optional.of(dir)).analyze(w, today).concerns();
    ConcernCache kept = ConcernCache.open(CATALOG, Synonyms.builtIn(), dir);
    assertThat(Files.exists(kept.file())).isTrue();
    for (var c : w.concerns()) assertThat(kept.get(c.text())).isPresent();
    List<ConcernMatch> warm = new Analyzer(compiled, Optional.of(dir)).analyze(w, today).concerns();
    assertThat(cold).isEqualTo(plain).isNotEmpty();
    assertThat(warm).isEqualTo(plain);
  }
}
