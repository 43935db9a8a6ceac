package dev.mlsec.model.load;

import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping read as string keys in file order. Construction rejects non-scalar and duplicate
 * keys; {@link #allowOnly} rejects keys the format does not know, with a did-you-mean.
 */
final class YamlMap {
  private final Node node;
  private final Positions positions;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMap(MappingNode node, Positions positions) {
    this.node = node;
    this.positions = positions;
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new InputException(
            positions.of(t.getKeyNode()),
            "a key must be a plain word, not " + Nodes.describe(t.getKeyNode()),
            "write 'name: value'");
      }
      NodeTuple earlier = entries.putIfAbsent(k.getValue(), t);
      if (earlier != null) {
        throw new InputException(
            positions.of(k),
            "duplicate key '" + k.getValue() + "'",
            "it is already given at line " + positions.of(earlier.getKeyNode()).line());
      }
    }
  }

  /** Reads {@code node} as a mapping; {@code what} names it in the error otherwise. */
  static YamlMap of(Node node, Positions positions, String what) {
    if (node instanceof MappingNode m) return new YamlMap(m, positions);
    throw new InputException(
        positions.of(node),
        what + " must be a mapping of 'key: value' lines, not " + Nodes.describe(node),
        "indent its keys under it");
  }

  Position position() {
    return positions.of(node);
  }

  Set<String> keys() {
    return entries.keySet();
  }

  int size() {
    return entries.size();
  }

  Collection<NodeTuple> entries() {
    return entries.values();
  }

  Optional<Node> get(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? Optional.empty() : Optional.of(t.getValueNode());
  }

  Node require(String key, String where, String hint) {
    return get(key)
        .orElseThrow(() -> new InputException(position(), where + " has no '" + key + "'", hint));
  }

  Position keyPosition(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? position() : positions.of(t.getKeyNode());
  }

  /** Rejects the first key not in {@code allowed}; {@code where} says whose key it is. */
  void allowOnly(Collection<String> allowed, String where, String otherwise) {
    List<InputException> unknown = unknownKeys(allowed, where, otherwise);
    if (!unknown.isEmpty()) throw unknown.get(0);
  }

  /** One error for each key not in {@code allowed}, in file order. */
  List<InputException> unknownKeys(Collection<String> allowed, String where, String otherwise) {
    List<InputException> out = new ArrayList<>();
    String previous = null;
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      String key = e.getKey();
      if (!allowed.contains(key)) {
        String hint =
            DidYouMean.closest(key, allowed).map(c -> "did you mean '" + c + "'?").orElse("");
        if (hint.isEmpty() && previous != null && cutAtComma(e.getValue()))
          hint =
              "this looks like the rest of the value of '"
                  + previous
                  + "', cut at an unquoted comma: put that whole value in quotes";
        if (hint.isEmpty()) hint = otherwise;
        out.add(
            new InputException(keyPosition(key), "unknown key '" + key + "' in " + where, hint));
      }
      previous = key;
    }
    return out;
  }

  /**
   * A key of several words with no value, inside a {@code {...}} mapping: what YAML makes of the
   * words after a comma in an unquoted value such as {@code {description: carts, purchases per
   * user}}.
   */
  private static boolean cutAtComma(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode k
        && k.getValue().trim().contains(" ")
        && Nodes.isNull(t.getValueNode())
        && t.getValueNode().getStartMark().isPresent()
        && t.getKeyNode().getStartMark().isPresent();
  }
}
