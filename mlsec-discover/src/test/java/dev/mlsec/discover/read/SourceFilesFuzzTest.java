package dev.mlsec.discover.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz target for the readers of repository files (YAML, JSON, TOML, Python) on raw bytes.
 * Under {@code ./mvnw verify} it runs its (empty) corpus once; with {@code JAZZER_FUZZ=1} it
 * fuzzes. Anything but a clean result or {@link TreeReader.Malformed} is a bug.
 */
class SourceFilesFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void readsOrRejects(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    PythonCalls.read(text);
    try {
      TreeReader.yamlDocuments(text);
    } catch (TreeReader.Malformed expected) {
      // a clean rejection
    }
    try {
      TreeReader.json(text);
    } catch (TreeReader.Malformed expected) {
      // a clean rejection
    }
    try {
      TreeReader.toml(text);
    } catch (TreeReader.Malformed expected) {
      // a clean rejection
    }
  }
}
