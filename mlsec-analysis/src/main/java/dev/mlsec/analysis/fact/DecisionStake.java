package dev.mlsec.analysis.fact;

import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a model's unreviewed decision moves (docs/analysis.md, "Decisions nobody reviews"): a label,
 * order or verdict a person does not check before it takes effect is harmless when it only informs
 * someone, and harms when the component acting on it pays or bills, or puts the verdict on a list
 * others trust, or when the order itself moves business between the outsiders it ranks. The words
 * are a class's vocabulary (billing, payouts, allowlists, marketplaces, hiring stages), never one
 * workflow's.
 */
final class DecisionStake {
  private DecisionStake() {}

  /** Words of a component that pays, bills or charges on what it is given. */
  static final Pattern MONEY =
      Pattern.compile(
          "\\b(billing|bills?|invoic\\w*|payouts?|payments?|pay|pays|paying|refunds?|charges?"
              + "|checkout|payroll|fees|wallets?|money|funds)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Words of a list others rely on to skip their own check. */
  static final Pattern TRUST =
      Pattern.compile(
          "\\b(allow-?lists?\\w*|white-?lists?\\w*|safe-?lists?\\w*|trusted lists?)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Words of a system where a wrong decision is a safety harm (a recall, an injury). */
  static final Pattern SAFETY =
      Pattern.compile(
          "\\b(safety[- ](?:recalls?|critical|incidents?|hazards?|risks?)|product recalls?"
              + "|injur\\w*|fatal\\w*|life[- ]threatening)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Words of a component that lets something through on a verdict: accepts, releases, clears. */
  static final Pattern ACCEPTS =
      Pattern.compile(
          "\\b(accept\\w*|releas\\w*|approv\\w*|clear(?:s|ed|ance)?|dispatch\\w*)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Words of a model that orders items for the people who search or browse. */
  static final Pattern RANKING =
      Pattern.compile("\\b(rank\\w*|search\\w*|recommend\\w*)\\b", Pattern.CASE_INSENSITIVE);

  /** Words of a system where the position of an offer earns its supplier money. */
  static final Pattern MARKET =
      Pattern.compile(
          "\\b(marketplaces?|bookings?|sales|sellers?|merchants?|revenue|commissions?|money)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Words of a tool whose write is a decision about a person's job, account or entitlement. */
  static final Pattern PEOPLE =
      Pattern.compile(
          "\\b(candidates?|applicants?|hiring|recruit\\w*|interviews?|shortlist\\w*"
              + "|rejects?|ban|bans|suspend\\w*|evict\\w*|loans?|benefits?|eligib\\w*"
              + "|admissions?)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * The kinds through which a decision travels to what acts on it, unchanged. Not an application:
   * there a person's session acts (a login a verifier admits, then the user pays), so what the
   * application does next is the user's act, not the model's decision.
   */
  private static boolean relays(ComponentKind k) {
    return k == ComponentKind.PREPROCESSING
        || k == ComponentKind.DATA_STORE
        || k == ComponentKind.FEATURE_STORE;
  }

  /** The kinds that act on a decision they receive: pay, bill, publish a list. */
  private static boolean acts(ComponentKind k) {
    return k == ComponentKind.APPLICATION
        || k == ComponentKind.DATA_STORE
        || k == ComponentKind.THIRD_PARTY_SERVICE
        || k == ComponentKind.FEEDBACK;
  }

  /**
   * For a component that acts on what it receives and whose words say it pays, bills or keeps a
   * list others trust (the first such on the way): "&lt;model&gt; (&lt;what&gt;)" for each model
   * whose decision reaches it unreviewed, directly or through steps and stores that pass it on. A
   * model decides when it is an llm or a serving that states a label, score, probabilities or
   * records (actions are {@code unreviewed-actuation}'s); unreviewed means its `human-review` is
   * stated `none` or `sampled`, and no application on the way states `all`. For a serving that
   * ranks the offers outsiders supply in a marketplace and shows the order to anyone, unreviewed:
   * its own order.
   */
  static List<String> unreviewed(WorkflowGraph g, int v) {
    Component c = g.component(v);
    if (g.kind(v) == ComponentKind.SERVING) return rankingStake(g, v);
    if (g.kind(v) == ComponentKind.AGENT_TOOL) return toolStake(g, v);
    if (!acts(g.kind(v)) || reviewed(c)) return List.of();
    String what = stake(c);
    if (what == null && safety(g, c)) what = "safety";
    if (what == null) return List.of();
    TreeSet<String> out = new TreeSet<>();
    BitSet seen = new BitSet();
    ArrayDeque<int[]> queue = new ArrayDeque<>();
    queue.add(new int[] {v, 0});
    seen.set(v);
    while (!queue.isEmpty()) {
      int[] e = queue.poll();
      for (int p : g.predecessors(e[0])) {
        if (seen.get(p)) continue;
        seen.set(p);
        ComponentKind k = g.kind(p);
        if (decides(g.component(p)) && unreviewedModel(g.component(p)))
          out.add(g.id(p) + " (" + what + ")");
        else if (relays(k)
            && e[1] < 3
            && !reviewed(g.component(p))
            && stake(g.component(p)) == null) queue.add(new int[] {p, e[1] + 1});
      }
    }
    return List.copyOf(out);
  }

  /**
   * For an llm: its tools that write a decision about a person (a hiring stage, a rejection, a ban,
   * an entitlement) and run without a person approving each call.
   */
  static List<String> peopleDecisions(WorkflowGraph g, int v, Mode mode) {
    if (g.kind(v) != ComponentKind.LLM) return List.of();
    TreeSet<String> out = new TreeSet<>();
    for (int t : g.toolsOf(v)) {
      Component tool = g.component(t);
      if (!Answers.texts(tool, "effects", mode).contains("writes")) continue;
      if (Answers.bool(tool, "requires-approval", mode)) continue;
      if (PEOPLE.matcher(words(tool)).find()) out.add(tool.id());
    }
    return List.copyOf(out);
  }

  /** Words of a sanction: a tool that freezes, withholds, suspends or claws back. */
  static final Pattern SANCTION =
      Pattern.compile(
          "\\b(freez\\w*|withh[eo]ld\\w*|suspend\\w*|block\\w*|claw\\w*|hold\\w*)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * For an agent tool whose words say it sanctions someone's money (freezes payouts, withholds
   * payments, claws back) and that runs without a person approving each call: the llms that decide
   * to call it. The model's verdict on a party takes their income the moment it calls the tool, and
   * that party cannot contest it first. A tool that pays is not listed: who steers an agent into
   * paying is {@code agent-credential-action}'s.
   */
  private static List<String> toolStake(WorkflowGraph g, int v) {
    Component tool = g.component(v);
    if (!tool.texts("effects").contains("writes")) return List.of();
    if (!tool.bool("requires-approval").map(b -> !b).orElse(false)) return List.of();
    String text = words(tool);
    if (!SANCTION.matcher(text).find() || !MONEY.matcher(text).find()) return List.of();
    TreeSet<String> out = new TreeSet<>();
    for (int m = 0; m < g.size(); m++) {
      if (g.kind(m) != ComponentKind.LLM) continue;
      for (int t : g.toolsOf(m)) if (t == v) out.add(g.id(m) + " (someone's income, withheld)");
    }
    return List.copyOf(out);
  }

  /**
   * Whether a wrong decision the component acts on is a safety harm: its words say it accepts,
   * releases or clears on the verdict, and the system's words name a safety recall, an injury or a
   * fatality.
   */
  private static boolean safety(WorkflowGraph g, Component c) {
    if (!ACCEPTS.matcher(words(c)).find()) return false;
    return SAFETY.matcher(g.workflow.system() + " " + g.workflow.description()).find();
  }

  private static List<String> rankingStake(WorkflowGraph g, int v) {
    Component c = g.component(v);
    if (!c.texts("outputs").contains("records") || !unreviewedModel(c)) return List.of();
    if (!RANKING.matcher(words(c)).find()) return List.of();
    String system = g.workflow.system() + " " + g.workflow.description();
    if (!MARKET.matcher(system).find()) return List.of();
    TreeSet<String> suppliers = new TreeSet<>();
    collectSuppliers(g, v, suppliers);
    if (suppliers.isEmpty()) return List.of();
    boolean shownToAnyone = c.text("exposure").orElse("").equals("public");
    for (int s : g.successors(v))
      shownToAnyone |= g.component(s).text("exposure").orElse("").equals("public");
    if (!shownToAnyone) return List.of();
    return List.of(
        "its own order, shown to anyone, which moves business between the "
            + String.join(" and ", suppliers)
            + " it ranks");
  }

  /** Outside actors who write the items a ranking reads, through sources, steps and stores. */
  private static void collectSuppliers(WorkflowGraph g, int v, TreeSet<String> out) {
    for (int a :
        Insiders.writers(
            g,
            v,
            k ->
                k == ComponentKind.DATA_SOURCE
                    || k == ComponentKind.PREPROCESSING
                    || k == ComponentKind.FEATURE_STORE
                    || k == ComponentKind.DATA_STORE))
      if (!g.component(a).text("trust").orElse("").equals("internal")) out.add(g.id(a));
  }

  private static String stake(Component c) {
    String text = words(c);
    if (TRUST.matcher(text).find()) return "a list others trust";
    if (MONEY.matcher(text).find()) return "money";
    return null;
  }

  private static boolean decides(Component c) {
    if (c.kind() == ComponentKind.LLM) return true;
    if (c.kind() != ComponentKind.SERVING) return false;
    List<String> outputs = c.texts("outputs");
    return !outputs.contains("actions")
        && outputs.stream().anyMatch(o -> List.of("label", "score", "probabilities").contains(o));
  }

  private static boolean unreviewedModel(Component c) {
    String review = c.text("human-review").orElse("");
    return review.equals("none") || review.equals("sampled");
  }

  private static boolean reviewed(Component c) {
    return c.text("human-review").orElse("").equals("all");
  }

  private static String words(Component c) {
    List<String> parts = new ArrayList<>();
    parts.add(c.id().replace('-', ' ').replace('_', ' '));
    if (c.name() != null) parts.add(c.name());
    if (c.description() != null) parts.add(c.description());
    return String.join(" ", parts);
  }
}
