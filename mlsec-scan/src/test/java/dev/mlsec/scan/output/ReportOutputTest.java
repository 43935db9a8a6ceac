package dev.mlsec.scan.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.ScanPolicy;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.adversarial.AdversarialCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SARIF validates against the OASIS schema; JSON and text are deterministic. */
class ReportOutputTest {

  static List<FileReport> reports() {
    Scanner s = new Scanner();
    List<FileReport> out = new ArrayList<>();
    for (AdversarialCorpus.Case c : AdversarialCorpus.all()) {
      if (out.size() > 60) break;
      out.add(s.scan(c.data(), "corpus dir/" + c.name()));
    }
    return out;
  }

  @Test
  void sarifMatchesTheSchema() throws IOException {
    String shared = System.getProperty("mlsec.shared");
    Path schema = shared == null ? null : Path.of(shared, "schemas", "sarif-2.1.0.json");
    assumeTrue(schema != null && Files.exists(schema), "shared SARIF schema absent: " + schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportSarif.write(reports(), ScanPolicy.DEFAULT, "test", out);
    JsonSchema s;
    try (InputStream in = Files.newInputStream(schema)) {
      s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    JsonNode doc = new ObjectMapper().readTree(out.toByteArray());
    Set<ValidationMessage> errors = s.validate(doc);
    assertThat(errors).isEmpty();
    assertThat(doc.at("/runs/0/results").size()).isGreaterThan(50);
    assertThat(
            doc.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .startsWith("corpus%20dir/");
  }

  @Test
  void jsonAndTextAreDeterministic() throws IOException {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ReportJson.write(reports(), ScanPolicy.DEFAULT, a);
    ReportJson.write(reports(), ScanPolicy.DEFAULT, b);
    assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    JsonNode doc = new ObjectMapper().readTree(a.toByteArray());
    assertThat(doc.at("/files/0/verdict").asText()).isEqualTo("malicious");
    assertThat(doc.at("/files/0/findings/0/rule").asText()).isEqualTo("pickle.exec");
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    ReportText.write(reports(), new PrintStream(t, true, StandardCharsets.UTF_8));
    assertThat(t.toString(StandardCharsets.UTF_8)).contains("MALICIOUS").contains("pickle.exec");
  }
}
