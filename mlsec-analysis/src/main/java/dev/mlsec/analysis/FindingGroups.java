package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Facts;
import dev.mlsec.analysis.fact.Mode;
import dev.mlsec.catalog.References;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One finding per root cause (docs/analysis.md, "One finding per root cause"): findings of one
 * family, with one status, whose attack enters at the same place are one finding listing all their
 * targets and, when they are different threats, each threat as a variant. Flow findings group by
 * threat and the zone boundary they cross, or the component they leave; findings without a path
 * group by threat when their why says the same of each target. The group keeps the id of its most
 * severe member ({@code <threat>@<target>}, smallest id on ties); the others' ids become aliases
 * that decisions and baselines still match.
 */
final class FindingGroups {
  private FindingGroups() {}

  /**
   * Families grouped as one where they enter at the same place, because one capability or one chain
   * is the whole cause: whoever can write a model's training data can skew it broadly (data
   * poisoning) or plant a trigger in it (backdoor); injected text and the agent actions it drives
   * (indirect-prompt-injection and agent-hijacking on one model) are one attack, rated once.
   */
  private static final Map<String, String> SAME_CAUSE =
      Map.of("backdoor", "data-poisoning", "excessive-agency", "prompt-injection");

  /**
   * Threats without a path whose cause is a step missing from how models are released, not a
   * property of one model: one finding per workflow and status, listing every model as a target.
   */
  private static final Set<String> PROCESS_GAPS = Set.of("no-adversarial-evaluation");

  /**
   * Threats without a path that say the same of the one store they are on: its sensitive content is
   * readable by too many (a broadly readable store holding personal data, and the logs in it that
   * hold the same data). One finding per store, each threat a variant.
   */
  private static final Map<String, String> SAME_STORE =
      Map.of(
          "training-data-exposure", "readable-store", "sensitive-data-in-logs", "readable-store");

  /**
   * Threats that name one class of harm a steered agent's tool can do (a credential used, messages
   * sent in the organisation's name, records handed out): each is its own finding per entry, not a
   * variant folded under the injection that enables it, so the most dangerous tool of an agent is
   * named with its consequence (docs/analysis.md, "What a steered tool can do").
   */
  private static final Set<String> OWN_HARM =
      Set.of("agent-credential-action", "agent-outbound-messages", "agent-tool-disclosure");

  /** The family a threat of {@code family} groups under (itself unless {@link #SAME_CAUSE}). */
  static String cause(String family) {
    return SAME_CAUSE.getOrDefault(family, family);
  }

  /**
   * Threats that are the absence of a control and nothing more: no adversarial test before release,
   * nobody watching callers, no record of who changes a store, no versions of training data. The
   * control each one is the absence of is the catalog control that mitigates it fully. Where
   * another finding on the same component already names that control as a missing mitigation, the
   * gap is a consequence of that finding, not a cause of its own: it is folded into that finding as
   * a variant (see {@link #group}).
   */
  static final Set<String> CONTROL_GAPS =
      Set.of(
          "no-adversarial-evaluation",
          "missing-abuse-monitoring",
          "missing-change-audit",
          "unversioned-training-data");

  /**
   * Threats that restate a more specific one on the same component: a store's personal data
   * readable by many ({@code training-data-exposure}) is the very leak {@code cross-tenant-leakage}
   * names on that store, where the many readers are the other customers sharing it; a third-party
   * tool not pinned by digest ({@code unpinned-artifact}) is the change after approval that {@code
   * tool-poisoning} already names on that tool; a registry's unsigned models ({@code
   * unsigned-model}) are the replaced model served as approved that {@code registry-tampering}
   * names on that registry. Folded into that finding as a variant, like a control gap.
   */
  static final Map<String, Set<String>> RESTATES =
      Map.of(
          "training-data-exposure", Set.of("cross-tenant-leakage"),
          "unpinned-artifact", Set.of("tool-poisoning"),
          "unsigned-model", Set.of("registry-tampering"));

  /**
   * Threats that restate another on the same component where that one is reported: a language model
   * whose prompting users reach nothing beyond their own session ({@code f.prompter_reach} empty)
   * discloses other people's data only by emitting what it learned, which {@code
   * llm-training-data-extraction} names on that model. Folded into it as a variant where it is
   * reported with at least the same severity; a finding of its own elsewhere.
   */
  static final Map<String, Set<String>> RESTATES_WHERE_REPORTED =
      Map.of("sensitive-information-disclosure", Set.of("llm-training-data-extraction"));

  /** Most severe first, then a finding of its own cause before a folded control gap, then id. */
  private static final Comparator<Finding> REPRESENTATIVE =
      Comparator.comparing((Finding f) -> f.severity().ordinal())
          .thenComparing(FindingGroups::folds)
          .thenComparing(Finding::id);

  /**
   * Groups {@code raw}. {@code notStopped} tells whether the catalog says a control does not stop a
   * threat: a group is rated and read as its representative's threat, so a member's control in
   * place (implemented or planned) that the catalog says does not stop that threat (a release gate,
   * which partly catches feedback poisoning, under a backdoor) is not credited to the group.
   */
  static List<Finding> group(
      List<Finding> raw,
      Facts facts,
      UnaryOperator<String> familyOf,
      BiPredicate<String, String> notStopped,
      Function<String, Set<String>> gapOf) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    List<Finding> gaps = new ArrayList<>();
    List<Finding> restatements = new ArrayList<>();
    for (Finding f : raw)
      if (folds(f)) gaps.add(f);
      else if (restatesReported(f, raw, facts)) restatements.add(f);
      else groups.computeIfAbsent(key(f, facts, familyOf), k -> new ArrayList<>()).add(f);
    for (Finding r : restatements) {
      Set<String> restated = RESTATES_WHERE_REPORTED.get(r.threat());
      List<Finding> host = host(groups.values(), r, m -> restated.contains(m.threat()));
      if (host != null) host.add(r);
      else groups.computeIfAbsent(key(r, facts, familyOf), k -> new ArrayList<>()).add(r);
    }
    for (Finding g : gaps) {
      Set<String> controls = gapOf.apply(g.threat());
      Set<String> restated = RESTATES.getOrDefault(g.threat(), Set.of());
      Predicate<Finding> names =
          m ->
              restated.contains(m.threat())
                  || m.mitigations().stream()
                      .anyMatch(x -> x.state().equals("missing") && controls.contains(x.control()));
      List<Finding> host = host(groups.values(), g, names);
      if (host != null) host.add(g);
      else groups.computeIfAbsent(key(g, facts, familyOf), k -> new ArrayList<>()).add(g);
    }
    List<Finding> out = new ArrayList<>(groups.size());
    for (List<Finding> members : groups.values())
      out.add(members.size() == 1 ? members.get(0) : merge(members, notStopped));
    return out;
  }

  /**
   * Whether {@code f} is a {@link #RESTATES_WHERE_REPORTED} restatement whose prompters reach
   * nothing beyond their session and whose restated finding is among {@code raw} on the same
   * component.
   */
  @SuppressWarnings("unchecked")
  private static boolean restatesReported(Finding f, List<Finding> raw, Facts facts) {
    Set<String> restated = RESTATES_WHERE_REPORTED.get(f.threat());
    if (restated == null || f.component().isEmpty()) return false;
    Map<String, Object> c = facts.component(f.target(), Mode.WORST);
    if (c == null || !((List<String>) c.getOrDefault("prompter_reach", List.of())).isEmpty())
      return false;
    return raw.stream()
        .anyMatch(m -> restated.contains(m.threat()) && m.target().equals(f.target()));
  }

  /**
   * Whether {@code f} is a control gap or a restatement, folded into another finding where one
   * names it.
   */
  private static boolean folds(Finding f) {
    return CONTROL_GAPS.contains(f.threat()) || RESTATES.containsKey(f.threat());
  }

  /**
   * The group a control gap or restatement {@code g} folds into, or null: one whose member on the
   * same component, with the same status (or open, where {@code g} is conditional) and at least
   * {@code g}'s severity, {@code names} it (lists a control {@code g} is the absence of as missing,
   * or is the threat {@code g} restates). The group's severity and status are then those it had, so
   * {@code --fail-on} fails exactly when it did; a conditional gap under an open finding decides
   * nothing actionable, so its unknowns are not asked. Of several such groups, the one with the
   * most severe such member (smallest id on ties).
   */
  private static List<Finding> host(
      java.util.Collection<List<Finding>> groups, Finding g, Predicate<Finding> names) {
    List<Finding> best = null;
    Finding bestMember = null;
    for (List<Finding> members : groups)
      for (Finding m : members) {
        // a gap left standing never hosts another: only a finding of its own cause names one
        if (!folds(m)
            && names.test(m)
            && m.target().equals(g.target())
            && (m.status() == g.status()
                || m.status() == FindingStatus.OPEN && g.status() == FindingStatus.CONDITIONAL)
            && m.severity().ordinal() <= g.severity().ordinal()
            && (bestMember == null || REPRESENTATIVE.compare(m, bestMember) < 0)) {
          best = members;
          bestMember = m;
        }
      }
    return best;
  }

  /** What members of one group share: threat or family, status and where the attack enters. */
  static String key(Finding f, Facts facts, UnaryOperator<String> familyOf) {
    String base = f.threat() + "|" + f.status().id() + "|";
    List<String> path = f.path();
    if (f.flow().isPresent() && path.size() == 2) {
      String from = zone(facts, path.get(0));
      String to = zone(facts, path.get(1));
      return base + (from.equals(to) ? "leaves:" + path.get(0) : "crosses:" + from + "->" + to);
    }
    // one entry, one family: the same outsider reaching the same kind of attack (the clickstream
    // that feeds, floods and sybils one training job) is one cause with several variants; a path
    // of one component is the attack on the entry itself (the poisoned source as a source)
    if (!path.isEmpty()) {
      String family = OWN_HARM.contains(f.threat()) ? "" : cause(familyOf.apply(f.threat()));
      String by = family.isEmpty() ? base : "family:" + family + "|" + f.status().id() + "|";
      return by + "enters:" + path.get(0);
    }
    // a gap of the release process is one cause for every model it releases (one scoring chain
    // without adversarial tests), whoever shapes each model's input
    if (path.isEmpty() && PROCESS_GAPS.contains(f.threat())) return base + "process";
    String store = SAME_STORE.get(f.threat());
    if (path.isEmpty() && store != null && f.component().isPresent())
      return "store:" + store + "|" + f.status().id() + "|" + f.target();
    // no path: the same threat for the same stated reasons is one cause (no audit anywhere, every
    // federated job leaking gradients), whatever component it is written on
    StringBuilder reasons = new StringBuilder("same:");
    for (String why : f.why()) reasons.append(why.replace(f.target(), "\u0000")).append('\n');
    return base + reasons;
  }

  private static String zone(Facts facts, String id) {
    int v = facts.graph().indexOf(id);
    return v < 0 ? "" : (String) facts.component(v, Mode.BEST).get("zone");
  }

  private static Finding merge(List<Finding> members, BiPredicate<String, String> notStopped) {
    List<Finding> sorted = new ArrayList<>(members);
    sorted.sort(REPRESENTATIVE);
    Finding r = sorted.get(0);
    List<String> targets = new ArrayList<>();
    targets.add(r.target());
    TreeSet<String> others = new TreeSet<>();
    TreeSet<String> otherIds = new TreeSet<>();
    TreeSet<String> dependsOn = new TreeSet<>();
    // variants in the order of their most severe member, the representative's threat first
    Map<String, List<Finding>> byThreat = new LinkedHashMap<>();
    List<Mitigation> mitigations = new ArrayList<>(r.mitigations());
    for (Finding f : sorted) {
      if (f.status() == r.status()) dependsOn.addAll(f.dependsOn());
      byThreat.computeIfAbsent(f.threat(), k -> new ArrayList<>()).add(f);
      for (Mitigation m : f.mitigations())
        if (mitigations.stream().noneMatch(x -> x.control().equals(m.control()))
            && (m.state().equals("missing") || !notStopped.test(m.control(), r.threat())))
          mitigations.add(m);
      if (f == r) continue;
      if (!f.target().equals(r.target())) others.add(f.target());
      otherIds.add(f.id());
    }
    targets.addAll(others);
    List<Variant> variants = new ArrayList<>();
    References refs = r.refs();
    if (byThreat.size() > 1) {
      for (List<Finding> same : byThreat.values()) {
        Finding top = same.get(0);
        TreeSet<String> reached = new TreeSet<>();
        for (Finding f : same) reached.add(f.target());
        List<String> variantTargets = new ArrayList<>();
        variantTargets.add(top.target());
        reached.remove(top.target());
        variantTargets.addAll(reached);
        variants.add(
            new Variant(
                top.threat(),
                top.id(),
                top.title(),
                top.severity(),
                top.refs(),
                variantTargets,
                top.path()));
      }
      refs = union(variants);
    }
    return new Finding(
        r.id(),
        r.threat(),
        r.title(),
        r.threatClass(),
        r.component(),
        r.flow(),
        r.severity(),
        r.status(),
        r.why(),
        r.path(),
        List.copyOf(dependsOn),
        mitigations,
        refs,
        r.decision(),
        r.location(),
        r.severitySteps(),
        targets,
        List.copyOf(otherIds),
        variants);
  }

  /** Every reference of every variant, in the order first seen. */
  private static References union(List<Variant> variants) {
    List<List<String>> lists = new ArrayList<>();
    for (int i = 0; i < 5; i++) lists.add(new ArrayList<>());
    for (Variant v : variants) {
      References x = v.refs();
      List<List<String>> from =
          List.of(x.atlas(), x.owaspMl(), x.owaspLlm(), x.nistAml(), x.euAiAct());
      for (int i = 0; i < 5; i++)
        for (String id : from.get(i)) if (!lists.get(i).contains(id)) lists.get(i).add(id);
    }
    return new References(lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4));
  }
}
