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

  /**
   * Words that say a model looks for misconduct in what it scores: fraud and anomalies, and the
   * staff's own gains other than pay (theft, diversion of stock, time fraud, sweethearting).
   */
  static final Pattern WATCHES_MISCONDUCT =
      Pattern.compile(
          "\\b(fraud\\w*|anomal\\w*|misconduct|irregularit\\w*|embezzl\\w*|collusion|kickbacks?"
              + "|money laundering|insider threats?|cheat\\w*|(?<!model |token |weight )thefts?"
              + "|stealing|pilfer\\w*|shrinkage|diversion|sweethearting|buddy[- ]punch\\w*"
              + "|loss[- ]prevention)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * For a model that scores cases (a serving component) and whose workflow or own words say it
   * looks for fraud or anomalies: the internal actors who write the records it scores (into a
   * source, preprocessing or store in front of it, not a request through an application), by id.
   * They are the ones its flags are about, so they gain when their entries pass.
   */
  static List<String> watched(WorkflowGraph g, int v) {
    if (g.kind(v) != ComponentKind.SERVING || !watchesMisconduct(g, v)) return List.of();
    return List.copyOf(internalWriters(g, v));
  }

  /** The internal actors who write the records a serving scores, by id. */
  private static TreeSet<String> internalWriters(WorkflowGraph g, int v) {
    TreeSet<String> out = new TreeSet<>();
    for (int a : writers(g, v, Influence::carriesCases))
      if (internal(g.component(a))) out.add(g.id(a));
    return out;
  }

  /**
   * Words that say the people whose work a model measures are paid or rated by its result: a bonus,
   * an incentive, a commission, a piece rate, a quota, a performance rating.
   */
  static final Pattern PAID_BY_RESULT =
      Pattern.compile(
          "\\b(bonus\\w*|incentives?|commissions?|piece[- ]?rates?|quotas?"
              + "|performance[- ](?:pay|reviews?|ratings?|scores?|targets?))\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * For a model that scores cases (a serving component) whose output is about the people who write
   * them: the internal actors who write the records it scores and gain from its result, because the
   * workflow's words say they are paid or rated by it (a bonus, a commission, a quota) and its
   * output reaches them or a component that pays (payroll). Trusted staff with a motive are the
   * adversary; staff who only key others' data gain nothing and are not listed.
   */
  static List<String> judged(WorkflowGraph g, int v) {
    if (g.kind(v) != ComponentKind.SERVING || watchesMisconduct(g, v)) return List.of();
    if (!paidByResult(g, v)) return List.of();
    TreeSet<String> writers = internalWriters(g, v);
    if (writers.isEmpty()) return List.of();
    boolean paysOrShows = false;
    for (int s : g.successors(v)) {
      Component c = g.component(s);
      paysOrShows |= writers.contains(c.id()) || DecisionStake.MONEY.matcher(words(c)).find();
    }
    return paysOrShows ? List.copyOf(writers) : List.of();
  }

  /**
   * For a data source of provenance sensor: the servings that act on what it sees ({@code outputs:
   * [actions]}), reading it directly or through steps and stores, by id.
   */
  static List<String> sensorActs(WorkflowGraph g, int v) {
    if (g.kind(v) != ComponentKind.DATA_SOURCE
        || !g.component(v).texts("provenance").contains("sensor")) return List.of();
    TreeSet<String> out = new TreeSet<>();
    actingOn(g, v, 0, new BitSet(), out);
    return List.copyOf(out);
  }

  /** Adds the acting servings downstream of {@code u}, passing steps and stores (3 at most). */
  private static void actingOn(
      WorkflowGraph g, int u, int depth, BitSet seen, TreeSet<String> out) {
    for (int s : g.successors(u)) {
      if (seen.get(s)) continue;
      seen.set(s);
      ComponentKind k = g.kind(s);
      if (k == ComponentKind.SERVING && g.component(s).texts("outputs").contains("actions"))
        out.add(g.id(s));
      else if ((k == ComponentKind.PREPROCESSING || k == ComponentKind.FEATURE_STORE) && depth < 3)
        actingOn(g, s, depth + 1, seen, out);
    }
  }

  /**
   * For a sensor a model acts on ({@link #sensorActs}): the internal actors who reach it (a flow
   * from them into it) and whom a sentence of the workflow's description says are paid or rated by
   * a result (a bonus, a piece rate, a quota). Each intervention of the model costs them, so
   * blinding or covering the sensor pays them; people at the sensor whom no sentence ties to a
   * result gain nothing and are not listed.
   */
  static List<String> sensorDeniers(WorkflowGraph g, int v) {
    if (sensorActs(g, v).isEmpty()) return List.of();
    TreeSet<String> out = new TreeSet<>();
    String description = g.workflow.description() == null ? "" : g.workflow.description();
    for (int a : g.predecessors(v))
      if (g.kind(a) == ComponentKind.ACTOR
          && internal(g.component(a))
          && paidInSentence(description, g.id(a))) out.add(g.id(a));
    return List.copyOf(out);
  }

  /** A sentence of {@code text} names the actor (its id, or its singular) and a pay-by-result. */
  private static boolean paidInSentence(String text, String actor) {
    String name = actor.replace('-', ' ').toLowerCase(java.util.Locale.ROOT);
    String stem = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    Pattern names = Pattern.compile("\\b" + Pattern.quote(stem) + "s?\\b");
    for (String sentence : text.split("(?<=[.;!?])\\s+")) {
      String lower = sentence.toLowerCase(java.util.Locale.ROOT);
      if (names.matcher(lower).find() && PAID_BY_RESULT.matcher(sentence).find()) return true;
    }
    return false;
  }

  /** For a training job: the judged insiders of a model it trains whose records are its data. */
  static List<String> gainingWriters(WorkflowGraph g, int t) {
    return trainedFor(g, t, Insiders::judged);
  }

  /**
   * For a training job: the watched insiders of a model it trains (a serving component downstream)
   * whose records reach it as training data, so the people the model watches also write the history
   * it learns normal from.
   */
  static List<String> baselineWriters(WorkflowGraph g, int t) {
    return trainedFor(g, t, Insiders::watched);
  }

  private static List<String> trainedFor(
      WorkflowGraph g,
      int t,
      java.util.function.BiFunction<WorkflowGraph, Integer, List<String>> of) {
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
        if (k == ComponentKind.SERVING) watched.addAll(of.apply(g, s));
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

  /** The system's own words, or the model's, say the people it measures are paid by its result. */
  private static boolean paidByResult(WorkflowGraph g, int v) {
    Component c = g.component(v);
    for (String s :
        new String[] {g.workflow.system(), g.workflow.description(), c.name(), c.description()})
      if (s != null && PAID_BY_RESULT.matcher(s).find()) return true;
    return false;
  }

  private static String words(Component c) {
    return c.id().replace('-', ' ')
        + " "
        + (c.name() == null ? "" : c.name())
        + " "
        + (c.description() == null ? "" : c.description());
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
