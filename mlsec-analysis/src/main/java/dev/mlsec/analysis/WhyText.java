package dev.mlsec.analysis;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {c.x}}, {@code {f.x}} and {@code {path}} slots of a why template. */
final class WhyText {
  private static final Pattern SLOT = Pattern.compile("\\{(path|[cf](?:\\.[a-z_]+)+)\\}");

  private WhyText() {}

  static String fill(
      String template, Map<String, Object> c, Map<String, Object> f, List<String> path) {
    Matcher m = SLOT.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String slot = m.group(1);
      String value;
      if (slot.equals("path")) value = path.isEmpty() ? "(no path)" : String.join(" -> ", path);
      else {
        String[] parts = slot.split("\\.");
        Object o = parts[0].equals("c") ? c : f;
        for (int i = 1; i < parts.length && o != null; i++)
          o = o instanceof Map<?, ?> map ? map.get(parts[i]) : null;
        value = show(o);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String show(Object o) {
    if (o == null) return "unknown";
    if (o instanceof List<?> l) {
      if (l.isEmpty()) return "none";
      StringBuilder b = new StringBuilder();
      for (Object x : l) {
        if (b.length() > 0) b.append(", ");
        b.append(x);
      }
      return b.toString();
    }
    return String.valueOf(o);
  }
}
