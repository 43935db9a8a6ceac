package dev.mlsec.analysis;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The engine's own small test catalog and a helper to parse workflow text. */
final class TestCatalog {
  static final CompiledCatalog CATALOG =
      CatalogLoader.fromTexts(
          "test", Map.of("engine/catalog.yaml", resource("engine/catalog.yaml")), Map.of());

  private TestCatalog() {}

  static String resource(String name) {
    try (InputStream in = TestCatalog.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Workflow workflow(String yaml) {
    return WorkflowLoader.parse(yaml, "test.yaml", Path.of("test.yaml"));
  }
}
