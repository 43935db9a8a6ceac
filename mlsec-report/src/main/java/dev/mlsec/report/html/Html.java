package dev.mlsec.report.html;

import dev.mlsec.model.DisplayText;

/** Escaping for HTML text and attribute values (also valid inside inline SVG). */
final class Html {
  private Html() {}

  /**
   * Escapes everything that could end a text node or an attribute value, and replaces control and
   * bidi-format characters, which could disguise what a reader sees.
   */
  static String escape(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n', '\t' -> b.append(' ');
                default -> {
                  if (DisplayText.unsafe(cp)) b.append('\uFFFD');
                  else b.appendCodePoint(cp);
                }
              }
            });
    return b.toString();
  }
}
