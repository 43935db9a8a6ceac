package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The ATLAS techniques of a finding's entry: each pair of workflows differs in exactly the fact
 * that decides the technique (docs/analysis.md, "Techniques of the entry").
 */
class EntryTechniquesTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
  static final Analyzer ANALYZER = new Analyzer(CatalogLoader.builtInCompiled());

  /** A model served to actors, directly or through an application, with a slot for each. */
  static final String SERVED =
      """
      mlsec: 1
      system: t
      components:
        users: {kind: actor, trust: %s, self-registration: %s}
        app: {kind: application, exposure: public, renders: plain-text}
        scorer: {kind: serving, exposure: public, authentication: api-key, outputs: score, rate-limit: none}
        %s
      flows:
        - %s
        - app <-> scorer
        %s
      """;

  static Finding extraction(String trust, String signUp, String extra, String front, String more) {
    Analysis a =
        ANALYZER.analyze(
            TestCatalog.workflow(SERVED.formatted(trust, signUp, extra, front, more)), TODAY);
    return RootCauseTest.finding(a, "model-extraction@scorer");
  }

  static Finding viaApp(String trust, String signUp) {
    return extraction(trust, signUp, "", "users <-> app", "");
  }

  @Test
  void selfRegisteredAccountsAreEstablishedNotValid() {
    assertThat(viaApp("authenticated", "true").refs().atlas())
        .contains(EntryTechniques.ESTABLISH_ACCOUNTS)
        .doesNotContain(EntryTechniques.VALID_ACCOUNTS);
    assertThat(viaApp("authenticated", "false").refs().atlas())
        .contains(EntryTechniques.VALID_ACCOUNTS)
        .doesNotContain(EntryTechniques.ESTABLISH_ACCOUNTS);
  }

  @Test
  void anonymousCallersNeedNoAccountUnlessTheySignUp() {
    assertThat(viaApp("anonymous", "false").refs().atlas())
        .doesNotContain(EntryTechniques.ESTABLISH_ACCOUNTS, EntryTechniques.VALID_ACCOUNTS);
    assertThat(viaApp("anonymous", "true").refs().atlas())
        .contains(EntryTechniques.ESTABLISH_ACCOUNTS);
  }

  @Test
  void theProductInFrontIsTheAccessVector() {
    assertThat(viaApp("anonymous", "false").refs().atlas())
        .contains(EntryTechniques.AI_ENABLED_PRODUCT);
    // the same callers on the model's own API: no product in between
    assertThat(extraction("anonymous", "false", "", "users <-> scorer", "").refs().atlas())
        .doesNotContain(EntryTechniques.AI_ENABLED_PRODUCT);
  }

  /**
   * Callers on the model's own API, and a public third-party service wired to both by {@code more}.
   */
  static java.util.List<String> proxied(String more) {
    String reseller = "reseller: {kind: third-party-service, exposure: public}";
    return extraction("authenticated", "false", reseller, "users <-> scorer", more).refs().atlas();
  }

  @Test
  void aThirdPartyRelayingOutsidersToTheModelIsAProxy() {
    assertThat(proxied("- users <-> reseller\n  - reseller <-> scorer"))
        .contains(EntryTechniques.AI_SERVICE_PROXIES);
    // the service only receives from the model: it relays nobody's requests
    assertThat(proxied("- users <-> reseller\n  - scorer -> reseller"))
        .doesNotContain(EntryTechniques.AI_SERVICE_PROXIES);
  }
}
