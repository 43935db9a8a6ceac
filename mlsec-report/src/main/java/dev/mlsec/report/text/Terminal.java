package dev.mlsec.report.text;

import dev.mlsec.catalog.Severity;
import java.util.ArrayList;
import java.util.List;

/** ANSI styling (or none) and the text-layout primitives of the terminal report. */
final class Terminal {
  static final int WIDTH = 100;

  private final boolean color;

  Terminal(boolean color) {
    this.color = color;
  }

  String bold(String s) {
    return style("1", s);
  }

  String dim(String s) {
    return style("2", s);
  }

  String green(String s) {
    return style("32", s);
  }

  String red(String s) {
    return style("31", s);
  }

  String yellow(String s) {
    return style("33", s);
  }

  String cyan(String s) {
    return style("36", s);
  }

  String severity(Severity s, String text) {
    return switch (s) {
      case CRITICAL -> style("1;97;41", text);
      case HIGH -> style("1;31", text);
      case MEDIUM -> style("33", text);
      case LOW -> style("36", text);
      case INFO -> style("2", text);
    };
  }

  private String style(String code, String s) {
    return color && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  /**
   * Workflow text made harmless for a terminal: control characters (ESC, CR, BEL, C1) could
   * otherwise rewrite the screen or forge output.
   */
  static String clean(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == '\n' || cp == '\t') b.append(' ');
              else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029)
                b.append('\uFFFD');
              else if (Character.getType(cp) == Character.FORMAT) b.append('\uFFFD');
              else b.appendCodePoint(cp);
            });
    return b.toString();
  }

  /** Word-wraps {@code text} to lines of at most {@code width} columns (long words are cut). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    String clean = clean(text);
    String indent = clean.substring(0, clean.length() - clean.stripLeading().length());
    StringBuilder line = new StringBuilder(indent);
    for (String word : clean.trim().split(" +")) {
      while (word.length() > width) {
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(indent);
      }
      if (line.length() > indent.length()) line.append(' ');
      line.append(word);
    }
    if (line.length() > indent.length() || lines.isEmpty()) lines.add(line.toString());
    return lines;
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
