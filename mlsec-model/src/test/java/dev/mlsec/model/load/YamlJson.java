package dev.mlsec.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The JSON an editor's schema validator sees for a YAML file: the same core-schema node tree the
 * loader reads, with scalars typed by their resolved tag. A repeated key keeps its last value, as
 * JSON parsers do.
 */
final class YamlJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private YamlJson() {}

  static JsonNode of(String yaml) {
    return of(YamlDocument.compose(yaml, new Positions("test"), LoadLimits.DEFAULT));
  }

  static JsonNode of(Node n) {
    if (n instanceof MappingNode m) {
      ObjectNode o = F.objectNode();
      for (NodeTuple t : m.getValue()) {
        String key =
            t.getKeyNode() instanceof ScalarNode s ? s.getValue() : t.getKeyNode().toString();
        o.set(key, of(t.getValueNode()));
      }
      return o;
    }
    if (n instanceof SequenceNode s) {
      ArrayNode a = F.arrayNode();
      for (Node item : s.getValue()) a.add(of(item));
      return a;
    }
    ScalarNode s = (ScalarNode) n;
    Tag t = s.getTag();
    String v = s.getValue();
    if (t.equals(Tag.NULL)) return F.nullNode();
    if (t.equals(Tag.BOOL)) return F.booleanNode(v.equalsIgnoreCase("true"));
    if (t.equals(Tag.INT)) return F.numberNode(integer(v));
    if (t.equals(Tag.FLOAT)) {
      try {
        return F.numberNode(new BigDecimal(v));
      } catch (NumberFormatException e) {
        return F.textNode(v); // .inf and .nan have no JSON form
      }
    }
    return F.textNode(v);
  }

  private static BigInteger integer(String v) {
    String d = v.startsWith("+") ? v.substring(1) : v;
    if (d.startsWith("0x")) return new BigInteger(d.substring(2), 16);
    if (d.startsWith("0o")) return new BigInteger(d.substring(2), 8);
    return new BigInteger(d);
  }
}
