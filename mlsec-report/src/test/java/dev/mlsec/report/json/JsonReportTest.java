package dev.mlsec.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contract of workflow-format.md: names, kebab-case, flow vs component, refs keys. */
class JsonReportTest {

  @Test
  void contractFields() throws Exception {
    JsonNode root =
        new ObjectMapper()
            .readTree(Reports.render(Fixtures.small(), Format.JSON, ReportOptions.defaults()));
    assertThat(root.get("system").asText()).isEqualTo("Card fraud scoring");
    assertThat(root.at("/catalog/version").asText()).isEqualTo("2026.1-test");
    JsonNode f = root.get("findings").get(0);
    List<String> names = new ArrayList<>();
    f.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsSubsequence(
            "id",
            "threat",
            "title",
            "class",
            "component",
            "severity",
            "status",
            "why",
            "path",
            "depends-on",
            "mitigations",
            "refs",
            "location");
    assertThat(f.get("refs").size()).isEqualTo(5);
    assertThat(f.get("refs").has("owasp-llm")).isTrue();
    assertThat(f.at("/location/line").asInt()).isEqualTo(30);
    JsonNode flow = root.get("findings").get(5);
    assertThat(flow.has("component")).isFalse();
    assertThat(flow.get("flow").asText()).isEqualTo("registry->scoring-api");
    JsonNode claim = root.get("claims").get(0);
    assertThat(claim.get("believed-to-stop").asText()).isEqualTo("evasion");
    assertThat(claim.get("holds").asBoolean()).isFalse();
    assertThat(root.get("concerns").get(1).get("matched").get(0).asText()).isEqualTo("evasion");
    assertThat(root.get("open-questions").get(0).get("attribute").asText())
        .isEqualTo("registry.signed");
    assertThat(root.get("not-named").size()).isEqualTo(5);
    assertThat(root.at("/summary/actionable").asInt()).isEqualTo(5);
  }

  @Test
  void prettyAndStable() {
    String a = Reports.render(Fixtures.hostile(), Format.JSON, ReportOptions.defaults());
    assertThat(a).startsWith("{\n  \"format-version\": 1,\n").endsWith("}\n");
    assertThat(a).doesNotContain("\r");
  }
}
