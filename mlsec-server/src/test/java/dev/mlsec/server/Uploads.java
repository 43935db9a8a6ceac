package dev.mlsec.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Upload bodies as the CLI makes them: the JSON report of a real analysis and its source. */
public final class Uploads {
  public static final Path EXAMPLES = Path.of("..", "examples");
  private static final Analyzer ANALYZER = new Analyzer(CatalogLoader.builtInCompiled());

  private Uploads() {}

  public static String cardFraud() {
    return example("card-fraud.yaml");
  }

  public static String example(String file) {
    try {
      return of(Files.readString(EXAMPLES.resolve(file)), "examples/" + file, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body for {@code source}, optionally into {@code project}. */
  public static String of(String source, String fileName, String project) {
    Analysis a =
        ANALYZER.analyze(WorkflowLoader.parse(source, fileName, null), LocalDate.of(2026, 6, 1));
    ObjectNode body = TestServer.JSON.createObjectNode();
    if (project != null) body.put("project", project);
    try {
      body.set(
          "analysis",
          TestServer.JSON.readTree(
              Reports.render(a, Format.JSON, ReportOptions.defaults().withToolVersion("test"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    body.put("workflow", source);
    return body.toString();
  }

  private static final Map<String, String> ANALYZED = new ConcurrentHashMap<>();

  /**
   * The card-fraud example renamed: a project of its own. A {@code variant} adds a comment to the
   * source: the same analysis, other content, so another version (analyzed once per system).
   */
  public static String cardFraudAs(String system, String variant) {
    String body =
        ANALYZED.computeIfAbsent(
            system,
            s -> {
              try {
                String source =
                    Files.readString(EXAMPLES.resolve("card-fraud.yaml"))
                        .replace("system: Card fraud scoring", "system: " + yamlQuote(s));
                return of(source, "card-fraud.yaml", null);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (variant == null) return body;
    try {
      ObjectNode tree = (ObjectNode) TestServer.JSON.readTree(body);
      tree.put("workflow", tree.get("workflow").asText() + "\n# " + variant + "\n");
      return tree.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String yamlQuote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
