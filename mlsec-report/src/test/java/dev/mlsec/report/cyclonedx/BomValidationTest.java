package dev.mlsec.report.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** The ML-BOM validates with the CycloneDX library's own 1.6 validator and says what it should. */
public class BomValidationTest {

  public static void assertValid(String bom) throws Exception {
    List<ParseException> errors =
        new JsonParser().validate(bom.getBytes(StandardCharsets.UTF_8), Version.VERSION_16);
    assertThat(errors).as("CycloneDX 1.6 violations").isEmpty();
  }

  @Test
  void validates() throws Exception {
    assertValid(Reports.render(Fixtures.small(), Format.CYCLONEDX, ReportOptions.defaults()));
    assertValid(Reports.render(Fixtures.hostile(), Format.CYCLONEDX, ReportOptions.defaults()));
  }

  @Test
  void validatorRejectsABrokenBom() throws Exception {
    String bad =
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"spaceship\",\"name\":\"x\"}]}";
    assertThat(new JsonParser().validate(bad.getBytes(StandardCharsets.UTF_8), Version.VERSION_16))
        .isNotEmpty();
  }

  @Test
  void modelsDatasetsAndFindings() throws Exception {
    Analysis a = Fixtures.small();
    JsonNode bom =
        new ObjectMapper().readTree(Reports.render(a, Format.CYCLONEDX, ReportOptions.defaults()));
    assertThat(bom.has("serialNumber")).as("no random serial number").isFalse();
    assertThat(bom.at("/metadata/timestamp").isMissingNode()).as("no clock").isTrue();
    JsonNode hub = find(bom.get("components"), "component:hub-model");
    assertThat(hub.get("type").asText()).isEqualTo("machine-learning-model");
    assertThat(hub.has("modelCard")).isTrue();
    JsonNode registry = find(bom.get("components"), "component:registry");
    assertThat(registry.at("/modelCard/modelParameters/datasets/0/ref").asText())
        .isEqualTo("component:lake");
    assertThat(find(bom.get("components"), "component:lake").get("type").asText())
        .isEqualTo("data");
    JsonNode deps = bom.get("dependencies");
    JsonNode registryDeps = null;
    for (JsonNode d : deps)
      if (d.get("ref").asText().equals("component:registry")) registryDeps = d;
    assertThat(registryDeps.get("dependsOn").toString())
        .contains("component:hub-model", "component:lake");
    JsonNode vulns = bom.get("vulnerabilities");
    assertThat(vulns.size()).isEqualTo(a.findings().size());
    JsonNode extraction = vulns.get(2);
    assertThat(extraction.get("id").asText()).isEqualTo("model-extraction@scoring-api");
    assertThat(extraction.at("/ratings/0/severity").asText()).isEqualTo("high");
    assertThat(extraction.at("/references/0/id").asText()).isEqualTo("AML.T0024.002");
    assertThat(extraction.at("/analysis/response/0").asText()).isEqualTo("will_not_fix");
  }

  @Test
  void serialAndTimestampOnlyWhenGiven() throws Exception {
    String bom =
        Reports.render(
            Fixtures.small(),
            Format.CYCLONEDX,
            ReportOptions.defaults()
                .withBomSerialNumber("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79")
                .withTimestamp(java.time.Instant.parse("2026-01-01T00:00:00Z")));
    assertValid(bom);
    assertThat(bom)
        .contains("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", "2026-01-01T00:00:00Z");
  }

  private static JsonNode find(JsonNode components, String ref) {
    for (JsonNode c : components) if (c.path("bom-ref").asText().equals(ref)) return c;
    throw new AssertionError("no component " + ref);
  }
}
