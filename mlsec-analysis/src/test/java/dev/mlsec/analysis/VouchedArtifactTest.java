package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.Severity;
import org.junit.jupiter.api.Test;

/**
 * Severity of supply-chain threats on an artifact someone vouched for (docs/analysis.md, severity):
 * a pin by digest or a signing registry rules out a swap upstream, not a flaw in the version that
 * was checked, so the finding stays, one step lower. Each pair differs in that one attribute.
 */
class VouchedArtifactTest {

  /**
   * A public-hub base tuned into an agent that drives a tool: a pinned base is still raised there
   * (a trigger in the published weights makes the agent act), one step lower per pin.
   */
  static final String BASE =
      """
      components:
        base: {kind: pretrained-model, source: public-hub, artifact-format: safetensors, pinned: %s}
        tune: {kind: training, method: fine-tune}
        agent: {kind: llm, hosting: self-hosted, system-prompt-secret: false, memory: false}
        tickets: {kind: agent-tool, effects: [writes], requires-approval: false, source: first-party}
      flows:
        - base -> tune
        - tune -> agent
        - agent <-> tickets
      """;

  @Test
  void aPinnedHubModelBehindNoActingModelIsNotRaised() {
    String classifier =
        """
        components:
          base: {kind: pretrained-model, source: public-hub, artifact-format: safetensors, pinned: %s}
          tune: {kind: training, method: fine-tune}
          api: {kind: serving, exposure: internal, authentication: sso, outputs: label}
        flows:
          - base -> tune
          - tune -> api
        """;
    String id = "poisoned-pretrained-model@base";
    // the pin leaves only a backdoor its publisher planted in weights everyone downloads, which
    // gains nobody anything where no trigger makes the model act; unpinned, a swap upstream is open
    assertThat(RootCauseTest.analyze(classifier.formatted("true")).findings())
        .noneMatch(f -> f.id().equals(id) || f.aliases().contains(id));
    assertThat(severity(RootCauseTest.analyze(classifier.formatted("false")), id))
        .isEqualTo(Severity.HIGH);
  }

  static final String STORE =
      """
      components:
        store: {kind: model-registry, artifact-format: unknown, signed: %s, access: %s}
        api: {kind: serving, exposure: internal, authentication: sso, outputs: label}
      flows:
        - store -> api
      """;

  /** The severity of one threat at one target, as a finding or as a variant of a group. */
  static Severity severity(Analysis a, String id) {
    Finding f = RootCauseTest.finding(a, id);
    if (f.id().equals(id)) return f.severity();
    return f.variants().stream()
        .filter(v -> v.id().equals(id))
        .map(Variant::severity)
        .findFirst()
        .orElse(f.severity());
  }

  @Test
  void aPinnedHubModelIsRatedTwoStepsBelowAnUnpinnedOne() {
    Analysis unpinned = RootCauseTest.analyze(BASE.formatted("false"));
    Analysis pinned = RootCauseTest.analyze(BASE.formatted("true"));
    String id = "poisoned-pretrained-model@base";
    // no swap upstream, and the pin is the artifact-pinning control: a backdoor already in the
    // pinned weights is what is left
    assertThat(severity(unpinned, id)).isEqualTo(Severity.HIGH);
    assertThat(severity(pinned, id)).isEqualTo(Severity.LOW);
    assertThat(RootCauseTest.finding(pinned, id).severitySteps())
        .contains(
            "-1 pinned by digest: only a version that was checked can load, no swap upstream");
  }

  @Test
  void aSignedRegistryOfUnknownFormatIsRatedOneStepBelowAnUnsignedOne() {
    String id = "unsafe-deserialization@store";
    // on a broad share: a restricted, signed registry raises no code-on-load finding at all
    Severity unsigned = severity(RootCauseTest.analyze(STORE.formatted("false", "broad")), id);
    Analysis signedStore = RootCauseTest.analyze(STORE.formatted("true", "broad"));
    // Severity lists critical first: a lower rating compares greater
    assertThat(severity(signedStore, id)).isGreaterThan(unsigned);
    assertThat(RootCauseTest.finding(signedStore, id).severitySteps())
        .contains("-1 signed registry: only a version that was checked can load, no swap upstream");
  }

  @Test
  void aPickleInARestrictedRegistryIsRatedOneStepBelowOneOnABroadShare() {
    String id = "unsafe-deserialization@store";
    Analysis broad = RootCauseTest.analyze(STORE.formatted("false", "broad"));
    Analysis restricted = RootCauseTest.analyze(STORE.formatted("false", "restricted"));
    assertThat(severity(broad, id)).isEqualTo(Severity.MEDIUM);
    assertThat(severity(restricted, id)).isEqualTo(Severity.LOW);
    assertThat(RootCauseTest.finding(restricted, id).severitySteps())
        .contains("-1 its access is restricted: only the registry's own writers can plant a file");
    assertThat(RootCauseTest.finding(broad, id).severitySteps())
        .noneMatch(step -> step.contains("restricted"));
  }

  /** The state a finding lists for one control. */
  static String state(Finding f, String control) {
    return f.mitigations().stream()
        .filter(m -> m.control().equals(control))
        .map(Mitigation::state)
        .findFirst()
        .orElse("not listed");
  }

  @Test
  void aDeclaredPinIsTheArtifactPinningControl() {
    String id = "poisoned-pretrained-model@base";
    Finding pinned = RootCauseTest.finding(RootCauseTest.analyze(BASE.formatted("true")), id);
    Finding unpinned = RootCauseTest.finding(RootCauseTest.analyze(BASE.formatted("false")), id);
    assertThat(state(pinned, "artifact-pinning")).isEqualTo("implemented");
    assertThat(state(unpinned, "artifact-pinning")).isEqualTo("missing");
    assertThat(pinned.severitySteps())
        .contains("-1 artifact-pinning (partial) implemented in its scope");
  }

  @Test
  void encryptionAtRestIsNoMitigationOfBroadReadAccess() {
    String store =
        """
        assets:
          people: {kind: data, sensitivity: personal}
        components:
          lake: {kind: data-store, stores: training-set, access: broad, encrypted-at-rest: %s, contains: [people]}
          train: {kind: training, method: from-scratch}
        flows:
          - lake -> train
        """;
    String id = "training-data-exposure@lake";
    Finding encrypted = RootCauseTest.finding(RootCauseTest.analyze(store.formatted("true")), id);
    Finding plain = RootCauseTest.finding(RootCauseTest.analyze(store.formatted("false")), id);
    // the readers read through the storage service, which decrypts for them
    assertThat(state(encrypted, "encryption-at-rest")).isEqualTo("not listed");
    assertThat(state(plain, "encryption-at-rest")).isEqualTo("not listed");
    assertThat(encrypted.severity()).isEqualTo(plain.severity());
  }
}
