package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.WorkflowGraph;
import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Placement;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Control;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a control covers a finding (docs/analysis.md, "Controls with a scope"): on its target, on
 * its path from entry to target, or, for gates and monitors, downstream of the target. The catalog
 * gives each control its {@link Placement}.
 */
final class ControlScope {
  private final WorkflowGraph g;
  private final Map<Integer, Set<String>> downstream = new HashMap<>();
  private final Map<Integer, Set<String>> upstream = new HashMap<>();

  /** Whether a control placed beyond the path stands in this workflow; if not, none is searched. */
  private final boolean anyBeyondPath;

  ControlScope(WorkflowGraph g, Catalog catalog, Workflow w) {
    this.g = g;
    Set<String> beyond = new java.util.HashSet<>();
    for (ControlDef def : catalog.controls())
      if (def.placement().upstream() || def.placement().downstream()) beyond.add(def.id());
    boolean any = false;
    for (Control c : w.controls()) any |= beyond.contains(c.id());
    anyBeyondPath = any;
  }

  /** The components upstream and downstream of a finding's targets, searched once per target. */
  record Around(Set<String> upstream, Set<String> downstream) {}

  private static final Around NOTHING = new Around(Set.of(), Set.of());

  Around of(List<String> on, List<String> path) {
    if (!anyBeyondPath) return NOTHING;
    Set<String> up = new LinkedHashSet<>();
    Set<String> down = new LinkedHashSet<>();
    for (String id : on) {
      int v = g.indexOf(id);
      if (v < 0) continue;
      up.addAll(upstream.computeIfAbsent(v, k -> ids(g.upstreamOf(k))));
      down.addAll(downstream.computeIfAbsent(v, k -> ids(g.downstreamOf(k))));
    }
    return new Around(up, down);
  }

  private Set<String> ids(int[] nodes) {
    Set<String> out = new LinkedHashSet<>();
    for (int u : nodes) out.add(g.id(u));
    return out;
  }

  private final Map<Integer, List<String>> intoTraining = new HashMap<>();

  /**
   * The way a data source's records travel into training: the stores, steps and labelers downstream
   * of it that a training job reads from, and those jobs. A poisoning finding on the source ends at
   * the source (its path is where the poison enters); a control standing on that way (provenance
   * checks on the store its records land in) is in the poison's way too.
   */
  List<String> intoTraining(String source) {
    int v = g.indexOf(source);
    if (v < 0 || g.kind(v) != ComponentKind.DATA_SOURCE) return List.of();
    return intoTraining.computeIfAbsent(
        v,
        k -> {
          List<String> out = new ArrayList<>();
          for (int w : g.downstreamOf(k))
            if (DATA_WAY.contains(g.kind(w)) && reachesTraining(w)) out.add(g.id(w));
          return out;
        });
  }

  private static final Set<ComponentKind> DATA_WAY =
      Set.of(
          ComponentKind.DATA_STORE,
          ComponentKind.FEATURE_STORE,
          ComponentKind.PREPROCESSING,
          ComponentKind.LABELING,
          ComponentKind.TRAINING);

  private boolean reachesTraining(int w) {
    if (g.kind(w) == ComponentKind.TRAINING) return true;
    for (int x : g.downstreamOf(w)) if (g.kind(x) == ComponentKind.TRAINING) return true;
    return false;
  }

  /** The components where a control with this placement covers the finding. */
  List<String> where(Placement p, List<String> on, List<String> path, Around around) {
    if (p == Placement.TARGET) return on;
    Set<String> out = new LinkedHashSet<>(on);
    out.addAll(path);
    if (p.upstream()) out.addAll(around.upstream());
    if (p.downstream()) out.addAll(around.downstream());
    return new ArrayList<>(out);
  }
}
