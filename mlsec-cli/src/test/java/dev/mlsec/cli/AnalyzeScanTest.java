package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze --scan}: the verdicts on the files named by artifacts become evidence. */
class AnalyzeScanTest {

  static final String WORKFLOW =
      """
      mlsec: 1
      system: Scan evidence
      components:
        users: {kind: actor, trust: authenticated}
        registry:
          kind: model-registry
          artifact-format: unknown
          artifacts: models/*.pkl
        api: {kind: serving, exposure: public, authentication: oauth, rate-limit: 10/min}
      flows:
        - registry -> api
        - users <-> api
      """;

  static JsonNode analyze(Path workflow) throws IOException {
    CliTest.Run r =
        CliTest.run(
            "analyze", workflow.toString(), "--scan", "--format", "json", "--fail-on", "none");
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  static JsonNode finding(JsonNode doc, String id) {
    for (JsonNode f : doc.get("findings")) if (f.get("id").asText().equals(id)) return f;
    return null;
  }

  @Test
  void aPickleThatCallsOsSystemOpensTheDeserializationFinding(@TempDir Path tmp)
      throws IOException {
    Files.createDirectories(tmp.resolve("models"));
    // protocol 0: GLOBAL os.system, MARK, a string, TUPLE, REDUCE, STOP (never unpickled here)
    Files.write(
        tmp.resolve("models/model.pkl"),
        "cos\nsystem\n(S'id'\ntR.".getBytes(StandardCharsets.ISO_8859_1));
    Path wf = tmp.resolve("wf.yaml");
    Files.writeString(wf, WORKFLOW);
    JsonNode f = finding(analyze(wf), "unsafe-deserialization@registry");
    assertThat(f).isNotNull();
    assertThat(f.get("status").asText()).isEqualTo("open");
    assertThat(f.get("why").toString()).contains("models/model.pkl").contains("malicious");
  }

  @Test
  void aMissingArtifactIsAnInputErrorAtTheAttributesLine(@TempDir Path tmp) throws IOException {
    Path wf = tmp.resolve("wf.yaml");
    Files.writeString(wf, WORKFLOW);
    CliTest.Run r = CliTest.run("analyze", wf.toString(), "--scan");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("wf.yaml:8:").contains("names no file");
  }
}
