package dev.mlsec.report.html;

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
                  if (cp < 0x20
                      || (cp >= 0x7f && cp < 0xa0)
                      || Character.getType(cp) == Character.FORMAT) b.append('\uFFFD');
                  else b.appendCodePoint(cp);
                }
              }
            });
    return b.toString();
  }
}
