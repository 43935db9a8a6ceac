package dev.mlsec.analysis.catalog;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The shared MITRE ATLAS 5.6.0 data file, read once; tests skip when ../shared is absent. */
final class AtlasData {

  private static Map<String, Object> data;

  private AtlasData() {}

  /** Techniques by id: each a map with at least id, name, and tactics or subtechnique-of. */
  static Map<String, Map<String, Object>> techniques() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map<String, Object> t : list(matrix().get("techniques"))) {
      out.put((String) t.get("id"), t);
    }
    return out;
  }

  static Map<String, String> tactics() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, Object> t : list(matrix().get("tactics"))) {
      out.put((String) t.get("id"), (String) t.get("name"));
    }
    return out;
  }

  static List<Map<String, Object>> caseStudies() {
    return list(load().get("case-studies"));
  }

  /** The tactics of a technique; a sub-technique has its parent's. */
  @SuppressWarnings("unchecked")
  static List<String> tacticsOf(String id) {
    Map<String, Map<String, Object>> all = techniques();
    Map<String, Object> t = all.get(id);
    Object parent = t.get("subtechnique-of");
    if (parent != null) {
      t = all.get(parent.toString());
    }
    return (List<String>) t.getOrDefault("tactics", List.of());
  }

  static Path file() {
    String shared = System.getProperty("mlsec.shared", "../../shared");
    return Path.of(shared).resolve("atlas").resolve("ATLAS-5.6.0.yaml");
  }

  private static Map<String, Object> matrix() {
    return list(load().get("matrices")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static synchronized Map<String, Object> load() {
    Path file = file();
    assumeTrue(Files.isRegularFile(file), "skipped: MITRE ATLAS data not found at " + file);
    if (data == null) {
      try (InputStream in = Files.newInputStream(file)) {
        data =
            (Map<String, Object>)
                new Load(LoadSettings.builder().setCodePointLimit(16 * 1024 * 1024).build())
                    .loadFromInputStream(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return data;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }
}
