package dev.mlsec.discover.interview;

import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Writes one answer into a workflow file as the smallest text edit: the value of {@code
 * components.<id>.<attribute>} is replaced where it stands, or, when the attribute is not written,
 * one entry is added to the component's mapping in the style it already has (a line in a block
 * mapping, {@code , key: value} in a flow mapping). Every other byte of the file stays as it was,
 * comments and order included.
 */
public final class AnswerEditor {
  private AnswerEditor() {}

  /**
   * The text with {@code attribute} of {@code component} set to {@code yamlValue} (already rendered
   * as YAML: a word, {@code true}, {@code [a, b]} or a quoted string).
   */
  public static String apply(
      String text, String file, String component, String attribute, String yamlValue) {
    MappingNode comp = componentNode(text, file, component);
    for (NodeTuple t : comp.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(attribute)) {
        Node v = t.getValueNode();
        int start = offset(text, v.getStartMark());
        int end = offset(text, v.getEndMark());
        if (v.getStartMark().isEmpty() || v.getEndMark().isEmpty() || start > end)
          throw new InputException(
              new Position(file, 0, 0), "cannot locate " + component + "." + attribute);
        // a block list ends at the start of the next line: keep that line break
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == ' ')) end--;
        String replacement = yamlValue;
        if (v instanceof org.snakeyaml.engine.v2.nodes.SequenceNode s
            && s.getFlowStyle() == FlowStyle.BLOCK) {
          // a block list starts on its own line below the key: the new value goes after the key
          int keyEnd = offset(text, t.getKeyNode().getEndMark());
          int colon = text.indexOf(':', keyEnd);
          return text.substring(0, colon + 1) + " " + replacement + text.substring(end);
        }
        return text.substring(0, start) + replacement + text.substring(end);
      }
    }
    List<NodeTuple> entries = comp.getValue();
    if (comp.getFlowStyle() == FlowStyle.FLOW) {
      int close = offset(text, comp.getEndMark()) - 1;
      while (close > 0 && text.charAt(close) != '}') close--;
      int before = close;
      while (before > 0 && Character.isWhitespace(text.charAt(before - 1))) before--;
      String sep = entries.isEmpty() ? "" : ", ";
      return text.substring(0, before)
          + sep
          + attribute
          + ": "
          + yamlValue
          + text.substring(before);
    }
    NodeTuple last = entries.get(entries.size() - 1);
    int indent = entries.get(0).getKeyNode().getStartMark().map(Mark::getColumn).orElse(4);
    int at = offset(text, last.getValueNode().getEndMark());
    String line = " ".repeat(indent) + attribute + ": " + yamlValue + "\n";
    if (at > 0 && text.charAt(at - 1) == '\n')
      return text.substring(0, at) + line + text.substring(at);
    int nl = text.indexOf('\n', at);
    if (nl < 0) return text + "\n" + line.substring(0, line.length() - 1);
    return text.substring(0, nl + 1) + line + text.substring(nl + 1);
  }

  private static MappingNode componentNode(String text, String file, String component) {
    LoadSettings settings =
        LoadSettings.builder().setUseMarks(true).setMaxAliasesForCollections(50).build();
    Optional<Node> root =
        new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
            .getSingleNode();
    Node components = root.flatMap(r -> child(r, "components")).orElse(null);
    Node comp = components == null ? null : child(components, component).orElse(null);
    if (!(comp instanceof MappingNode m))
      throw new InputException(
          new Position(file, 0, 0),
          "no component '" + component + "' written as a mapping",
          "answer attributes of components the file describes");
    return m;
  }

  private static Optional<Node> child(Node map, String key) {
    if (!(map instanceof MappingNode m)) return Optional.empty();
    for (NodeTuple t : m.getValue())
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
        return Optional.of(t.getValueNode());
    return Optional.empty();
  }

  /** A mark's code point index as a Java string offset. */
  private static int offset(String text, Optional<Mark> mark) {
    int cp = mark.map(Mark::getIndex).orElse(0);
    int cps = text.codePointCount(0, text.length());
    return text.offsetByCodePoints(0, Math.min(cp, cps));
  }
}
