package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Influence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {c.x}}, {@code {f.x}} and {@code {path}} slots of a why template. */
final class WhyText {
  private static final Pattern SLOT = Pattern.compile("\\{(path|[cf](?:\\.[a-z_]+)+)\\}");

  /** How a fact tag without a prefix reads in a sentence. */
  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("loop", "the feedback loop"),
          Map.entry("feedback", "user feedback"),
          Map.entry("memory", "the model's own memory"),
          Map.entry("credential", "credentials"),
          Map.entry("email", "e-mail"),
          Map.entry("web", "web pages"),
          Map.entry("actor:self-registration", "self-registered accounts"),
          Map.entry("pretrained:unpinned", "unpinned pretrained models"),
          Map.entry("dependency:unpinned", "unpinned dependencies"),
          // what a prompting user reaches beyond their own session (Influence.PrompterReach)
          Map.entry("tool-effects", "tools that act"),
          Map.entry("tool-credential", "a tool with a credential of its own"),
          Map.entry("shared-index", "an index shared across users"),
          Map.entry("records", "records others read"));

  private WhyText() {}

  /**
   * The filled sentence, or empty when a list slot has nothing to name: a sentence about "prompts
   * from users" with no prompts is left out rather than said about nobody.
   */
  static java.util.Optional<String> line(
      String template, Map<String, Object> c, Map<String, Object> f, List<String> path) {
    Template t = Template.of(template);
    for (Slot slot : t.slots()) {
      if (slot.isPath()) continue;
      if (slot.lookUp(c, f) instanceof List<?> l && l.isEmpty()) return java.util.Optional.empty();
    }
    return java.util.Optional.of(fill(t, c, f, path));
  }

  static String fill(
      String template, Map<String, Object> c, Map<String, Object> f, List<String> path) {
    return fill(Template.of(template), c, f, path);
  }

  private static String fill(
      Template t, Map<String, Object> c, Map<String, Object> f, List<String> path) {
    StringBuilder out = new StringBuilder(t.text().length() + 32);
    for (int i = 0; i < t.slots().size(); i++) {
      Slot slot = t.slots().get(i);
      out.append(t.literals().get(i));
      if (slot.isPath()) {
        out.append(path.isEmpty() ? "(no path)" : String.join(" -> ", path));
        continue;
      }
      Object o = slot.lookUp(c, f);
      out.append(
          slot.parts().get(0).equals("c") && o == null
              ? unknown(
                  t.text().substring(0, slot.start()),
                  t.text().substring(slot.end()),
                  slot.parts().get(slot.parts().size() - 1))
              : onDevice(slot.name(), f) ? "on-device" : show(slot.name(), o));
    }
    out.append(t.literals().get(t.slots().size()));
    // a filled-in value may start with a vowel: "a unknown source" reads "an unknown source"
    return articles(out);
  }

  /**
   * "a " before a vowel sound made "an ": the "a" a word of its own (not after a letter, digit,
   * '_', '.' or '-'), followed by a, e, i or o, or by "un" not followed by "i" ("an unknown", "a
   * unique"). One scan of the sentence; it gives what {@code (?<![\w.-])a (?=[aeio]|un(?!i))}
   * replaced by "an " gives ({@code WhyArticleTest} compares the two).
   */
  static String articles(CharSequence s) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    for (int i = 0; i + 1 < n; i++) {
      if (s.charAt(i) != 'a' || s.charAt(i + 1) != ' ') continue;
      if (i > 0 && wordOrDot(s.charAt(i - 1))) continue;
      if (!vowelSound(s, i + 2)) continue;
      if (out == null) out = new StringBuilder(n + 8);
      out.append(s, copied, i).append("an ");
      copied = i + 2;
      i++; // the match ends after the space; the next one starts after it
    }
    if (out == null) return s.toString();
    return out.append(s, copied, n).toString();
  }

  private static boolean wordOrDot(char ch) {
    return (ch >= 'a' && ch <= 'z')
        || (ch >= 'A' && ch <= 'Z')
        || (ch >= '0' && ch <= '9')
        || ch == '_'
        || ch == '.'
        || ch == '-';
  }

  private static boolean vowelSound(CharSequence s, int at) {
    if (at >= s.length()) return false;
    char ch = s.charAt(at);
    if (ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o') return true;
    return ch == 'u'
        && at + 1 < s.length()
        && s.charAt(at + 1) == 'n'
        && (at + 2 >= s.length() || s.charAt(at + 2) != 'i');
  }

  /** A {@code {c.x}}, {@code {f.x}} or {@code {path}} slot and where it stands in its template. */
  private record Slot(String name, List<String> parts, int start, int end) {
    boolean isPath() {
      return name.equals("path");
    }

    /** The slot's value: {@code c} or {@code f}, then one map key per part; null if absent. */
    Object lookUp(Map<String, Object> c, Map<String, Object> f) {
      Object o = parts.get(0).equals("c") ? c : f;
      for (int i = 1; i < parts.size() && o != null; i++)
        o = o instanceof Map<?, ?> map ? map.get(parts.get(i)) : null;
      return o;
    }
  }

  /**
   * A template cut at its slots once: the text between slots ({@code literals}, one more than
   * {@code slots}). Templates are the catalog's why lines, so the cache stays as small as the
   * catalogs in use.
   */
  private record Template(String text, List<String> literals, List<Slot> slots) {
    private static final Map<String, Template> PARSED = new ConcurrentHashMap<>();

    static Template of(String text) {
      return PARSED.computeIfAbsent(text, Template::parse);
    }

    private static Template parse(String text) {
      List<String> literals = new ArrayList<>();
      List<Slot> slots = new ArrayList<>();
      Matcher m = SLOT.matcher(text);
      int from = 0;
      while (m.find()) {
        literals.add(text.substring(from, m.start()));
        String name = m.group(1);
        slots.add(new Slot(name, List.of(name.split("\\.")), m.start(), m.end()));
        from = m.end();
      }
      literals.add(text.substring(from));
      return new Template(text, List.copyOf(literals), List.copyOf(slots));
    }
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
    // (also before a colon: "has {c.access} access: …")
    String[] words = name.split(" ");
    for (int k = 0; k < words.length; k++) {
      String tail = String.join(" ", java.util.Arrays.copyOfRange(words, k, words.length));
      if (next.startsWith(tail)
          && (next.length() == tail.length() || ", :;.".indexOf(next.charAt(tail.length())) >= 0))
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
