package dev.mlsec.discover.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed configuration file (YAML, JSON or TOML) as maps, lists and scalars, each with the
 * 1-based line and column it starts at, so every inferred fact can name the line it came from.
 */
public sealed interface Tree {

  int line();

  int column();

  /** A mapping, keys in file order. */
  record MapNode(Map<String, Tree> entries, Map<String, Integer> keyLines, int line, int column)
      implements Tree {
    public MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keyLines = Collections.unmodifiableMap(new LinkedHashMap<>(keyLines));
    }
  }

  record ListNode(List<Tree> items, int line, int column) implements Tree {
    public ListNode {
      items = List.copyOf(items);
    }
  }

  /** A scalar as written (numbers and booleans too); {@code null} is the empty string. */
  record Scalar(String text, int line, int column) implements Tree {}

  /** The child at {@code key} when this is a map. */
  default Optional<Tree> get(String key) {
    return this instanceof MapNode m ? Optional.ofNullable(m.entries().get(key)) : Optional.empty();
  }

  /** The path of keys below this node. */
  default Optional<Tree> at(String... keys) {
    Optional<Tree> t = Optional.of(this);
    for (String k : keys) t = t.flatMap(n -> n.get(k));
    return t;
  }

  /** The text of a scalar child. */
  default Optional<String> text(String... keys) {
    return at(keys).flatMap(Tree::asText);
  }

  default Optional<String> asText() {
    return this instanceof Scalar s ? Optional.of(s.text()) : Optional.empty();
  }

  /** The line where {@code key} is written in this map (this node's line when unknown). */
  default int keyLine(String key) {
    return this instanceof MapNode m ? m.keyLines().getOrDefault(key, line()) : line();
  }

  default Map<String, Tree> entries() {
    return this instanceof MapNode m ? m.entries() : Map.of();
  }

  /** A list's items; a single scalar counts as a list of one. */
  default List<Tree> items() {
    if (this instanceof ListNode l) return l.items();
    if (this instanceof Scalar) return List.of(this);
    return List.of();
  }
}
