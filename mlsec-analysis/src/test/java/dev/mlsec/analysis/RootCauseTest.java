package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalog on small workflows shaped like the ones teams write: findings grouped by
 * root cause, questions per zone boundary, controls credited where they act, calibrated severity.
 */
class RootCauseTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
  static final Analyzer ANALYZER = new Analyzer(CatalogLoader.builtInCompiled());

  static Analysis analyze(String yaml) {
    return ANALYZER.analyze(TestCatalog.workflow("mlsec: 1\nsystem: t\n" + yaml), TODAY);
  }

  static Optional<Finding> find(Analysis a, String id) {
    return a.findings().stream().filter(f -> f.ids().contains(id)).findFirst();
  }

  static Finding finding(Analysis a, String id) {
    return find(a, id)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + id + " in " + a.findings().stream().map(Finding::id).toList()));
  }

  static final String NINE_JOBS =
      """
      components:
        shoppers: {kind: actor, trust: anonymous}
        clicks: {kind: data-source, provenance: user-generated}
        lake: {kind: data-store, stores: training-set, access: restricted, versioned: true}
      %s
      flows:
        - shoppers -> clicks
        - clicks -> lake
      %s
      %s
      """;

  static String nineJobs(String decisions) {
    StringBuilder jobs = new StringBuilder();
    StringBuilder flows = new StringBuilder();
    for (int i = 1; i <= 9; i++) {
      jobs.append("  job-").append(i).append(": {kind: training, method: from-scratch}\n");
      flows.append("  - lake -> job-").append(i).append('\n');
    }
    return NINE_JOBS.formatted(jobs, flows, decisions);
  }

  @Test
  void oneClickstreamFeedingNineJobsIsOneFindingListingTheNine() {
    Analysis a = analyze(nineJobs(""));
    List<Finding> poisoning =
        a.findings().stream().filter(f -> f.threats().contains("backdoor-data-poisoning")).toList();
    assertThat(poisoning).hasSize(1);
    Finding f = poisoning.get(0);
    // the nine jobs, and the clickstream itself as the poisoned source
    List<String> jobs = new ArrayList<>();
    for (int i = 1; i <= 9; i++) jobs.add("job-" + i);
    assertThat(f.targets()).containsAll(jobs).hasSize(10).contains("clicks");
    assertThat(f.ids()).contains("backdoor-data-poisoning@job-1", "backdoor-data-poisoning@job-9");
    assertThat(f.path()).first().isEqualTo("shoppers");
  }

  /** The family a threat groups under: its own, with backdoors counted as data poisoning. */
  static String family(Analysis a, String threat) {
    return FindingGroups.cause(a.catalog().threat(threat).orElseThrow().family());
  }

  @Test
  void oneEntryGivesOneFindingPerFamilyWithEachThreatAsAVariant() {
    Analysis a = analyze(nineJobs(""));
    Map<String, List<String>> byCause = new TreeMap<>();
    for (Finding f : a.findings())
      if (f.component().isPresent() && !f.path().isEmpty())
        byCause
            .computeIfAbsent(
                family(a, f.threat()) + "|" + f.status().id() + "|" + f.path().get(0),
                k -> new ArrayList<>())
            .add(f.id());
    assertThat(byCause.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    Finding poisoning =
        a.findings().stream()
            .filter(f -> family(a, f.threat()).equals("data-poisoning") && f.variants().size() > 1)
            .findFirst()
            .orElseThrow();
    assertThat(poisoning.path()).first().isEqualTo("shoppers");
    assertThat(poisoning.variants().get(0).threat()).isEqualTo(poisoning.threat());
    for (Variant v : poisoning.variants()) {
      assertThat(poisoning.ids()).contains(v.id());
      assertThat(poisoning.refs().atlas()).containsAll(v.refs().atlas());
      assertThat(v.path()).first().isEqualTo("shoppers");
      assertThat(v.severity().ordinal()).isGreaterThanOrEqualTo(poisoning.severity().ordinal());
    }
    assertThat(poisoning.threats()).doesNotHaveDuplicates().hasSize(poisoning.variants().size());
  }

  @Test
  void aDecisionOnAnyVariantAppliesToTheGroup() {
    Analysis before = analyze(nineJobs(""));
    Finding poisoning =
        before.findings().stream().filter(f -> f.variants().size() > 1).findFirst().orElseThrow();
    Variant last = poisoning.variants().get(poisoning.variants().size() - 1);
    Analysis a =
        analyze(
            nineJobs(
                "decisions:\n  - {finding: "
                    + last.id()
                    + ", status: accepted, reason: reviewed}\n"));
    assertThat(finding(a, poisoning.id()).status()).isEqualTo(FindingStatus.ACCEPTED);
  }

  private static Finding only(Analysis a, java.util.function.Predicate<Finding> p) {
    List<Finding> matching = a.findings().stream().filter(p).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  static final String TWO_STORES =
      """
      components:
        shoppers: {kind: actor, trust: anonymous}
        raw: {kind: data-store, stores: raw, access: %s, versioned: true}
        features: {kind: feature-store, access: %<s, versioned: true}
        notebooks: {kind: compute, exposure: internal, authentication: sso}
        train: {kind: training, method: from-scratch}
      flows:
        - shoppers -> raw
        - raw -> features
        - notebooks -> features
        - features -> train
      """;

  @Test
  void findingsWithoutAPathGroupWhenTheirReasonIsTheSame() {
    // restricted stores that outsiders write into: no finding names audit logging as missing, so
    // the missing change audit stands on its own, one finding for both stores
    Analysis a = analyze(TWO_STORES.formatted("restricted"));
    List<Finding> audit =
        a.findings().stream().filter(f -> f.threat().equals("missing-change-audit")).toList();
    assertThat(audit).singleElement().satisfies(f -> assertThat(f.targets()).hasSize(2));
  }

  @Test
  void aControlGapFoldsIntoTheFindingOnItsComponentThatNamesTheControlMissing() {
    // broadly writable stores: broad-data-store-access already lists audit-logging as missing on
    // each store, so the missing change audit is a variant of it, not a finding of its own
    Analysis a = analyze(TWO_STORES.formatted("broad"));
    assertThat(a.findings()).noneMatch(f -> f.threat().equals("missing-change-audit"));
    Finding broad = only(a, f -> f.threat().equals("broad-data-store-access"));
    assertThat(broad.ids()).contains("missing-change-audit@raw", "missing-change-audit@features");
    assertThat(broad.threats()).containsExactly("broad-data-store-access", "missing-change-audit");
    assertThat(broad.mitigations())
        .anySatisfy(
            m -> {
              assertThat(m.control()).isEqualTo("audit-logging");
              assertThat(m.state()).isEqualTo("missing");
            });
    // the group keeps the host's severity and status: --fail-on fails exactly as before
    Analysis restricted = analyze(TWO_STORES.formatted("restricted"));
    Finding gap = finding(restricted, "missing-change-audit@raw");
    assertThat(broad.severity().ordinal()).isLessThanOrEqualTo(gap.severity().ordinal());
    assertThat(broad.status()).isEqualTo(gap.status());
  }

  @Test
  void aConditionalGapUnderAnOpenFindingIsFoldedAndNotAsked() {
    // versions unknown: the gap is conditional, but broad write access already names data
    // versioning as missing on the same stores; the answer would decide nothing actionable
    Analysis a =
        analyze(TWO_STORES.formatted("broad").replace("versioned: true", "versioned: unknown"));
    Finding broad = only(a, f -> f.threat().equals("broad-data-store-access"));
    assertThat(broad.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(broad.ids()).contains("unversioned-training-data@raw");
    assertThat(broad.dependsOn()).isEmpty();
    assertThat(a.openQuestions()).noneMatch(q -> q.attribute().endsWith(".versioned"));
  }

  @Test
  void personalDataReadableByManyFoldsIntoTheCrossTenantLeakOfTheSameStore() {
    String yaml =
        """
        assets:
          tenant-data: {kind: data, sensitivity: personal}
        components:
          tenants: {kind: actor, trust: authenticated}
          app: {kind: application, exposure: public, authentication: oauth}
          bucket: {kind: data-store, stores: raw, access: broad, tenancy: %s, contains: [tenant-data]}
        flows:
          - tenants <-> app
          - app -> bucket
        """;
    Analysis shared = analyze(yaml.formatted("multi-tenant"));
    Finding leak = only(shared, f -> f.threat().equals("cross-tenant-leakage"));
    assertThat(leak.ids()).contains("training-data-exposure@bucket");
    assertThat(leak.threats()).containsExactly("cross-tenant-leakage", "training-data-exposure");
    assertThat(shared.findings()).noneMatch(f -> f.threat().equals("training-data-exposure"));
    // one tenant: no cross-tenant finding, and the broad exposure is its own finding
    Analysis single = analyze(yaml.formatted("single-tenant"));
    assertThat(find(single, "cross-tenant-leakage@bucket")).isEmpty();
    assertThat(find(single, "training-data-exposure@bucket")).isPresent();
  }

  @Test
  void anUnpinnedThirdPartyToolFoldsIntoItsToolPoisoning() {
    String yaml =
        """
        components:
          devs: {kind: actor, trust: internal}
          ide: {kind: application, exposure: internal, renders: plain-text}
          model: {kind: llm, hosting: third-party-api, system-prompt-secret: false, memory: false}
          scraper: {kind: agent-tool, effects: read-only, requires-approval: false, source: third-party, pinned: %s}
        flows:
          - devs <-> ide
          - ide <-> model
          - model <-> scraper
        """;
    Analysis unpinned = analyze(yaml.formatted("false"));
    Finding poisoning = only(unpinned, f -> f.threat().equals("tool-poisoning"));
    assertThat(poisoning.ids()).contains("unpinned-artifact@scraper");
    assertThat(unpinned.findings()).noneMatch(f -> f.threat().equals("unpinned-artifact"));
    // pinned: nothing to fold, and the tool is still a third party's
    Analysis pinned = analyze(yaml.formatted("true"));
    assertThat(find(pinned, "tool-poisoning@scraper")).isPresent();
    assertThat(pinned.findings()).noneMatch(f -> f.ids().contains("unpinned-artifact@scraper"));
  }

  @Test
  void aRegistrysUnsignedModelsFoldIntoItsTampering() {
    String yaml =
        """
        components:
          engineers: {kind: actor, trust: internal}
          train: {kind: training, method: from-scratch}
          registry: {kind: model-registry, artifact-format: tflite, signed: false, access: %s}
          fleet: {kind: application, exposure: partner}
        flows:
          - train -> registry
          - engineers -> registry
          - registry -> fleet
        """;
    Analysis broad = analyze(yaml.formatted("broad"));
    Finding tampering = only(broad, f -> f.threat().equals("registry-tampering"));
    assertThat(tampering.ids()).contains("unsigned-model@registry");
    assertThat(broad.findings()).noneMatch(f -> f.threat().equals("unsigned-model"));
    // restricted: no tampering finding to fold into, and the unsigned models are their own note
    Analysis restricted = analyze(yaml.formatted("restricted"));
    assertThat(find(restricted, "registry-tampering@registry")).isEmpty();
    assertThat(find(restricted, "unsigned-model@registry")).isPresent();
  }

  @Test
  void disclosureByAModelWhosePromptersReachNothingElseFoldsIntoItsTrainingDataExtraction() {
    String yaml =
        """
        assets:
          contracts: {kind: data, sensitivity: personal}
          lookup-key: {kind: credential, grants: read every customer's contracts}
        components:
          firms: {kind: actor, trust: authenticated, self-registration: false}
          app: {kind: application, exposure: public, authentication: password, renders: plain-text}
          model: {kind: llm, hosting: self-hosted, memory: false, system-prompt-secret: false}
          docs: {kind: data-store, stores: training-set, access: restricted, contains: [contracts]}
          tune: {kind: training, method: fine-tune}
          lookup: {kind: agent-tool, effects: read-only, requires-approval: false, source: first-party, contains: [lookup-key]}
        flows:
          - firms <-> app
          - from: app
            to: model
            carries: [contracts]
          - app -> docs
          - docs -> tune
          - tune -> model
        %s
        """;
    // no tool: what the model discloses of other firms is what it learned, one finding
    Analysis learned = analyze(yaml.formatted(""));
    Finding extraction = only(learned, f -> f.threat().equals("llm-training-data-extraction"));
    assertThat(extraction.ids()).contains("sensitive-information-disclosure@model");
    assertThat(learned.findings())
        .noneMatch(f -> f.threat().equals("sensitive-information-disclosure"));
    // a lookup tool with a key of its own reads any firm's contracts: a disclosure of its own
    Analysis tool = analyze(yaml.formatted("  - model <-> lookup"));
    assertThat(find(tool, "llm-training-data-extraction@model").orElseThrow().ids())
        .doesNotContain("sensitive-information-disclosure@model");
    assertThat(find(tool, "sensitive-information-disclosure@model")).isPresent();
  }

  static final String SCORING_CHAIN =
      """
      components:
        drivers: {kind: actor, trust: %s}
        app: {kind: application, exposure: public, authentication: oauth, renders: plain-text}
        device: {kind: serving, exposure: on-device, outputs: score}
        trips: {kind: data-store, stores: raw, access: restricted, versioned: true}
        pricing: {kind: serving, exposure: internal, outputs: score}
      flows:
        - drivers <-> app
        - app <-> device
        - app -> trips
        - trips -> pricing
      """;

  @Test
  void oneMissingAdversarialEvaluationOfAScoringChainIsOneFinding() {
    // the internal pricing model has no evasion finding naming adversarial testing: the gap is a
    // finding of its own there, and one for the whole chain
    Analysis a = analyze(SCORING_CHAIN.formatted("authenticated"));
    List<Finding> gaps =
        a.findings().stream().filter(f -> f.threat().equals("no-adversarial-evaluation")).toList();
    assertThat(gaps).singleElement().satisfies(f -> assertThat(f.targets()).contains("pricing"));
    // on the device, whose evasion finding lists adversarial testing as missing, it is folded
    // into that finding: still reported, under its own id
    assertThat(gaps.get(0).targets()).doesNotContain("device");
    Finding device = only(a, f -> f.ids().contains("no-adversarial-evaluation@device"));
    assertThat(device.threat()).isNotEqualTo("no-adversarial-evaluation");
    assertThat(device.threats()).contains("no-adversarial-evaluation");
  }

  @Test
  void aModelOnlyTheTeamShapesHasNoAdversarialEvaluationGapToGroup() {
    Analysis a = analyze(SCORING_CHAIN.formatted("internal"));
    assertThat(a.findings()).noneMatch(f -> f.threat().equals("no-adversarial-evaluation"));
  }

  @Test
  void aBroadlyReadableStoreIsOneFindingWhetherTheDataIsInItsRecordsOrItsLogs() {
    String yaml =
        """
        assets:
          people: {kind: data, sensitivity: personal}
        components:
          app: {kind: application, exposure: internal}
          logs: {kind: data-store, stores: [logs], access: %s, contains: [people]}
          other: {kind: data-store, stores: [logs], access: broad, contains: [people]}
        flows:
          - app -> logs
          - app -> other
        """;
    Analysis a = analyze(yaml.formatted("broad"));
    Finding store = finding(a, "training-data-exposure@logs");
    assertThat(store.ids()).contains("sensitive-data-in-logs@logs");
    assertThat(store.variants())
        .extracting(Variant::threat)
        .containsExactly("training-data-exposure", "sensitive-data-in-logs");
    // one finding per store: the other store is its own finding
    assertThat(store.targets()).containsExactly("logs");
    assertThat(find(a, "training-data-exposure@other")).isPresent();
    // a restricted store holding the same logs raises neither
    assertThat(find(analyze(yaml.formatted("restricted")), "training-data-exposure@logs"))
        .isEmpty();
  }

  @Test
  void aDecisionOnAnOldPerTargetIdStillAppliesToTheGroup() {
    Analysis a =
        analyze(
            nineJobs(
                "decisions:\n  - {finding: backdoor-data-poisoning@job-7, status: accepted,"
                    + " reason: reviewed}\n"));
    assertThat(finding(a, "backdoor-data-poisoning@job-1").status())
        .isEqualTo(FindingStatus.ACCEPTED);
  }

  @Test
  void flowsCrossingOneZoneBoundaryAskOneQuestion() {
    Analysis a =
        analyze(
            """
            assets:
              pii: {kind: data, sensitivity: personal}
            components:
              a: {kind: data-source, provenance: first-party}
              b: {kind: data-source, provenance: first-party}
              c: {kind: data-source, provenance: first-party}
              store: {kind: data-store, stores: raw, access: restricted}
            flows:
              - {from: a, to: store, carries: [pii]}
              - {from: b, to: store, carries: [pii]}
              - {from: c, to: store, carries: [pii]}
            zones:
              branch: [a, b, c]
              cloud: [store]
            """);
    List<OpenQuestion> encrypted =
        a.openQuestions().stream().filter(q -> q.attribute().endsWith(".encrypted")).toList();
    assertThat(encrypted).hasSize(1);
    assertThat(encrypted.get(0).question()).contains("branch -> cloud").contains("a->store");
    assertThat(a.findings().stream().filter(f -> f.threat().equals("unencrypted-flow")).toList())
        .hasSize(1)
        .first()
        .satisfies(f -> assertThat(f.targets()).hasSize(3));
  }

  static final String SERVED =
      """
      components:
        shoppers: {kind: actor, trust: anonymous}
        clicks: {kind: data-source, provenance: user-generated}
        train: {kind: training, method: continual}
        gate: {kind: evaluation, adversarial-testing: false}
        api: {kind: serving, rate-limit: 100/min, outputs: label}
      flows:
        - shoppers -> clicks
        - clicks -> train
        - train -> gate
        - gate -> api
        - shoppers <-> api
      controls:
        - {id: %s, applies-to: [%s]}
      """;

  @Test
  void aReleaseGateDownstreamOfTrainingCountsForPoisoningAndOneOnNothingWarns() {
    Analysis gated = analyze(SERVED.formatted("release-gate", "gate"));
    // the gate is credited (no warning), but the group is a backdoor, which the catalog says a
    // gate on clean test data does not stop: it is not listed as the group's mitigation
    Finding f = finding(gated, "continual-learning-poisoning@train");
    assertThat(f.threat()).isEqualTo("backdoor-data-poisoning");
    assertThat(f.threats()).contains("continual-learning-poisoning");
    assertThat(f.mitigations()).noneMatch(m -> m.control().equals("release-gate"));
    assertThat(gated.controlWarnings()).isEmpty();
    Analysis misplaced = analyze(SERVED.formatted("output-encoding", "gate"));
    assertThat(misplaced.controlWarnings())
        .singleElement()
        .satisfies(
            w -> assertThat(w.message()).contains("output-encoding on gate covers nothing here"));
  }

  @Test
  void aControlTheCatalogSaysDoesNotStopAThreatOfItsKindWarnsWithThatReason() {
    Analysis a =
        analyze(
            """
            assets:
              customers: {kind: data, sensitivity: personal}
            components:
              lake: {kind: data-store, stores: raw, access: broad, contains: customers}
            flows: []
            controls:
              - {id: encryption-at-rest, applies-to: [lake]}
            """);
    // encryption at rest mitigates no threat of a store the catalog models (the readers read
    // through the storage service): the warning names the threat it is taken for and why
    assertThat(a.controlWarnings())
        .singleElement()
        .satisfies(
            w ->
                assertThat(w.message())
                    .startsWith(
                        "encryption-at-rest on lake lowers no finding here: it does not stop")
                    .contains("read through the storage service")
                    .doesNotContain("not about a data-store"));
  }

  @Test
  void aControlOnTheKindItsThreatsAreAboutIsNoWarningEvenWithoutAFinding() {
    Analysis a =
        analyze(
            """
            components:
              lake: {kind: data-store, stores: raw, access: restricted, versioned: true}
            flows: []
            controls:
              - {id: access-control, applies-to: [lake]}
            """);
    // the store is restricted, perhaps thanks to the control: nothing to warn about
    assertThat(a.controlWarnings()).isEmpty();
  }

  @Test
  void tlsOnAConnectionsEndSecuresItAndIsNoWarningButTlsOnNoConnectionWarns() {
    Analysis secured =
        analyze(
            """
            components:
              partner: {kind: actor, trust: partner}
              api: {kind: serving, exposure: partner, authentication: mtls, outputs: label}
            flows:
              - partner -> api
            zones:
              outside: [partner]
              inside: [api]
            controls:
              - {id: tls, applies-to: [api]}
            """);
    // the connection counts as encrypted, so no transport finding: that is the control's effect
    assertThat(secured.findings())
        .noneSatisfy(f -> assertThat(f.ids()).anyMatch(i -> i.startsWith("unencrypted-flow@")));
    assertThat(secured.controlWarnings()).isEmpty();
    Analysis alone =
        analyze(
            """
            components:
              api: {kind: serving, exposure: partner, authentication: mtls, outputs: label}
              lake: {kind: data-store, stores: raw, access: restricted, versioned: true}
            flows: []
            controls:
              - {id: tls, applies-to: [lake]}
            """);
    assertThat(alone.controlWarnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("tls on lake covers nothing here"));
  }

  @Test
  void aConditionalFindingIsNeverCriticalAndSaysWhy() {
    Analysis a =
        analyze(
            """
            assets:
              weights: {kind: model, value: high}
            components:
              hub: {kind: pretrained-model, source: public-hub, pinned: false, contains: [weights]}
              tune: {kind: training, method: fine-tune}
            flows:
              - hub -> tune
            """);
    Finding f = finding(a, "unsafe-deserialization@hub");
    assertThat(f.status()).isEqualTo(FindingStatus.CONDITIONAL);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.severitySteps()).anyMatch(s -> s.contains("conditional"));
  }

  @Test
  void aScannerConfirmedMaliciousArtifactIsCritical() {
    Analysis a =
        ANALYZER.analyze(
            TestCatalog.workflow(
                """
                mlsec: 1
                system: t
                components:
                  hub: {kind: pretrained-model, source: internal, artifact-format: safetensors}
                  tune: {kind: training, method: fine-tune}
                flows:
                  - hub -> tune
                """),
            TODAY,
            List.of(new ArtifactEvidence("hub", "model.bin", "malicious", "os.system on load")));
    Finding f = finding(a, "unsafe-deserialization@hub");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aFederatedUpdateEntersAtTheParticipantNotAtThePublicHub() {
    Analysis a =
        analyze(
            """
            components:
              phones: {kind: actor, trust: authenticated}
              base: {kind: pretrained-model, source: public-hub, artifact-format: safetensors, pinned: true}
              global: {kind: training, method: federated}
            flows:
              - phones -> global
              - base -> global
            """);
    assertThat(finding(a, "federated-model-poisoning@global").path())
        .containsExactly("phones", "global");
  }

  @Test
  void aCallersWordsInATranscriptAreContentThatEntersAtTheCaller() {
    Analysis a =
        analyze(
            """
            components:
              callers: {kind: actor, trust: anonymous}
              vendor: {kind: labeling, workforce: vendor}
              tune: {kind: training, method: fine-tune}
              asr: {kind: serving, exposure: internal, outputs: text}
              transcripts: {kind: data-store, stores: raw, access: restricted}
              summarizer: {kind: llm, hosting: third-party-api, system-prompt-secret: false, memory: false}
            flows:
              - callers -> asr
              - vendor -> tune
              - tune -> asr
              - asr -> transcripts
              - transcripts -> summarizer
            """);
    Finding f = finding(a, "indirect-prompt-injection@summarizer");
    assertThat(f.path()).first().isEqualTo("callers");
    assertThat(f.why()).anyMatch(w -> w.contains("text from anonymous users"));
    assertThat(find(a, "jailbreak@summarizer")).isEmpty();
  }

  @Test
  void toolsRunByTheOrchestratorAreTheModelsTools() {
    Analysis a =
        analyze(
            """
            components:
              staff: {kind: actor, trust: internal}
              tickets: {kind: data-source, provenance: user-generated}
              index: {kind: retrieval, content: user-generated, shared-across-users: false}
              app: {kind: application}
              ui: {kind: application, renders: markdown}
              llm: {kind: llm, hosting: third-party-api, system-prompt-secret: false, memory: false}
              mail: {kind: agent-tool, effects: external-communication, requires-approval: false, source: first-party}
            flows:
              - staff <-> ui
              - ui <-> app
              - tickets -> index
              - app <-> index
              - app <-> llm
              - app <-> mail
            """);
    assertThat(finding(a, "agent-data-exfiltration@llm").path()).last().isEqualTo("mail");
    assertThat(find(a, "improper-output-handling@ui")).isPresent();
    assertThat(find(a, "improper-output-handling@app")).isEmpty();
    assertThat(a.openQuestions()).noneMatch(q -> q.attribute().equals("app.renders"));
  }
}
