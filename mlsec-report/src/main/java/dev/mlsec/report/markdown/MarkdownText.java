package dev.mlsec.report.markdown;

import dev.mlsec.model.DisplayText;

/** Makes workflow text inert in GitHub-flavoured Markdown. */
final class MarkdownText {
  private MarkdownText() {}

  /**
   * Escapes text for inline use: no HTML, no emphasis, links, images, table cells, mentions
   * ({@code @}), issue references ({@code #}), autolinks ({@code ://}, {@code www.}) or line breaks
   * survive.
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
                case '@' -> b.append("&#64;");
                case '#' -> b.append("&#35;");
                case ':' -> b.append("&#58;");
                case '|' -> b.append("&#124;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '!', '~', '{', '}', '=', '+', '-' ->
                    b.append('\\').appendCodePoint(cp);
                case '\n', '\r', '\t' -> b.append(' ');
                default -> {
                  if (DisplayText.unsafe(cp)) b.append('\uFFFD');
                  else b.appendCodePoint(cp);
                }
              }
            });
    return b.toString().replace("www.", "www&#46;");
  }

  /** An id (component, finding, attribute) as a code span; ids are [a-z0-9@>.-] only. */
  static String code(String id) {
    if (id.chars()
        .allMatch(
            c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-@>.:".indexOf(c) >= 0)) {
      return "`" + id + "`";
    }
    return escape(id);
  }
}
