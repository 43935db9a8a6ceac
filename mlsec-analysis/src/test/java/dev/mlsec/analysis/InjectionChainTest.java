package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.Severity;
import org.junit.jupiter.api.Test;

/**
 * Injected text and the agent actions it drives, entering at one place, are one chain: one finding
 * and one rating (docs/analysis.md, "One finding per root cause").
 */
class InjectionChainTest {

  static final String AGENT =
      """
      assets:
        customers: {kind: data, sensitivity: personal}
      components:
        staff: {kind: actor, trust: internal}
        app: {kind: application, exposure: internal, authentication: sso, renders: plain-text}
        llm: {kind: llm, hosting: third-party-api, memory: false}
        inbox: {kind: retrieval, content: external-email, contains: [customers]}
        shell: {kind: agent-tool, effects: [code-execution], requires-approval: %s, source: first-party}
      flows:
        - staff <-> app
        - app <-> llm
        - inbox -> llm
        - llm <-> shell
      """;

  @Test
  void theInjectionAndTheHijackingItDrivesAreOneFinding() {
    Analysis a = RootCauseTest.analyze(AGENT.formatted("false"));
    Finding hijack = RootCauseTest.finding(a, "agent-hijacking@llm");
    assertThat(hijack.ids()).contains("indirect-prompt-injection@llm");
    assertThat(hijack.variants())
        .extracting(Variant::threat)
        .contains("agent-hijacking", "indirect-prompt-injection");
    assertThat(a.findings().stream().filter(f -> f.severity() == Severity.CRITICAL)).hasSize(1);
  }

  @Test
  void withoutAnUnapprovedToolTheInjectionStandsAlone() {
    Analysis a = RootCauseTest.analyze(AGENT.formatted("true"));
    assertThat(RootCauseTest.find(a, "agent-hijacking@llm")).isEmpty();
    assertThat(RootCauseTest.finding(a, "indirect-prompt-injection@llm").variants())
        .extracting(Variant::threat)
        .doesNotContain("agent-hijacking");
  }
}
