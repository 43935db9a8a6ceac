package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Severity calibrations of round 6 (docs/analysis.md, "Severity"), each a pair that differs in one
 * fact: the sink of an injection chain that renders no images or html needs a click to leak, so it
 * is at most high beside its critical source; a wrong answer needs no attacker, so reach does not
 * lower its likelihood below medium; an exploit of a native parser needs a memory-corruption bug,
 * so a decoder anyone can send files to is high, not critical.
 */
class SeverityCalibrationTest {

  static final String PANEL =
      """
      assets:
        phi: {kind: data, sensitivity: personal}
      components:
        staff: {kind: actor, trust: internal}
        messages: {kind: data-source, provenance: user-generated, contains: [phi]}
        records: {kind: data-store, stores: raw, access: restricted, contains: [phi]}
        panel: {kind: application, exposure: internal, authentication: sso, renders: %s}
        llm: {kind: llm, hosting: self-hosted, memory: false}
      flows:
        - staff <-> panel
        - messages -> records
        - {from: records, to: panel, carries: [phi]}
        - panel <-> llm
      """;

  /** The finding {@code id} of the workflow the template gives with {@code value} filled in. */
  static Finding rated(String template, String value, String id) {
    return finding(id, template, value);
  }

  /** The finding {@code id} of the workflow {@code template} filled with {@code values}. */
  static Finding finding(String id, String template, Object... values) {
    return RootCauseTest.finding(RootCauseTest.analyze(template.formatted(values)), id);
  }

  @Test
  void renderedImagesLeakWithoutAClickAndStayCritical() {
    Finding f = rated(PANEL, "[markdown, images]", "improper-output-handling@panel");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void markdownAndLinksNeedAClickSoTheSinkIsAtMostHigh() {
    Finding sink = rated(PANEL, "[markdown, links]", "improper-output-handling@panel");
    assertThat(sink.severity()).isEqualTo(Severity.HIGH);
    assertThat(sink.severitySteps()).anyMatch(s -> s.startsWith("at most high: it renders no"));
  }

  static final String SUMMARIES =
      """
      assets:
        phi: {kind: data, sensitivity: %s}
      components:
        clinicians: {kind: actor, trust: internal}
        ehr: {kind: data-store, stores: raw, access: restricted, contains: [phi]}
        panel: {kind: application, exposure: internal, authentication: sso, renders: plain-text}
        llm: {kind: llm, hosting: self-hosted, memory: false, human-review: none}
      flows:
        - clinicians <-> panel
        - {from: ehr, to: panel, carries: [phi]}
        - {from: panel, to: llm, carries: [phi]}
        - llm -> panel
        - panel -> ehr
      """;

  @Test
  void aWrongAnswerOnPersonalRecordsIsMediumEvenWhenOnlyStaffReachTheModel() {
    Finding f = rated(SUMMARIES, "personal", "llm-misinformation@llm");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.severitySteps())
        .contains("-1 likelihood medium: the model errs without an attacker, whoever reaches it");
  }

  @Test
  void aWrongAnswerOnPublicRecordsIsLow() {
    Finding f = rated(SUMMARIES, "public", "llm-misinformation@llm");
    assertThat(f.severity()).isEqualTo(Severity.LOW);
  }

  static final String UPLOADS =
      """
      assets:
        faces: {kind: data, sensitivity: personal}
      components:
        public: {kind: actor, trust: %s}
        api: {kind: serving, exposure: %s, authentication: none, rate-limit: 100/min, outputs: label, inputs: image, contains: [faces]}
      flows:
        - public <-> api
      """;

  static Finding uploaded(String trust, String exposure) {
    return finding("malicious-media-decoder@api", UPLOADS, trust, exposure);
  }

  @Test
  void aMediaUploadAnyoneCanSendIsHighNotCriticalForTheParserBugItNeeds() {
    Finding f = uploaded("anonymous", "public");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.severitySteps())
        .contains("-1 the attack needs a memory-corruption bug in a native parser, known or new");
  }

  @Test
  void theSameUploadFromAPartnerOnlyIsMedium() {
    Finding f = uploaded("partner", "partner");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
  }

  /** A self-hosted llm fine-tuned from a pretrained model of the given source, open to anyone. */
  static final String FINE_TUNED =
      """
      assets:
        tuned: {kind: model, value: high}
      components:
        users: {kind: actor, trust: anonymous}
        base: {kind: pretrained-model, source: %s, artifact-format: safetensors, pinned: true}
        tune: {kind: training, method: fine-tune}
        chat: {kind: llm, hosting: self-hosted, contains: [tuned]}
      flows:
        - base -> tune
        - tune -> chat
        - users <-> chat
      """;

  @Test
  void copyingAFineTuneOfPublicWeightsIsNotRaisedForTheModelsValue() {
    Finding open = rated(FINE_TUNED, "public-hub", "model-extraction@chat");
    Finding vendor = rated(FINE_TUNED, "vendor", "model-extraction@chat");
    assertThat(vendor.severitySteps()).anyMatch(x -> x.startsWith("+1 impact"));
    assertThat(open.severitySteps()).noneMatch(x -> x.startsWith("+1 impact"));
    assertThat(open.severity().ordinal()).isEqualTo(vendor.severity().ordinal() + 1);
  }

  static final String LETTERS =
      """
      assets:
        debts: {kind: data, sensitivity: personal}
      components:
        debtors: {kind: actor, trust: anonymous}
        replies: {kind: data-source, provenance: user-generated}
        db: {kind: data-store, stores: raw, access: restricted, contains: [debts]}
        batch: {kind: application, exposure: internal, renders: plain-text}
        llm: {kind: llm, hosting: third-party-api, system-prompt-secret: false, memory: false}
        %s
      flows:
        - debtors -> replies
        - replies -> db
        - {from: db, to: batch, carries: [debts]}
        - {from: batch, to: llm, carries: [debts]}
        - llm -> batch
        %s
      """;

  static Finding injection(String tool, String flow) {
    return finding("indirect-prompt-injection@llm", LETTERS, tool, flow);
  }

  @Test
  void anInjectionIntoAModelWithNoToolsAndNoMemoryChangesOnlyItsAnswerSoIsAtMostHigh() {
    Finding f = injection("", "");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.severitySteps())
        .anyMatch(s -> s.startsWith("at most high: the model has no tools"));
  }

  @Test
  void theSameInjectionIntoAModelWhoseToolsActStaysCritical() {
    Finding f =
        injection(
            "mailer: {kind: agent-tool, effects: external-communication, requires-approval: false,"
                + " source: first-party}",
            "- batch <-> mailer");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.severitySteps()).noneMatch(s -> s.startsWith("at most high: the model has no"));
  }

  @Test
  void aSkewNeedsNoAttackerSoAnInternalRankingIsNotRatedLowOnReach() {
    Finding f =
        RootCauseTest.finding(
            RootCauseTest.analyze(
                """
                risk-class: high
                assets:
                  claims: {kind: data, sensitivity: personal}
                components:
                  claim-files: {kind: data-source, provenance: first-party, contains: claims}
                  claim-scoring: {kind: serving, exposure: internal, outputs: score, human-review: none}
                flows:
                  - claim-files -> claim-scoring
                """),
            "discriminatory-decisions@claim-scoring");
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.severitySteps())
        .contains("-1 likelihood medium: the model errs without an attacker, whoever reaches it");
  }

  static final String REGISTRY_FEED =
      """
      components:
        national-registry: {kind: data-source, provenance: third-party}
        allocation-db: {kind: data-store, stores: training-set, access: restricted, versioned: true}
        training: {kind: training, method: from-scratch}
      flows:
        - {from: national-registry, to: allocation-db, encrypted: true, authenticated: true}
        - allocation-db -> training
      controls:
        - id: %s
          applies-to: allocation-db
      """;

  /**
   * A poisoning finding on a source ends where the poison enters; a control on the store its
   * records land in before training stands in the poison's way and lowers the finding a step.
   */
  @Test
  void aProvenanceCheckWhereTheSourcesRecordsLandLowersItsPoisoning() {
    Finding without =
        finding("poisoned-data-source@national-registry", REGISTRY_FEED, "encryption-at-rest");
    Finding with =
        finding("poisoned-data-source@national-registry", REGISTRY_FEED, "data-provenance");
    assertThat(without.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(with.severity()).isEqualTo(Severity.LOW);
  }

  static final String REMOTE_TOOLS =
      """
      assets:
        ssh-keys: {kind: credential, grants: push to source}
      components:
        developers: {kind: actor, trust: internal}
        app: {kind: application, exposure: on-device, renders: plain-text}
        llm: {kind: llm, hosting: third-party-api, memory: false}
        files: {kind: agent-tool, effects: [read-only, writes], requires-approval: false, source: first-party, contains: [ssh-keys]}
        remote: {kind: agent-tool, effects: external-communication, requires-approval: false, source: remote-server, pinned: %s}
      flows:
        - developers <-> app
        - app <-> llm
        - llm <-> files
        - llm <-> remote
      """;

  /**
   * Whoever runs an unpinned remote tool server decides what it says and returns: anyone, as with
   * an unpinned public package, not a partner under contract.
   */
  @Test
  void anUnpinnedRemoteToolIsWhateverAnyoneServesSoItsPoisoningIsHigh() {
    Finding unpinned = finding("tool-poisoning@remote", REMOTE_TOOLS, "false");
    Finding pinned = finding("tool-poisoning@remote", REMOTE_TOOLS, "true");
    assertThat(unpinned.severity()).isEqualTo(Severity.HIGH);
    assertThat(pinned.severity()).isEqualTo(Severity.LOW);
  }

  /**
   * A tool's output steers the model that calls the credential tool: the path is as likely as that
   * least trusted contributor, not as the internal developer who starts the session.
   */
  @Test
  void aSteeredToolIsAsLikelyAsTheToolOutputThatSteersItNotAsTheDeveloper() {
    Finding unpinned = finding("agent-credential-action@files", REMOTE_TOOLS, "false");
    Finding pinned = finding("agent-credential-action@files", REMOTE_TOOLS, "true");
    assertThat(unpinned.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(unpinned.severitySteps())
        .contains("likelihood high: anyone can reach it through remote");
    assertThat(pinned.severitySteps())
        .contains("-1 likelihood medium: only a partner can reach it through remote");
  }

  static final String PRIVATE_REPO =
      """
      assets:
        bank-key: {kind: credential, grants: initiate payments}
      components:
        repo: {kind: code-repository, visibility: private, contains: [bank-key]}
        app: {kind: application, exposure: internal, authentication: sso, renders: plain-text}
      flows:
        - repo -> app
      """;

  /** A key every engineer of the team reads has the team for its attacker: not "only the team". */
  @Test
  void aKeyInARepositoryTheTeamReadsIsMediumNotLowOnReach() {
    Finding f = finding("secrets-in-notebooks@repo", PRIVATE_REPO);
    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.severitySteps())
        .contains(
            "-1 likelihood medium: its attacker is one of the team's own people, who all reach it");
  }

  static final String LOCK_TOOL =
      """
      assets:
        tenant-data: {kind: data, sensitivity: personal}
        lock-key: {kind: credential, grants: open every door}
      components:
        tenants: {kind: actor, trust: authenticated, self-registration: false}
        app: {kind: application, exposure: public, authentication: password, renders: plain-text}
        llm: {kind: llm, hosting: self-hosted, memory: false}
        lock: {kind: agent-tool, effects: writes, requires-approval: %s, source: third-party, pinned: false, contains: [lock-key]}
      flows:
        - tenants <-> app
        - {from: app, to: llm, carries: [tenant-data]}
        - llm -> app
        - llm <-> lock
      """;

  /**
   * Disclosure is read by the one who asks: an unpinned tool whose output steers the model does not
   * hand its publisher the answer, so the tenants who prompt set the likelihood, not the tool.
   */
  @Test
  void disclosureIsAsLikelyAsWhoAsksNotAsAToolThatSteersTheModel() {
    Finding f = finding("sensitive-information-disclosure@llm", LOCK_TOOL, "true");
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.severitySteps()).noneMatch(s -> s.contains("through lock"));
    Finding steered = finding("agent-hijacking@llm", LOCK_TOOL, "false");
    assertThat(steered.severitySteps())
        .contains("likelihood high: anyone can reach it through lock");
  }

  /**
   * A tool's credential is rated once: where a steered agent uses it unapproved
   * (agent-credential-action, critical), the tool's poisoning does not count the credential again;
   * with an approval on the tool, the poisoning is the credential's only rating.
   */
  @Test
  void aToolsCredentialRaisesItsPoisoningOnlyWhereNoSteeredUnapprovedUseRatesIt() {
    Finding unapproved = finding("tool-poisoning@lock", LOCK_TOOL, "false");
    Finding approved = finding("tool-poisoning@lock", LOCK_TOOL, "true");
    assertThat(finding("agent-credential-action@lock", LOCK_TOOL, "false").severity())
        .isEqualTo(Severity.CRITICAL);
    assertThat(unapproved.severity()).isEqualTo(Severity.HIGH);
    assertThat(unapproved.severitySteps())
        .anyMatch(s -> s.startsWith("no +1 impact for credential"));
    assertThat(approved.severity()).isEqualTo(Severity.CRITICAL);
  }

  static final String VENDOR =
      """
      assets:
        call-audio: {kind: data, sensitivity: personal}
      components:
        callers: {kind: actor, trust: %s}
        call-centre: {kind: application, exposure: public, renders: plain-text}
        transcriber: {kind: llm, hosting: third-party-api, memory: false}
      flows:
        - callers <-> call-centre
        - {from: call-centre, to: transcriber, carries: [call-audio]}
        - transcriber -> call-centre
      """;

  /**
   * The provider receives every request whoever sends it: anonymous callers do not make the
   * exposure likelier than callers with an account; it is one party under contract, medium at most.
   */
  @Test
  void dataSentToAProviderIsAsLikelyAsTheProviderNotAsItsSenders() {
    Finding anonymous = finding("third-party-model-data-exposure@transcriber", VENDOR, "anonymous");
    Finding accounts =
        finding("third-party-model-data-exposure@transcriber", VENDOR, "authenticated");
    assertThat(anonymous.severity()).isEqualTo(Severity.HIGH);
    assertThat(accounts.severity()).isEqualTo(Severity.HIGH);
    assertThat(anonymous.severitySteps())
        .anyMatch(s -> s.startsWith("-1 likelihood medium: its adversary is the party"));
  }

  /**
   * Claimants' uploads steer a claims agent: an unapproved note tool, and a payout tool a person
   * approves each call of. The second tool's words decide whether an unapproved path moves money.
   */
  static final String CLAIMS =
      """
      assets:
        files: {kind: data, sensitivity: personal}
      components:
        claimants: {kind: actor, trust: authenticated, self-registration: true}
        portal: {kind: application, exposure: public, authentication: password}
        claims: {kind: data-store, stores: raw, access: restricted, contains: [files]}
        handlers: {kind: actor, trust: internal}
        desk: {kind: application, exposure: internal, authentication: sso}
        agent: {kind: llm, hosting: third-party-api, memory: false, system-prompt-secret: false}
        read: {kind: agent-tool, effects: [read-only], requires-approval: false, source: first-party}
        note-tool: {kind: agent-tool, effects: [writes], requires-approval: false, source: first-party}
        %1$s: {kind: agent-tool, effects: [writes], requires-approval: %2$s, source: first-party}
      flows:
        - claimants <-> portal
        - portal -> claims
        - handlers <-> desk
        - desk <-> agent
        - claims -> read
        - agent <-> read
        - agent -> note-tool
        - note-tool -> claims
        - agent -> %1$s
        - %1$s -> claims
      """;

  @Test
  void anAgentWhoseUnapprovedToolsOnlyWriteRecordsIsAtMostHigh() {
    Finding gated = finding("agent-hijacking@agent", CLAIMS, "payout-proposal", "true");
    assertThat(gated.severity()).isEqualTo(Severity.HIGH);
    assertThat(gated.severitySteps())
        .anyMatch(s -> s.startsWith("at most high: every tool it calls without approval only"));
    // the payout tool unapproved: a steered call moves money, and the critical stands
    Finding open = finding("agent-hijacking@agent", CLAIMS, "payout-proposal", "false");
    assertThat(open.severity()).isEqualTo(Severity.CRITICAL);
  }

  static final String DEACTIVATION =
      """
      components:
        couriers: {kind: actor, trust: authenticated}
        trips: {kind: data-source, provenance: [user-generated]}
        features: {kind: data-store, stores: [features], access: restricted}
        nightly: {kind: serving, exposure: internal, outputs: [actions], human-review: %s}
        mail: {kind: application, exposure: public, renders: plain-text}
      flows:
        - couriers -> trips
        - trips -> features
        - features -> nightly
        - nightly -> mail
        - mail -> couriers
      """;

  @Test
  void anUnreviewedActionOnlyTheTeamsJobReachesIsStillMedium() {
    List<String> steps =
        rated(DEACTIVATION, "none", "unreviewed-actuation@nightly").severitySteps();
    assertThat(steps).noneMatch(s -> s.contains("only the team can reach it"));
    assertThat(steps)
        .containsSubsequence(
            "-1 likelihood medium: the model errs without an attacker, whoever reaches it",
            "= medium");
  }

  static final String ACTUATION =
      """
      description: %s
      components:
        staff: {kind: actor, trust: internal}
        sensor: {kind: data-source, provenance: [sensor]}
        controller: {kind: serving, exposure: internal, inputs: [video], outputs: [actions], human-review: none}
      flows:
        - staff -> sensor
        - sensor -> controller
      """;

  @Test
  void anUnreviewedActionThatInjuresPeopleIsRatedByTheHarmNotByWhoReachesIt() {
    Finding harm =
        finding("unreviewed-actuation@controller", ACTUATION, "A missed person means an injury.");
    Finding none =
        finding("unreviewed-actuation@controller", ACTUATION, "It dims the lights at night.");
    assertThat(harm.severitySteps())
        .contains("+1 impact: a wrong action falls on people, not on the team (\"injury\")")
        .contains("-1 likelihood medium: the model errs without an attacker, whoever reaches it");
    assertThat(none.severitySteps()).noneMatch(s -> s.contains("falls on people"));
    assertThat(harm.severity().ordinal()).isNotEqualTo(none.severity().ordinal());
  }

  static final String CHAT =
      """
      description: %s
      components:
        travellers: {kind: actor, trust: anonymous}
        site: {kind: application, exposure: public, authentication: none}
        bot: {kind: llm, hosting: third-party-api, human-review: none}
      flows:
        - travellers <-> site
        - site <-> bot
      """;

  @Test
  void aPublicBotThatSpeaksAboutRefundsSaysTheOrganisationIsHeldToIt() {
    Finding bound =
        finding("llm-misinformation@bot", CHAT, "The bot answers questions about refunds.");
    Finding plain =
        finding("llm-misinformation@bot", CHAT, "The bot answers questions about birds.");
    assertThat(bound.why()).anyMatch(w -> w.contains("refunds") && w.contains("held to it"));
    assertThat(plain.why()).noneMatch(w -> w.contains("held to it"));
  }
}
