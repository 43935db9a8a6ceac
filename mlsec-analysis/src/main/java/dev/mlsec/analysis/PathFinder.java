package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Facts;
import dev.mlsec.analysis.fact.Influence;
import dev.mlsec.analysis.fact.ToolHarm;
import dev.mlsec.analysis.fact.WorkflowGraph;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Draws a finding's path, from where an attack enters to the target (docs/catalog-format.md). */
final class PathFinder {
  private static final int UNRANKED = 100;
  private final WorkflowGraph g;
  private final Facts facts;

  PathFinder(Facts facts) {
    this.facts = facts;
    this.g = facts.graph();
  }

  /** Entries an {@link #alternatives} search has used already; empty otherwise. */
  private java.util.BitSet excluded = new java.util.BitSet();

  /** True while {@link #alternatives} searches: no fallback to another kind of path. */
  private boolean alternative;

  private List<String> pathTo(
      int target, java.util.function.IntPredicate start, java.util.function.IntUnaryOperator rank) {
    if (excluded.isEmpty()) return g.pathTo(target, start, rank);
    return g.pathTo(target, u -> !excluded.get(u) && start.test(u), rank);
  }

  /**
   * Other paths of the same kind to {@code v}, each entering somewhere none before it entered (at
   * most {@code max}). An attacker takes whichever route no control stands on, so a control on the
   * drawn path alone must not lower a finding that another entry reaches unhindered.
   */
  List<List<String>> alternatives(String strategy, int v, List<String> first, int max) {
    List<List<String>> out = new ArrayList<>();
    java.util.BitSet saved = excluded;
    boolean was = alternative;
    excluded = new java.util.BitSet();
    alternative = true;
    try {
      List<String> p = first;
      // the target itself can be the next entry (crowd labelers, a public store): a path of one
      while (out.size() < max && !p.isEmpty()) {
        int entry = g.indexOf(p.get(0));
        if (entry < 0 || entry == v || excluded.get(entry)) break;
        excluded.set(entry);
        p = path(strategy, v);
        if (!p.isEmpty()) out.add(p);
      }
    } finally {
      excluded = saved;
      alternative = was;
    }
    return out;
  }

  /**
   * For a poisoning path that follows data ({@code influence}): the paths through any channel,
   * software and model supply included, which the drawn path leaves out while data enters, the
   * least trusted first and then others entering elsewhere (at most {@code max} in all); empty for
   * other strategies. They rate a finding (a public model upstream is reachable by anyone) but are
   * not drawn. Entries of equal rank can differ in reach (a partner and a public package index), so
   * the first alone could hide the wider one.
   */
  List<List<String>> anyChannel(String strategy, int v, int max) {
    if (!strategy.equals("influence")) return List.of();
    List<String> first = influence(v, ANY_CHANNEL);
    if (first.size() < 2) return List.of();
    List<List<String>> out = new ArrayList<>();
    out.add(first);
    out.addAll(alternatives("influence:" + ANY_CHANNEL, v, first, max - 1));
    return out;
  }

  List<String> path(String strategy, int v) {
    if (strategy.equals("influence")) return influence(v, "");
    if (strategy.startsWith("influence:")) return influence(v, strategy.substring(10));
    if (strategy.startsWith("content:")) return content(v, strategy.substring(8));
    return switch (strategy) {
      case "query" -> query(v);
      case "input" -> input(v);
      case "calls" -> calls(v);
      case "content" -> content(v, "");
      case "artifact" -> artifact(v);
      case "credential" -> credential(v);
      default -> List.of();
    };
  }

  private final java.util.Map<String, int[]> ranks = new java.util.HashMap<>();

  /** Trust rank of a component as a source of influence: lower is less trusted. */
  int rank(int u, String prefix) {
    int[] byNode =
        ranks.computeIfAbsent(
            prefix,
            k -> {
              int[] a = new int[g.size()];
              java.util.Arrays.fill(a, -1);
              return a;
            });
    if (byNode[u] < 0) byNode[u] = computeRank(u, prefix);
    return byNode[u];
  }

  /** Prefix that ranks software and model supply too, once data influences gave no path. */
  private static final String ANY_CHANNEL = "*";

  private int computeRank(int u, String prefix) {
    int best = UNRANKED;
    for (String tag : tags(g.component(u))) {
      Influence influence = Influence.of(tag).orElseThrow();
      if (!prefix.isEmpty() && !prefix.equals(ANY_CHANNEL) && !tag.startsWith(prefix)) continue;
      boolean anyTag = prefix.isEmpty() || prefix.equals(ANY_CHANNEL);
      if (anyTag && influence.rank() >= Influence.TRUSTED_RANK) continue;
      // a poisoning path follows data: supply enters only when asked for or when nothing else does
      if (prefix.isEmpty() && influence.channel() == Influence.Channel.SUPPLY) continue;
      best = Math.min(best, influence.rank());
    }
    return best;
  }

  /** Influence tags of one component, worst answer for unknowns (as in the facts). */
  static List<String> tags(Component c) {
    return Influence.stated(c);
  }

  private static final Set<ComponentKind> OUTPUT =
      Set.of(ComponentKind.SERVING, ComponentKind.LLM, ComponentKind.APPLICATION);

  private List<String> influence(int v, String prefix) {
    List<String> path;
    if (prefix.equals("loop")) {
      path = pathTo(v, u -> u != v && OUTPUT.contains(g.kind(u)) && upstreamTraining(u), u -> 0);
    } else {
      path = pathTo(v, u -> rank(u, prefix) < UNRANKED, u -> rank(u, prefix));
    }
    if (alternative) return path.isEmpty() ? List.of() : withActor(path);
    // a prefix that matches nothing upstream falls back to the least trusted influence
    if (path.isEmpty() && !prefix.isEmpty() && !prefix.equals(ANY_CHANNEL)) return influence(v, "");
    if (path.isEmpty() && prefix.isEmpty()) return influence(v, ANY_CHANNEL);
    if (path.isEmpty()) return List.of();
    return withActor(path);
  }

  private boolean upstreamTraining(int u) {
    List<?> kinds =
        (List<?>) facts.component(u, dev.mlsec.analysis.fact.Mode.BEST).get("upstream_kinds");
    return kinds.contains("training");
  }

  /** When the entry is not an actor but actors feed it, start at the least trusted of them. */
  private List<String> withActor(List<String> path) {
    int start = g.indexOf(path.get(0));
    // feedback and serving output carry what actors sent; other sources are attackers themselves
    // so does a sensor: the attacker is whoever stands in front of it
    if (g.kind(start) != ComponentKind.FEEDBACK
        && !OUTPUT.contains(g.kind(start))
        && !physical(g.component(start))) return path;
    List<String> lead =
        pathTo(start, u -> g.kind(u) == ComponentKind.ACTOR, u -> rank(u, "actor:"));
    if (lead.isEmpty()) return path;
    List<String> out = new ArrayList<>(lead);
    // the lead and the path may meet again (a loop through the actor): take the shortcut there
    for (String id : path.subList(1, path.size())) {
      int seen = out.indexOf(id);
      if (seen >= 0) out.subList(seen + 1, out.size()).clear();
      else out.add(id);
    }
    return out;
  }

  private List<String> query(int v) {
    return pathTo(
        v,
        u -> u != v && g.kind(u) == ComponentKind.ACTOR && queries(u, v),
        u -> rank(u, "actor:"));
  }

  private static boolean physical(Component c) {
    for (String t : tags(c))
      if (Influence.of(t).map(i -> i.channel() == Influence.Channel.PHYSICAL).orElse(false))
        return true;
    return false;
  }

  /**
   * From the least trusted outsider who shapes the target's input (see {@code f.shaped_by}),
   * searched backwards through relays, preprocessing and the stores the target reads, never through
   * training: the query path when there is none.
   */
  private int[] inputNext = new int[0];

  private int[] inputDist = new int[0];
  private int[] inputSeen = new int[0];
  private int[] inputQueue = new int[0];
  private int inputStamp;

  /**
   * One set of arrays for every backward search (input, calls): a stamp marks what this search has
   * seen. Queues v and returns the stamp.
   */
  private int startSearch(int v) {
    if (inputNext.length != g.size()) {
      inputNext = new int[g.size()];
      inputDist = new int[g.size()];
      inputSeen = new int[g.size()];
      inputQueue = new int[g.size()];
    }
    int stamp = ++inputStamp;
    inputNext[v] = -1;
    inputDist[v] = 0;
    inputSeen[v] = stamp;
    inputQueue[0] = v;
    return stamp;
  }

  /**
   * Whether u, of rank r, is a better entry than best: less trusted, else as near and first by id.
   */
  private boolean nearer(int u, int r, int best, int bestRank) {
    return best < 0
        || r < bestRank
        || r == bestRank && inputDist[u] == inputDist[best] && g.id(u).compareTo(g.id(best)) < 0;
  }

  private List<String> input(int v) {
    java.util.Map<String, Object> f = facts.component(v, dev.mlsec.analysis.fact.Mode.WORST);
    List<?> shaped = (List<?>) f.get("shaped_by");
    // outsiders who submit the case it decides on as records (sources, preprocessing, stores),
    // not as a request: the search passes the data carriers in front of it
    // (a model outsiders query is attacked through its queries: their path is the request's)
    boolean records =
        ((List<?>) f.get("queried_by")).stream().allMatch("internal"::equals)
            && ((List<?>) f.get("submitted_by"))
                .stream().anyMatch(t -> !"internal".equals(t) && !shaped.contains(t));
    if (!records && shaped.stream().allMatch("internal"::equals)) return query(v);
    int stamp = startSearch(v);
    int[] next = inputNext;
    int[] dist = inputDist;
    int head = 0;
    int tail = 1;
    int best = -1;
    int bestRank = UNRANKED;
    while (head < tail) {
      int u = inputQueue[head++];
      ComponentKind k = g.kind(u);
      if (u != v && (k == ComponentKind.ACTOR || k == ComponentKind.DATA_SOURCE)) {
        int r = rank(u, "");
        if (r < Influence.TRUSTED_RANK && !excluded.get(u) && nearer(u, r, best, bestRank)) {
          best = u;
          bestRank = r;
        }
        continue;
      }
      for (int p : g.predecessors(u)) {
        ComponentKind pk = g.kind(p);
        boolean passable =
            pk == ComponentKind.ACTOR
                || pk == ComponentKind.DATA_SOURCE
                || Influence.forwardsRequests(pk)
                || u == v && (pk == ComponentKind.DATA_STORE || pk == ComponentKind.FEATURE_STORE)
                || records && Influence.carriesCases(pk) && Influence.carriesCases(k);
        if (passable && inputSeen[p] != stamp) {
          inputSeen[p] = stamp;
          next[p] = u;
          dist[p] = dist[u] + 1;
          inputQueue[tail++] = p;
        }
      }
    }
    if (best < 0) return alternative ? List.of() : query(v);
    List<String> path = new ArrayList<>();
    // records a source keeps were written by the actors who feed it: the attacker is one of them
    if (records && g.kind(best) == ComponentKind.DATA_SOURCE && !physical(g.component(best))) {
      int writer = -1;
      for (int p : g.predecessors(best))
        if (g.kind(p) == ComponentKind.ACTOR
            && (writer < 0 || rank(p, "actor:") < rank(writer, "actor:"))) writer = p;
      if (writer >= 0) path.add(g.id(writer));
    }
    for (int u = best; u >= 0; u = next[u]) path.add(g.id(u));
    return withActor(path);
  }

  /**
   * From the least trusted actor whose action starts a call of the target ({@code f.started_by},
   * its prompters), searched backwards only through what places calls: live sources, preprocessing,
   * applications, services and models, never a tool, an index or a store, where what outsiders
   * wrote waits until someone else asks. A cost is paid per call, so its path runs through the
   * relay that places every call (where a usage budget stands); the input path when nobody starts
   * one.
   */
  private List<String> calls(int v) {
    int stamp = startSearch(v);
    int best = -1;
    int bestRank = UNRANKED;
    // an actor ends a route: it is a candidate entry when first seen, never searched past
    for (int head = 0, tail = 1; head < tail; head++) {
      int u = inputQueue[head];
      for (int p : g.predecessors(u)) {
        ComponentKind pk = g.kind(p);
        boolean actor = pk == ComponentKind.ACTOR;
        if (!actor && pk != ComponentKind.LLM && !Influence.startsCalls(pk)) continue;
        if (inputSeen[p] == stamp) {
          // at equal distance, the chat a caller waits on is the route of the call, not a feed
          if (actor
              && inputDist[p] == inputDist[u] + 1
              && g.twoWay(p, u)
              && !g.twoWay(p, inputNext[p])) inputNext[p] = u;
          continue;
        }
        inputSeen[p] = stamp;
        inputNext[p] = u;
        inputDist[p] = inputDist[u] + 1;
        if (!actor) inputQueue[tail++] = p;
        else if (!excluded.get(p) && nearer(p, rank(p, "actor:"), best, bestRank)) {
          best = p;
          bestRank = rank(p, "actor:");
        }
      }
    }
    if (best < 0) return alternative ? List.of() : input(v);
    List<String> path = new ArrayList<>();
    for (int u = best; u >= 0; u = inputNext[u]) path.add(g.id(u));
    return path;
  }

  /**
   * Whether this actor itself sends requests to v and reads the answers (one of {@code
   * f.queried_by}'s actors), not merely another actor of the same trust level.
   */
  private boolean queries(int actor, int v) {
    for (int a : facts.queryingActors(v)) if (a == actor) return true;
    return false;
  }

  /**
   * From the untrusted content through the llm to the tool with the strongest unapproved effect;
   * with {@code effect} not empty, to the strongest of the unapproved tools that have that effect
   * (an exfiltration leaves through an outbound tool, not through the sandbox beside it), else as
   * without it.
   */
  private List<String> content(int v, String effect) {
    List<String> path =
        pathTo(
            v,
            // an actor is a content source when its words reach v without it querying v
            u ->
                u != v
                    && (g.kind(u) != ComponentKind.ACTOR || !queries(u, v))
                    && rank(u, "") < UNRANKED,
            u -> rank(u, "") * 2 + (g.kind(u) == ComponentKind.DATA_SOURCE ? 0 : 1));
    if (path.isEmpty() && alternative) return List.of();
    if (path.isEmpty()) path = query(v);
    if (path.isEmpty()) path = List.of(g.id(v));
    if (g.kind(v) != ComponentKind.LLM) return path;
    int strongest = -1;
    int strength = -1;
    for (int s : g.toolsOf(v)) {
      Component tool = g.component(s);
      if (tool.bool("requires-approval").orElse(false) && !facts.approvalSwitchedOff(s)) continue;
      // a tool with the asked-for effect outranks every tool without it
      int e = !effect.isEmpty() && tool.texts("effects").contains(effect) ? 10 : 0;
      for (String has :
          tool.texts("effects").isEmpty() ? List.of("code-execution") : tool.texts("effects"))
        e =
            Math.max(
                e,
                switch (has) {
                  case "code-execution" -> 4;
                  case "external-communication" -> 3;
                  case "writes" -> 2;
                  default -> 1;
                });
      // a tool that moves physical things, money or deletes is the harm of a steered call
      e = Math.max(e, ToolHarm.of(tool, tool.texts("effects")).map(h -> 4 + h.rank).orElse(0));
      if (e > strength) {
        strength = e;
        strongest = s;
      }
    }
    if (strongest < 0) return path;
    List<String> out = new ArrayList<>(path);
    out.add(g.id(strongest));
    return out;
  }

  private List<String> artifact(int v) {
    ComponentKind k = g.kind(v);
    // an artifact enters where it is obtained or stored: that component and what loads it
    if (k == ComponentKind.MODEL_REGISTRY || k.external()) {
      for (int u : g.successors(v)) return List.of(g.id(v), g.id(u));
      return List.of(g.id(v));
    }
    List<String> p =
        pathTo(
            v,
            u ->
                u != v
                    && (g.kind(u) == ComponentKind.PRETRAINED_MODEL
                        || g.kind(u) == ComponentKind.MODEL_REGISTRY),
            u -> 0);
    return p.isEmpty() ? List.of(g.id(v)) : p;
  }

  private List<String> credential(int v) {
    List<String> p =
        pathTo(v, u -> u != v && g.kind(u) == ComponentKind.ACTOR, u -> rank(u, "actor:"));
    return p.isEmpty() ? List.of(g.id(v)) : p;
  }
}
