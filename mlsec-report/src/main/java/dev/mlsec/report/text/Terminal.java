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
    return dev.mlsec.model.DisplayText.clean(s);
  }

  /**
   * Word-wraps {@code text} to lines of at most {@code width} columns, breaking only at spaces. A
   * word too long for a line (a finding id such as {@code threat@component}) is broken after an
   * {@code @} or {@code -}, its first part kept on the current line when it fits there, so ids are
   * never cut mid-word; only a word with no such boundary in reach is cut hard.
   */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    String clean = clean(text);
    String indent = clean.substring(0, clean.length() - clean.stripLeading().length());
    StringBuilder line = new StringBuilder(indent);
    for (String word : clean.trim().split(" +", -1)) {
      boolean hasText = line.length() > indent.length();
      int room = width - line.length() - (hasText ? 1 : 0);
      if (word.length() > room) {
        int cut = hasText && word.length() > width - indent.length() ? boundary(word, room) : -1;
        if (cut > 0) {
          line.append(' ').append(word, 0, cut);
          word = word.substring(cut);
        }
        if (line.length() > indent.length()) {
          lines.add(line.toString());
          line.setLength(0);
          line.append(indent);
        }
        int full = Math.max(1, width - indent.length());
        while (word.length() > full) {
          int at = boundary(word, full);
          if (at <= 0) at = full;
          lines.add(indent + word.substring(0, at));
          word = word.substring(at);
        }
      } else if (hasText) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > indent.length() || lines.isEmpty()) lines.add(line.toString());
    return lines;
  }

  /**
   * {@code lead} and {@code token} on one line when they fit; otherwise the token is broken after
   * an '@' or '-' (see {@link #wrap}) and continues under itself, so a label such as an arrow is
   * never left alone on its line.
   */
  static List<String> hanging(String lead, String token, int width) {
    List<String> lines = new ArrayList<>();
    String first = clean(lead);
    String hang = " ".repeat(first.length());
    String rest = clean(token).strip();
    String at = first;
    int room = Math.max(1, width - at.length());
    while (rest.length() > room) {
      int cut = boundary(rest, room);
      if (cut <= 0) cut = room;
      lines.add(at + rest.substring(0, cut));
      rest = rest.substring(cut);
      at = hang;
      room = Math.max(1, width - at.length());
    }
    lines.add(at + rest);
    return lines;
  }

  /**
   * Length of the longest prefix of {@code word} within {@code max} that ends in '@' (or a flow
   * arrow "->"), else in '-' not starting an arrow; -1 when there is none. Breaking at '@' first
   * keeps the threat and the component of an id whole where possible.
   */
  private static int boundary(String word, int max) {
    int dash = -1;
    for (int i = Math.min(max, word.length() - 1); i > 0; i--) {
      char c = word.charAt(i - 1);
      if (c == '@' || (c == '>' && i >= 2 && word.charAt(i - 2) == '-')) return i;
      if (dash < 0 && c == '-' && word.charAt(i) != '>') dash = i;
    }
    return dash;
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
