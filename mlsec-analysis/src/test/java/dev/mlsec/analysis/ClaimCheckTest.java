package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A claim is judged by what the control is (a {@code custom:} control by the catalog control its
 * name and description say it is) and by what the workflow exposes: a belief the catalog rejects in
 * general holds here when nobody outside the team reaches the component and the analysis finds no
 * such threat on it; a partial one names the findings that pass the control by.
 */
class ClaimCheckTest {

  static final String AGENT =
      """
      components:
        caller: {kind: actor, trust: anonymous}
        voice-app: {kind: application, exposure: public, renders: plain-text}
        agent-llm: {kind: llm, hosting: third-party-api, memory: false}
      flows:
        - caller <-> voice-app
        - voice-app <-> agent-llm
      controls:
        - id: custom:%s
          description: %s
          applies-to: [voice-app]
          believed-to-stop: [%s]
      """;

  static Claim claim(String yaml) {
    List<Claim> claims = RootCauseTest.analyze(yaml).claims();
    assertThat(claims).hasSize(1);
    return claims.get(0);
  }

  @Test
  void aCustomIdentityCheckIsJudgedAsAuthentication() {
    Claim c =
        claim(
            AGENT.formatted(
                "caller-id-check",
                "the agent checks the caller ID and the spoken date of birth",
                "prompt-injection"));
    assertThat(c.verdict()).isEqualTo("does-not-hold");
    assertThat(c.reason()).contains("judged as authentication of callers (authentication)");
  }

  @Test
  void aDomainAllowlistIsJudgedAsEgressRestriction() {
    Claim c =
        claim(
            AGENT.formatted(
                "domain-allowlist",
                "the browser may only open domains on the approved list",
                "prompt-injection"));
    assertThat(c.reason()).contains("(egress-control)");
    assertThat(c.verdict()).isNotEqualTo("unverified").doesNotStartWith("holds");
  }

  @Test
  void aWeakMatchStaysUnverifiedAndNamesWhatDoesStopTheThreat() {
    // "validation" alone is a word of input validation, but a certificate is no such control
    Claim c =
        claim(
            AGENT.formatted(
                "vendor-certificate",
                "the vendor's certificate of validation",
                "prompt-injection"));
    assertThat(c.verdict()).isEqualTo("unverified");
    assertThat(c.reason())
        .doesNotContain("judged as")
        .contains("Catalog controls that do act on prompt-injection:")
        .contains("untrusted-content-isolation");
  }

  @Test
  void withoutAWorkflowACustomControlIsJudgedByTheCatalogAlone() {
    BeliefCheck beliefs = new BeliefCheck(CatalogLoader.builtIn());
    Claim c = beliefs.claim("custom:kyb-check", "data-poisoning");
    assertThat(c.reason()).contains("(account-verification)");
    assertThat(beliefs.claim("network-isolation", "evasion").verdict()).isEqualTo("does-not-hold");
  }

  static final String GAUGES =
      """
      components:
        %s
        gauges: {kind: data-source, provenance: [first-party]}
        telemetry: {kind: data-store, stores: [raw], access: restricted, exposure: internal, authentication: mtls, versioned: true}
        report: {kind: data-store, stores: [raw], access: restricted, exposure: internal, authentication: mtls, versioned: true}
        fill: {kind: compute}
      flows:
        - gauges -> telemetry
        - telemetry -> fill
        - fill -> report
        %s
      controls:
        - id: network-isolation
          applies-to: [telemetry]
          believed-to-stop: [evasion]
      """;

  @Test
  void isolationOfAnInputNoOutsiderReachesHoldsHere() {
    Claim c = claim(GAUGES.formatted("", ""));
    assertThat(c.verdict()).isEqualTo("holds-here");
    assertThat(c.holds()).isTrue();
    assertThat(c.reason())
        .startsWith("Network isolation is not known to stop evasion")
        .contains("nobody outside the team writes into, shapes or queries telemetry");
  }

  static final String OFFLINE_COUNTER =
      """
      components:
        microscope: {kind: data-source, provenance: [first-party, sensor]}
        counter: {kind: serving, exposure: internal, inputs: [image], outputs: [score], human-review: all}
        staff: {kind: actor, trust: internal}
      flows:
        - microscope -> counter
        - counter -> staff
      controls:
        - id: network-isolation
          applies-to: [counter%s]
          believed-to-stop: [evasion]
      """;

  /**
   * The team's own instrument feeding a model on an offline workstation: nobody outside can put a
   * reading into the feed, so the isolation belief holds here (round 12a: it was rejected while the
   * microscope counted as a sensor anyone stands in front of).
   */
  @Test
  void isolationOfTheTeamsOwnInstrumentHoldsHere() {
    assertThat(claim(OFFLINE_COUNTER.formatted("")).verdict()).isEqualTo("holds-here");
  }

  @Test
  void isolationOfAnInputAnOutsiderWritesDoesNotHold() {
    Claim c =
        claim(GAUGES.formatted("public: {kind: actor, trust: anonymous}", "- public -> telemetry"));
    assertThat(c.verdict()).isEqualTo("does-not-hold");
    assertThat(c.holds()).isFalse();
  }

  @Test
  void isolationOfAnInputDoesNotHoldWhereTheThreatIsExposedElsewhere() {
    // the isolated telemetry is reached by no outsider, but anonymous callers probe another model:
    // the workflow is exposed to evasion, the isolation only stands where it does not act
    Claim c =
        claim(
            GAUGES.formatted(
                "public: {kind: actor, trust: anonymous}\n"
                    + "  score: {kind: serving, exposure: public, outputs: probabilities}",
                "- public <-> score"));
    assertThat(c.verdict()).isEqualTo("does-not-hold");
    assertThat(c.holds()).isFalse();
  }

  @Test
  void aPartialControlNamesTheFindingsThatPassItBy() {
    String yaml =
        """
        components:
          customer: {kind: actor, trust: anonymous}
          web: {kind: application, exposure: public}
          score-a: {kind: serving, exposure: public, outputs: probabilities}
          score-b: {kind: serving, exposure: public, outputs: probabilities}
        flows:
          - customer <-> web
          - web <-> score-a
          - customer <-> score-b
        controls:
          - id: rate-limiting
            applies-to: [web]
            believed-to-stop: [model-extraction]
        """;
    Analysis a = RootCauseTest.analyze(yaml);
    assertThat(a.findings()).anyMatch(f -> f.id().equals("model-extraction@score-b"));
    Claim c = a.claims().get(0);
    assertThat(c.verdict()).isEqualTo("partly");
    assertThat(c.reason())
        .contains("model-extraction@score-b")
        .contains("by a path that does not pass through web");
  }

  /**
   * A model trained weekly, stored in a registry, served to anonymous callers; the signing of the
   * registry and the serving is believed to stop a backdoor. %s is where the training data comes
   * from.
   */
  static final String SIGNED =
      """
      components:
        %s
        store: {kind: data-store, stores: training-set, access: restricted, encrypted-at-rest: true, versioned: true}
        train: {kind: training, method: from-scratch}
        registry: {kind: model-registry, access: restricted, signed: true, artifact-format: safetensors}
        serving: {kind: serving, exposure: public, outputs: probabilities}
        public: {kind: actor, trust: anonymous}
      flows:
        - src -> store
        - store -> train
        - train -> registry
        - registry -> serving
        - public <-> serving
      controls:
        - id: model-signing
          applies-to: [registry, serving]
          believed-to-stop: [backdoor]
      """;

  /**
   * Signing verified at load stops a backdoor written into the file after training or a swapped
   * model; with no way for poison into training the belief holds, although outsiders query the
   * model (it was rejected with "a model trained on poisoned data is signed like any other").
   */
  @Test
  void signingAgainstABackdoorHoldsWhereNoPoisonReachesTraining() {
    List<Claim> claims =
        RootCauseTest.analyze(
                SIGNED.formatted("src: {kind: data-source, provenance: [first-party]}"))
            .claims();
    assertThat(claims).hasSize(2).allMatch(c -> c.verdict().equals("holds-here"));
    assertThat(claims.get(0).reason())
        .contains("this stops a backdoor written into the model file after training");
  }

  /** Where outsiders' labels train the model, signing holds partly and the poisoning is named. */
  @Test
  void signingAgainstABackdoorHoldsPartlyWherePoisonReachesTraining() {
    Analysis a =
        RootCauseTest.analyze(SIGNED.formatted("src: {kind: labeling, workforce: vendor}"));
    assertThat(a.findings()).anyMatch(f -> f.threats().contains("backdoor-data-poisoning"));
    assertThat(a.claims())
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.verdict()).isEqualTo("partly");
              assertThat(c.holds()).isFalse();
              assertThat(c.reason())
                  .contains("backdoor-data-poisoning@train")
                  .contains("which the signature does not stop");
            });
  }

  /** Customer accounts query a scoring service through an app; access control on the app. */
  static final String ACCOUNTS =
      """
      assets:
        scorer: {kind: model, value: %s}
      components:
        customers: {kind: actor, trust: authenticated, self-registration: %s}
        app: {kind: application, exposure: public, authentication: password}
        score: {kind: serving, exposure: public, outputs: probabilities, contains: [scorer]}
      flows:
        - customers <-> app
        - app <-> score
      controls:
        - id: access-control
          applies-to: [app]
          believed-to-stop: [model-extraction]
      """;

  /**
   * Only accounts the team creates reach a model of medium value: access control does keep the
   * copying to those known callers, so it holds partly (it was rejected because "legitimate
   * customers" may query).
   */
  @Test
  void accessControlAgainstExtractionHoldsPartlyWhereOnlyKnownAccountsQueryAModestModel() {
    Claim c = claim(ACCOUNTS.formatted("medium", "false"));
    assertThat(c.verdict()).isEqualTo("partly");
    assertThat(c.reason()).contains("only accounts the team creates reach app");
  }

  @Test
  void accessControlAgainstExtractionDoesNotHoldForSelfRegisteredAccountsOrAValuableModel() {
    assertThat(claim(ACCOUNTS.formatted("medium", "true")).verdict()).isEqualTo("does-not-hold");
    assertThat(claim(ACCOUNTS.formatted("high", "false")).verdict()).isEqualTo("does-not-hold");
  }

  /**
   * The owner alone queries a low-value advisor behind network isolation: nobody outside the team
   * queries it and nothing exposes extraction, so the belief holds (it was "partly" because "known
   * callers can still query their way to a copy").
   */
  @Test
  void isolationAgainstExtractionHoldsWhereOnlyTheOwnerQueries() {
    Claim c =
        claim(
            """
            assets:
              m: {kind: model, value: low}
            components:
              owner: {kind: actor, trust: internal}
              advisor: {kind: serving, exposure: internal, authentication: none, outputs: score, contains: [m]}
            flows:
              - owner <-> advisor
            controls:
              - id: network-isolation
                applies-to: [advisor]
                believed-to-stop: [model-extraction]
            """);
    assertThat(c.verdict()).isEqualTo("holds-here");
    assertThat(c.reason())
        .contains("nobody outside the team writes into, shapes or queries advisor");
  }

  /** A public chart behind a rate limit, returning only an ordered list of records. */
  static final String CHART =
      """
      components:
        listeners: {kind: actor, trust: anonymous}
        chart: {kind: serving, exposure: public, authentication: none, rate-limit: 120/min, outputs: %s}
      flows:
        - listeners <-> chart
      controls:
        - id: rate-limiting
          applies-to: [chart]
          believed-to-stop: [model-extraction]
      """;

  @Test
  void rateLimitAgainstExtractionHoldsOnAServingThatOnlyOrdersRecords() {
    Claim c = claim(CHART.formatted("records"));
    assertThat(c.verdict()).isEqualTo("holds-here");
    assertThat(c.reason()).contains("chart returns only an ordered list of records");
    // a score tells a copier how close each try came: the general "partly" stands
    assertThat(claim(CHART.formatted("score")).verdict()).isNotEqualTo("holds-here");
  }

  /** An agent that deletes, reading an inventory that every engineer's tooling writes. */
  static final String CLEANUP =
      """
      components:
        engineers: {kind: actor, trust: internal}
        chat: {kind: application, exposure: internal, renders: plain-text}
        inventory: {kind: data-source, provenance: user-generated}
        agent-llm: {kind: llm, hosting: third-party-api, memory: false}
        read: {kind: agent-tool, effects: [read-only], requires-approval: false, source: first-party}
        cleanup: {kind: agent-tool, effects: [writes], source: first-party, name: Delete volumes}
      flows:
        - engineers <-> chat
        - chat <-> agent-llm
        - inventory -> read
        - agent-llm <-> read
        - agent-llm <-> cleanup
      controls:
        - id: human-approval
          description: %s
          applies-to: [cleanup]
          believed-to-stop: [excessive-agency]
      """;

  @Test
  void anApprovalOfEveryCallStopsExcessiveAgency() {
    Analysis a = RootCauseTest.analyze(CLEANUP.formatted("a person approves every delete"));
    assertThat(a.claims().get(0).verdict()).isEqualTo("holds");
    assertThat(RootCauseTest.finding(a, "excessive-agency@agent-llm").mitigations())
        .contains(new Mitigation("human-approval", "implemented", "full"));
  }

  @Test
  void anApprovalKeyedOnATagTheSteeringInputSetsStopsNothing() {
    Analysis a =
        RootCauseTest.analyze(
            CLEANUP.formatted("a person approves deletes of volumes tagged env=prod"));
    Claim c = a.claims().get(0);
    assertThat(c.verdict()).isEqualTo("does-not-hold");
    assertThat(c.reason())
        .contains("The approval on cleanup is asked only for items that bear a tag, label or flag");
    assertThat(RootCauseTest.finding(a, "excessive-agency@agent-llm").mitigations())
        .contains(new Mitigation("human-approval", "missing", "full"));
  }

  @Test
  void anApprovalKeyedOnATagHoldsWhereOnlyTheTeamWritesTheInput() {
    Analysis a =
        RootCauseTest.analyze(
            CLEANUP
                .formatted("a person approves deletes of volumes tagged env=prod")
                .replace("provenance: user-generated", "provenance: first-party"));
    assertThat(a.claims().get(0).verdict()).isEqualTo("holds");
  }
}
