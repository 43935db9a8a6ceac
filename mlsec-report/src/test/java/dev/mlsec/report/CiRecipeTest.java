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

/** The documented GitHub Actions recipe is valid YAML and does what docs/reports.md says. */
class CiRecipeTest {
  @Test
  void recipeAnalyzesScansUploadsAndComments() throws Exception {
    Path file = Path.of("../docs/ci/github-actions.yml");
    assertThat(file).exists();
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    JsonNode steps = root.at("/jobs/mlsec/steps");
    List<String> text = new ArrayList<>();
    for (JsonNode s : steps)
      text.add(s.path("uses").asText() + " " + s.path("with") + " " + s.path("run").asText());
    String all = String.join("\n", text);
    assertThat(all)
        .contains("analyze \"$WORKFLOW\" --output mlsec-report", "--baseline", "--fail-on")
        .contains("scan \"$MODELS\" --format sarif")
        .contains("github/codeql-action/upload-sarif@v3")
        .contains("gh pr comment \"$PR\" --body-file mlsec-report/report.md");
    assertThat(root.at("/permissions/security-events").asText()).isEqualTo("write");
    for (Format f : List.of(Format.SARIF, Format.MARKDOWN)) assertThat(all).contains(f.fileName());
  }
}
