package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A concern points at the workflow's own findings of every threat its text reads nearly as well as
 * the best reading (at least half its score), not only at the one to three best readings: among
 * close readings of the catalog, the one this workflow exposes is what the team means.
 */
class ConcernLinkTest {
  static final String READ_TOOL =
      """
      assets:
        salaries: {kind: data, sensitivity: personal}
        service-key: {kind: credential, grants: one warehouse role that reads every mart}
      components:
        staff: {kind: actor, trust: internal}
        bot: {kind: application, exposure: internal, authentication: sso, renders: plain-text, contains: [service-key]}
        model: {kind: llm, hosting: self-hosted, system-prompt-secret: false, memory: false}
        query-tool: {kind: agent-tool, effects: read-only, requires-approval: false, source: first-party}
        warehouse: {kind: data-store, stores: raw, access: restricted, contains: [salaries]}
      flows:
        - staff <-> bot
        - bot <-> model
        - bot <-> query-tool
        - query-tool <-> warehouse
      concerns:
        - %s
      """;

  /**
   * Read first as an agent disclosing what its tools return, which this workflow does not expose;
   * its finding is the tool reading with one identity for everyone (it pointed at nothing).
   */
  @Test
  void aConcernPointsAtTheExposedThreatAmongItsCloseReadings() {
    Analysis a =
        RootCauseTest.analyze(
            READ_TOOL.formatted("a sales user reading salaries through the agent"));
    assertThat(a.findings())
        .anyMatch(f -> f.id().equals("over-privileged-tool-identity@query-tool"));
    ConcernMatch c = a.concerns().get(0);
    assertThat(c.exposed()).contains("over-privileged-tool-identity@query-tool");
    assertThat(c.matched()).contains("over-privileged-tool-identity");
    assertThat(c.closest()).doesNotContainAnyElementsOf(c.matched());
    assertThat(a.unmatchedThreats()).doesNotContain("over-privileged-tool-identity");
  }

  /**
   * The links are for a concern whose own readings this workflow does not expose: "the model being
   * fooled by edited images" reads as evasion, which the example exposes, so the unsigned registry
   * that only scores close is not added (it pointed at unsigned-model@registry too).
   */
  @Test
  void aConcernWhoseOwnReadingsAreExposedPointsAtThoseAlone() {
    Analysis a = ContractExamplesTest.analyze("image-moderation.yaml");
    ConcernMatch c =
        a.concerns().stream()
            .filter(x -> x.text().equals("the model being fooled by edited images"))
            .findFirst()
            .orElseThrow();
    assertThat(c.exposed()).isNotEmpty().allMatch(id -> id.startsWith("evasion-"));
    assertThat(c.matched()).doesNotContain("unsigned-model");
  }

  @Test
  void aConcernThatMapsToNothingPointsAtNothing() {
    Analysis a =
        RootCauseTest.analyze(READ_TOOL.formatted("the office coffee machine is too slow"));
    assertThat(a.concerns().get(0).matched()).isEmpty();
    assertThat(a.concerns().get(0).exposed()).isEmpty();
  }
}
