package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mlsec.model.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published JSON Schema is what {@link WorkflowSchema} generates, the classpath copy is the
 * same file, and loader and schema agree on examples, fixtures and hand-picked documents.
 */
class SchemaTest {
  static final Path PUBLISHED = Fixtures.root().resolve("schema/workflow-1.schema.json");
  static final String RESOURCE = "/dev/mlsec/model/workflow-1.schema.json";

  static final JsonSchema SCHEMA = compile();

  static JsonSchema compile() {
    try {
      JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return factory.getSchema(WorkflowSchema.parse(Files.readString(PUBLISHED)), config);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<ValidationMessage> validate(String yaml) {
    return SCHEMA.validate(YamlJson.of(yaml));
  }

  @Test
  void publishedSchemaIsTheGeneratedOne() throws IOException {
    String generated = WorkflowSchema.text();
    if (Boolean.getBoolean("mlsec.regenerate")) {
      Files.writeString(PUBLISHED, generated);
      Files.writeString(
          Fixtures.root().resolve("mlsec-model/src/main/resources" + RESOURCE), generated);
    }
    assertThat(Files.readString(PUBLISHED))
        .as("schema/workflow-1.schema.json is stale: run the test with -Dmlsec.regenerate=true")
        .isEqualTo(generated);
  }

  @Test
  void classpathCopyIsThePublishedFile() throws IOException {
    try (InputStream in = SchemaTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(PUBLISHED));
    }
  }

  @Test
  void schemaIsValidJsonWithDescriptions() throws IOException {
    JsonNode s = WorkflowSchema.parse(Files.readString(PUBLISHED));
    assertThat(s.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(s.at("/properties/components/description").asText()).isNotBlank();
    assertThat(s.at("/$defs/component/allOf")).hasSize(21);
  }

  static List<Path> examples() {
    return Fixtures.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleValidates(Path file) throws IOException {
    assertThat(validate(Files.readString(file))).isEmpty();
  }

  static List<Malformed> malformed() {
    return Malformed.all().stream().filter(m -> !m.schema().equals("unparsable")).toList();
  }

  /** Fixtures marked 'rejects' fail the schema too; 'accepts' ones need the loader's id checks. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void schemaAgreesWithTheFixtureHeader(Malformed m) throws IOException {
    Set<ValidationMessage> errors = validate(Files.readString(m.file()));
    if (m.schema().equals("rejects")) assertThat(errors).isNotEmpty();
    else assertThat(errors).as("the schema cannot express this mistake").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: actor}}\nflows: []\n",
        "mlsec: 1\nsystem: s\ncomponents:\n  a: {kind: actor, trust: unknown}\n  b: {kind: serving,"
            + " rate-limit: 5/second, outputs: [label, score]}\n  c: {kind: data-store}\nflows:"
            + " ['a<->b', {from: b, to: c, encrypted: true, authenticated: false}]\n",
        "mlsec: 1\nsystem: s\nassets: {k: {kind: credential, grants: all}}\ncomponents:\n  r:"
            + " {kind: code-repository, visibility: public, contains: k}\nflows: []\ncontrols:\n  -"
            + " {id: 'custom:secret-scan', applies-to: r, status: planned, believed-to-stop:"
            + " [credential-leak]}\nconcerns: [leaks]\ndecisions:\n  - {finding: leak@r, status:"
            + " in-progress, until: 2030-01-31}\n",
        "mlsec: 1\nsystem: s\ncomponents:\n  m: {kind: monitoring, watches: []}\n  t: {kind:"
            + " agent-tool, effects: code-execution, requires-approval: True, pinned: unknown}\n"
            + "flows: [m -> t]\nzones: {inner: [m, t], outer: t}\n",
      })
  void validDocumentsPassBoth(String yaml) {
    assertThat(WorkflowLoader.parse(yaml, "doc", null)).isNotNull();
    assertThat(validate(yaml)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mlsec: 1\nsystem: s\ncomponents: {}\nflows: []\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: actor}}\nflows: [a - > a]\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: serving, outputs: [text, text]}}\nflows:"
            + " []\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: serving, rate-limit: 0/min}}\nflows: []\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: serving, name: 12}}\nflows: []\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: serving}}\nflows: []\ncontrols: [{id:"
            + " tls}]\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: serving}}\nflows: []\ndecisions: [{finding:"
            + " 'x @ a', status: accepted}]\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: serving, contains: ~}}\nflows: []\n",
        "mlsec: 1\nsystem: s\nassets: {d: {kind: data, sensitivity: secret}}\ncomponents: {a:"
            + " {kind: feedback}}\nflows: []\n",
        "mlsec: 1\nsystem: s\ncomponents: {a: {kind: feedback, pinned: true}}\nflows: []\n",
      })
  void invalidDocumentsFailBoth(String yaml) {
    assertThatThrownBy(() -> WorkflowLoader.parse(yaml, "doc", null))
        .isInstanceOf(InputException.class);
    assertThat(validate(yaml)).isNotEmpty();
  }
}
