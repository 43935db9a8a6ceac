package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's tools are the model's tools even when the prompt is written one way, and each
 * agent threat's path ends at the tool it is about (docs/catalog-format.md, {@code
 * content:<effect>}).
 */
class AgentToolPathTest {

  static final String AGENT =
      """
      assets:
        invoices: {kind: data, sensitivity: confidential}
      components:
        suppliers: {kind: actor, trust: anonymous}
        mailbox: {kind: data-source, provenance: third-party}
        orchestrator: {kind: application, exposure: internal, renders: plain-text}
        llm: {kind: llm, hosting: third-party-api, memory: false}
        pay: {kind: agent-tool, effects: [writes], requires-approval: false, source: first-party}
        reply: {kind: agent-tool, effects: [external-communication], requires-approval: false, source: first-party}
        sandbox: {kind: agent-tool, effects: [code-execution], requires-approval: false, source: first-party}
      flows:
        - suppliers -> mailbox
        - mailbox -> orchestrator
        - from: orchestrator
          to: llm
          carries: [invoices]
          encrypted: true
        - orchestrator <-> pay
        - orchestrator <-> reply
        - orchestrator <-> sandbox
      """;

  static Variant variant(Finding f, String threat) {
    return f.variants().stream().filter(v -> v.threat().equals(threat)).findFirst().orElseThrow();
  }

  static String last(List<String> path) {
    return path.get(path.size() - 1);
  }

  @Test
  void exfiltrationLeavesThroughTheOutboundToolAndCodeRunsInTheSandbox() {
    Finding hijack = RootCauseTest.finding(RootCauseTest.analyze(AGENT), "agent-hijacking@llm");
    assertThat(last(variant(hijack, "agent-data-exfiltration").path())).isEqualTo("reply");
    assertThat(last(variant(hijack, "llm-code-execution").path())).isEqualTo("sandbox");
    // the hijacking itself ends at the greatest harm: a payment outranks running code
    assertThat(last(hijack.path())).isEqualTo("pay");
  }

  /** The same agent with the payment tool named for a neutral write. */
  static final String NEUTRAL = AGENT.replace("  pay:", "  notes:").replace("<-> pay", "<-> notes");

  @Test
  void withoutAStatedHarmTheStrongestEffectEndsTheHijacking() {
    Finding hijack = RootCauseTest.finding(RootCauseTest.analyze(NEUTRAL), "agent-hijacking@llm");
    assertThat(last(hijack.path())).isEqualTo("sandbox");
  }

  @Test
  void aToolThatMovesPhysicalThingsIsTheHarmTheFindingNamesFirstAndEndsAt() {
    String car =
        NEUTRAL.replace(
            "  notes: {kind: agent-tool,",
            "  notes: {kind: agent-tool, name: \"Door locks and trunk\",");
    Finding hijack = RootCauseTest.finding(RootCauseTest.analyze(car), "agent-hijacking@llm");
    assertThat(last(hijack.path())).isEqualTo("notes");
    assertThat(last(variant(hijack, "excessive-agency").path())).isEqualTo("notes");
    assertThat(hijack.why())
        .anyMatch(
            w ->
                w.startsWith(
                    "what its tools can do, the most dangerous first: notes (writes/moves physical"
                        + " things, with no approval), sandbox"));
    // an exfiltration still leaves through the outbound tool
    assertThat(last(variant(hijack, "agent-data-exfiltration").path())).isEqualTo("reply");
  }

  @Test
  void moneyOutranksDeletionAndAReadOnlyToolHasNoHarm() {
    String both =
        NEUTRAL
            .replace(
                "  notes: {kind: agent-tool,", "  notes: {kind: agent-tool, name: Delete servers,")
            .replace(
                "  sandbox: {kind: agent-tool, effects: [code-execution]",
                "  sandbox: {kind: agent-tool, name: Buy reserved capacity, effects: [writes]")
            .replace(
                "  reply: {kind: agent-tool, effects: [external-communication]",
                "  reply: {kind: agent-tool, name: Payment history, effects: [read-only,"
                    + " external-communication]");
    Finding hijack = RootCauseTest.finding(RootCauseTest.analyze(both), "agent-hijacking@llm");
    assertThat(last(hijack.path())).isEqualTo("sandbox");
    assertThat(hijack.why())
        .anyMatch(
            w ->
                w.contains(
                    "sandbox (writes/moves money, with no approval), notes (writes/deletes, with no"
                        + " approval), reply (sends out, with no approval)"));
  }

  @Test
  void aToolThatChangesBankDetailsIsSaidToRedirectPayments() {
    String change =
        NEUTRAL.replace(
            "  notes: {kind: agent-tool,",
            "  notes: {kind: agent-tool, name: Supplier IBAN update,");
    Finding hijack = RootCauseTest.finding(RootCauseTest.analyze(change), "agent-hijacking@llm");
    assertThat(last(hijack.path())).isEqualTo("notes");
    assertThat(hijack.why())
        .anyMatch(
            w ->
                w.contains(
                    "notes (writes/redirects payments (changes the bank details they go to), with"
                        + " no approval)"));
    // paying to a bank account changes no payee: that tool moves money
    String pay =
        NEUTRAL.replace(
            "  notes: {kind: agent-tool,",
            "  notes: {kind: agent-tool, name: Pay an invoice to the supplier's bank account,");
    assertThat(RootCauseTest.finding(RootCauseTest.analyze(pay), "agent-hijacking@llm").why())
        .anyMatch(w -> w.contains("notes (writes/moves money, with no approval)"));
  }

  @Test
  void aRemoteToolNothingPinsIsSaidToChangeAfterItWasAdded() {
    String remote =
        """
        components:
          devs: {kind: actor, trust: internal}
          app: {kind: application, exposure: on-device, renders: plain-text}
          llm: {kind: llm, hosting: third-party-api, memory: false}
          docs: {kind: agent-tool, effects: [read-only], requires-approval: false, source: remote-server, pinned: %s}
        flows:
          - devs <-> app
          - app <-> llm
          - llm <-> docs
        """;
    String id = "tool-poisoning@docs";
    Finding open = RootCauseTest.finding(RootCauseTest.analyze(remote.formatted("false")), id);
    Finding pinned = RootCauseTest.finding(RootCauseTest.analyze(remote.formatted("true")), id);
    assertThat(open.why())
        .anyMatch(w -> w.startsWith("nothing pins what docs says") && w.contains("rug pull"));
    assertThat(pinned.why()).noneMatch(w -> w.contains("rug pull"));
  }

  @Test
  void theFindingNamesEveryToolThatActsWithoutApproval() {
    Finding hijack = RootCauseTest.finding(RootCauseTest.analyze(AGENT), "agent-hijacking@llm");
    assertThat(hijack.why())
        .contains("llm can call tools that act without approval: pay, reply, sandbox");
  }

  @Test
  void aModelWhoseAnswersGoElsewhereDoesNotRunTheOrchestratorsTools() {
    String feed =
        AGENT
            .replace("  sandbox:", "  extracted: {kind: data-store, stores: [raw]}\n  sandbox:")
            .replace("  - orchestrator <-> pay", "  - llm -> extracted\n  - orchestrator <-> pay");
    assertThat(feed).contains("llm -> extracted");
    assertThat(RootCauseTest.find(RootCauseTest.analyze(feed), "agent-hijacking@llm")).isEmpty();
  }

  /** The agent with a key for the payment tool and a reply tool that mails the suppliers. */
  static final String DANGEROUS =
      AGENT
          .replace(
              "  invoices: {kind: data, sensitivity: confidential}",
              "  invoices: {kind: data, sensitivity: confidential}\n"
                  + "  bank-key: {kind: credential, grants: pay any supplier}")
          .replace(
              "  sandbox:",
              "  bank: {kind: third-party-service, provides: saas, exposure: public}\n  sandbox:")
          .replace(
              "  - orchestrator <-> pay",
              "  - orchestrator <-> pay\n"
                  + "  - from: pay\n"
                  + "    to: bank\n"
                  + "    carries: [bank-key]\n"
                  + "  - reply -> suppliers");

  @Test
  void eachClassOfHarmIsItsOwnFindingNamingTheToolAndWhatItGrants() {
    Analysis a = RootCauseTest.analyze(DANGEROUS);
    Finding pay = RootCauseTest.finding(a, "agent-credential-action@pay");
    assertThat(pay.why()).contains("pay acts with no approval using bank-key (pay any supplier)");
    assertThat(last(pay.path())).isEqualTo("pay");
    Finding reply = RootCauseTest.finding(a, "agent-outbound-messages@reply");
    assertThat(reply.why()).contains("reply sends with no approval to suppliers");
    // neither is folded into the injection that enables it
    Finding hijack = RootCauseTest.finding(a, "agent-hijacking@llm");
    assertThat(hijack.ids())
        .doesNotContain("agent-credential-action@pay", "agent-outbound-messages@reply");
  }
}
