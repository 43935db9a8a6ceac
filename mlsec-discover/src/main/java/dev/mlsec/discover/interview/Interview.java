package dev.mlsec.discover.interview;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.analysis.OpenQuestion;
import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.AttributeType;
import dev.mlsec.model.Component;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The questions an analysis leaves open, most decisive first, and how an answer becomes YAML. The
 * terminal dialogue and the answers file both go through {@link #render}, so both accept exactly
 * the same words.
 */
public final class Interview {
  /** InterviewAnswers that are no value: leave the attribute as it is, or write {@code unknown}. */
  public static final String SKIP = "skip";

  public static final String UNKNOWN = "unknown";

  private Interview() {}

  /** One allowed answer and what it means. */
  public record Choice(String value, String meaning) {}

  /** One question about {@code component.attribute}. */
  public record Question(
      String component,
      String attribute,
      String text,
      List<String> decides,
      AttributeSpec spec,
      List<Choice> choices,
      Position location) {
    public String key() {
      return component + "." + attribute;
    }
  }

  /** The open questions, the one deciding most findings first, then in file order. */
  public static List<Question> questions(Analysis a) {
    List<OpenQuestion> open = new ArrayList<>(a.openQuestions());
    open.sort(
        Comparator.comparing((OpenQuestion q) -> -q.decides().size())
            .thenComparing(q -> q.location())
            .thenComparing(OpenQuestion::attribute));
    List<Question> out = new ArrayList<>();
    for (OpenQuestion q : open) {
      int dot = q.attribute().indexOf('.');
      if (dot < 0) continue;
      String comp = q.attribute().substring(0, dot);
      String attr = q.attribute().substring(dot + 1);
      Component c = a.workflow().components().get(comp);
      if (c == null || !c.kind().attributes().containsKey(attr)) continue;
      AttributeSpec spec = c.kind().attributes().get(attr);
      out.add(
          new Question(comp, attr, q.question(), q.decides(), spec, choices(spec), q.location()));
    }
    return out;
  }

  static List<Choice> choices(AttributeSpec spec) {
    List<Choice> c = new ArrayList<>();
    switch (spec.type()) {
      case BOOL -> {
        c.add(new Choice("true", Meanings.of(spec.name(), "true")));
        c.add(new Choice("false", Meanings.of(spec.name(), "false")));
      }
      case ENUM, ENUM_LIST -> {
        for (String v : spec.values()) c.add(new Choice(v, Meanings.of(spec.name(), v)));
      }
      case RATE -> {
        c.add(new Choice("none", "no limit"));
        c.add(new Choice("100/min", "a rate: a count per sec, min, hour or day"));
      }
      case TEXT -> c.add(new Choice("\"...\"", "free text"));
    }
    c.add(new Choice(SKIP, "leave it for later"));
    c.add(new Choice(UNKNOWN, "nobody knows yet: written as unknown"));
    return c;
  }

  /**
   * The YAML text for an answer, or null for {@link #SKIP}. {@code words} is the answer as typed
   * (list answers separated by commas or spaces). A wrong word is an {@link InputException} at
   * {@code at}, with a did-you-mean.
   */
  public static String render(AttributeSpec spec, List<String> words, Position at) {
    List<String> ws = new ArrayList<>();
    for (String w : words)
      for (String p : w.split("[,\\s]+", -1)) if (!p.isBlank()) ws.add(p.strip());
    if (spec.type() == AttributeType.TEXT && !words.isEmpty()) {
      String t = String.join(" ", words).strip();
      if (t.equals(SKIP)) return null;
      if (t.equals(UNKNOWN)) return UNKNOWN;
      return dev.mlsec.discover.Yaml.quote(t);
    }
    if (ws.isEmpty())
      throw new InputException(
          at, "no answer for " + spec.name(), "give one of the answers, skip or unknown");
    if (ws.size() == 1 && ws.get(0).equals(SKIP)) return null;
    if (ws.size() == 1 && ws.get(0).equals(UNKNOWN)) return UNKNOWN;
    switch (spec.type()) {
      case BOOL -> {
        String w = ws.get(0);
        if (ws.size() != 1 || !(w.equals("true") || w.equals("false")))
          throw new InputException(
              at,
              "'" + String.join(" ", ws) + "' is not an answer for " + spec.name(),
              "write true or false");
        return w;
      }
      case ENUM -> {
        if (ws.size() != 1)
          throw new InputException(
              at,
              spec.name() + " takes one answer",
              "give one of: " + String.join(", ", spec.values()));
        return word(spec, ws.get(0), at);
      }
      case ENUM_LIST -> {
        Set<String> seen = new LinkedHashSet<>();
        for (String w : ws) seen.add(word(spec, w, at));
        return "[" + String.join(", ", seen) + "]";
      }
      case RATE -> {
        String w = ws.get(0);
        if (ws.size() != 1
            || !(w.equals("none") || w.matches("[1-9][0-9]*/(sec|second|min|minute|hour|day)")))
          throw new InputException(
              at,
              "'" + String.join(" ", ws) + "' is not a rate",
              "write none or a rate such as 100/min");
        return w;
      }
      default -> throw new IllegalStateException(spec.type().toString());
    }
  }

  private static String word(AttributeSpec spec, String w, Position at) {
    String l = w.toLowerCase(Locale.ROOT);
    if (spec.values().contains(l)) return l;
    throw new InputException(
        at,
        "'" + w + "' is not an answer for " + spec.name(),
        DidYouMean.closest(l, spec.values())
            .map(c -> "did you mean '" + c + "'?")
            .orElse("give one of: " + String.join(", ", spec.values())));
  }

  /** What changed between two analyses of the same workflow: one line per finding. */
  public static List<String> changes(Analysis before, Analysis after) {
    Map<String, Finding> b = new LinkedHashMap<>();
    for (Finding f : before.findings()) b.put(f.id(), f);
    Map<String, Finding> a = new LinkedHashMap<>();
    for (Finding f : after.findings()) a.put(f.id(), f);
    List<String> out = new ArrayList<>();
    for (Finding f : after.findings()) {
      Finding old = b.get(f.id());
      if (old == null) out.add("+ " + f.id() + " (" + status(f) + ", " + sev(f) + ")");
      else if (!old.status().equals(f.status()) || !old.severity().equals(f.severity()))
        out.add(
            "~ "
                + f.id()
                + " "
                + status(old)
                + " -> "
                + status(f)
                + ", "
                + sev(old)
                + " -> "
                + sev(f));
    }
    for (Finding f : before.findings())
      if (!a.containsKey(f.id())) out.add("- " + f.id() + " (was " + status(f) + ")");
    out.add(
        "open questions: "
            + before.openQuestions().size()
            + " -> "
            + after.openQuestions().size()
            + "; findings: "
            + before.findings().size()
            + " -> "
            + after.findings().size());
    return out;
  }

  private static String status(Finding f) {
    return f.status().id();
  }

  private static String sev(Finding f) {
    return f.severity().id();
  }

  /** The component an answer key names, checked against the workflow. */
  public static AttributeSpec spec(Workflow w, String key, Position at) {
    int dot = key.indexOf('.');
    String comp = dot < 0 ? key : key.substring(0, dot);
    Component c = w.components().get(comp);
    if (c == null || dot < 0)
      throw new InputException(
          at,
          "'" + key + "' names no component attribute",
          DidYouMean.closest(comp, List.copyOf(w.components().keySet()))
              .map(s -> "did you mean '" + s + "'?")
              .orElse("write component.attribute"));
    String attr = key.substring(dot + 1);
    AttributeSpec spec = c.kind().attributes().get(attr);
    if (spec == null)
      throw new InputException(
          at,
          "a " + c.kind().id() + " has no attribute '" + attr + "'",
          DidYouMean.closest(attr, List.copyOf(c.kind().attributes().keySet()))
              .map(s -> "did you mean '" + s + "'?")
              .orElse("it takes: " + String.join(", ", c.kind().attributes().keySet())));
    return spec;
  }
}
