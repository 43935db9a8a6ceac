package dev.mlsec.scan.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanFinding;
import dev.mlsec.scan.ScanPolicy;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one run, every rule described, one result a finding.
 */
public final class ReportSarif {
  private ReportSarif() {}

  static String sarifLevel(Level l) {
    return switch (l) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      default -> "note";
    };
  }

  static String uri(String path) {
    String p = path.replace('\\', '/');
    try {
      return new URI(null, null, p, null).toASCIIString();
    } catch (URISyntaxException e) {
      return p.replaceAll("[^A-Za-z0-9._~/-]", "_");
    }
  }

  public static void write(
      List<FileReport> reports, ScanPolicy policy, String version, OutputStream out)
      throws IOException {
    Map<String, Integer> index = new HashMap<>();
    ScanRule[] rules = ScanRule.values();
    for (int i = 0; i < rules.length; i++) index.put(rules[i].id(), i);
    try (JsonGenerator g = ReportJson.generator(out)) {
      g.writeStartObject();
      g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "mlsec-scan");
      g.writeStringField("version", version);
      g.writeArrayFieldStart("rules");
      for (ScanRule r : rules) {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", r.description());
        g.writeEndObject();
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", sarifLevel(r.level()));
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("artifacts");
      for (FileReport r : reports) {
        g.writeStartObject();
        g.writeObjectFieldStart("location");
        g.writeStringField("uri", uri(r.path()));
        g.writeEndObject();
        g.writeNumberField("length", r.size());
        g.writeObjectFieldStart("properties");
        g.writeStringField("verdict", r.verdict().id());
        g.writeStringField("format", r.format());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("results");
      for (int a = 0; a < reports.size(); a++) {
        FileReport r = reports.get(a);
        for (ScanFinding f : r.findings()) {
          g.writeStartObject();
          g.writeStringField("ruleId", f.ruleId());
          Integer ri = index.get(f.ruleId());
          if (ri != null) g.writeNumberField("ruleIndex", ri);
          g.writeStringField("level", sarifLevel(f.level()));
          g.writeObjectFieldStart("message");
          String where = f.member().isEmpty() ? "" : " [in " + f.member() + "]";
          g.writeStringField("text", f.message() + where);
          g.writeEndObject();
          g.writeArrayFieldStart("locations");
          g.writeStartObject();
          g.writeObjectFieldStart("physicalLocation");
          g.writeObjectFieldStart("artifactLocation");
          g.writeStringField("uri", uri(r.path()));
          g.writeNumberField("index", a);
          g.writeEndObject();
          if (f.offset() >= 0 && f.member().isEmpty()) {
            g.writeObjectFieldStart("region");
            g.writeNumberField("byteOffset", f.offset());
            g.writeEndObject();
          }
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndArray();
          g.writeObjectFieldStart("properties");
          g.writeStringField("severity", f.level().id());
          g.writeStringField("verdict", r.verdict().id());
          g.writeStringField("member", f.member());
          g.writeNumberField("offset", f.offset());
          g.writeArrayFieldStart("callChain");
          for (String c : f.callChain()) g.writeString(c);
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      g.writeStringField("policy", policy.id());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }
}
