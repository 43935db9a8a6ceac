package dev.mlsec.model.load;

import dev.mlsec.model.Position;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Turns SnakeYAML's 0-based marks into 1-based {@link Position}s of one file. */
final class Positions {
  private final String file;

  Positions(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  Position of(Optional<Mark> mark) {
    return mark.map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(new Position(file, 0, 0));
  }

  Position of(Node node) {
    return of(node.getStartMark());
  }

  /**
   * The position of the character at {@code offset} in a scalar's value when that can be known
   * exactly (a one-line scalar without escapes), else the scalar's start.
   */
  Position within(ScalarNode node, int offset) {
    Position start = of(node);
    if (offset <= 0 || node.getStartMark().isEmpty() || node.getEndMark().isEmpty()) return start;
    Mark s = node.getStartMark().get();
    Mark e = node.getEndMark().get();
    if (s.getLine() != e.getLine()) return start;
    int width = e.getColumn() - s.getColumn();
    String v = node.getValue();
    ScalarStyle style = node.getScalarStyle();
    if (style == ScalarStyle.PLAIN && width == v.length()) {
      return new Position(file, start.line(), start.column() + offset);
    }
    if ((style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED)
        && width == v.length() + 2) {
      return new Position(file, start.line(), start.column() + 1 + offset);
    }
    return start;
  }
}
