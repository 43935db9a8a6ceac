package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.ComponentKind;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The user reference names every kind, attribute, value and key the loader accepts. */
class DocsTest {

  @Test
  void referenceCoversTheWholeFormat() throws IOException {
    String doc = Files.readString(Fixtures.root().resolve("docs/workflow-format.md"));
    for (ComponentKind k : ComponentKind.values()) {
      assertThat(doc).contains("`" + k.id() + "`");
      for (AttributeSpec a : k.attributes().values()) {
        assertThat(doc).as(k.id() + "." + a.name()).contains("`" + a.name() + "`");
        for (String v : a.values()) assertThat(doc).as(a.name() + " " + v).contains(v);
      }
    }
    for (String key : WorkflowReader.TOP_KEYS) assertThat(doc).contains("`" + key + "`");
    for (String key : WorkflowReader.CONTROL_KEYS) assertThat(doc).contains(key);
    for (String key : WorkflowReader.DECISION_KEYS) assertThat(doc).contains(key);
    for (String key : WorkflowReader.FLOW_KEYS) assertThat(doc).contains(key);
    assertThat(doc).contains("yaml-language-server: $schema=", "JAZZER_FUZZ=1");
  }
}
