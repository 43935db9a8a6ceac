package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented GitHub Actions job (docs/ci/github-actions.yml) runs the action of action.yml with
 * inputs it declares, and grants what the action needs to upload SARIF and comment.
 */
class CiRecipeTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void exampleJobUsesTheActionWithDeclaredInputs() throws Exception {
    JsonNode job = YAML.readTree(Files.readString(Path.of("../docs/ci/github-actions.yml")));
    JsonNode action = YAML.readTree(Files.readString(Path.of("../action.yml")));
    assertThat(job.at("/permissions/security-events").asText()).isEqualTo("write");
    assertThat(job.at("/permissions/pull-requests").asText()).isEqualTo("write");

    JsonNode mlsec = null;
    for (JsonNode s : job.at("/jobs/mlsec/steps"))
      if (s.path("uses").asText().startsWith("MLSEC_REPO@")) mlsec = s;
    assertThat(mlsec).as("a step uses the mlsec action").isNotNull();
    List<String> given = new ArrayList<>();
    mlsec.path("with").fieldNames().forEachRemaining(given::add);
    assertThat(given).contains("workflows", "scan", "fail-on");
    for (String input : given) assertThat(action.at("/inputs").has(input)).as(input).isTrue();

    // the report the action keeps: the folder --output writes with every format's file
    assertThat(action.at("/inputs/output/default").asText()).isEqualTo("mlsec-report");
    String run = action.at("/runs/steps").toString();
    for (Format f : List.of(Format.SARIF, Format.MARKDOWN)) assertThat(run).contains(f.fileName());
  }
}
