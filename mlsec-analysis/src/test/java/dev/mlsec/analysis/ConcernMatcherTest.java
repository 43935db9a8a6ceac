package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Concerns as teams write them, none copied from the catalog's text, mapped by the Lucene index:
 * the first threat mapped must be one the concern means (a threat id or a family id), and threats
 * it does not mean must not be mapped at all.
 */
class ConcernMatcherTest {
  static final Catalog CATALOG = CatalogLoader.builtIn();
  static final ConcernMatcher MATCHER = new ConcernMatcher(CATALOG);

  /** The built-in catalog with these threats instead of its own. */
  static Catalog withThreats(List<Threat> threats) {
    return new Catalog(
        CATALOG.version(),
        CATALOG.families(),
        threats,
        CATALOG.controls(),
        CATALOG.referenceTitles());
  }

  /** Threat ids of {@code ids}, where a family id stands for all its threats. */
  static Set<String> threats(String ids) {
    Set<String> wanted = Set.of(ids.split(" "));
    return CATALOG.threats().stream()
        .filter(t -> wanted.contains(t.id()) || wanted.contains(t.family()))
        .map(Threat::id)
        .collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the three concerns of issue 8 that keyword matching got wrong
        "someone hiding instructions in a Jira ticket | indirect-prompt-injection | federated-model-poisoning",
        "recovering what users typed | privacy llm-training-data-extraction conversation-history-leak | federated-model-poisoning",
        "competitors scraping our recommendations | model-extraction | cost-harvesting",
        // our own phrasings
        "a rival cloning our fraud model through the API | model-extraction | cost-harvesting",
        "fake reviews skewing what the recommender learns | data-poisoning | model-extraction",
        "someone slipping a trigger pattern into the training images | backdoor | evasion-physical",
        "the chatbot being talked into ignoring its rules | prompt-injection | model-extraction",
        "a booby-trapped checkpoint from the hub running code on our GPUs | supply-chain | cost-harvesting",
        "our OpenAI bill exploding because of abuse | availability | model-extraction",
        "the assistant telling customers what its hidden prompt says | system-prompt-leakage | model-extraction",
        "patient recordings ending up with the transcription vendor | third-party-model-data-exposure | federated-model-poisoning",
        "one tenant seeing another tenant's documents in answers | cross-tenant-leakage cross-user-retrieval-leak | cost-harvesting",
        "fraudsters tweaking transactions until the score stays under the threshold | evasion | cost-harvesting",
        "the agent emailing our customer database to an outsider | agent-data-exfiltration excessive-agency agent-hijacking | cost-harvesting",
        "people pulling the model file out of our Android app | app-bundle-model-theft on-device-model-tampering | federated-model-poisoning",
        "bots gaming our A/B test | ab-test-manipulation | cost-harvesting",
        "the robot arm acting on a wrong prediction without anyone confirming | unreviewed-actuation | model-extraction",
        "a look-alike model name on Hugging Face | hub-model-impersonation | cost-harvesting",
        "re-identifying people from the synthetic dataset we publish | re-identification-from-released-data | federated-model-poisoning",
      })
  void mapsWhatTheTeamMeans(String concern, String means, String notMeant) {
    ConcernMatcher.Result r = MATCHER.match(concern);
    assertThat(r.matched()).as(concern + " " + MATCHER.scores(concern)).isNotEmpty();
    assertThat(threats(means))
        .as(concern + " " + MATCHER.scores(concern))
        .contains(r.matched().get(0));
    assertThat(r.matched()).doesNotContainAnyElementsOf(threats(notMeant));
    assertThat(r.closest()).doesNotContainAnyElementsOf(r.matched());
  }

  @Test
  void aConcernTheCatalogDoesNotCoverMapsToNothingButSaysWhatCameClosest() {
    ConcernMatcher.Result r = MATCHER.match("the office coffee machine is too slow");
    assertThat(r.matched())
        .as(String.valueOf(MATCHER.scores("the office coffee machine is too slow")))
        .isEmpty();
    ConcernMatcher.Result vague = MATCHER.match("attackers doing something bad to our data");
    assertThat(vague.matched()).isEmpty();
    assertThat(vague.closest()).isNotEmpty().hasSizeLessThanOrEqualTo(ConcernMatcher.MAX_CLOSEST);
    assertThat(MATCHER.match("").matched()).isEmpty();
    assertThat(MATCHER.match("!!! ???").closest()).isEmpty();
  }

  @Test
  void theSameConcernAlwaysGivesTheSameAnswer() {
    ConcernMatcher other = new ConcernMatcher(CATALOG);
    for (String c :
        List.of(
            "competitors scraping our recommendations",
            "recovering what users typed",
            "x".repeat(5000),
            // the most synonym-rich words, far beyond the words read: the query stays in bounds
            "recovering jira ticket bots ".repeat(200)))
      assertThat(other.match(c)).isEqualTo(MATCHER.match(c));
  }

  @Test
  void theBuiltInCatalogOpensTheIndexMadeAtBuildTimeAndItAnswersAsOneBuiltHere() {
    ConcernMatcher built = new ConcernMatcher(CATALOG, Synonyms.builtIn(), Optional.empty());
    assertThat(MATCHER.prebuilt()).isTrue();
    assertThat(built.prebuilt()).isFalse();
    List<String> concerns = new ArrayList<>();
    for (Threat t : CATALOG.threats()) {
      concerns.add(t.title());
      concerns.add(t.summary());
      concerns.addAll(t.keywords());
    }
    concerns.addAll(List.of("recovering what users typed", "recovering jira ticket bots "));
    for (String c : concerns) {
      assertThat(MATCHER.match(c)).as(c).isEqualTo(built.match(c));
      assertThat(MATCHER.scores(c)).as(c).isEqualTo(built.scores(c));
    }
  }

  @Test
  void anIndexMadeFromOtherTextOrOtherSynonymsOrDamagedIsNotUsed() throws Exception {
    Optional<ConcernMatcher.Prebuilt> inJar = ConcernMatcher.Prebuilt.builtIn();
    assertThat(inJar).isPresent();
    Threat first = CATALOG.threats().get(0);
    List<Threat> threats = new ArrayList<>(CATALOG.threats());
    threats.set(0, retitled(first, "Model weights copied off a stolen laptop"));
    Catalog changed = withThreats(threats);
    ConcernMatcher other = new ConcernMatcher(changed, Synonyms.builtIn(), inJar);
    assertThat(other.prebuilt()).isFalse();
    assertThat(other.match("weights copied off a stolen laptop").matched())
        .containsExactly(first.id());
    Synonyms fewer = new Synonyms(List.of("laptop, notebook"), Map.of());
    assertThat(new ConcernMatcher(CATALOG, fewer, inJar).prebuilt()).isFalse();

    byte[] bytes = ConcernMatcher.Prebuilt.write(CATALOG, Synonyms.builtIn());
    assertThat(ConcernMatcher.Prebuilt.read(bytes)).isPresent();
    assertThat(ConcernMatcher.Prebuilt.read(Arrays.copyOf(bytes, bytes.length - 1))).isEmpty();
    assertThat(ConcernMatcher.Prebuilt.read(Arrays.copyOf(bytes, bytes.length + 1))).isEmpty();
    byte[] otherFormat = bytes.clone();
    otherFormat[3]++;
    assertThat(ConcernMatcher.Prebuilt.read(otherFormat)).isEmpty();
  }

  private static Threat retitled(Threat t, String title) {
    return new Threat(
        t.id(),
        title,
        t.threatClass(),
        t.family(),
        t.stage(),
        t.appliesTo(),
        t.condition(),
        t.why(),
        t.path(),
        t.impact(),
        t.summary(),
        t.detail(),
        t.attackerNeeds(),
        t.businessImpact(),
        t.firstStep(),
        t.falsePositive(),
        t.keywords(),
        t.refs(),
        t.position());
  }
}
