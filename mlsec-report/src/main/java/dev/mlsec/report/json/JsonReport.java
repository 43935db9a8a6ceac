package dev.mlsec.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Claim;
import dev.mlsec.analysis.ConcernMatch;
import dev.mlsec.analysis.ControlWarning;
import dev.mlsec.analysis.Finding;
import dev.mlsec.analysis.Mitigation;
import dev.mlsec.analysis.OpenQuestion;
import dev.mlsec.analysis.Variant;
import dev.mlsec.catalog.References;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.ThreatClass;
import dev.mlsec.model.Decision;
import dev.mlsec.model.Position;
import dev.mlsec.report.JsonStyle;
import dev.mlsec.report.Overview;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.ReportWriter;
import dev.mlsec.report.baseline.Baseline;
import dev.mlsec.report.baseline.Changes;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON contract of workflow-format.md, field for field, plus additive fields: {@code
 * format-version}, {@code tool}, {@code summary}, per finding {@code summary}, {@code
 * severity-reasoning}, {@code decision} and {@code change}, per claim {@code verdict}, {@code
 * not-named}, {@code decisions}, {@code control-warnings}, per finding {@code targets} and {@code
 * aliases} and {@code variants} (grouped findings) and, with a baseline, {@code resolved}.
 */
public final class JsonReport implements ReportWriter {

  /** Bumped only when fields are added; never for a removal (there are none within format 1). */
  public static final int FORMAT_VERSION = 1;

  @Override
  public void write(Analysis analysis, Writer out, ReportOptions options) throws IOException {
    Overview overview = new Overview(analysis);
    Optional<Changes> changes = options.baseline().map(b -> b.compare(analysis));
    try (JsonGenerator g = JsonStyle.generator(out)) {
      g.writeStartObject();
      g.writeNumberField("format-version", FORMAT_VERSION);
      g.writeObjectFieldStart("tool");
      g.writeStringField("name", "mlsec");
      g.writeStringField("version", options.toolVersion());
      g.writeEndObject();
      g.writeStringField("system", analysis.workflow().system());
      g.writeStringField("file", analysis.workflow().displayName());
      g.writeObjectFieldStart("catalog");
      g.writeStringField("version", analysis.catalog().version());
      g.writeEndObject();
      summary(g, overview, changes);
      g.writeArrayFieldStart("findings");
      for (Finding f : analysis.findings()) finding(g, f, overview, changes);
      g.writeEndArray();
      if (changes.isPresent()) {
        g.writeArrayFieldStart("resolved");
        for (Baseline.Entry e : changes.get().resolved()) resolved(g, e);
        g.writeEndArray();
      }
      g.writeArrayFieldStart("claims");
      for (Claim c : analysis.claims()) claim(g, c);
      g.writeEndArray();
      g.writeArrayFieldStart("concerns");
      for (ConcernMatch c : analysis.concerns()) {
        g.writeStartObject();
        g.writeStringField("text", c.text());
        JsonStyle.strings(g, "matched", c.matched());
        JsonStyle.strings(g, "exposed", c.exposed());
        JsonStyle.strings(g, "closest", c.closest());
        if (!c.why().isEmpty()) g.writeStringField("why", c.why());
        location(g, c.location());
        g.writeEndObject();
      }
      g.writeEndArray();
      JsonStyle.strings(g, "not-named", analysis.unmatchedThreats());
      g.writeArrayFieldStart("open-questions");
      for (OpenQuestion q : analysis.openQuestions()) {
        g.writeStartObject();
        g.writeStringField("attribute", q.attribute());
        g.writeStringField("question", q.question());
        JsonStyle.strings(g, "decides", q.decides());
        location(g, q.location());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("control-warnings");
      for (ControlWarning w : analysis.controlWarnings()) {
        g.writeStartObject();
        g.writeStringField("control", w.control());
        g.writeStringField("component", w.component());
        g.writeStringField("message", w.message());
        location(g, w.location());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("decisions");
      for (Overview.DecisionView d : overview.decisions()) {
        g.writeStartObject();
        decisionFields(g, d.decision());
        g.writeBooleanField("expired", d.expired());
        location(g, d.decision().position());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void summary(JsonGenerator g, Overview o, Optional<Changes> changes)
      throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("findings", o.analysis().findings().size());
    g.writeNumberField("actionable", o.actionable());
    g.writeObjectFieldStart("actionable-by-severity");
    for (Map.Entry<Severity, Integer> e : o.actionableBySeverity().entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("by-class");
    for (ThreatClass c : ThreatClass.values()) g.writeNumberField(c.id(), o.findings(c).size());
    g.writeEndObject();
    g.writeNumberField("claims-not-holding", o.claimsNotHolding().size());
    g.writeNumberField("open-questions", o.analysis().openQuestions().size());
    if (changes.isPresent()) {
      g.writeNumberField("new", changes.get().added().size());
      g.writeNumberField("unchanged", changes.get().unchanged().size());
      g.writeNumberField("resolved", changes.get().resolved().size());
    }
    g.writeEndObject();
  }

  private static void finding(
      JsonGenerator g, Finding f, Overview overview, Optional<Changes> changes) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", f.id());
    g.writeStringField("threat", f.threat());
    g.writeStringField("title", f.title());
    g.writeStringField("class", f.threatClass().id());
    if (f.component().isPresent()) g.writeStringField("component", f.component().get());
    else g.writeStringField("flow", f.flow().orElse(""));
    JsonStyle.strings(g, "targets", f.targets());
    JsonStyle.strings(g, "aliases", f.aliases());
    // the threats a grouped finding stands for, each with its own refs: which attacks are possible
    g.writeArrayFieldStart("variants");
    for (Variant v : f.variants()) {
      g.writeStartObject();
      g.writeStringField("threat", v.threat());
      g.writeStringField("id", v.id());
      g.writeStringField("title", v.title());
      g.writeStringField("severity", v.severity().id());
      JsonStyle.strings(g, "targets", v.targets());
      JsonStyle.strings(g, "path", v.path());
      refs(g, v.refs());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("status", f.status().id());
    JsonStyle.strings(g, "why", f.why());
    JsonStyle.strings(g, "path", f.path());
    JsonStyle.strings(g, "depends-on", f.dependsOn());
    g.writeArrayFieldStart("mitigations");
    for (Mitigation m : f.mitigations()) {
      g.writeStartObject();
      g.writeStringField("control", m.control());
      g.writeStringField("state", m.state());
      g.writeStringField("strength", m.strength());
      g.writeEndObject();
    }
    g.writeEndArray();
    refs(g, f.refs());
    location(g, f.location());
    g.writeStringField("summary", overview.summary(f));
    JsonStyle.strings(g, "severity-reasoning", overview.severityReasoning(f));
    if (f.decision().isPresent()) {
      g.writeObjectFieldStart("decision");
      decisionFields(g, f.decision().get());
      g.writeEndObject();
    }
    if (changes.isPresent()) g.writeStringField("change", changes.get().of(f).id());
    g.writeEndObject();
  }

  /** The contract's {@code refs} object; every key is always present. */
  public static void refs(JsonGenerator g, References r) throws IOException {
    g.writeObjectFieldStart("refs");
    JsonStyle.strings(g, "atlas", r.atlas());
    JsonStyle.strings(g, "owasp-ml", r.owaspMl());
    JsonStyle.strings(g, "owasp-llm", r.owaspLlm());
    JsonStyle.strings(g, "nist-aml", r.nistAml());
    JsonStyle.strings(g, "eu-ai-act", r.euAiAct());
    g.writeEndObject();
  }

  private static void claim(JsonGenerator g, Claim c) throws IOException {
    g.writeStartObject();
    g.writeStringField("control", c.control());
    g.writeStringField("component", c.component());
    g.writeStringField("believed-to-stop", c.believedToStop());
    g.writeBooleanField("holds", c.holds());
    g.writeStringField("verdict", c.verdict());
    g.writeStringField("reason", c.reason());
    location(g, c.location());
    g.writeEndObject();
  }

  private static void resolved(JsonGenerator g, Baseline.Entry e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("threat", e.threat());
    g.writeStringField("title", e.title());
    g.writeStringField("class", e.threatClass());
    g.writeStringField("severity", e.severity());
    g.writeStringField("change", "resolved");
    g.writeEndObject();
  }

  private static void decisionFields(JsonGenerator g, Decision d) throws IOException {
    g.writeStringField("finding", d.finding());
    g.writeStringField("status", d.status().id());
    g.writeStringField("reason", d.reason());
    if (d.until().isPresent()) g.writeStringField("until", d.until().get().toString());
  }

  private static void location(JsonGenerator g, Position p) throws IOException {
    g.writeObjectFieldStart("location");
    g.writeStringField("file", p.file());
    g.writeNumberField("line", p.line());
    g.writeNumberField("column", p.column());
    g.writeEndObject();
  }
}
