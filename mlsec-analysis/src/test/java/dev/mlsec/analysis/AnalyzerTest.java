package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.catalog.Severity;
import dev.mlsec.model.InputException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
  static final Analyzer ANALYZER = new Analyzer(TestCatalog.CATALOG);

  static Analysis analyze(String yaml) {
    return ANALYZER.analyze(TestCatalog.workflow("mlsec: 1\nsystem: t\n" + yaml), TODAY);
  }

  static Finding finding(Analysis a, String id) {
    return find(a, id).orElseThrow(() -> new AssertionError("no " + id + " in " + ids(a)));
  }

  static Optional<Finding> find(Analysis a, String id) {
    return a.findings().stream().filter(f -> f.id().equals(id)).findFirst();
  }

  static List<String> ids(Analysis a) {
    return a.findings().stream().map(Finding::id).toList();
  }

  static String api(String rate, String extra) {
    return """
        components:
          users: {kind: actor, trust: partner}
          api: {kind: serving%s}
        flows:
          - users <-> api
        %s"""
        .formatted(rate == null ? "" : ", rate-limit: " + rate, extra);
  }

  @Test
  void openWhenTheConditionHolds() {
    Finding f = finding(analyze(api("none", "")), "steal-model@api");
    assertThat(f.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(f.why()).containsExactly("api answers partner callers", "rate limit none");
    assertThat(f.path()).containsExactly("users", "api");
    // high impact, but only a partner can reach it: medium likelihood lowers it one step
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.location().line()).isEqualTo(5);
    assertThat(f.component()).contains("api");
  }

  @Test
  void absentWhenItDoesNot() {
    assertThat(find(analyze(api("100/min", "")), "steal-model@api")).isEmpty();
  }

  @Test
  void unknownAttributeMakesItConditionalWithAQuestion() {
    Analysis a = analyze(api(null, ""));
    Finding f = finding(a, "steal-model@api");
    assertThat(f.status()).isEqualTo(FindingStatus.CONDITIONAL);
    assertThat(f.dependsOn()).containsExactly("api.rate-limit");
    assertThat(f.why()).contains("rate limit unknown");
    OpenQuestion q = a.openQuestions().get(0);
    assertThat(q.attribute()).isEqualTo("api.rate-limit");
    assertThat(q.decides()).containsExactly("steal-model@api");
    assertThat(q.question()).contains("rate-limit").contains("api");
  }

  @Test
  void unknownOfAnotherComponentDecidesThroughTheFacts() {
    Analysis a =
        analyze(
            """
            components:
              users: {kind: actor}
              api: {kind: serving, rate-limit: none}
            flows:
              - users <-> api
            """);
    Finding f = finding(a, "steal-model@api");
    assertThat(f.status()).isEqualTo(FindingStatus.CONDITIONAL);
    assertThat(f.dependsOn()).containsExactly("users.trust");
    assertThat(a.openQuestions())
        .extracting(OpenQuestion::attribute)
        .containsExactly("users.trust");
  }

  @Test
  void decisionsSetTheStatusUntilTheyExpire() {
    String inForce =
        "decisions:\n  - {finding: steal-model@api, status: accepted, reason: r, until: 2027-01-01}\n";
    Finding accepted = finding(analyze(api("none", inForce)), "steal-model@api");
    assertThat(accepted.status()).isEqualTo(FindingStatus.ACCEPTED);
    assertThat(accepted.decision()).isPresent();
    String expired =
        "decisions:\n  - {finding: steal-model@api, status: accepted, reason: r, until: 2026-01-01}\n";
    Finding reopened = finding(analyze(api("none", expired)), "steal-model@api");
    assertThat(reopened.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(reopened.decision()).isEmpty();
    assertThat(reopened.why()).anyMatch(w -> w.contains("expired on 2026-01-01"));
  }

  @Test
  void mitigationsLowerSeverityOrMitigate() {
    Finding partial =
        finding(
            analyze(api("none", "controls:\n  - {id: throttle, applies-to: [api]}\n")),
            "steal-model@api");
    assertThat(partial.severity()).isEqualTo(Severity.LOW);
    assertThat(partial.severitySteps()).contains("-1 throttle (partial) implemented in its scope");
    assertThat(partial.mitigations())
        .containsExactly(
            new Mitigation("throttle", "implemented", "partial"),
            new Mitigation("vault", "missing", "full"));
    Finding full =
        finding(
            analyze(api("none", "controls:\n  - {id: vault, applies-to: [api]}\n")),
            "steal-model@api");
    assertThat(full.status()).isEqualTo(FindingStatus.MITIGATED);
    Finding planned =
        finding(
            analyze(
                api("none", "controls:\n  - {id: vault, applies-to: [api], status: planned}\n")),
            "steal-model@api");
    assertThat(planned.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(planned.mitigations()).contains(new Mitigation("vault", "planned", "full"));
  }

  @Test
  void claimsAreCheckedAgainstTheCatalog() {
    Analysis a =
        analyze(
            api(
                "none",
                """
                controls:
                  - {id: throttle, applies-to: [api], believed-to-stop: [steal-model, poisoning]}
                  - {id: vault, applies-to: [api], believed-to-stop: [extraction, poison-training]}
                  - {id: crypto, applies-to: [api], believed-to-stop: [steal-model]}
                  - {id: "custom:waf", applies-to: [api], believed-to-stop: [inject]}
                """));
    assertThat(a.claims())
        .extracting(Claim::control, Claim::believedToStop, Claim::verdict, Claim::holds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("throttle", "steal-model", "partly", false),
            org.assertj.core.groups.Tuple.tuple("throttle", "poisoning", "does-not-hold", false),
            org.assertj.core.groups.Tuple.tuple("vault", "extraction", "holds", true),
            org.assertj.core.groups.Tuple.tuple("vault", "poison-training", "does-not-hold", false),
            org.assertj.core.groups.Tuple.tuple("crypto", "steal-model", "does-not-hold", false),
            org.assertj.core.groups.Tuple.tuple("custom:waf", "inject", "unverified", false));
    assertThat(a.claims().get(1).reason()).isEqualTo("Throttling does not vet data.");
    assertThat(a.claims().get(3).reason()).contains("extraction");
    assertThat(a.claims().get(4).reason()).isEqualTo("Encrypted queries still reveal answers.");
  }

  @Test
  void concernsAreMatchedByKeywords() {
    Analysis a =
        analyze(api("none", "concerns:\n  - Someone STEALING the model!\n  - the weather\n"));
    assertThat(a.concerns().get(0).matched()).containsExactly("steal-model");
    assertThat(a.concerns().get(0).exposed()).containsExactly("steal-model@api");
    assertThat(a.concerns().get(1).matched()).isEmpty();
    assertThat(a.unmatchedThreats()).doesNotContain("steal-model");
  }

  @Test
  void scannerEvidenceOpensDeserialization() {
    String yaml =
        """
        mlsec: 1
        system: t
        components:
          base: {kind: pretrained-model, artifact-format: safetensors}
          reg: {kind: model-registry, artifact-format: pickle}
        flows:
          - base -> reg
        """;
    var w = TestCatalog.workflow(yaml);
    assertThat(find(ANALYZER.analyze(w, TODAY), "pickle-load@base")).isEmpty();
    Analysis a =
        ANALYZER.analyze(
            w,
            TODAY,
            List.of(
                new ArtifactEvidence("base", "model.bin", "malicious", "GLOBAL os.system"),
                new ArtifactEvidence("reg", "m.pkl", "clean", "no imports")));
    Finding base = finding(a, "pickle-load@base");
    assertThat(base.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(base.why()).anyMatch(s -> s.contains("model.bin") && s.contains("malicious"));
    assertThat(finding(a, "pickle-load@reg").why()).anyMatch(s -> s.startsWith("evidence: m.pkl"));
  }

  @Test
  void flowsAreTargetsToo() {
    Analysis a =
        analyze(
            """
            components:
              users: {kind: actor, trust: partner}
              api: {kind: serving, rate-limit: 100/min}
            flows:
              - users -> api
            zones:
              outside: [users]
            """);
    Finding f = finding(a, "plain-flow@users->api");
    assertThat(f.status()).isEqualTo(FindingStatus.CONDITIONAL);
    assertThat(f.dependsOn()).containsExactly("users->api.encrypted");
    assertThat(f.flow()).contains("users->api");
    assertThat(a.openQuestions().get(0).question()).contains("users->api");
  }

  @Test
  void pathsAndOrder() {
    Analysis a =
        analyze(
            """
            components:
              users: {kind: actor, trust: authenticated}
              appeals: {kind: feedback}
              crowd: {kind: labeling, workforce: crowd}
              set: {kind: data-store}
              train: {kind: training}
              reg: {kind: model-registry, artifact-format: pickle}
              api: {kind: serving, rate-limit: none}
              chat: {kind: llm}
              kb: {kind: retrieval, content: public-web}
              docs: {kind: data-source, provenance: public-web}
              tool: {kind: agent-tool, effects: code-execution, requires-approval: false}
            flows:
              - users -> appeals
              - appeals -> set
              - crowd -> set
              - set -> train
              - train -> reg
              - reg -> api
              - users <-> api
              - docs -> kb
              - kb -> chat
              - chat -> tool
            """);
    assertThat(finding(a, "poison-training@train").path()).containsExactly("crowd", "set", "train");
    assertThat(finding(a, "loop-poison@train").path())
        .containsExactly("users", "appeals", "set", "train");
    assertThat(finding(a, "inject@chat").path()).containsExactly("docs", "kb", "chat", "tool");
    assertThat(finding(a, "pickle-load@reg").path()).containsExactly("reg", "api");
    List<String> classes = a.findings().stream().map(f -> f.threatClass().id()).distinct().toList();
    assertThat(classes).containsExactly("ml-specific", "ml-amplified");
    for (int i = 1; i < a.findings().size(); i++) {
      Finding p = a.findings().get(i - 1);
      Finding q = a.findings().get(i);
      if (p.threatClass() == q.threatClass())
        assertThat(p.severity().compareTo(q.severity())).isLessThanOrEqualTo(0);
    }
  }

  @Test
  void catalogAwareChecksPointAtTheLine() {
    assertThatThrownBy(
            () -> analyze(api("none", "controls:\n  - {id: throttel, applies-to: [api]}\n")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("throttel")
        .satisfies(e -> assertThat(((InputException) e).hint()).contains("throttle"))
        .satisfies(e -> assertThat(((InputException) e).position().line()).isEqualTo(9));
    assertThatThrownBy(
            () ->
                analyze(
                    api(
                        "none",
                        "controls:\n  - {id: vault, applies-to: [api], believed-to-stop: [extration]}\n")))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).hint()).contains("extraction"));
    assertThatThrownBy(
            () ->
                analyze(
                    api("none", "decisions:\n  - {finding: stael-model@api, status: accepted}\n")))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).hint()).contains("steal-model"));
  }
}
