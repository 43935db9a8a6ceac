package dev.mlsec.model.load;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** How a node is named in messages and what plain type it has. */
final class Nodes {
  private Nodes() {}

  static boolean isText(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.STR);
  }

  static boolean isBool(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL);
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  static String describe(Node n) {
    if (n instanceof MappingNode) return "a mapping";
    if (n instanceof SequenceNode) return "a list";
    if (n instanceof ScalarNode s) {
      Tag t = s.getTag();
      if (t.equals(Tag.NULL)) return "nothing";
      if (t.equals(Tag.BOOL)) return "the boolean " + s.getValue();
      if (t.equals(Tag.INT) || t.equals(Tag.FLOAT)) return "the number " + s.getValue();
      return "'" + shorten(s.getValue()) + "'";
    }
    return "an unexpected node";
  }

  static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 40 ? one : one.substring(0, 37) + "...";
  }
}
