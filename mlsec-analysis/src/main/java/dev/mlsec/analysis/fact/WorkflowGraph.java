package dev.mlsec.analysis.fact;

import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The workflow as an indexed directed graph of data movement: {@code a -> b} is an edge, {@code a
 * <-> b} two edges, and so is an application's prompt to a language model (its answer comes back,
 * see {@link #answers}). Strongly connected components (loops) are condensed once so that upstream
 * and downstream facts can be propagated in topological order, in linear time.
 */
public final class WorkflowGraph {
  final Workflow workflow;
  final String[] ids;
  final Component[] components;
  final ComponentKind[] kinds;
  final Map<String, Integer> index;

  /** Index of each flow's ends, in the order of the file (-1 when an end is unknown). */
  final int[] flowFrom;

  final int[] flowTo;
  final int[][] succ;
  final int[][] pred;

  /**
   * The flows whose data arrives at each node, in file order: written to it, or two-way from it
   * (the answer comes back). A flow with an unknown end is listed at its known receiving end only.
   */
  final int[][] flowsInto;

  /** Neighbours joined by a request/response pair (both directions exist). */
  final int[][] interactive;

  /** SCC id per node; SCC ids are in topological order (sources first). */
  final int[] scc;

  final int sccCount;
  final int[][] sccMembers;
  final int[][] sccSucc;
  final int[][] sccPred;

  public WorkflowGraph(Workflow workflow) {
    this.workflow = workflow;
    int n = workflow.components().size();
    ids = new String[n];
    components = new Component[n];
    kinds = new ComponentKind[n];
    index = new HashMap<>(n * 2);
    int i = 0;
    for (Component c : workflow.components().values()) {
      ids[i] = c.id();
      components[i] = c;
      kinds[i] = c.kind();
      index.put(c.id(), i++);
    }
    List<List<Integer>> s = lists(n);
    List<List<Integer>> p = lists(n);
    flowFrom = new int[workflow.flows().size()];
    flowTo = new int[workflow.flows().size()];
    List<List<Integer>> into = lists(n);
    int fi = 0;
    for (Flow f : workflow.flows()) {
      Integer a = index.get(f.from());
      Integer b = index.get(f.to());
      if (b != null) into.get(b).add(fi);
      if (a != null && f.bidirectional() && !a.equals(b)) into.get(a).add(fi);
      flowFrom[fi] = a == null ? -1 : a;
      flowTo[fi++] = b == null ? -1 : b;
      if (a == null || b == null) continue;
      s.get(a).add(b);
      p.get(b).add(a);
      if (f.bidirectional()) {
        s.get(b).add(a);
        p.get(a).add(b);
      }
    }
    // an application's prompt is answered to it (see answers): the reverse edge, once every
    // explicit edge is known (read from a copy, so that one caller's answer does not hide the next)
    List<List<Integer>> explicit = new ArrayList<>(n);
    for (List<Integer> out : s) explicit.add(List.copyOf(out));
    for (int f = 0; f < flowFrom.length; f++) {
      int a = flowFrom[f];
      int b = flowTo[f];
      if (a < 0 || b < 0 || workflow.flows().get(f).bidirectional() || !answers(a, b, explicit))
        continue;
      s.get(b).add(a);
      p.get(a).add(b);
    }
    succ = sortedUnique(s);
    pred = sortedUnique(p);
    flowsInto = sortedUnique(into);
    List<List<Integer>> inter = lists(n);
    for (int a = 0; a < n; a++)
      for (int b : succ[a]) if (a != b && Arrays.binarySearch(pred[a], b) >= 0) inter.get(a).add(b);
    interactive = sortedUnique(inter);
    scc = new int[n];
    int[] raw = tarjan();
    // Tarjan numbers SCCs in reverse topological order; flip so that sources come first.
    int count = 0;
    for (int r : raw) count = Math.max(count, r + 1);
    sccCount = count;
    for (int v = 0; v < n; v++) scc[v] = count - 1 - raw[v];
    List<List<Integer>> members = lists(count);
    for (int v = 0; v < n; v++) members.get(scc[v]).add(v);
    sccMembers = sortedUnique(members);
    List<List<Integer>> ss = lists(count);
    List<List<Integer>> sp = lists(count);
    for (int v = 0; v < n; v++)
      for (int w : succ[v])
        if (scc[v] != scc[w]) {
          ss.get(scc[v]).add(scc[w]);
          sp.get(scc[w]).add(scc[v]);
        }
    sccSucc = sortedUnique(ss);
    sccPred = sortedUnique(sp);
    scratch = new Scratch(n);
  }

  /**
   * Whether a one-way flow from {@code caller} to {@code callee} still has a reply: an application
   * that prompts a language model gets its answer back (an LLM API returns what the model writes),
   * so {@code app -> llm}, written in the map form to say what the prompt carries, is read as the
   * request/response pair {@code app <-> llm} -- unless the model's output is sent on to a
   * component that uses it (anything but its tools, a monitor or the vendor's service): then the
   * application feeds a pipeline rather than asking. Only the graph's edges change: what the prompt
   * carries is not taken to come back, and the flow keeps its id and its own facts. A prediction
   * endpoint is the same: an actor or an application that calls a {@code serving} model (written
   * {@code from: users, to: api} to say the request carries an API key) gets the prediction back
   * when the model's output goes nowhere else, since an answer that reaches no other component
   * reaches the caller.
   */
  private boolean answers(int caller, int callee, List<List<Integer>> explicitSucc) {
    boolean prompt =
        kinds[callee] == ComponentKind.LLM && kinds[caller] == ComponentKind.APPLICATION;
    boolean prediction =
        kinds[callee] == ComponentKind.SERVING
            && (kinds[caller] == ComponentKind.ACTOR || kinds[caller] == ComponentKind.APPLICATION);
    // a backend that only relays to a language model (its one way out is the prompt) returns the
    // model's answer to the application that calls it: the extension's sidebar gets what the
    // backend's model wrote
    boolean relay =
        kinds[caller] == ComponentKind.APPLICATION
            && kinds[callee] == ComponentKind.APPLICATION
            && explicitSucc.get(callee).stream().anyMatch(w -> kinds[w] == ComponentKind.LLM);
    if (!prompt && !prediction && !relay) return false;
    for (int w : explicitSucc.get(callee))
      if (w != caller
          && !(relay && kinds[w] == ComponentKind.LLM)
          && kinds[w] != ComponentKind.AGENT_TOOL
          && kinds[w] != ComponentKind.MONITORING
          && kinds[w] != ComponentKind.THIRD_PARTY_SERVICE) return false;
    return true;
  }

  public int flowFrom(int flow) {
    return flowFrom[flow];
  }

  public int flowTo(int flow) {
    return flowTo[flow];
  }

  /** Whether flow {@code flow} carries data out of {@code v}: written from it, or two-way to it. */
  public boolean leaves(int flow, int v) {
    return flowFrom[flow] == v || workflow.flows().get(flow).bidirectional() && flowTo[flow] == v;
  }

  /** The flows whose data arrives at v (see {@link #flowsInto}), sorted; do not modify. */
  public int[] flowsInto(int v) {
    return flowsInto[v];
  }

  public int size() {
    return ids.length;
  }

  public String id(int v) {
    return ids[v];
  }

  public int indexOf(String id) {
    Integer i = index.get(id);
    return i == null ? -1 : i;
  }

  /** Direct successors of v (where its data goes), sorted; do not modify. */
  public int[] successors(int v) {
    return succ[v];
  }

  /** Direct predecessors of v (where its data comes from), sorted; do not modify. */
  public int[] predecessors(int v) {
    return pred[v];
  }

  /**
   * Whether a and b exchange requests and answers: data flows both ways between them ({@code a <->
   * b}, or a flow each way), a and b distinct.
   */
  public boolean twoWay(int a, int b) {
    return Arrays.binarySearch(interactive[a], b) >= 0;
  }

  /**
   * The agent tools a model can invoke: those it calls itself and those an application that talks
   * with it ({@code app <-> llm}) calls for it, since such an application runs the model's tool
   * calls. Sorted, without duplicates.
   */
  public int[] toolsOf(int llm) {
    return tools(llm, succ);
  }

  /** The agent tools whose output reaches the model, directly or through such an application. */
  public int[] toolsFeeding(int llm) {
    return tools(llm, pred);
  }

  private int[] tools(int llm, int[][] adj) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (int t : adj[llm]) if (kinds[t] == ComponentKind.AGENT_TOOL) out.add(t);
    for (int app : interactive[llm])
      if (kinds[app] == ComponentKind.APPLICATION)
        for (int t : adj[app]) if (kinds[t] == ComponentKind.AGENT_TOOL) out.add(t);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  public Workflow workflow() {
    return workflow;
  }

  public ComponentKind kind(int v) {
    return kinds[v];
  }

  public Component component(int v) {
    return components[v];
  }

  /** Whether v sits in a loop (its SCC has more than one member or a self-edge). */
  public boolean inCycle(int v) {
    return sccMembers[scc[v]].length > 1 || Arrays.binarySearch(succ[v], v) >= 0;
  }

  /**
   * Shortest path (fewest flows) from one of the nodes accepted by {@code start} to {@code target},
   * preferring the start with the lowest rank, then the nearest, then the smallest id. Returns
   * component ids from start to target, or an empty list.
   */
  public List<String> pathTo(int target, IntPredicate start, IntUnaryOperator rank) {
    int[] dist = scratch.dist;
    int[] next = scratch.next;
    int[] queue = scratch.queue;
    int stamp = scratch.nextStamp();
    int[] seen = scratch.seen;
    int head = 0;
    int tail = 0;
    seen[target] = stamp;
    dist[target] = 0;
    next[target] = -1;
    queue[tail++] = target;
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    // breadth-first, so the first start found at a rank is the nearest; ids break ties
    while (head < tail) {
      int v = queue[head++];
      if (start.test(v)) {
        int r = rank.applyAsInt(v);
        if (best < 0
            || r < bestRank
            || (r == bestRank
                && (dist[v] < dist[best]
                    || (dist[v] == dist[best] && ids[v].compareTo(ids[best]) < 0)))) {
          best = v;
          bestRank = r;
        }
      }
      for (int u : pred[v])
        if (seen[u] != stamp) {
          seen[u] = stamp;
          dist[u] = dist[v] + 1;
          next[u] = v;
          queue[tail++] = u;
        }
    }
    if (best < 0) return List.of();
    List<String> path = new ArrayList<>();
    for (int v = best; v >= 0; v = next[v]) path.add(ids[v]);
    return path;
  }

  /** Every node that can send data to v (transitively), v itself excluded unless in a loop. */
  public int[] upstreamOf(int v) {
    return reach(v, pred);
  }

  public int[] downstreamOf(int v) {
    return reach(v, succ);
  }

  private int[] reach(int v, int[][] adj) {
    int stamp = scratch.nextStamp();
    int[] seen = scratch.seen;
    int[] queue = scratch.queue;
    int head = 0;
    int tail = 0;
    queue[tail++] = v;
    int found = 0;
    int[] out = new int[8];
    while (head < tail) {
      int x = queue[head++];
      for (int y : adj[x])
        if (seen[y] != stamp) {
          seen[y] = stamp;
          if (found == out.length) out = Arrays.copyOf(out, found * 2);
          out[found++] = y;
          queue[tail++] = y;
        }
    }
    int[] result = Arrays.copyOf(out, found);
    Arrays.sort(result);
    return result;
  }

  /**
   * Search arrays reused by every search on this graph: a stamp marks what the current search has
   * seen, so a search costs what it visits, not the size of the workflow. Not thread-safe.
   */
  private static final class Scratch {
    final int[] dist;
    final int[] next;
    final int[] queue;
    final int[] seen;
    int stamp;

    Scratch(int n) {
      dist = new int[n];
      next = new int[n];
      queue = new int[n + 1];
      seen = new int[n];
    }

    int nextStamp() {
      if (++stamp == Integer.MAX_VALUE) {
        Arrays.fill(seen, 0);
        stamp = 1;
      }
      return stamp;
    }
  }

  private final Scratch scratch;

  /** Iterative Tarjan, so that long pipelines do not overflow the stack. */
  private int[] tarjan() {
    int n = size();
    int[] idx = new int[n];
    int[] low = new int[n];
    int[] comp = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(idx, -1);
    int[] stack = new int[n];
    int sp = 0;
    int[] callV = new int[n];
    int[] callE = new int[n];
    int counter = 0;
    int comps = 0;
    for (int root = 0; root < n; root++) {
      if (idx[root] >= 0) continue;
      int depth = 0;
      callV[0] = root;
      callE[0] = 0;
      idx[root] = low[root] = counter++;
      stack[sp++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callV[depth];
        if (callE[depth] < succ[v].length) {
          int w = succ[v][callE[depth]++];
          if (idx[w] < 0) {
            idx[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            depth++;
            callV[depth] = w;
            callE[depth] = 0;
          } else if (onStack[w]) low[v] = Math.min(low[v], idx[w]);
        } else {
          if (low[v] == idx[v]) {
            int w;
            do {
              w = stack[--sp];
              onStack[w] = false;
              comp[w] = comps;
            } while (w != v);
            comps++;
          }
          depth--;
          if (depth >= 0) low[callV[depth]] = Math.min(low[callV[depth]], low[v]);
        }
      }
    }
    return comp;
  }

  private static List<List<Integer>> lists(int n) {
    List<List<Integer>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(new ArrayList<>(2));
    return out;
  }

  private static int[][] sortedUnique(List<List<Integer>> lists) {
    int[][] out = new int[lists.size()][];
    for (int i = 0; i < out.length; i++) {
      List<Integer> l = lists.get(i);
      int[] a = new int[l.size()];
      for (int k = 0; k < a.length; k++) a[k] = l.get(k);
      Arrays.sort(a);
      int m = 0;
      for (int k = 0; k < a.length; k++) if (m == 0 || a[m - 1] != a[k]) a[m++] = a[k];
      out[i] = m == a.length ? a : Arrays.copyOf(a, m);
    }
    return out;
  }
}
