package dev.mlsec.catalog;

import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads catalog YAML as position-carrying nodes, with explicit limits and strict key checks. */
final class YamlNodes {
  static final int MAX_CHARS = 4 * 1024 * 1024;
  private final String file;
  private String text = "";

  YamlNodes(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** The text last parsed. */
  String text() {
    return text;
  }

  Node parse(String text) {
    this.text = text;
    if (text.length() > MAX_CHARS)
      throw new InputException(
          new Position(file, 1, 1), "catalog file is larger than " + MAX_CHARS + " characters");
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setMaxAliasesForCollections(20)
            .setAllowRecursiveKeys(false)
            .setCodePointLimit(MAX_CHARS)
            .build();
    try {
      Optional<Node> root = new Compose(settings).composeString(text);
      if (root.isEmpty())
        throw new InputException(new Position(file, 1, 1), "catalog file is empty");
      return root.get();
    } catch (MarkedYamlEngineException e) {
      Position p =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(this::position)
              .orElse(new Position(file, 1, 1));
      throw new InputException(p, "not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new InputException(new Position(file, 1, 1), "not valid YAML: " + e.getMessage());
    }
  }

  Position position(Node node) {
    return node.getStartMark().map(this::position).orElse(new Position(file, 1, 1));
  }

  private Position position(Mark m) {
    return new Position(file, m.getLine() + 1, m.getColumn() + 1);
  }

  /** A mapping's entries by key, refusing duplicate and unknown keys and missing required ones. */
  Map<String, Node> mapping(
      Node node, String what, Collection<String> allowed, List<String> required) {
    if (!(node instanceof MappingNode m))
      throw new InputException(position(node), what + " must be a mapping");
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), "a key");
      if (out.containsKey(key))
        throw new InputException(
            position(t.getKeyNode()), "duplicate key '" + key + "' in " + what);
      if (allowed != null && !allowed.contains(key))
        throw new InputException(
            position(t.getKeyNode()),
            "unknown key '" + key + "' in " + what,
            DidYouMean.hint(key, allowed));
      out.put(key, t.getValueNode());
    }
    for (String r : required)
      if (!out.containsKey(r))
        throw new InputException(position(node), what + " lacks the required key '" + r + "'");
    return out;
  }

  /** A mapping with free keys (e.g. reference id -> title). */
  Map<String, Node> freeMapping(Node node, String what) {
    return mapping(node, what, null, List.of());
  }

  String scalar(Node node, String what) {
    if (!(node instanceof ScalarNode s))
      throw new InputException(position(node), what + " must be a single value");
    return s.getValue();
  }

  String text(Map<String, Node> m, String key, String what) {
    Node n = m.get(key);
    return n == null ? "" : scalar(n, what + " '" + key + "'").strip();
  }

  /** A list of scalars; a single scalar counts as a one-element list. */
  List<String> strings(Node node, String what) {
    List<String> out = new ArrayList<>();
    if (node == null) return out;
    if (node instanceof ScalarNode s) {
      if (!s.getValue().isEmpty()) out.add(s.getValue());
      return out;
    }
    for (Node n : sequence(node, what)) out.add(scalar(n, "an item of " + what));
    return out;
  }

  List<Node> sequence(Node node, String what) {
    if (!(node instanceof SequenceNode s))
      throw new InputException(position(node), what + " must be a list");
    return s.getValue();
  }

  /** Position of the n-th element of a sequence node, or of the node itself. */
  Position itemPosition(Node node, int index) {
    if (node instanceof SequenceNode s && index < s.getValue().size())
      return position(s.getValue().get(index));
    return position(node);
  }

  /** Whether a scalar node is written as a block scalar (| or >), which shifts its content. */
  static boolean block(Node node) {
    return node instanceof ScalarNode s
        && (s.getScalarStyle() == ScalarStyle.LITERAL || s.getScalarStyle() == ScalarStyle.FOLDED);
  }

  static boolean quoted(Node node) {
    return node instanceof ScalarNode s
        && (s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
            || s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED);
  }
}
