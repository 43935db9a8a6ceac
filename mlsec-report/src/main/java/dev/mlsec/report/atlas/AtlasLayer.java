package dev.mlsec.report.atlas;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.report.JsonStyle;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.ReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MITRE ATLAS Navigator layer (layer format 4.5, domain {@code atlas-atlas}): every technique a
 * finding refers to, scored 0-10 by the worst open finding (the SARIF security-severity), with the
 * finding ids as comment. Techniques only of decided findings are listed with score 0.
 */
public final class AtlasLayer implements ReportWriter {

  /** Per technique: the findings that refer to it and the score they give it. */
  public static Map<String, List<Finding>> findingsByTechnique(Analysis analysis) {
    Map<String, List<Finding>> out = new TreeMap<>();
    for (Finding f : analysis.findings()) {
      for (String t : f.refs().atlas()) out.computeIfAbsent(t, k -> new ArrayList<>()).add(f);
    }
    return out;
  }

  /** The worst open or conditional finding's security-severity, or 0. */
  public static double score(List<Finding> findings) {
    double best = 0;
    for (Finding f : findings) {
      if (f.status().actionable()) {
        best = Math.max(best, Double.parseDouble(f.severity().securitySeverity()));
      }
    }
    return best;
  }

  @Override
  public void write(Analysis analysis, Writer out, ReportOptions options) throws IOException {
    AtlasMatrix matrix = AtlasMatrix.builtIn();
    try (JsonGenerator g = JsonStyle.generator(out)) {
      g.writeStartObject();
      g.writeStringField("name", "mlsec: " + analysis.workflow().system());
      g.writeObjectFieldStart("versions");
      g.writeStringField("layer", "4.5");
      g.writeStringField("navigator", "5.1.0");
      g.writeStringField("atlas", matrix.version());
      g.writeEndObject();
      g.writeStringField("domain", "atlas-atlas");
      g.writeStringField(
          "description",
          "ATLAS techniques behind the findings of "
              + analysis.workflow().displayName()
              + "; score = worst open finding (0-10).");
      g.writeArrayFieldStart("techniques");
      for (Map.Entry<String, List<Finding>> e : findingsByTechnique(analysis).entrySet()) {
        g.writeStartObject();
        g.writeStringField("techniqueID", e.getKey());
        g.writeNumberField("score", score(e.getValue()));
        StringBuilder comment = new StringBuilder();
        for (Finding f : e.getValue()) {
          if (comment.length() > 0) comment.append("; ");
          comment.append(f.id()).append(" (").append(f.severity().id());
          comment.append(", ").append(f.status().id()).append(')');
        }
        g.writeStringField("comment", comment.toString());
        g.writeBooleanField("enabled", true);
        g.writeBooleanField("showSubtechniques", true);
        g.writeArrayFieldStart("metadata");
        g.writeStartObject();
        g.writeStringField("name", "known to ATLAS " + matrix.version());
        g.writeStringField("value", matrix.technique(e.getKey()).isPresent() ? "yes" : "no");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("gradient");
      JsonStyle.strings(g, "colors", List.of("#ffffff", "#ffd166", "#e63946"));
      g.writeNumberField("minValue", 0);
      g.writeNumberField("maxValue", 10);
      g.writeEndObject();
      g.writeArrayFieldStart("legendItems");
      g.writeEndArray();
      g.writeBooleanField("hideDisabled", false);
      g.writeNumberField("sorting", 3);
      g.writeEndObject();
    }
    out.write('\n');
  }
}
