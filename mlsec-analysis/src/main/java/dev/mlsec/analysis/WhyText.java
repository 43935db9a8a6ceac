package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Influence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {c.x}}, {@code {f.x}} and {@code {path}} slots of a why template. */
final class WhyText {
  private static final Pattern ARTICLE = Pattern.compile("(?<![\\w.-])a (?=[aeio]|un(?!i))");
  private static final Pattern SLOT = Pattern.compile("\\{(path|[cf](?:\\.[a-z_]+)+)\\}");

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

  /**
   * The filled sentence, or empty when a list slot has nothing to name: a sentence about "prompts
   * from users" with no prompts is left out rather than said about nobody.
   */
  static java.util.Optional<String> line(
      String template, Map<String, Object> c, Map<String, Object> f, List<String> path) {
    Matcher m = SLOT.matcher(template);
    while (m.find()) {
      String slot = m.group(1);
      if (slot.equals("path")) continue;
      String[] parts = slot.split("\\.");
      Object o = parts[0].equals("c") ? c : f;
      for (int i = 1; i < parts.length && o != null; i++)
        o = o instanceof Map<?, ?> map ? map.get(parts[i]) : null;
      if (o instanceof List<?> l && l.isEmpty()) return java.util.Optional.empty();
    }
    return java.util.Optional.of(fill(template, c, f, path));
  }

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
                ? unknown(
                    template.substring(0, m.start()),
                    template.substring(m.end()),
                    parts[parts.length - 1])
                : onDevice(slot, f) ? "on-device" : show(slot, o);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    // a filled-in value may start with a vowel: "a unknown source" reads "an unknown source"
    return ARTICLE.matcher(out).replaceAll("an ");
  }

  /** Slots that name who reaches a component by the trust of the actors stated in the file. */
  private static final java.util.Set<String> CALLERS =
      java.util.Set.of(
          "f.queried_by", "f.prompted_by", "f.shaped_by", "f.submitted_by", "f.checks_media_from");

  /**
   * A component on its user's own device is used by that device's owner, whatever trust the file
   * gives the people: "on-device users", never "anonymous users" of a browser's one owner.
   */
  private static boolean onDevice(String slot, Map<String, Object> f) {
    return CALLERS.contains(slot) && "on-device".equals(f.get("exposure"));
  }

  /** "unknown outputs", or just "unknown" when the sentence names the attribute beside it. */
  private static String unknown(String before, String after, String attribute) {
    String name = attribute.replace('_', ' ');
    String next = after.toLowerCase(java.util.Locale.ROOT).stripLeading();
    String earlier = before.toLowerCase(java.util.Locale.ROOT);
    // the sentence already names the attribute ("renders it as …"): "unknown", not "unknown
    // renders"
    if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(earlier).find())
      return "unknown";
    // "in {c.artifact_format} format" reads "in unknown artifact format", not "… format format"
    String[] words = name.split(" ");
    for (int k = 0; k < words.length; k++) {
      String tail = String.join(" ", java.util.Arrays.copyOfRange(words, k, words.length));
      if (next.startsWith(tail + " ") || next.equals(tail) || next.startsWith(tail + ","))
        return k == 0
            ? "unknown"
            : "unknown " + String.join(" ", java.util.Arrays.copyOf(words, k));
    }
    return "unknown " + name;
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
      if (slot.equals("f.influences")) items = outsideFirst(items);
      if (items.isEmpty()) return "none";
      List<String> words = new ArrayList<>();
      for (String item : items) words.add(words(item));
      return String.join(", ", words);
    }
    return String.valueOf(o);
  }

  /**
   * A sentence about influences names the outsiders: untrusted data first (what a model learns
   * from), else untrusted supply (models, packages), else whatever there is. The table in {@link
   * Influence} decides which is which.
   */
  static List<String> outsideFirst(List<String> tags) {
    List<String> data = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (String t : tags) {
      Influence i = Influence.of(t).orElse(null);
      if (i == null || !i.untrusted()) continue;
      outside.add(t);
      if (i.untrustedData()) data.add(t);
    }
    if (!data.isEmpty()) return data;
    return outside.isEmpty() ? tags : outside;
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
      case "text" -> "text from " + value + " users";
      case "pretrained" -> value + " pretrained models";
      case "dependency" -> value + "-index dependencies";
      case "data" -> value + " data";
      case "model" -> value + "-value model";
      default -> tag;
    };
  }
}
