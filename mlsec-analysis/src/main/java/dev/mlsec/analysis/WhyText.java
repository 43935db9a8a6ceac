package dev.mlsec.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {c.x}}, {@code {f.x}} and {@code {path}} slots of a why template. */
final class WhyText {
  private static final Pattern SLOT = Pattern.compile("\\{(path|[cf](?:\\.[a-z_]+)+)\\}");

  /** Influences from inside the team; a sentence about outside parties leaves them out. */
  private static final Set<String> TRUSTED_INFLUENCES =
      Set.of(
          "provenance:first-party",
          "provenance:sensor",
          "workforce:in-house",
          "workforce:automatic",
          "actor:internal",
          "pretrained:internal",
          "dependency:internal-mirror");

  /** How a fact tag without a prefix reads in a sentence. */
  private static final Map<String, String> WORDS =
      Map.of(
          "loop", "the feedback loop",
          "feedback", "user feedback",
          "memory", "the model's own memory",
          "credential", "credentials",
          "email", "e-mail",
          "web", "web pages",
          "actor:self-registration", "self-registered accounts",
          "pretrained:unpinned", "unpinned pretrained models",
          "dependency:unpinned", "unpinned dependencies");

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
        value =
            parts[0].equals("c") && o == null
                ? unknown(template.substring(0, m.start()), parts[parts.length - 1])
                : show(slot, o);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** "unknown outputs", or just "unknown" when the sentence has just named the attribute. */
  private static String unknown(String before, String attribute) {
    String name = attribute.replace('_', ' ');
    return before.toLowerCase(java.util.Locale.ROOT).stripTrailing().endsWith(name)
        ? "unknown"
        : "unknown " + name;
  }

  static String show(Object o) {
    return show("", o);
  }

  /** A value as words: fact tags such as {@code actor:partner} read as "partner actors". */
  static String show(String slot, Object o) {
    if (o == null) return "unknown";
    if (o instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      for (Object x : l) items.add(String.valueOf(x));
      if (slot.equals("f.influences")) {
        List<String> outside = new ArrayList<>(items);
        outside.removeAll(TRUSTED_INFLUENCES);
        if (!outside.isEmpty()) items = outside;
      }
      if (items.isEmpty()) return "none";
      List<String> words = new ArrayList<>();
      for (String item : items) words.add(words(item));
      return String.join(", ", words);
    }
    return String.valueOf(o);
  }

  private static String words(String tag) {
    String fixed = WORDS.get(tag);
    if (fixed != null) return fixed;
    int colon = tag.indexOf(':');
    if (colon < 0) return tag;
    String value = tag.substring(colon + 1);
    return switch (tag.substring(0, colon)) {
      case "actor" -> value + " actors";
      case "provenance" -> value + " data";
      case "workforce" -> value + " labelers";
      case "retrieval" -> value + " content in retrieval";
      case "prompt" -> "prompts from " + value + " users";
      case "tool" -> "output of " + value + " tools";
      case "pretrained" -> value + " pretrained models";
      case "dependency" -> value + "-index dependencies";
      case "data" -> value + " data";
      case "model" -> value + "-value model";
      default -> tag;
    };
  }
}
