package dev.mlsec.analysis.fact;

import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worst and best answer for each attribute that facts read, used when the attribute is unknown
 * (table in docs/catalog-format.md).
 */
final class Answers {
  private Answers() {}

  /** attribute -> {worst, best}; list attributes use a one-element list. */
  private static final Map<String, String[]> ANSWERS =
      Map.ofEntries(
          Map.entry("trust", new String[] {"anonymous", "internal"}),
          Map.entry("self-registration", new String[] {"true", "false"}),
          Map.entry("provenance", new String[] {"public-web", "first-party"}),
          Map.entry("workforce", new String[] {"crowd", "in-house"}),
          Map.entry("source", new String[] {"public-hub", "internal"}),
          Map.entry("pinned", new String[] {"false", "true"}),
          Map.entry("artifact-format", new String[] {"pickle", "safetensors"}),
          Map.entry("signed", new String[] {"false", "true"}),
          Map.entry("content", new String[] {"public-web", "first-party"}),
          Map.entry("effects", new String[] {"code-execution", "read-only"}),
          Map.entry("requires-approval", new String[] {"false", "true"}),
          Map.entry("index", new String[] {"public", "internal-mirror"}),
          Map.entry("memory", new String[] {"true", "false"}),
          Map.entry("adversarial-testing", new String[] {"false", "true"}),
          Map.entry("method", new String[] {"continual", "from-scratch"}));

  /** Attributes whose unknown value changes facts of other components. */
  static final Set<String> FACT_ATTRIBUTES =
      Set.of(
          "trust",
          "self-registration",
          "provenance",
          "workforce",
          "source",
          "pinned",
          "artifact-format",
          "signed",
          "content",
          "effects",
          "requires-approval",
          "index",
          "memory",
          "adversarial-testing",
          "method",
          "watches");

  static String text(Component c, String attribute, Mode mode) {
    Value v = c.attribute(attribute);
    if (v instanceof Value.Text t) return t.value();
    if (v instanceof Value.Texts t && !t.values().isEmpty()) return t.values().get(0);
    String[] a = answers(c, attribute);
    return a == null ? "" : a[mode == Mode.WORST ? 0 : 1];
  }

  static List<String> texts(Component c, String attribute, Mode mode) {
    Value v = c.attribute(attribute);
    if (v instanceof Value.Texts t) return t.values();
    if (v instanceof Value.Text t) return List.of(t.value());
    if (attribute.equals("watches"))
      return mode == Mode.WORST ? List.of() : List.of("drift", "performance", "abuse", "cost");
    String[] a = answers(c, attribute);
    return a == null ? List.of() : List.of(a[mode == Mode.WORST ? 0 : 1]);
  }

  static boolean bool(Component c, String attribute, Mode mode) {
    Value v = c.attribute(attribute);
    if (v instanceof Value.Bool b) return b.value();
    String[] a = answers(c, attribute);
    return a != null && Boolean.parseBoolean(a[mode == Mode.WORST ? 0 : 1]);
  }

  private static String[] answers(Component c, String attribute) {
    // agent-tool source has its own worst/best values
    if (attribute.equals("source") && c.kind() == ComponentKind.AGENT_TOOL)
      return new String[] {"remote-server", "first-party"};
    return ANSWERS.get(attribute);
  }

  static boolean unknown(Component c, String attribute) {
    return c.kind().attributes().containsKey(attribute) && c.attribute(attribute).isUnknown();
  }
}
