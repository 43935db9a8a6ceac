package dev.mlsec.analysis.fact;

import dev.mlsec.model.Asset;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The team's own people as the adversary (docs/analysis.md, "Insiders who gain"): a model that
 * exists to catch fraud or anomalies in the entries of the people who key them is fooled by those
 * people, whatever their trust level, and it learns its baseline from their history. The test is
 * "who gains from fooling it", not "is anyone outside the organisation".
 */
final class Insiders {
  private Insiders() {}

  /** Words that say a model looks for misconduct in what it scores. */
  static final Pattern WATCHES_MISCONDUCT =
      Pattern.compile(
          "\\b(fraud\\w*|anomal\\w*|misconduct|irregularit\\w*|embezzl\\w*|collusion|kickbacks?"
              + "|money laundering|insider threats?|cheat\\w*)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * For a model that scores cases (a serving component) and whose workflow or own words say it
   * looks for fraud or anomalies: the internal actors who write the records it scores (into a
   * source, preprocessing or store in front of it, not a request through an application), by id.
   * They are the ones its flags are about, so they gain when their entries pass.
   */
  static List<String> watched(WorkflowGraph g, int v) {
    if (g.kind(v) != ComponentKind.SERVING || !watchesMisconduct(g, v)) return List.of();
    TreeSet<String> out = new TreeSet<>();
    for (int a : writers(g, v, Influence::carriesCases))
      if (internal(g.component(a))) out.add(g.id(a));
    return List.copyOf(out);
  }

  /**
   * For a training job: the watched insiders of a model it trains (a serving component downstream)
   * whose records reach it as training data, so the people the model watches also write the history
   * it learns normal from.
   */
  static List<String> baselineWriters(WorkflowGraph g, int t) {
    if (g.kind(t) != ComponentKind.TRAINING) return List.of();
    TreeSet<String> watched = new TreeSet<>();
    BitSet seen = new BitSet();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(t);
    seen.set(t);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int s : g.successors(u)) {
        if (seen.get(s)) continue;
        seen.set(s);
        ComponentKind k = g.kind(s);
        if (k == ComponentKind.SERVING) watched.addAll(watched(g, s));
        if (k == ComponentKind.MODEL_REGISTRY || k == ComponentKind.EVALUATION) queue.add(s);
      }
    }
    if (watched.isEmpty()) return List.of();
    TreeSet<String> out = new TreeSet<>();
    for (int a : writers(g, t, Influence::carriesTrainingData))
      if (watched.contains(g.id(a))) out.add(g.id(a));
    return List.copyOf(out);
  }

  /**
   * The actors who write into what {@code v} reads, searched backwards through the kinds that
   * {@code carries} passes (an actor that sends to {@code v} itself makes a request, not a record).
   */
  static List<Integer> writers(
      WorkflowGraph g, int v, java.util.function.Predicate<ComponentKind> carries) {
    List<Integer> out = new ArrayList<>();
    BitSet seen = new BitSet();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(v);
    seen.set(v);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int p : g.predecessors(u)) {
        if (seen.get(p)) continue;
        ComponentKind k = g.kind(p);
        if (k == ComponentKind.ACTOR) {
          if (u != v) {
            seen.set(p);
            out.add(p);
          }
        } else if (carries.test(k)) {
          seen.set(p);
          queue.add(p);
        }
      }
    }
    return out;
  }

  private static boolean internal(Component c) {
    return c.text("trust").orElse("").equals("internal");
  }

  /** The system's own words, or the model's, say it looks for misconduct. */
  private static boolean watchesMisconduct(WorkflowGraph g, int v) {
    List<String> text = new ArrayList<>();
    text.add(g.workflow.system());
    text.add(g.workflow.description());
    Component c = g.component(v);
    text.add(c.name());
    text.add(c.description());
    for (String a : c.contains()) {
      Asset asset = g.workflow.assets().get(a);
      if (asset != null)
        text.add(a + " " + (asset.description() == null ? "" : asset.description()));
    }
    for (String s : text) if (s != null && WATCHES_MISCONDUCT.matcher(s).find()) return true;
    return false;
  }
}
