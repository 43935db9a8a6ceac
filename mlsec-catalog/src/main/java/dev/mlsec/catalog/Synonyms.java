package dev.mlsec.catalog;

import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * How teams say what the catalog says otherwise, kept as data in {@code catalog/synonyms.yaml}:
 * synonym rules for mapping free-text concerns onto threats, and other spellings of threat and
 * family ids for did-you-mean.
 *
 * @param rules synonym rules in Solr syntax ({@code a, b, c} or {@code a, b => c}), in file order
 * @param ids another spelling of an id (e.g. {@code model-stealing}) to the catalog id it means
 */
public record Synonyms(List<String> rules, Map<String, String> ids) {
  public static final String RESOURCE = "catalog/synonyms.yaml";

  private static volatile Synonyms builtIn;

  public Synonyms {
    rules = List.copyOf(rules);
    ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
  }

  /** The synonyms shipped with the built-in catalog, read once. */
  public static Synonyms builtIn() {
    Synonyms s = builtIn;
    if (s == null) {
      synchronized (Synonyms.class) {
        if (builtIn == null)
          builtIn =
              CatalogSnapshot.builtIn()
                  .map(CatalogSnapshot.Contents::synonyms)
                  .orElseGet(() -> parse(RESOURCE, read(RESOURCE)));
        s = builtIn;
      }
    }
    return s;
  }

  /** Reads synonyms from YAML text; {@code file} names it in errors. */
  public static Synonyms parse(String file, String text) {
    YamlNodes y = new YamlNodes(file);
    Map<String, Node> top = y.mapping(y.parse(text), file, List.of("words", "ids"), List.of());
    List<String> rules = new ArrayList<>(y.strings(top.get("words"), "words"));
    Map<String, String> ids = new LinkedHashMap<>();
    if (top.containsKey("ids"))
      for (var e : y.freeMapping(top.get("ids"), "ids").entrySet())
        ids.put(e.getKey(), y.scalar(e.getValue(), "the id meant by '" + e.getKey() + "'"));
    return new Synonyms(rules, ids);
  }

  /** The catalog id that {@code word} is another spelling of, if it is one. */
  public Optional<String> idFor(String word) {
    return Optional.ofNullable(ids.get(word));
  }

  private static String read(String name) {
    try (InputStream in = Synonyms.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " missing from the classpath");
      return new String(in.readNBytes(YamlNodes.MAX_CHARS + 1), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(new Position(name, 0, 0), "cannot read " + name, e.getMessage());
    }
  }
}
