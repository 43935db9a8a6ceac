package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Facts;
import dev.mlsec.analysis.fact.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One finding per root cause (docs/analysis.md, "One finding per root cause"): findings of one
 * threat, with one status, that enter at the same place are one finding listing all their targets.
 * Flow findings group by the zone boundary they cross, or by the component they leave; findings
 * without a path group when their why says the same of each target. The group keeps the id of its
 * most severe member ({@code <threat>@<target>}, smallest id on ties); the others' ids become
 * aliases that decisions and baselines still match.
 */
final class FindingGroups {
  private FindingGroups() {}

  private static final Comparator<Finding> REPRESENTATIVE =
      Comparator.comparing((Finding f) -> f.severity().ordinal()).thenComparing(Finding::id);

  static List<Finding> group(List<Finding> raw, Facts facts) {
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    for (Finding f : raw) groups.computeIfAbsent(key(f, facts), k -> new ArrayList<>()).add(f);
    List<Finding> out = new ArrayList<>(groups.size());
    for (List<Finding> members : groups.values())
      out.add(members.size() == 1 ? members.get(0) : merge(members));
    return out;
  }

  /** What members of one group share: threat, status and the place where the attack enters. */
  static String key(Finding f, Facts facts) {
    String base = f.threat() + "|" + f.status().id() + "|";
    List<String> path = f.path();
    if (f.flow().isPresent() && path.size() == 2) {
      String from = zone(facts, path.get(0));
      String to = zone(facts, path.get(1));
      return base + (from.equals(to) ? "leaves:" + path.get(0) : "crosses:" + from + "->" + to);
    }
    if (path.size() >= 2) return base + "enters:" + path.get(0);
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

  private static Finding merge(List<Finding> members) {
    List<Finding> sorted = new ArrayList<>(members);
    sorted.sort(REPRESENTATIVE);
    Finding r = sorted.get(0);
    List<String> targets = new ArrayList<>();
    targets.add(r.target());
    List<String> aliases = new ArrayList<>();
    TreeSet<String> others = new TreeSet<>();
    TreeSet<String> otherIds = new TreeSet<>();
    TreeSet<String> dependsOn = new TreeSet<>();
    for (Finding f : sorted) {
      dependsOn.addAll(f.dependsOn());
      if (f == r) continue;
      others.add(f.target());
      otherIds.add(f.id());
    }
    targets.addAll(others);
    aliases.addAll(otherIds);
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
        r.mitigations(),
        r.refs(),
        r.decision(),
        r.location(),
        r.severitySteps(),
        targets,
        aliases);
  }
}
