package dev.mlsec.scan.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.ScanFinding;
import dev.mlsec.scan.ScanPolicy;
import dev.mlsec.scan.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The scan results as JSON: one object per file, findings in file order; deterministic. */
public final class ReportJson {
  static final JsonFactory FACTORY = new JsonFactory();

  private ReportJson() {}

  static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    g.setPrettyPrinter(pp);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  public static void write(List<FileReport> reports, ScanPolicy policy, OutputStream out)
      throws IOException {
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeStringField("tool", "mlsec-scan");
      g.writeStringField("policy", policy.id());
      g.writeArrayFieldStart("files");
      for (FileReport r : reports) file(g, r);
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("files", reports.size());
      for (Verdict v : Verdict.values())
        g.writeNumberField(v.id(), reports.stream().filter(r -> r.verdict() == v).count());
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void file(JsonGenerator g, FileReport r) throws IOException {
    g.writeStartObject();
    g.writeStringField("path", r.path());
    g.writeStringField("format", r.format());
    g.writeArrayFieldStart("formats");
    for (String f : r.formats()) g.writeString(f);
    g.writeEndArray();
    g.writeStringField("verdict", r.verdict().id());
    g.writeNumberField("size", r.size());
    g.writeNumberField("bytesRead", r.bytesRead());
    g.writeArrayFieldStart("findings");
    for (ScanFinding f : r.findings()) {
      g.writeStartObject();
      g.writeStringField("rule", f.ruleId());
      g.writeStringField("level", f.level().id());
      g.writeNumberField("offset", f.offset());
      g.writeStringField("member", f.member());
      g.writeStringField("message", f.message());
      g.writeArrayFieldStart("callChain");
      for (String c : f.callChain()) g.writeString(c);
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
