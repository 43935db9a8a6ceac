package dev.mlsec.catalog.doc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The built-in catalog as written, for documentation: every field of every family, threat and
 * control in file order, plus the reference lists. It reads the same resources the analysis loads,
 * but keeps the prose fields the engine does not need.
 */
public record CatalogDocument(
    List<Entry> families, List<Entry> threats, List<Entry> controls, Entry references) {

  private static final String ROOT = "catalog/";

  public CatalogDocument {
    families = List.copyOf(families);
    threats = List.copyOf(threats);
    controls = List.copyOf(controls);
  }

  /** Reads {@code catalog/index.yaml} and every file it lists from the class path. */
  public static CatalogDocument builtIn() {
    Entry index = new Entry(asMap(load(ROOT + "index.yaml")));
    List<Entry> families = new ArrayList<>();
    List<Entry> threats = new ArrayList<>();
    List<Entry> controls = new ArrayList<>();
    Entry references = new Entry(Map.of());
    for (String file : index.strings("files")) {
      Entry content = new Entry(asMap(load(ROOT + file)));
      families.addAll(content.entries("families"));
      threats.addAll(content.entries("threats"));
      controls.addAll(content.entries("controls"));
      if (file.equals("references.yaml")) {
        references = content;
      }
    }
    return new CatalogDocument(families, threats, controls, references);
  }

  public Optional<Entry> threat(String id) {
    return threats.stream().filter(t -> t.text("id").equals(id)).findFirst();
  }

  public Optional<Entry> family(String id) {
    return families.stream().filter(f -> f.text("id").equals(id)).findFirst();
  }

  /** Threats whose id is {@code id}, or whose family is {@code id}. */
  public List<Entry> threatsNamedBy(String id) {
    return threats.stream()
        .filter(t -> t.text("id").equals(id) || t.text("family").equals(id))
        .toList();
  }

  /** The title a reference list gives an id, or empty when the id is not listed. */
  public Optional<String> referenceTitle(String list, String id) {
    return references.entries(list).stream()
        .filter(e -> e.text("id").equals(id))
        .map(e -> e.text(e.has("title") ? "title" : "name"))
        .findFirst();
  }

  private static Object load(String resource) {
    try (InputStream in = CatalogDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "catalog resource missing from the class path: " + resource);
      }
      return new Load(LoadSettings.builder().setLabel(resource).build()).loadFromInputStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** One YAML mapping, read leniently: a missing key reads as empty. */
  public record Entry(Map<String, Object> fields) {

    public Entry {
      fields = new LinkedHashMap<>(fields);
    }

    public boolean has(String key) {
      return fields.containsKey(key);
    }

    public String text(String key) {
      Object v = fields.get(key);
      return v == null ? "" : v.toString().strip();
    }

    public List<String> strings(String key) {
      Object v = fields.get(key);
      if (v instanceof List<?> l) {
        return l.stream().map(Object::toString).toList();
      }
      return v == null ? List.of() : List.of(v.toString());
    }

    public Entry entry(String key) {
      return new Entry(asMap(fields.get(key)));
    }

    public List<Entry> entries(String key) {
      Object v = fields.get(key);
      if (!(v instanceof List<?> l)) {
        return List.of();
      }
      return l.stream().map(o -> new Entry(asMap(o))).toList();
    }
  }
}
