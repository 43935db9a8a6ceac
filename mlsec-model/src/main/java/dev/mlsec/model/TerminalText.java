package dev.mlsec.model;

/**
 * Text from a file made harmless for a terminal: control characters (ESC, CR, BEL, C1), line and
 * paragraph separators and bidi or other format characters could otherwise rewrite the screen or
 * forge output. Newlines and tabs become spaces, the rest U+FFFD.
 */
public final class TerminalText {
  private TerminalText() {}

  public static String clean(String s) {
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
}
