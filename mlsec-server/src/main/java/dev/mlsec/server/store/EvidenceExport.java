package dev.mlsec.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's evidence for EU AI Act Art. 15 (accuracy, robustness, cybersecurity) and NIST AI
 * 100-2 (adversarial ML): the latest version's findings with their references, the decisions in
 * force with reason, owner, approver and expiry, every decision change from the audit trail, the
 * controls the team claims and what the analysis verified of each claim, and the history of
 * versions. Everything comes from what was uploaded and recorded; nothing is analyzed here.
 */
public record EvidenceExport(
    String project,
    VersionInfo latest,
    List<FindingEvidence> findings,
    List<DecisionRecord> decisions,
    List<AuditRow> decisionHistory,
    List<ClaimEvidence> claims,
    List<VersionInfo> versions) {

  /** A finding with the analysis' reasons and references, as the uploaded JSON gave them. */
  public record FindingEvidence(
      TrackedFinding finding,
      List<String> why,
      List<String> euAiAct,
      List<String> nistAml,
      List<String> atlas,
      List<MitigationEvidence> mitigations) {}

  /** A control that would mitigate a finding: implemented, planned or missing in the workflow. */
  public record MitigationEvidence(String control, String state, String strength) {}

  /** A control the workflow claims stops a threat, and the analysis' verdict on the claim. */
  public record ClaimEvidence(
      String control, String component, String believedToStop, String verdict, String reason) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The evidence of a project with at least one version, as of {@code today}. */
  public static EvidenceExport of(Store store, String project, LocalDate today) {
    List<VersionInfo> versions = store.versions(project);
    VersionInfo latest = versions.get(0);
    JsonNode analysis;
    try {
      analysis = JSON.readTree(store.version(project, latest.number()).orElseThrow().analysis());
    } catch (IOException e) {
      throw new IllegalStateException(
          "a stored analysis is not JSON", e); // it was parsed on upload
    }
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode f : analysis.path("findings")) byId.put(f.path("id").asText(), f);
    List<FindingEvidence> findings = new ArrayList<>();
    for (TrackedFinding t : store.findings(project, latest.number(), today)) {
      JsonNode f = byId.getOrDefault(t.finding().fingerprint(), JSON.createObjectNode());
      List<MitigationEvidence> mitigations = new ArrayList<>();
      for (JsonNode m : f.path("mitigations"))
        mitigations.add(
            new MitigationEvidence(
                m.path("control").asText(), m.path("state").asText(), m.path("strength").asText()));
      findings.add(
          new FindingEvidence(
              t,
              texts(f.path("why")),
              texts(f.path("refs").path("eu-ai-act")),
              texts(f.path("refs").path("nist-aml")),
              texts(f.path("refs").path("atlas")),
              List.copyOf(mitigations)));
    }
    List<ClaimEvidence> claims = new ArrayList<>();
    for (JsonNode c : analysis.path("claims"))
      claims.add(
          new ClaimEvidence(
              c.path("control").asText(),
              c.path("component").asText(),
              c.path("believed-to-stop").asText(),
              c.path("verdict").asText(c.path("holds").asBoolean() ? "holds" : "does-not-hold"),
              c.path("reason").asText()));
    List<AuditRow> history =
        store.audit(project, 10_000).stream()
            .filter(a -> a.action().equals("decision"))
            .sorted(java.util.Comparator.comparingLong(AuditRow::id))
            .toList();
    return new EvidenceExport(
        project,
        latest,
        List.copyOf(findings),
        store.decisions(project),
        history,
        List.copyOf(claims),
        versions);
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) out.add(n.asText());
    return List.copyOf(out);
  }
}
