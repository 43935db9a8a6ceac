package dev.mlsec.model;

/**
 * Text from a file, made safe to show a person. Control characters (ESC, CR, BEL, C1), line and
 * paragraph separators and bidi or other format characters could rewrite a terminal screen, forge
 * output or disguise what a reader sees; every output form replaces them the same way.
 */
public final class DisplayText {
  private DisplayText() {}

  /** Whether a code point must not be shown as it is. */
  public static boolean unsafe(int cp) {
    return cp < 0x20
        || (cp >= 0x7f && cp < 0xa0)
        || cp == 0x2028
        || cp == 0x2029
        || Character.getType(cp) == Character.FORMAT;
  }

  /** For a terminal: newlines and tabs become spaces, other unsafe characters U+FFFD. */
  public static String clean(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == '\n' || cp == '\t') b.append(' ');
              else if (unsafe(cp)) b.append('\uFFFD');
              else b.appendCodePoint(cp);
            });
    return b.toString();
  }
}
