package dev.mlsec.report.sarif;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.References;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.Position;
import dev.mlsec.report.JsonStyle;
import dev.mlsec.report.Overview;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.ReportWriter;
import dev.mlsec.report.baseline.Changes;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for code scanning: one rule per threat (help text, {@code security-severity}, ATLAS
 * and OWASP ids as tags), one result per finding located at its line in the workflow file, with the
 * finding id as partial fingerprint so that a finding keeps its identity across runs. Decided
 * findings carry an external suppression; with a baseline, results carry {@code baselineState}.
 */
public final class SarifReport implements ReportWriter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT = "mlsecFindingId/v1";

  @Override
  public void write(Analysis analysis, Writer out, ReportOptions options) throws IOException {
    Overview overview = new Overview(analysis);
    Optional<Changes> changes = options.baseline().map(b -> b.compare(analysis));
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<String> threats = new ArrayList<>();
    // Rules in catalog order, only for threats that have a finding.
    for (Threat t : analysis.catalog().threats()) {
      if (analysis.findings().stream().anyMatch(f -> f.threat().equals(t.id())))
        threats.add(t.id());
    }
    for (Finding f : analysis.findings())
      if (!threats.contains(f.threat())) threats.add(f.threat());
    for (String t : threats) ruleIndex.put(t, ruleIndex.size());

    try (JsonGenerator g = JsonStyle.generator(out)) {
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "mlsec");
      g.writeStringField("version", options.toolVersion());
      g.writeStringField("informationUri", "https://atlas.mitre.org/");
      g.writeArrayFieldStart("rules");
      for (String t : threats) rule(g, overview, t);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      for (Finding f : analysis.findings()) result(g, f, ruleIndex.get(f.threat()), changes);
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      g.writeStringField("system", analysis.workflow().system());
      g.writeStringField("catalog-version", analysis.catalog().version());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void rule(JsonGenerator g, Overview o, String threatId) throws IOException {
    Optional<Threat> threat = o.threat(threatId);
    Finding first =
        o.analysis().findings().stream().filter(f -> f.threat().equals(threatId)).findFirst().get();
    Severity impact = threat.map(Threat::impact).orElse(first.severity());
    References refs = threat.map(Threat::refs).orElse(first.refs());
    g.writeStartObject();
    g.writeStringField("id", threatId);
    g.writeStringField("name", pascal(threatId));
    g.writeObjectFieldStart("shortDescription");
    g.writeStringField("text", threat.map(Threat::title).orElse(first.title()));
    g.writeEndObject();
    g.writeObjectFieldStart("fullDescription");
    g.writeStringField(
        "text", threat.map(Threat::summary).filter(s -> !s.isBlank()).orElse(first.title()));
    g.writeEndObject();
    if (!refs.atlas().isEmpty()) {
      g.writeStringField("helpUri", "https://atlas.mitre.org/techniques/" + refs.atlas().get(0));
    }
    g.writeObjectFieldStart("help");
    g.writeStringField("text", helpText(threat, refs));
    g.writeStringField("markdown", helpMarkdown(threat, refs));
    g.writeEndObject();
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(impact));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeStringField("security-severity", impact.securitySeverity());
    g.writeStringField("precision", "medium");
    List<String> tags = new ArrayList<>();
    tags.add("security");
    tags.add(first.threatClass().id());
    tags.addAll(refs.atlas());
    tags.addAll(refs.owaspMl());
    tags.addAll(refs.owaspLlm());
    tags.addAll(refs.nistAml());
    tags.addAll(refs.euAiAct());
    JsonStyle.strings(g, "tags", tags);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String helpText(Optional<Threat> threat, References refs) {
    if (threat.isEmpty()) return "See the mlsec catalog.";
    Threat t = threat.get();
    StringBuilder b = new StringBuilder();
    append(b, "", t.summary());
    append(b, "", t.detail());
    append(b, "Attacker needs: ", t.attackerNeeds());
    append(b, "Business impact: ", t.businessImpact());
    append(b, "First step: ", t.firstStep());
    append(b, "False positive when: ", t.falsePositive());
    if (!refs.atlas().isEmpty()) append(b, "ATLAS: ", String.join(", ", refs.atlas()));
    return b.toString().strip();
  }

  private static String helpMarkdown(Optional<Threat> threat, References refs) {
    if (threat.isEmpty()) return "See the mlsec catalog.";
    Threat t = threat.get();
    StringBuilder b = new StringBuilder();
    append(b, "", md(t.summary()));
    append(b, "", md(t.detail()));
    append(b, "**Attacker needs:** ", md(t.attackerNeeds()));
    append(b, "**Business impact:** ", md(t.businessImpact()));
    append(b, "**First step:** ", md(t.firstStep()));
    append(b, "**False positive when:** ", md(t.falsePositive()));
    if (!refs.atlas().isEmpty()) {
      List<String> links = new ArrayList<>();
      for (String id : refs.atlas())
        links.add("[" + id + "](https://atlas.mitre.org/techniques/" + id + ")");
      append(b, "**ATLAS:** ", String.join(", ", links));
    }
    return b.toString().strip();
  }

  private static void append(StringBuilder b, String label, String text) {
    if (text == null || text.isBlank()) return;
    b.append(label).append(text.strip()).append("\n\n");
  }

  /** Catalog text is data too (a user catalog may say anything): no raw HTML or links. */
  private static String md(String s) {
    if (s == null) return "";
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "\\[")
        .replace("]", "\\]");
  }

  private static void result(JsonGenerator g, Finding f, int index, Optional<Changes> changes)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.threat());
    g.writeNumberField("ruleIndex", index);
    g.writeStringField("level", f.status().actionable() ? level(f.severity()) : "note");
    g.writeObjectFieldStart("message");
    StringBuilder m = new StringBuilder(f.title()).append(" on ").append(f.target()).append('.');
    for (String why : f.why()) m.append(' ').append(sentence(why));
    if (f.targets().size() > 1)
      m.append(" Also on: ")
          .append(String.join(", ", f.targets().subList(1, f.targets().size())))
          .append('.');
    List<String> variants = Overview.variantLines(f);
    if (!variants.isEmpty())
      m.append(" Variants: ").append(String.join("; ", variants)).append('.');
    if (!f.path().isEmpty()) m.append(" Path: ").append(String.join(" -> ", f.path())).append('.');
    if (!f.dependsOn().isEmpty()) {
      m.append(" Depends on unknown ").append(String.join(", ", f.dependsOn())).append('.');
    }
    g.writeStringField("text", m.toString());
    g.writeEndObject();
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", uri(f.location()));
    g.writeEndObject();
    if (f.location().line() > 0) {
      g.writeObjectFieldStart("region");
      g.writeNumberField("startLine", f.location().line());
      if (f.location().column() > 0) g.writeNumberField("startColumn", f.location().column());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeArrayFieldStart("logicalLocations");
    g.writeStartObject();
    g.writeStringField("name", f.target());
    g.writeStringField("kind", f.component().isPresent() ? "component" : "flow");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(FINGERPRINT, f.id());
    g.writeEndObject();
    if (changes.isPresent()) {
      g.writeStringField("baselineState", changes.get().isNew(f) ? "new" : "unchanged");
    }
    if (f.decision().isPresent() && !f.status().actionable()) {
      g.writeArrayFieldStart("suppressions");
      g.writeStartObject();
      g.writeStringField("kind", "external");
      g.writeStringField("status", "accepted");
      g.writeStringField(
          "justification", f.decision().get().status().id() + ": " + f.decision().get().reason());
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("properties");
    g.writeStringField("id", f.id());
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("security-severity", f.severity().securitySeverity());
    g.writeStringField("status", f.status().id());
    g.writeStringField("class", f.threatClass().id());
    JsonStyle.strings(g, "path", f.path());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String sentence(String s) {
    String t = s.strip();
    return t.isEmpty() || t.endsWith(".") ? t : t + ".";
  }

  /** A relative URI for the workflow file as the user named it. */
  static String uri(Position p) {
    String file = p.file().isEmpty() ? "workflow.yaml" : p.file().replace('\\', '/');
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < file.length(); i++) {
      char c = file.charAt(i);
      if ((Character.isLetterOrDigit(c) && c < 128) || "-._~/".indexOf(c) >= 0) b.append(c);
      else
        for (byte x : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8))
          b.append(String.format("%%%02X", x & 0xff));
    }
    String s = b.toString();
    while (s.startsWith("./")) s = s.substring(2);
    return s.startsWith("/") ? "file://" + s : s;
  }

  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  private static String pascal(String id) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("-", -1)) {
      if (!part.isEmpty())
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }
}
