package dev.mlsec.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import dev.mlsec.report.baseline.Baseline;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SARIF output against the official OASIS schema (from ../shared), and what code scanning reads.
 */
public class SarifSchemaTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The SARIF 2.1.0 schema from shared/, or skips the test with a message when absent. */
  public static JsonSchema schema() throws Exception {
    String shared = System.getProperty("mlsec.shared", "../../shared");
    Path file = Path.of(shared, "schemas", "sarif-2.1.0.json");
    Assumptions.assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file + " is absent");
    try (InputStream in = Files.newInputStream(file)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  public static void assertValid(String sarif) throws Exception {
    Set<ValidationMessage> errors = schema().validate(JSON.readTree(sarif));
    assertThat(errors).as("SARIF schema violations").isEmpty();
  }

  @Test
  void validatesAgainstTheSchema() throws Exception {
    assertValid(Reports.render(Fixtures.small(), Format.SARIF, ReportOptions.defaults()));
    assertValid(Reports.render(Fixtures.hostile(), Format.SARIF, ReportOptions.defaults()));
    Analysis a = Fixtures.small();
    assertValid(
        Reports.render(
            a, Format.SARIF, ReportOptions.defaults().withBaseline(new Baseline("b", List.of()))));
  }

  @Test
  void schemaCatchesABrokenLog() throws Exception {
    // Guards the guard: the validator must reject what the schema forbids.
    JsonNode bad = JSON.readTree("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}");
    assertThat(schema().validate(bad)).isNotEmpty();
  }

  @Test
  void oneRulePerThreatResultsAtTheComponentLine() throws Exception {
    Analysis a = Fixtures.small();
    JsonNode run =
        JSON.readTree(Reports.render(a, Format.SARIF, ReportOptions.defaults())).get("runs").get(0);
    JsonNode rules = run.at("/tool/driver/rules");
    assertThat(rules.size())
        .isEqualTo((int) a.findings().stream().map(f -> f.threat()).distinct().count());
    for (JsonNode rule : rules) {
      assertThat(rule.at("/properties/security-severity").asText()).matches("\\d+\\.\\d");
      assertThat(rule.at("/help/text").asText()).isNotBlank();
    }
    JsonNode extraction = rules.get(2);
    assertThat(extraction.get("id").asText()).isEqualTo("model-extraction");
    assertThat(extraction.at("/properties/tags").toString()).contains("AML.T0024.002", "ML05:2023");
    JsonNode results = run.get("results");
    assertThat(results.size()).isEqualTo(a.findings().size());
    for (int i = 0; i < results.size(); i++) {
      JsonNode r = results.get(i);
      var f = a.findings().get(i);
      assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
          .isEqualTo("card-fraud.yaml");
      assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt())
          .isEqualTo(f.location().line());
      assertThat(r.at("/partialFingerprints/mlsecFindingId~1v1").asText()).isEqualTo(f.id());
      assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(f.threat());
    }
    // The accepted finding is suppressed, with the team's reason.
    assertThat(results.get(2).at("/suppressions/0/justification").asText())
        .contains("bound by contract");
  }

  @Test
  void uriIsRelativeAndEscaped() {
    assertThat(SarifReport.uri(new dev.mlsec.model.Position("./ml/my flow.yaml", 1, 1)))
        .isEqualTo("ml/my%20flow.yaml");
    assertThat(SarifReport.uri(new dev.mlsec.model.Position("dir\\a.yaml", 1, 1)))
        .isEqualTo("dir/a.yaml");
  }
}
