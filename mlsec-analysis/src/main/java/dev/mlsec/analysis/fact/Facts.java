package dev.mlsec.analysis.fact;

import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Control;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.Zone;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The facts of docs/catalog-format.md for every component and flow of one workflow, derived once
 * under the worst and once under the best answer to other components' unknowns. Upstream and
 * downstream sets are propagated over the condensed graph (loops collapsed) as small tag bitsets,
 * so derivation is linear in the size of the workflow.
 */
public final class Facts {
  /** Tag prefixes that name influences; every such tag must be in {@link Influence}. */
  private static final Set<String> INFLUENCE_PREFIXES =
      Set.of("actor", "provenance", "workforce", "pretrained", "dependency", "retrieval", "tool");

  private final WorkflowGraph graph;
  private final Map<String, Object>[][] components;
  private final Map<String, Object>[][] flows;
  private final boolean[] sameComponent;

  /** The names of v's facts that differ between the worst and the best answer (empty if none). */
  private final List<Set<String>> differing;

  private final boolean[] sameFlow;
  private final int[] actorGroup;
  private final Map<Integer, int[]> upstreamCache = new HashMap<>();
  private final int[][] groupActors;

  private Facts(WorkflowGraph graph) {
    this.graph = graph;
    int n = graph.size();
    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    Map<String, Object>[][] c = new Map[2][n];
    components = c;
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[][] f = new Map[2][graph.workflow.flows().size()];
    flows = f;
    sameComponent = new boolean[n];
    differing = new ArrayList<>(Collections.nCopies(n, Set.of()));
    sameFlow = new boolean[graph.workflow.flows().size()];
    actorGroup = new int[n];
    groupActors = interactiveGroups();
  }

  public static Facts derive(Workflow workflow) {
    return derive(new WorkflowGraph(workflow));
  }

  public static Facts derive(WorkflowGraph graph) {
    Facts facts = new Facts(graph);
    for (Mode m : Mode.values()) new Derivation(facts, m).run();
    int n = graph.size();
    for (int v = 0; v < n; v++) {
      // one pass finds the differing facts; none (over the same names) is equality of the maps
      Map<String, Object> worst = facts.components[0][v];
      Map<String, Object> best = facts.components[1][v];
      Set<String> differ = new TreeSet<>();
      worst.forEach(
          (name, value) -> {
            boolean same =
                value == null
                    ? best.get(name) == null && best.containsKey(name)
                    : value.equals(best.get(name));
            if (!same) differ.add(name);
          });
      facts.sameComponent[v] = differ.isEmpty() && worst.size() == best.size();
      if (facts.sameComponent[v]) facts.components[1][v] = worst;
      else facts.differing.set(v, differ);
    }
    for (int i = 0; i < facts.sameFlow.length; i++) {
      facts.sameFlow[i] = facts.flows[0][i].equals(facts.flows[1][i]);
      if (facts.sameFlow[i]) facts.flows[1][i] = facts.flows[0][i];
    }
    return facts;
  }

  public WorkflowGraph graph() {
    return graph;
  }

  /** The fact map {@code f} of a component (CEL spelling of names). */
  public Map<String, Object> component(int v, Mode mode) {
    return components[mode.ordinal()][v];
  }

  /**
   * Whether the approval on this agent tool is keyed on a mark (tag, label, flag) of the item acted
   * on while outsiders steer it ({@link ApprovalGate}): the steered call on an unmarked item runs
   * unapproved, so neither the tool's {@code requires-approval} nor a human-approval control on it
   * stands in the way.
   */
  public boolean approvalSwitchedOff(int tool) {
    if (tool < 0 || graph.kind(tool) != ComponentKind.AGENT_TOOL) return false;
    return ApprovalGate.keyedOnMark(graph.workflow, graph.component(tool))
        && component(tool, Mode.BEST).get("steered_by") instanceof List<?> by
        && ApprovalGate.outsidersSteer(by.stream().map(String::valueOf).toList());
  }

  public Map<String, Object> component(String id, Mode mode) {
    return component(graph.indexOf(id), mode);
  }

  public Map<String, Object> flow(int i, Mode mode) {
    return flows[mode.ordinal()][i];
  }

  /** The names of the facts of v that differ between the worst and the best answer. */
  public Set<String> differing(int v) {
    return differing.get(v);
  }

  /** Whether the component's facts do not depend on other components' unknowns. */
  public boolean settled(int v) {
    return sameComponent[v];
  }

  public boolean flowSettled(int i) {
    return sameFlow[i];
  }

  /** The actors that query v and read its answers, directly or through relays. */
  public int[] queryingActors(int v) {
    int g = actorGroup[v];
    return g < 0 ? new int[0] : groupActors[g];
  }

  /**
   * The unknown attributes ({@code component.attribute}) of v and the components around it that
   * make fact {@code names} differ between the worst and the best answer.
   */
  public List<String> unknownsBehind(int v, Set<String> names) {
    Set<String> attributes = new TreeSet<>();
    Map<String, Object> w = components[0][v];
    Map<String, Object> b = components[1][v];
    for (String name : names)
      if (w.containsKey(name) && !w.get(name).equals(b.get(name)))
        attributes.addAll(ATTRIBUTES_OF.getOrDefault(name, Answers.FACT_ATTRIBUTES));
    Set<String> out = new TreeSet<>();
    if (attributes.isEmpty()) return List.of();
    Set<Integer> nodes = new TreeSet<>();
    nodes.add(v);
    // every member of a loop has the same upstream: search it once per loop
    for (int u : upstreamCache.computeIfAbsent(graph.scc[v], k -> graph.upstreamOf(v)))
      nodes.add(u);
    for (int u : graph.succ[v]) nodes.add(u);
    for (int u : graph.pred[v]) nodes.add(u);
    for (int u : graph.pred[v]) for (int x : graph.pred[u]) nodes.add(x);
    for (int a : queryingActors(v)) nodes.add(a);
    for (int u : nodes) {
      Component c = graph.component(u);
      for (String a : attributes) if (Answers.unknown(c, a)) out.add(c.id() + "." + a);
    }
    return List.copyOf(out);
  }

  /** The same for a flow: the unknowns behind both ends. */
  public List<String> flowUnknownsBehind(int i) {
    Flow f = graph.workflow.flows().get(i);
    Set<String> out = new TreeSet<>();
    int a = graph.flowFrom(i);
    int b = graph.flowTo(i);
    Set<String> all = new TreeSet<>(components[0][a].keySet());
    if (a >= 0) out.addAll(unknownsBehind(a, all));
    if (b >= 0) out.addAll(unknownsBehind(b, all));
    return List.copyOf(out);
  }

  /** The attributes that decide the influence tags of a component. */
  private static final Set<String> INFLUENCE_ATTRIBUTES =
      Set.of(
          "trust",
          "self-registration",
          "provenance",
          "workforce",
          "source",
          "pinned",
          "content",
          "index");

  private static final Map<String, Set<String>> ATTRIBUTES_OF =
      Map.ofEntries(
          Map.entry("influences", INFLUENCE_ATTRIBUTES),
          Map.entry("untrusted_influence", INFLUENCE_ATTRIBUTES),
          Map.entry("reachable_by_untrusted", INFLUENCE_ATTRIBUTES),
          Map.entry("pretrained_sources", Set.of("source")),
          Map.entry("queried_by", Set.of("trust")),
          Map.entry("shaped_by", Set.of("trust", "provenance", "exposure", "outputs", "inputs")),
          Map.entry("submitted_by", Set.of("trust", "provenance", "outputs")),
          Map.entry("watched_insiders", Set.of("trust")),
          Map.entry("baseline_writers", Set.of("trust")),
          Map.entry("judged_insiders", Set.of("trust")),
          Map.entry("sensor_deniers", Set.of("trust", "provenance", "outputs")),
          Map.entry("sensor_acts", Set.of("provenance", "outputs")),
          Map.entry("gaining_writers", Set.of("trust")),
          Map.entry(
              "persisted_by", Set.of("effects", "requires-approval", "trust", "content", "source")),
          Map.entry("implant_tools", Set.of("effects", "requires-approval")),
          Map.entry("token_readers", Set.of("trust")),
          Map.entry("file_token_readers", Set.of("source", "pinned", "index")),
          Map.entry("allowed_ai_apis", Set.of("egress", "provides", "hosting")),
          Map.entry("host_assets", Set.of("egress", "sensitivity")),
          Map.entry("replicable_from", Set.of("provenance", "exposure")),
          Map.entry("binding_topics", Set.of("trust", "human-review")),
          Map.entry("unreviewed_stakes", Set.of()),
          Map.entry("people_decisions", Set.of("effects", "requires-approval")),
          Map.entry("checks_media_from", Set.of("trust", "provenance")),
          Map.entry("eval_data", Set.of("provenance")),
          Map.entry("runs_model_output", Set.of()),
          Map.entry("exposure", Set.of("trust")),
          Map.entry("in_inference_path", Set.of("trust")),
          Map.entry("training_methods", Set.of("method")),
          Map.entry("unpinned_upstream", Set.of("pinned")),
          Map.entry("artifact_formats", Set.of("artifact-format")),
          Map.entry("signed_upstream", Set.of("signed")),
          Map.entry(
              "llm_content", Set.of("trust", "content", "source", "memory", "self-registration")),
          Map.entry("tool_effects", Set.of("effects")),
          Map.entry("outputs_unknown", Set.of("outputs")),
          Map.entry("unapproved_effects", Set.of("effects", "requires-approval")),
          Map.entry("unapproved_tools", Set.of("effects", "requires-approval")),
          Map.entry("outbound_tools", Set.of("effects")),
          Map.entry("approved_tools", Set.of("effects", "requires-approval")),
          Map.entry("tool_powers", Set.of("effects", "requires-approval")),
          Map.entry("tool_reach", Set.of()),
          Map.entry("tool_sources", Set.of("source")),
          Map.entry(
              "steered_by", Set.of("trust", "content", "source", "memory", "self-registration")),
          Map.entry("monitoring", Set.of("watches")),
          Map.entry("code_from", Set.of("trust")),
          Map.entry("adversarially_tested", Set.of("adversarial-testing")),
          Map.entry("outside_file", Set.of("source", "pinned")),
          Map.entry("device_in_outside_hands", Set.of("trust", "provenance")),
          Map.entry("prompter_reach", Set.of("effects", "shared-across-users")),
          Map.entry("started_by", Set.of("trust", "provenance")),
          Map.entry("billed_per_call", Set.of("hosting")),
          Map.entry("llm_sends_out", Set.of("effects", "requires-approval")),
          Map.entry("others_steer_output", Set.of("trust", "content", "source", "memory")),
          Map.entry("job_runner", Set.of("exposure", "tenancy")),
          Map.entry("tool_grants", Set.of("effects")),
          Map.entry("tool_recipients", Set.of("effects", "trust")),
          Map.entry("disclosed_through", Set.of("trust", "effects", "requires-approval")));

  /** What a tool's effect lets whoever steers the model do, in a finding's words. */
  private static final Map<String, String> POWER_WORDS =
      Map.of(
          "code-execution", "runs code",
          "external-communication", "sends out",
          "writes", "writes");

  /** Union-find of request/response partners through pass-through kinds; actors attach to it. */
  private int[][] interactiveGroups() {
    int n = graph.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    for (int v = 0; v < n; v++)
      if (passThrough(graph.kind(v)))
        for (int w : graph.interactive[v]) if (passThrough(graph.kind(w))) union(parent, v, w);
    Map<Integer, Set<Integer>> actors = new HashMap<>();
    for (int v = 0; v < n; v++)
      if (graph.kind(v) == ComponentKind.ACTOR)
        for (int w : graph.interactive[v])
          if (passThrough(graph.kind(w)))
            actors.computeIfAbsent(find(parent, w), k -> new TreeSet<>()).add(v);
    List<int[]> groups = new ArrayList<>();
    Map<Integer, Integer> groupIndex = new HashMap<>();
    for (int v = 0; v < n; v++) {
      actorGroup[v] = -1;
      Set<Integer> members = new TreeSet<>();
      if (passThrough(graph.kind(v))) {
        Set<Integer> a = actors.get(find(parent, v));
        if (a != null) members.addAll(a);
      } else {
        // a store or other component answers the actors of the groups it is paired with
        for (int w : graph.interactive[v]) {
          if (graph.kind(w) == ComponentKind.ACTOR && graph.kind(v) != ComponentKind.ACTOR)
            members.add(w);
          else if (passThrough(graph.kind(w))) {
            Set<Integer> a = actors.get(find(parent, w));
            if (a != null) members.addAll(a);
          }
        }
      }
      if (members.isEmpty()) continue;
      int key = members.hashCode();
      int[] arr = members.stream().mapToInt(Integer::intValue).toArray();
      Integer gi = groupIndex.get(key);
      if (gi == null || !java.util.Arrays.equals(groups.get(gi), arr)) {
        gi = groups.size();
        groups.add(arr);
        groupIndex.put(key, gi);
      }
      actorGroup[v] = gi;
    }
    return groups.toArray(new int[0][]);
  }

  static boolean passThrough(ComponentKind k) {
    return Influence.relays(k);
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** One derivation under one mode. */
  private static final class Derivation {
    final Facts facts;
    final WorkflowGraph g;
    final Mode mode;
    final Map<String, Integer> dict = new HashMap<>();
    final List<String> names = new ArrayList<>();
    final Map<BitSet, Map<String, Object>> listCache = new HashMap<>();
    final Map<List<String>, List<String>> interned = new HashMap<>();
    final Map<String, List<String>> carriedInto = new HashMap<>();

    Derivation(Facts facts, Mode mode) {
      this.facts = facts;
      this.g = facts.graph;
      this.mode = mode;
      this.lowValueSystem = lowValueSystem();
      this.protectedGroups = protectedGroups();
    }

    int tag(String t) {
      Integer i = dict.get(t);
      if (i == null) {
        i = names.size();
        dict.put(t, i);
        names.add(t);
      }
      return i;
    }

    void run() {
      int n = g.size();
      for (Flow fl : g.workflow.flows())
        if (!fl.carries().isEmpty()) {
          carriedInto.computeIfAbsent(fl.to(), k -> new ArrayList<>()).addAll(fl.carries());
          if (fl.bidirectional())
            carriedInto.computeIfAbsent(fl.from(), k -> new ArrayList<>()).addAll(fl.carries());
        }
      BitSet[] own = new BitSet[n];
      for (int v = 0; v < n; v++) own[v] = ownTags(v);
      int sccs = g.sccCount;
      BitSet[] up = new BitSet[sccs];
      BitSet[] predUnion = new BitSet[sccs];
      int loopTag = tag("loopscc");
      // a loop outsiders shape: only that one is an outside influence on what training learns
      int openLoopTag = tag("openloopscc");
      forward = forwardedTrust();
      stakeless = new boolean[n];
      for (int v = 0; v < n; v++) stakeless[v] = stakelessDecision(v);
      for (int s = 0; s < sccs; s++) {
        BitSet members = new BitSet();
        for (int v : g.sccMembers[s]) members.or(own[v]);
        boolean training = false;
        boolean output = false;
        for (int v : g.sccMembers[s]) {
          ComponentKind k = g.kind(v);
          training |= k == ComponentKind.TRAINING;
          output |=
              k == ComponentKind.SERVING
                  || k == ComponentKind.LLM
                  || k == ComponentKind.APPLICATION
                  || k == ComponentKind.FEEDBACK;
        }
        if (training && output && g.sccMembers[s].length > 1) {
          members.set(loopTag);
          if (shapedFromOutside(g.sccMembers[s])) members.set(openLoopTag);
        }
        BitSet pu = new BitSet();
        for (int p : g.sccPred[s]) pu.or(up[p]);
        predUnion[s] = pu;
        BitSet u = (BitSet) pu.clone();
        u.or(members);
        up[s] = u;
      }
      BitSet[] down = new BitSet[sccs];
      BitSet[] succUnion = new BitSet[sccs];
      // the kinds inside each loop, computed once: a loop may hold most of the workflow
      BitSet[] sccKinds = new BitSet[sccs];
      for (int s = sccs - 1; s >= 0; s--) {
        BitSet members = new BitSet();
        for (int v : g.sccMembers[s]) members.set(tag("kind:" + g.kind(v).id()));
        sccKinds[s] = members;
        BitSet su = new BitSet();
        for (int x : g.sccSucc[s]) su.or(down[x]);
        succUnion[s] = su;
        BitSet d = (BitSet) su.clone();
        d.or(members);
        down[s] = d;
      }
      int trainingKind = tag("kind:training");
      feedsTraining = feedsTrainingData(v -> true);
      feedsOwnTraining = feedsTrainingData(v -> !operatedByVendor(v));
      recorded = recordedTrust();
      started = startedTrust();
      BitSet[] records = recordsReaching();
      Map<String, List<String>> zoneOf = new HashMap<>();
      for (Zone z : g.workflow.zones().values())
        for (String m : z.members())
          zoneOf.computeIfAbsent(m, k -> new ArrayList<>()).add(z.name());
      for (int v = 0; v < n; v++) {
        int s = g.scc[v];
        boolean cycle = g.inCycle(v);
        BitSet upIncl = up[s];
        BitSet upKinds = (BitSet) predUnion[s].clone();
        if (cycle) upKinds.or(sccKinds[s]);
        BitSet downKinds = (BitSet) succUnion[s].clone();
        if (cycle) downKinds.or(sccKinds[s]);
        boolean trains = down[s].get(trainingKind);
        boolean loop = trains && (upIncl.get(loopTag) || upIncl.get(tag("feedback")));
        Map<String, Object> f = new LinkedHashMap<>(upstreamLists(upIncl));
        List<String> influences = new ArrayList<>(listOf(f, "influences"));
        if (trains && (upIncl.get(openLoopTag) || upIncl.get(tag("feedback")))) {
          influences.add("loop");
          Collections.sort(influences);
          f.put("influences", intern(influences));
          f.put("untrusted_influence", true);
        }
        f.put("upstream_kinds", kinds(upKinds));
        f.put("downstream_kinds", kinds(downKinds));
        f.put("receiver_kinds", receiverKinds(v));
        f.put("trains", trains);
        f.put("in_training_path", trains);
        f.put("loop", loop);
        queryFacts(v, f);
        f.put("shaped_by", shapedBy(v));
        f.put("submitted_by", submittedBy(v));
        f.put("watched_insiders", Insiders.watched(g, v));
        f.put("baseline_writers", Insiders.baselineWriters(g, v));
        f.put("judged_insiders", Insiders.judged(g, v));
        f.put("sensor_deniers", Insiders.sensorDeniers(g, v));
        f.put("sensor_acts", Insiders.sensorActs(g, v));
        f.put("gaining_writers", Insiders.gainingWriters(g, v));
        f.put("unreviewed_stakes", DecisionStake.unreviewed(g, v));
        f.put("people_decisions", DecisionStake.peopleDecisions(g, v, mode));
        f.put("checks_media_from", checksMediaFrom(v));
        f.put("media_from_outside", mediaFromOutside(v));
        f.put("changes_unpinned", changesUnpinned(v));
        f.put("eval_data", evalData(v));
        f.put("runs_model_output", runsModelOutput(v, up));
        privacyFacts(v, up, f);
        loadFacts(v, f);
        llmFacts(v, upIncl, f);
        assetFacts(v, f);
        f.put("records_reaching", dataTags(records[s]));
        f.put(
            "stated_provides",
            g.kind(v) == ComponentKind.THIRD_PARTY_SERVICE
                ? intern(new ArrayList<>(new TreeSet<>(g.component(v).texts("provides"))))
                : List.of());
        f.put("output_records", outputRecords(v));
        List<String> zones = zoneOf.get(g.id(v));
        f.put("zone", zones == null ? "" : zones.get(0));
        f.put("renders_llm_output", rendersLlmOutput(v));
        f.put("calls_llm", anySucc(v, ComponentKind.LLM));
        f.put("entry_point", entryPoint(v));
        f.put("monitoring", monitoring(v));
        f.put("code_from", codeFrom(v, up));
        f.put("generative", generative(v, upKinds, downKinds, listOf(f, "training_frameworks")));
        scopeFacts(v, upIncl, f);
        holderFacts(v, f);
        List<String> toolStores = toolStores(v);
        f.put("tool_stores", toolStores);
        f.put("tool_reads", toolReads(v, toolStores));
        f.put("tool_workloads", toolWorkloads(v));
        f.put("tool_credentials", toolCredentials(v));
        f.put("stated", stated(v));
        f.put("self_registered_callers", selfRegisteredCallers(v));
        f.put("low_value_system", lowValueSystem);
        f.put("risk_class", g.workflow.riskClass());
        f.put("protected_groups", protectedGroups);
        f.put("high_risk", "high".equals(g.workflow.riskClass()) ? List.of("high") : List.of());
        f.put(
            "sensor_inputs_internal",
            influences.contains("provenance:sensor") && sensorInputsInternal(v));
        audienceFacts(v, f);
        costFacts(v, f);
        toolHarmFacts(v, f);
        f.put("steered_by", List.of()); // set for agent tools by steeringFacts, below
        f.put("persisted_by", List.of()); // set for stores by persistenceFacts, below
        f.put("implant_tools", List.of());
        f.put("token_readers", tokenReaders(v));
        f.put("file_token_readers", fileTokenReaders(v, zoneOf));
        f.put("allowed_ai_apis", allowedAiApis(v));
        f.put("host_assets", hostAssets(v, zoneOf));
        f.put("replicable_from", replicableFrom(v));
        f.put("binding_topics", bindingTopics(v, f));
        facts.components[mode.ordinal()][v] = Collections.unmodifiableMap(f);
      }
      steeringFacts();
      persistenceFacts();
      disclosureFacts();
      viewerFacts();
      List<Flow> flows = g.workflow.flows();
      for (int i = 0; i < flows.size(); i++) {
        Flow fl = flows.get(i);
        int a = g.flowFrom(i);
        int b = g.flowTo(i);
        Map<String, Object> f = new LinkedHashMap<>();
        Map<String, Object> fa = facts.components[mode.ordinal()][a];
        Map<String, Object> fb = facts.components[mode.ordinal()][b];
        List<String> za = zoneOf.getOrDefault(fl.from(), List.of());
        List<String> zb = zoneOf.getOrDefault(fl.to(), List.of());
        f.put("crosses_zone", !za.equals(zb) && !insideTeam(a, b, za, zb));
        f.put("training_path", fb.get("trains"));
        f.put(
            "inference_path",
            (Boolean) fa.get("in_inference_path") && (Boolean) fb.get("in_inference_path"));
        f.put("carries_kinds", assetTags(fl.carries()));
        scopeFlowFacts(i, f, zoneOf);
        f.put("from", fa);
        f.put("to", fb);
        facts.flows[mode.ordinal()][i] = Collections.unmodifiableMap(f);
      }
    }

    BitSet ownTags(int v) {
      BitSet t = new BitSet();
      Component c = g.component(v);
      t.set(tag("kind:" + c.kind().id()));
      for (String influence : Influence.tagsOf(c, mode)) t.set(tag(influence));
      switch (c.kind()) {
        case TRAINING -> {
          t.set(tag("method:" + Answers.text(c, "method", mode)));
          c.text("framework")
              .ifPresent(fw -> t.set(tag("framework:" + fw.strip().toLowerCase(Locale.ROOT))));
        }
        case MODEL_REGISTRY -> {
          // weights anyone may download are published on purpose: copying them is no theft
          if (c.text("access").orElse("").equals("public")) t.set(tag("published"));
        }
        case EVALUATION -> {
          if (Answers.bool(c, "adversarial-testing", mode)) t.set(tag("advtest"));
        }
        case PRETRAINED_MODEL ->
            // as written: weights published on a hub, or any other (or unstated) origin
            t.set(
                tag(
                    c.text("source").orElse("").equals("public-hub")
                        ? "hub-weights"
                        : "own-weights"));
        default -> {}
      }
      // the data it holds (holds:), so that a model knows whether it learned from or reads private
      // data; the sensitivity of data held or received here (data:) travels downstream with what
      // is made of it
      List<String> held = new ArrayList<>(c.contains());
      held.addAll(carriedInto.getOrDefault(c.id(), List.of()));
      for (String id : held) {
        Asset a = g.workflow.assets().get(id);
        if (a != null && a.kind() == AssetKind.DATA) {
          String sensitivity = a.sensitivity().isEmpty() ? "unknown" : a.sensitivity();
          t.set(tag("holds:" + sensitivity));
          t.set(tag("data:" + sensitivity));
        }
      }
      // a live data feed cannot be pinned: only artifacts count as unpinned upstream
      if (c.kind().external()
          && c.kind() != ComponentKind.DATA_SOURCE
          && !Answers.bool(c, "pinned", mode)) t.set(tag("unpinned"));
      return t;
    }

    /**
     * Per loop (SCC), the sensitivity tags ({@code data:<sensitivity>}) of the data held or carried
     * upstream that reaches it as records: propagated in topological order, stopped by the kinds
     * that turn data into weights or are software ({@link Influence#passesRecords}).
     */
    BitSet[] recordsReaching() {
      int sccs = g.sccCount;
      BitSet[] in = new BitSet[sccs];
      BitSet[] out = new BitSet[sccs];
      BitSet none = new BitSet();
      for (int s = 0; s < sccs; s++) {
        BitSet r = new BitSet();
        for (int p : g.sccPred[s]) r.or(out[p]);
        boolean passes = false;
        for (int v : g.sccMembers[s]) {
          if (!Influence.passesRecords(g.kind(v))) continue;
          passes = true;
          Component c = g.component(v);
          List<String> held = new ArrayList<>(c.contains());
          held.addAll(carriedInto.getOrDefault(c.id(), List.of()));
          for (String t : assetTags(held)) if (t.startsWith("data:")) r.set(tag(t));
        }
        in[s] = r;
        out[s] = passes ? r : none;
      }
      return in;
    }

    final Map<BitSet, List<String>> dataLists = new HashMap<>();

    List<String> dataTags(BitSet tags) {
      return tagList(tags, "data:", false, dataLists);
    }

    /**
     * For an llm or serving component: the stores and vendor systems its output is written to
     * (directly, or by an application it answers) that an application shows to people. What is on
     * such a record is acted on later, whoever prompted the model.
     */
    List<String> outputRecords(int v) {
      ComponentKind k = g.kind(v);
      if (k != ComponentKind.LLM && k != ComponentKind.SERVING) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (int s : g.succ[v]) {
        if (s == v) continue;
        if (Influence.keepsRecords(g.kind(s)) && shownToPeople(s, v)) out.add(g.id(s));
        if (g.kind(s) == ComponentKind.APPLICATION)
          for (int t : g.succ[s])
            if (t != v && Influence.keepsRecords(g.kind(t)) && shownToPeople(t, v))
              out.add(g.id(t));
      }
      return intern(new ArrayList<>(out));
    }

    /** An application other than the model's own front reads the record and people use it. */
    boolean shownToPeople(int record, int model) {
      for (int w : g.succ[record]) {
        if (w == record || g.kind(w) != ComponentKind.APPLICATION) continue;
        if (Arrays.stream(g.pred[w]).anyMatch(p -> p == model)) continue;
        for (int a : g.interactive[w]) if (g.kind(a) == ComponentKind.ACTOR) return true;
        for (int a : g.succ[w]) if (g.kind(a) == ComponentKind.ACTOR) return true;
      }
      return false;
    }

    /** Lists derived from an upstream tag set; shared between components with the same set. */
    Map<String, Object> upstreamLists(BitSet up) {
      Map<String, Object> cached = listCache.get(up);
      if (cached != null) return cached;
      List<String> influences = new ArrayList<>();
      List<String> methods = new ArrayList<>();
      List<String> frameworks = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      List<String> data = new ArrayList<>();
      boolean untrusted = false;
      boolean reaching = false;
      for (int i = up.nextSetBit(0); i >= 0; i = up.nextSetBit(i + 1)) {
        String t = names.get(i);
        Influence influence = Influence.of(t).orElse(null);
        if (influence != null) {
          influences.add(t);
          untrusted |= influence.untrustedData();
          reaching |= influence.reaching();
        } else if (t.contains(":") && INFLUENCE_PREFIXES.contains(t.substring(0, t.indexOf(':'))))
          // a value the influence table does not know would silently turn rules off
          throw new IllegalStateException("influence tag missing from Influence: " + t);
        if (t.startsWith("method:")) methods.add(t.substring(7));
        if (t.startsWith("framework:")) frameworks.add(t.substring(10));
        if (t.startsWith("data:")) data.add(t.substring(5));
        if (t.startsWith("pretrained:") && !t.equals("pretrained:unpinned"))
          sources.add(t.substring(11));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("influences", sorted(influences));
      m.put("untrusted_influence", untrusted);
      m.put("reachable_by_untrusted", reaching);
      m.put("training_methods", sorted(methods));
      m.put("training_frameworks", sorted(frameworks));
      m.put("weights_public", up.get(tag("published")));
      m.put("pretrained_sources", sorted(sources));
      m.put("unpinned_upstream", up.get(tag("unpinned")));
      m.put("adversarially_tested", up.get(tag("advtest")));
      m.put("upstream_data", sorted(data));
      listCache.put((BitSet) up.clone(), m);
      return m;
    }

    final Map<BitSet, List<String>> kindLists = new HashMap<>();

    /**
     * The kinds a flow out of the component goes to directly, sorted: who is handed what it holds
     * as it is (a vector store exporting to a vendor), where {@code downstream_kinds} is everything
     * its data may reach after any number of steps (an agent's memory, through the agent and its
     * tools, reaching a social platform as posts, not as vectors).
     */
    List<String> receiverKinds(int v) {
      java.util.TreeSet<String> out = new java.util.TreeSet<>();
      for (int s : g.succ[v]) out.add(g.kind(s).id());
      return intern(new ArrayList<>(out));
    }

    List<String> kinds(BitSet tags) {
      return tagList(tags, "kind:", true, kindLists);
    }

    /** The sorted tags of a set starting with prefix (cut off when strip), cached per set. */
    List<String> tagList(
        BitSet tags, String prefix, boolean strip, Map<BitSet, List<String>> cache) {
      List<String> cached = cache.get(tags);
      if (cached != null) return cached;
      List<String> out = new ArrayList<>();
      for (int i = tags.nextSetBit(0); i >= 0; i = tags.nextSetBit(i + 1))
        if (names.get(i).startsWith(prefix))
          out.add(strip ? names.get(i).substring(prefix.length()) : names.get(i));
      List<String> result = sorted(out);
      cache.put((BitSet) tags.clone(), result);
      return result;
    }

    void queryFacts(int v, Map<String, Object> f) {
      TreeSet<String> trust = new TreeSet<>();
      for (int a : facts.queryingActors(v)) trust.add(Answers.text(g.component(a), "trust", mode));
      f.put("queried_by", intern(new ArrayList<>(trust)));
      Component c = g.component(v);
      String exposure = c.text("exposure").orElse("");
      if (exposure.isEmpty()) {
        if (trust.contains("anonymous") || trust.contains("authenticated")) exposure = "public";
        else if (trust.contains("partner")) exposure = "partner";
        else if (trust.contains("internal")) exposure = "internal";
        else exposure = "none";
      }
      f.put("exposure", exposure);
      boolean inference = !trust.isEmpty();
      for (int w : g.succ[v])
        inference |= g.kind(w) == ComponentKind.SERVING || g.kind(w) == ComponentKind.LLM;
      for (int w : g.pred[v])
        inference |= g.kind(w) == ComponentKind.SERVING || g.kind(w) == ComponentKind.LLM;
      f.put("in_inference_path", inference);
    }

    /** Trust words as bits, in the order of {@link #TRUSTS}. */
    static final List<String> TRUSTS = List.of("anonymous", "authenticated", "partner", "internal");

    /** Per component: the trust of the actors whose requests reach it through relays only. */
    int[] forward = new int[0];

    int trustBit(int actor) {
      int i = TRUSTS.indexOf(Answers.text(g.component(actor), "trust", mode));
      return i < 0 ? 0 : 1 << i;
    }

    /**
     * What actors send travels on through applications, services and models (relays), and through
     * preprocessing, which cleans, checks or converts the request but passes its content on, until
     * a store or a job: the bits of the actors whose requests reach each component that way. Each
     * mask grows at most four times, so this is linear in the flows.
     */
    int[] forwardedTrust() {
      return fromActors(Influence::forwardsRequests);
    }

    /**
     * The trust bits of the actors whose sends reach each component, from each actor's successors
     * on through the kinds {@code passes} lets through ({@link #spread}).
     */
    int[] fromActors(java.util.function.Predicate<ComponentKind> passes) {
      int n = g.size();
      int[] mask = new int[n];
      java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
      for (int a = 0; a < n; a++) {
        if (g.kind(a) != ComponentKind.ACTOR) continue;
        int bit = trustBit(a);
        for (int w : g.succ[a])
          if (g.kind(w) != ComponentKind.ACTOR && (mask[w] & bit) == 0) {
            mask[w] |= bit;
            if (passes.test(g.kind(w))) work.add(w);
          }
      }
      spread(mask, work, passes);
      return mask;
    }

    /**
     * Spreads each queued component's trust bits to what it flows into (never to actors), on
     * through the kinds {@code passes} lets through: each mask grows at most four times.
     */
    void spread(
        int[] mask,
        java.util.ArrayDeque<Integer> work,
        java.util.function.Predicate<ComponentKind> passes) {
      while (!work.isEmpty()) {
        int v = work.poll();
        for (int w : g.succ[v])
          if (g.kind(w) != ComponentKind.ACTOR && (mask[w] | mask[v]) != mask[w]) {
            mask[w] |= mask[v];
            if (passes.test(g.kind(w))) work.add(w);
          }
      }
    }

    /** Per component: the trust of the outsiders whose records reach it through data carriers. */
    int[] recorded = new int[0];

    /**
     * What outsiders write as records travels on through sources, preprocessing and stores ({@link
     * Influence#carriesCases}): the bits of those whose records reach each component that way. A
     * source an actor writes counts as that actor; one nobody in the file writes counts by its
     * provenance when anyone or any account holder can write it (user-generated, public web), never
     * a licensed feed, whose supplier is no party to the case. Linear in the flows, as {@link
     * #forwardedTrust}.
     */
    int[] recordedTrust() {
      int n = g.size();
      int[] mask = new int[n];
      java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
      for (int v = 0; v < n; v++) {
        int bits = 0;
        if (g.kind(v) == ComponentKind.DATA_SOURCE) bits = writerBits(v);
        else if (Influence.carriesCases(g.kind(v)))
          for (int p : g.pred[v]) if (g.kind(p) == ComponentKind.ACTOR) bits |= trustBit(p);
        if (bits == 0) continue;
        mask[v] = bits;
        work.add(v);
      }
      spread(mask, work, Influence::carriesCases);
      return mask;
    }

    /**
     * Per component: the trust of the actors whose action starts a call of it ({@link
     * #startedTrust}).
     */
    int[] started = new int[0];

    /**
     * Who starts work: what an actor sends or writes travels on as a request, one call per item,
     * through sources (a live feed: each email or alert that arrives), preprocessing, applications,
     * services and third-party relays, until a store, an index or a tool, where it waits until
     * someone else asks (a nightly batch over the accounts, a search over the mailbox). Linear in
     * the flows, as {@link #forwardedTrust}.
     */
    int[] startedTrust() {
      return fromActors(Influence::startsCalls);
    }

    /**
     * Who can write into a language model's context against whom, and who sees its output
     * (docs/analysis.md, "Whose content reaches which viewer"): what a prompting user reaches
     * beyond their own session ({@link Influence.PrompterReach}), whether every caller is a program
     * holding a key (the calling application decides what its own users see and rely on), and, for
     * an application that shows a model's output, whether that model already sends data out without
     * approval (a rendered image then opens no channel the injection lacks) and whether anyone but
     * its own viewers steers the output.
     */
    void audienceFacts(int v, Map<String, Object> f) {
      ComponentKind k = g.kind(v);
      List<String> reach = List.of();
      boolean apiCallers = false;
      if (k == ComponentKind.LLM) {
        TreeSet<String> r = new TreeSet<>();
        for (int t : g.toolsOf(v)) {
          Component tool = g.component(t);
          if (Answers.texts(tool, "effects", mode).stream().anyMatch(e -> !e.equals("read-only"))
              && !actsOnUsersOwnAccount(t)) r.add(Influence.PrompterReach.TOOL_EFFECTS.id());
          if (!toolCredentials(t).isEmpty()) r.add(Influence.PrompterReach.TOOL_CREDENTIAL.id());
        }
        for (int x : readIndexes(v))
          if ((g.component(x).bool("shared-across-users").orElse(mode == Mode.WORST)
                  || multiTenant(g.component(x)))
              && !publicDataOnly(x)) r.add(Influence.PrompterReach.SHARED_INDEX.id());
        if (!listOf(f, "output_records").isEmpty()) r.add(Influence.PrompterReach.RECORDS.id());
        reach = intern(new ArrayList<>(r));
        apiCallers = apiCallersOnly(v);
      }
      f.put("prompter_reach", reach);
      f.put("api_callers_only", apiCallers);
      // set for applications by viewerFacts, once every model's facts are known
      f.put("llm_sends_out", false);
      f.put("others_steer_output", false);
    }

    /**
     * For an application that shows a model's output: whether every such model already sends data
     * out without approval, and whether anyone but the application's own viewers steers the output
     * (see {@link #audienceFacts}).
     */
    @SuppressWarnings("EnumOrdinal") // the facts are stored per mode by ordinal, as in run()
    void viewerFacts() {
      Map<String, Object>[] maps = facts.components[mode.ordinal()];
      for (int v = 0; v < maps.length; v++) {
        if (g.kind(v) != ComponentKind.APPLICATION || !(Boolean) maps[v].get("renders_llm_output"))
          continue;
        List<Integer> shown = shownModels(v);
        boolean sendsOut = !shown.isEmpty();
        // a record written by a model and read here: whoever prompted it is someone else
        boolean othersSteer = shown.isEmpty() || readsModelRecords(v);
        for (int m : shown) {
          sendsOut &= sendsOutUnapproved(m);
          othersSteer |= othersSteer(maps[m], m, v);
        }
        Map<String, Object> f = new LinkedHashMap<>(maps[v]);
        f.put("llm_sends_out", sendsOut);
        f.put("others_steer_output", othersSteer);
        maps[v] = Collections.unmodifiableMap(f);
      }
    }

    /**
     * Who pays for a call and whose capacity it takes (docs/analysis.md, "Who pays"): the trust of
     * those who start calls of a model ({@link #startedTrust}, and its prompters); whether a third
     * party bills each call (`hosting: third-party-api`; unknown hosting is billed at worst);
     * whether one instance serves several customer organisations, so one of them can starve the
     * others; for an agent tool, the workloads that cost someone other than the one asking.
     */
    void costFacts(int v, Map<String, Object> f) {
      Component c = g.component(v);
      boolean model = c.kind() == ComponentKind.LLM || c.kind() == ComponentKind.SERVING;
      TreeSet<String> by = new TreeSet<>();
      if (model) {
        by.addAll(words(started[v]));
        by.addAll(listOf(f, "prompted_by"));
      }
      f.put("started_by", intern(new ArrayList<>(by)));
      String hosting = c.text("hosting").orElse(mode == Mode.WORST ? "third-party-api" : "");
      f.put("billed_per_call", model && hosting.equals("third-party-api") && !ownDeviceCalls(v));
      boolean shared = model && multiTenant(c);
      if (model)
        for (int a : g.interactive[v])
          shared |= Influence.relays(g.kind(a)) && multiTenant(g.component(a));
      f.put("shared_capacity", shared);
      f.put("tool_paid_workloads", toolPaidWorkloads(v, listOf(f, "tool_workloads")));
    }

    /**
     * Every call of a model is placed by an application on its users' own devices ({@code exposure:
     * on-device}) that holds no credential of the team's: each user runs their own copy (an
     * editor's agent, a desktop client) and a provider's fee is billed to the account they call it
     * with, not to the team. An application that keeps a key the team pays for is the team's bill.
     */
    boolean ownDeviceCalls(int v) {
      boolean any = false;
      for (int[] side : new int[][] {g.pred[v], g.interactive[v]})
        for (int p : side) {
          ComponentKind k = g.kind(p);
          if (p == v
              || k != ComponentKind.ACTOR && k != ComponentKind.LLM && !Influence.startsCalls(k))
            continue;
          Component c = g.component(p);
          if (k != ComponentKind.APPLICATION
              || !onDevice(c)
              || c.contains().stream().anyMatch(a -> credential(a) != null)) return false;
          any = true;
        }
      return any;
    }

    /**
     * What an agent tool's misuse does beyond the system (docs/analysis.md, "What a steered tool
     * can do"): for a tool that acts (an effect other than read-only), the credentials it acts with
     * or hands out, each with what it grants: held by the tool, held by the application that calls
     * it when the tool acts on a store or service (not when it only sends to people), carried on a
     * flow out of it, or held by a component it writes to (a code it issues for a lock); for a tool
     * that communicates outside, who receives what it sends: an actor who is not internal it writes
     * to, or the outside actors of a third-party service it sends through (the numbers an SMS
     * provider texts, the followers of a social network).
     */
    void toolHarmFacts(int v, Map<String, Object> f) {
      f.put("caller_scoped", callerScoped(v));
      if (g.kind(v) != ComponentKind.AGENT_TOOL) {
        f.put("tool_grants", List.of());
        f.put("tool_recipients", List.of());
        f.put("disclosed_through", List.of());
        return;
      }
      List<String> effects = Answers.texts(g.component(v), "effects", mode);
      TreeSet<String> grants = new TreeSet<>();
      if (effects.stream().anyMatch(e -> !e.equals("read-only"))) {
        // the calling application's credentials are the tool's when it acts on a system with them
        // (writes to a store or a service), not when it only sends to people
        boolean actsOnSystem = false;
        for (int u : g.succ[v]) actsOnSystem |= !outsideOrCaller(g.kind(u));
        List<String> used =
            new ArrayList<>(actsOnSystem ? toolCredentials(v) : g.component(v).contains());
        List<Flow> flows = g.workflow.flows();
        for (int i = 0; i < flows.size(); i++)
          if (g.leaves(i, v)) used.addAll(flows.get(i).carries());
        for (int u : g.succ[v])
          if (!outsideOrCaller(g.kind(u))) used.addAll(g.component(u).contains());
        for (String a : used) {
          Asset asset = g.workflow.assets().get(a);
          if (asset == null || asset.kind() != AssetKind.CREDENTIAL) continue;
          String what = asset.grants() == null ? "" : asset.grants();
          grants.add(what.isBlank() ? a : a + " (" + what.strip() + ")");
        }
      }
      TreeSet<String> recipients = new TreeSet<>();
      // a tool that sends only to the person calling (a payment link texted to the calling number)
      // sends nobody else anything in the organisation's name
      if (effects.contains("external-communication") && !callerScoped(v))
        for (int u : g.succ[v]) {
          if (g.kind(u) == ComponentKind.ACTOR && outsider(u)) recipients.add(g.id(u));
          if (g.kind(u) != ComponentKind.THIRD_PARTY_SERVICE) continue;
          TreeSet<Integer> around = new TreeSet<>();
          for (int w : g.succ[u]) around.add(w);
          for (int w : g.pred[u]) around.add(w);
          for (int w : around)
            if (g.kind(w) == ComponentKind.ACTOR && outsider(w))
              recipients.add(g.id(w) + " (through " + g.id(u) + ")");
        }
      f.put("tool_grants", intern(new ArrayList<>(grants)));
      f.put("tool_recipients", intern(new ArrayList<>(recipients)));
      f.put("disclosed_through", List.of()); // set by disclosureFacts, once every tool is known
    }

    private static boolean outsideOrCaller(ComponentKind k) {
      return k == ComponentKind.ACTOR || k == ComponentKind.LLM || k == ComponentKind.APPLICATION;
    }

    private boolean outsider(int actor) {
      return !Answers.text(g.component(actor), "trust", mode).equals("internal");
    }

    /**
     * For an agent tool: who outside the team receives what it returns, through a model that calls
     * it: the actors who are not internal and query that model (they read its answer), and that
     * model's outbound tools nobody approves whose recipients are outsiders ({@code
     * f.tool_recipients}). Empty for a tool whose results reach only the team.
     */
    @SuppressWarnings("EnumOrdinal") // the facts are stored per mode by ordinal, as in run()
    void disclosureFacts() {
      Map<String, Object>[] maps = facts.components[mode.ordinal()];
      Map<Integer, TreeSet<String>> out = new TreeMap<>();
      for (int v = 0; v < maps.length; v++) {
        if (g.kind(v) != ComponentKind.LLM) continue;
        TreeSet<String> to = new TreeSet<>();
        for (int a : facts.queryingActors(v)) if (outsider(a)) to.add(g.id(a));
        for (int t : g.toolsOf(v))
          if (!Answers.bool(g.component(t), "requires-approval", mode)
              && !listOf(maps[t], "tool_recipients").isEmpty()) to.add(g.id(t));
        for (int t : g.toolsOf(v)) {
          TreeSet<String> mine = new TreeSet<>(to);
          mine.remove(g.id(t));
          // what a tool scoped to the caller's own record returns goes back to that caller: no
          // other prompting user reads it, only an outbound tool could carry it to someone else
          if (callerScoped(t))
            for (int a : facts.queryingActors(v)) if (outsider(a)) mine.remove(g.id(a));
          out.computeIfAbsent(t, k -> new TreeSet<>()).addAll(mine);
        }
      }
      for (Map.Entry<Integer, TreeSet<String>> e : out.entrySet()) {
        Map<String, Object> f = new LinkedHashMap<>(maps[e.getKey()]);
        f.put("disclosed_through", intern(new ArrayList<>(e.getValue())));
        maps[e.getKey()] = Collections.unmodifiableMap(f);
      }
    }

    /**
     * Words that say a tool is scoped to its caller: it returns only the caller's own record (a
     * booking found by its code and the traveller's last name) or sends only to the caller (a link
     * texted to the calling number).
     */
    static final java.util.regex.Pattern CALLER_SCOPED =
        java.util.regex.Pattern.compile(
            "\\b(?:(?:returns?|shows?|gives?|reads?|fetch(?:es)?|looks? up|sees?) only"
                + " (?:that|this|the caller's|the user's|the customer's|their|his or her)(?: own)?"
                + " (?:booking|account|order|record|reservation|ticket|case|profile|claim)s?"
                + "|(?:caller|user|customer|traveller|passenger|requester|patient)'s own"
                + " (?:booking|account|order|record|reservation|ticket|case|profile|claim|number)s?"
                + "|to the (?:calling|caller's) (?:number|phone|address|e-?mail)"
                + "|only to the (?:caller|calling number|user who asked))\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * For an agent tool: its own words ({@link #ownWords}) scope it to the caller ({@link
     * #CALLER_SCOPED}).
     */
    boolean callerScoped(int v) {
      if (g.kind(v) != ComponentKind.AGENT_TOOL) return false;
      return CALLER_SCOPED.matcher(ownWords(v)).find();
    }

    /**
     * A component's own words: its name and description, and what the workflow's description says
     * right after naming it (up to the end of that sentence or the next component it names).
     */
    String ownWords(int v) {
      Component c = g.component(v);
      StringBuilder out = new StringBuilder();
      out.append(c.name() == null ? "" : c.name()).append(' ');
      out.append(c.description() == null ? "" : c.description()).append(' ');
      String text = g.workflow.description() == null ? "" : g.workflow.description();
      String id = c.id();
      for (int at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
        boolean startOk = at == 0 || !isIdChar(text.charAt(at - 1));
        int end = at + id.length();
        if (!startOk || end < text.length() && isIdChar(text.charAt(end))) continue;
        int stop = text.length();
        for (int i = end; i < text.length(); i++) {
          char ch = text.charAt(i);
          if (ch == '.' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))
              || ch == ';') {
            stop = i;
            break;
          }
        }
        for (int w = 0; w < g.size(); w++) {
          if (w == v) continue;
          String other = g.id(w);
          int o = text.indexOf(other, end);
          while (o >= 0
              && o < stop
              && (o > 0 && isIdChar(text.charAt(o - 1))
                  || o + other.length() < text.length()
                      && isIdChar(text.charAt(o + other.length())))) o = text.indexOf(other, o + 1);
          if (o >= 0 && o < stop) stop = o;
        }
        out.append(text, end, stop).append(' ');
      }
      return out.toString();
    }

    private static boolean isIdChar(char ch) {
      return Character.isLetterOrDigit(ch) || ch == '-' || ch == '_';
    }

    static boolean multiTenant(Component c) {
      return c.text("tenancy").orElse("").equals("multi-tenant");
    }

    /** The retrieval indexes whose results reach the model, directly or through an application. */
    List<Integer> readIndexes(int llm) {
      TreeSet<Integer> out = new TreeSet<>();
      for (int p : g.pred[llm]) if (g.kind(p) == ComponentKind.RETRIEVAL) out.add(p);
      for (int app : g.interactive[llm])
        if (g.kind(app) == ComponentKind.APPLICATION)
          for (int p : g.pred[app]) if (g.kind(p) == ComponentKind.RETRIEVAL) out.add(p);
      return new ArrayList<>(out);
    }

    /**
     * Every actor that queries the model reaches it only through components that take a key or a
     * client certificate (`authentication: api-key` or `mtls`): programs, not people at a screen.
     */
    boolean apiCallersOnly(int llm) {
      int[] actors = facts.queryingActors(llm);
      if (actors.length == 0) return false;
      for (int a : actors)
        for (int w : g.interactive[a]) {
          String auth = g.component(w).text("authentication").orElse("");
          if (!auth.equals("api-key") && !auth.equals("mtls")) return false;
        }
      return true;
    }

    /** The models whose output an application shows directly or from an orchestrator. */
    List<Integer> shownModels(int app) {
      TreeSet<Integer> out = new TreeSet<>();
      for (int p : g.pred[app]) {
        if (g.kind(p) == ComponentKind.LLM) out.add(p);
        if (g.kind(p) == ComponentKind.APPLICATION)
          for (int q : g.pred[p]) if (g.kind(q) == ComponentKind.LLM) out.add(q);
      }
      return new ArrayList<>(out);
    }

    /** It reads a store or vendor system a model writes to. */
    boolean readsModelRecords(int app) {
      for (int p : g.pred[app])
        if (p != app && servesRecords(g.kind(p)) && holdsLlmOutput(p)) return true;
      return false;
    }

    /**
     * Kinds whose content an application downstream shows or serves as it is: stores and vendor
     * systems (a record shown later), and code repositories (the code a model writes into the
     * repository an application is built from is served by that application, to its users).
     */
    static boolean servesRecords(ComponentKind k) {
      return Influence.keepsRecords(k) || k == ComponentKind.CODE_REPOSITORY;
    }

    /** The model can call a tool that communicates outside without anyone approving it. */
    boolean sendsOutUnapproved(int llm) {
      for (int t : g.toolsOf(llm)) {
        Component tool = g.component(t);
        if (Answers.texts(tool, "effects", mode).contains("external-communication")
            && !Answers.bool(tool, "requires-approval", mode)) return true;
      }
      return false;
    }

    /**
     * An agent tool served from another organisation's server (`source: remote-server`, as stated)
     * that holds no credential of the team's and writes into nothing of the workflow but the model
     * that calls it: it acts with the account the user enabled it with (their own booking on a
     * travel site), which the user could use as well without the model.
     */
    boolean actsOnUsersOwnAccount(int t) {
      if (!g.component(t).text("source").orElse("").equals("remote-server")) return false;
      if (!toolCredentials(t).isEmpty()) return false;
      for (int w : g.succ[t])
        if (g.kind(w) != ComponentKind.LLM && g.kind(w) != ComponentKind.APPLICATION) return false;
      return true;
    }

    /**
     * Someone other than the application's own viewers writes into the model's context: outsiders'
     * content reaches it (indexes, tools, sources, records put into the prompt, others' words), a
     * tool not the team's own is described to it, or someone prompts it who does not see the output
     * here (another front end's users).
     */
    boolean othersSteer(Map<String, Object> model, int llm, int app) {
      if (!listOf(model, "untrusted_content").isEmpty()) return true;
      // outsiders' data upstream (a source, records an application puts into the prompt); the
      // actors are counted below, as prompters or as viewers
      for (String t : listOf(model, "influences"))
        if (!t.startsWith("actor:") && Influence.of(t).filter(Influence::reaching).isPresent())
          return true;
      // a tool's description is in the context whichever way its data flows: its supplier writes it
      for (int t : g.toolsOf(llm))
        if (!Answers.text(g.component(t), "source", mode).equals("first-party")) return true;
      Set<Integer> viewers = new TreeSet<>();
      for (int a : g.interactive[app]) if (g.kind(a) == ComponentKind.ACTOR) viewers.add(a);
      for (int a : g.succ[app]) if (g.kind(a) == ComponentKind.ACTOR) viewers.add(a);
      for (int w : g.interactive[app])
        if (Influence.relays(g.kind(w)) && w != llm)
          for (int a : g.interactive[w]) if (g.kind(a) == ComponentKind.ACTOR) viewers.add(a);
      for (int a : facts.queryingActors(llm)) if (!viewers.contains(a)) return true;
      return viewers.isEmpty();
    }

    /**
     * For an agent tool: the workloads of {@code workloads} that cost more than the asking user's
     * own machine: compute that runs other work too (a flow with something other than this tool and
     * the packages or weights it installs), which model-written work can starve. A machine only
     * this tool drives is the user's own. A store it queries costs per query only where its own
     * words or the tool's say so ({@link #BILLED_PER_QUERY}: a Snowflake or BigQuery warehouse,
     * credits); a warehouse the file says nothing of is no bill, and reading too much from it is
     * the disclosure findings' harm.
     */
    List<String> toolPaidWorkloads(int v, List<String> workloads) {
      if (workloads.isEmpty()) return List.of();
      List<String> out = new ArrayList<>();
      for (String id : workloads) {
        int w = g.indexOf(id);
        if (g.kind(w) != ComponentKind.COMPUTE) {
          if (billedPerQuery(g.component(w)) || billedPerQuery(g.component(v))) out.add(id);
          continue;
        }
        boolean others = false;
        for (int[] side : new int[][] {g.pred[w], g.succ[w]})
          for (int x : side)
            others |=
                x != v
                    && x != w
                    && g.kind(x) != ComponentKind.DEPENDENCY
                    && g.kind(x) != ComponentKind.PRETRAINED_MODEL;
        if (others) out.add(id);
      }
      return intern(out);
    }

    /** Words that say a query engine bills each query it runs. */
    static final java.util.regex.Pattern BILLED_PER_QUERY =
        java.util.regex.Pattern.compile(
            "\\b(snowflake|bigquery|athena|redshift serverless|databricks sql|credits?"
                + "|billed per (query|scan)|pay(s)? per (query|scan)|per-query (billing|pricing))\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static boolean billedPerQuery(Component c) {
      String words =
          (c.name() == null ? "" : c.name())
              + " "
              + (c.description() == null ? "" : c.description());
      return BILLED_PER_QUERY.matcher(words).find();
    }

    /**
     * For an evaluation: the influence tags of outside data it reads as it is at each run, not
     * through training (outside data sources in front of it, directly or through preprocessing and
     * stores that keep no versions; a store that states `versioned: true` is a fixed copy).
     */
    List<String> evalData(int v) {
      if (g.kind(v) != ComponentKind.EVALUATION) return List.of();
      TreeSet<String> out = new TreeSet<>();
      java.util.BitSet seen = new java.util.BitSet();
      java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
      work.add(v);
      while (!work.isEmpty()) {
        int u = work.poll();
        for (int p : g.pred[u]) {
          if (seen.get(p)) continue;
          seen.set(p);
          ComponentKind k = g.kind(p);
          if (k == ComponentKind.DATA_SOURCE)
            for (String t : Influence.tagsOf(g.component(p), mode))
              Influence.of(t).filter(Influence::untrustedData).ifPresent(i -> out.add(t));
          else if (k == ComponentKind.PREPROCESSING
              || store(k) && !g.component(p).bool("versioned").orElse(false)) work.add(p);
        }
      }
      return intern(new ArrayList<>(out));
    }

    /** The agent tools some language model can invoke ({@link WorkflowGraph#toolsOf}). */
    java.util.BitSet llmTools;

    /**
     * For an agent tool no language model invokes: whether what it is handed comes from a model (a
     * caller in front of it has a training job, a pretrained model, a registry or a model
     * upstream), as an evaluation harness runs a candidate's code answers in a test sandbox.
     */
    boolean runsModelOutput(int v, BitSet[] up) {
      if (g.kind(v) != ComponentKind.AGENT_TOOL) return false;
      if (llmTools == null) {
        llmTools = new java.util.BitSet();
        for (int u = 0; u < g.size(); u++)
          if (g.kind(u) == ComponentKind.LLM) for (int t : g.toolsOf(u)) llmTools.set(t);
      }
      if (llmTools.get(v)) return false;
      for (int p : g.pred[v]) {
        BitSet kinds = up[g.scc[p]];
        for (String k : List.of("training", "pretrained-model", "model-registry", "serving", "llm"))
          if (kinds.get(tag("kind:" + k))) return true;
      }
      return false;
    }

    /**
     * Who writes what a data source holds: the actors that flow into it, or, when none does, anyone
     * or any account holder by its provenance (user-generated, public web, crowdsourced); a
     * licensed or partner feed nobody in the file writes has no party to the case behind it.
     */
    int writerBits(int source) {
      int bits = 0;
      for (int p : g.pred[source]) if (g.kind(p) == ComponentKind.ACTOR) bits |= trustBit(p);
      return bits != 0 ? bits : sourceBits(source) & 3;
    }

    /**
     * For a preprocessing step that states it validates the media it decodes (`inputs` image, audio
     * or video, `validates-input: true`): who sends it that media directly, before any store
     * (actors, the actors behind the relays in front of it, the writers of a data source). Judging
     * what a recording or a picture shows is a model's decision: a spoof or consent check.
     */
    List<String> checksMediaFrom(int v) {
      Component c = g.component(v);
      if (c.kind() != ComponentKind.PREPROCESSING
          || !c.bool("validates-input").orElse(false)
          || c.texts("inputs").stream().noneMatch(i -> !i.equals("document"))) return List.of();
      int bits = 0;
      for (int p : g.pred[v]) {
        ComponentKind k = g.kind(p);
        if (k == ComponentKind.ACTOR) bits |= trustBit(p);
        else if (k == ComponentKind.DATA_SOURCE) bits |= writerBits(p);
        else if (Influence.forwardsRequests(k)) bits |= forward[p];
      }
      return words(bits);
    }

    /**
     * Who submits the case a model decides on: actors whose requests reach it through relays, and,
     * when it decides (a label or score on each case, no records), outsiders whose records reach it
     * through the sources, preprocessing and stores in front of it (the transactions an account
     * holder makes become the features a fraud or AML model scores).
     */
    List<String> submittedBy(int v) {
      int bits = forward[v];
      if (decides(g.component(v))) bits |= recorded[v];
      return words(bits);
    }

    static boolean store(ComponentKind k) {
      return k == ComponentKind.DATA_STORE || k == ComponentKind.FEATURE_STORE;
    }

    /** Trust word of whoever can write through a data source's provenance, per its reach. */
    int sourceBits(int source) {
      int bits = 0;
      for (String t : Influence.tagsOf(g.component(source), mode)) {
        Influence i = Influence.of(t).orElse(null);
        if (i == null || !i.untrusted()) continue;
        // a sensor only the team's own staff stand in front of is not the public's input
        if (t.equals("provenance:sensor") && sensorHeldByTeam(source)) continue;
        bits |=
            switch (i.reach()) {
              case ANYONE -> 1;
              case ACCOUNTS -> 2;
              default -> 4;
            };
      }
      return bits;
    }

    /**
     * Who shapes the input a model sees when it answers: actors that send to it, or call it where
     * its own exposure lets them; actors behind relays when the request is all it reads, when it
     * decodes their media, or when it decides on what they submit (a label or score, no records);
     * outside data sources that feed it directly; and outsiders whose content a store it reads
     * keeps as written. Features a store computes from their data are the team's: not shaped.
     */
    List<String> shapedBy(int v) {
      Component c = g.component(v);
      int bits = 0;
      for (int p : g.pred[v]) {
        if (g.kind(p) == ComponentKind.ACTOR) bits |= trustBit(p);
        if (g.kind(p) == ComponentKind.DATA_SOURCE) bits |= sourceBits(p);
      }
      String own = c.text("exposure").orElse("");
      if (own.equals("public") || own.equals("partner"))
        for (int a : facts.queryingActors(v)) bits |= trustBit(a);
      boolean readsStore = false;
      for (int p : g.pred[v]) {
        if (!store(g.kind(p))) continue;
        readsStore = true;
        for (int q : g.pred[p]) {
          ComponentKind k = g.kind(q);
          if (k == ComponentKind.ACTOR) bits |= trustBit(q);
          else if (k == ComponentKind.DATA_SOURCE) bits |= sourceBits(q);
          else if (Influence.relays(k)) bits |= forward[q];
        }
      }
      if (!readsStore || !c.texts("inputs").isEmpty() || decides(c)) bits |= forward[v];
      return words(bits);
    }

    /** The {@link #TRUSTS} bits of everyone but the team's own staff. */
    static final int OUTSIDE_BITS = 0b0111;

    /**
     * Someone outside the team shapes what goes round a loop of these members: an outside actor is
     * one of them or sends into one (directly or through relays), a data source outsiders shape
     * ({@link #sourceBits}) or a third-party service feeds one, or another organisation runs one (a
     * member {@code operated-by} other than the team, a pretrained model not internal: a vendor's
     * retraining mixes in what it likes). A loop of the team's own model, staff and instruments (a
     * hydrologist's corrections going back into the archive) is not an outside influence.
     */
    boolean shapedFromOutside(int[] members) {
      for (int m : members) {
        if ((forward[m] & OUTSIDE_BITS) != 0) return true;
        if (g.kind(m) == ComponentKind.ACTOR && (trustBit(m) & OUTSIDE_BITS) != 0) return true;
        Component c = g.component(m);
        if (!c.text("operated-by").orElse("team").equals("team")) return true;
        if (c.kind() == ComponentKind.PRETRAINED_MODEL
            && !Answers.text(c, "source", mode).equals("internal")) return true;
        if (c.kind() == ComponentKind.THIRD_PARTY_SERVICE) return true;
        for (int p : g.pred[m]) {
          if (g.kind(p) == ComponentKind.THIRD_PARTY_SERVICE) return true;
          if (g.kind(p) == ComponentKind.ACTOR && (trustBit(p) & OUTSIDE_BITS) != 0) return true;
          if (g.kind(p) == ComponentKind.DATA_SOURCE && sourceBits(p) != 0) return true;
        }
      }
      return false;
    }

    /** The trust words of a mask of {@link #TRUSTS} bits. */
    List<String> words(int bits) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < TRUSTS.size(); i++) if ((bits & (1 << i)) != 0) out.add(TRUSTS.get(i));
      return intern(out);
    }

    /**
     * Its answer is a decision on the request (label, score or probabilities, no records), so the
     * application in front sends it the case to decide. Unknown outputs: a decision at worst.
     */
    boolean decides(Component c) {
      if (c.kind() != ComponentKind.SERVING) return false;
      List<String> outputs = c.texts("outputs");
      if (outputs.isEmpty()) return mode == Mode.WORST;
      if (outputs.contains("records")) return false;
      for (String o : outputs)
        if (o.equals("label") || o.equals("score") || o.equals("probabilities")) return true;
      return false;
    }

    Boolean declaresData;

    /** Whether the workflow declares any data asset at all (computed once). */
    boolean declaresData() {
      if (declaresData == null)
        declaresData =
            g.workflow.assets().values().stream().anyMatch(a -> a.kind() == AssetKind.DATA);
      return declaresData;
    }

    static boolean privateData(String holdsTag) {
      return holdsTag.equals("holds:personal")
          || holdsTag.equals("holds:confidential")
          || holdsTag.equals("holds:unknown");
    }

    /**
     * Whether a model may have learned from or read data about people or secrets (a personal,
     * confidential or unclassified data asset upstream, or no data asset declared upstream at all),
     * and whether what it returns is a ranking of content from stores that hold nothing private.
     */
    void privacyFacts(int v, BitSet[] up, Map<String, Object> f) {
      BitSet mine = up[g.scc[v]];
      boolean anyData = false;
      boolean priv = false;
      for (int i = mine.nextSetBit(0); i >= 0; i = mine.nextSetBit(i + 1)) {
        String t = names.get(i);
        if (!t.startsWith("holds:")) continue;
        anyData = true;
        priv |= privateData(t);
      }
      f.put("private_data_upstream", priv || !anyData);
      // the file classifies its data and none of it reaches here: nothing of the team's was learned
      f.put("may_hold_private_data", priv || !anyData && !declaresData());
      boolean ranks = priv && g.component(v).texts("outputs").contains("records");
      boolean readsStore = false;
      for (int p : g.pred[v]) {
        if (!store(g.kind(p))) continue;
        readsStore = true;
        BitSet s = up[g.scc[p]];
        for (int i = s.nextSetBit(0); i >= 0 && ranks; i = s.nextSetBit(i + 1))
          if (privateData(names.get(i))) ranks = false;
      }
      f.put("ranks_public_content", ranks && readsStore);
      // records it returns come from a store it reads, not from what its model generates
      f.put("reads_stores", readsStore);
    }

    void loadFacts(int v, Map<String, Object> f) {
      Component c = g.component(v);
      TreeSet<String> formats = new TreeSet<>();
      TreeSet<String> from = new TreeSet<>();
      if (c.kind().attributes().containsKey("artifact-format"))
        formats.add(Answers.text(c, "artifact-format", mode));
      boolean signed = true;
      for (int p : g.pred[v]) {
        ComponentKind k = g.kind(p);
        if (k == ComponentKind.PRETRAINED_MODEL || k == ComponentKind.MODEL_REGISTRY) {
          formats.add(Answers.text(g.component(p), "artifact-format", mode));
          from.add(k.id());
          if (k == ComponentKind.MODEL_REGISTRY)
            signed &= Answers.bool(g.component(p), "signed", mode);
        }
      }
      f.put("artifact_formats", intern(new ArrayList<>(formats)));
      f.put("loads_from", intern(new ArrayList<>(from)));
      f.put("signed_upstream", signed);
    }

    void llmFacts(int v, BitSet up, Map<String, Object> f) {
      Component c = g.component(v);
      if (c.kind() != ComponentKind.LLM) {
        f.put("llm_content", List.of());
        f.put("prompted_by", List.of());
        f.put("untrusted_content", List.of());
        f.put("tool_effects", List.of());
        f.put("unapproved_effects", List.of());
        f.put("unapproved_tools", List.of());
        f.put("outbound_tools", List.of());
        f.put("approved_tools", List.of());
        f.put("tool_powers", List.of());
        f.put("tool_reach", List.of());
        f.put("tool_sources", List.of());
        return;
      }
      TreeSet<String> content = new TreeSet<>();
      TreeSet<String> prompts = new TreeSet<>();
      TreeSet<String> untrusted = new TreeSet<>();
      boolean relayed = false;
      for (int i = up.nextSetBit(0); i >= 0; i = up.nextSetBit(i + 1)) {
        String t = names.get(i);
        relayed |= t.equals("kind:agent-tool") || t.equals("kind:retrieval");
        if (t.startsWith("actor:") && !t.equals("actor:self-registration")) {
          content.add("prompt:" + t.substring(6));
          prompts.add(t.substring(6));
        }
        if (t.startsWith("retrieval:")) {
          content.add(t);
          if (t.equals("retrieval:external-email")) content.add("email");
          if (t.equals("retrieval:public-web")) content.add("web");
          if (!t.equals("retrieval:first-party")) untrusted.add(t);
        }
      }
      for (int p : g.toolsFeeding(v)) {
        String source = Answers.text(g.component(p), "source", mode);
        content.add("tool:" + source);
        if (!source.equals("first-party")) untrusted.add("tool:" + source);
      }
      // what outsiders said or sent reaches the context as content when they do not query it
      // themselves (a caller's words in a transcript the model summarises)
      TreeSet<String> asking = new TreeSet<>();
      for (int a : facts.queryingActors(v)) asking.add(Answers.text(g.component(a), "trust", mode));
      for (int p : g.pred[v])
        if (g.kind(p) == ComponentKind.ACTOR)
          asking.add(Answers.text(g.component(p), "trust", mode));
      for (String trust : prompts)
        if (!trust.equals("internal") && !asking.contains(trust)) untrusted.add("text:" + trust);
      // only those who ask it prompt it; the others' words are content (text:<trust> above)
      prompts.retainAll(asking);
      // outsiders' data indexed or fetched by a tool reaches the context too
      if (relayed)
        for (int i = up.nextSetBit(0); i >= 0; i = up.nextSetBit(i + 1)) {
          String t = names.get(i);
          if (t.startsWith("provenance:"))
            Influence.of(t).filter(Influence::reaching).ifPresent(x -> untrusted.add(t));
        }
      if (Answers.bool(c, "memory", mode)) content.add("memory");
      TreeSet<String> effects = new TreeSet<>();
      TreeSet<String> unapproved = new TreeSet<>();
      TreeSet<String> sources = new TreeSet<>();
      // the tools by name, so that a finding says which ones act and which ones send data out
      TreeSet<String> acting = new TreeSet<>();
      TreeSet<String> outbound = new TreeSet<>();
      // what each tool that acts can do, the most dangerous first, and what the tools reach
      TreeMap<String, String> powers = new TreeMap<>();
      TreeMap<String, String> gated = new TreeMap<>();
      TreeSet<String> reach = new TreeSet<>();
      // who steers the model, as steered_by says of its tools: an approval keyed on a mark of
      // the item acted on is no approval when outsiders write those items
      List<String> steering = new ArrayList<>(untrusted);
      for (String t : prompts) steering.add("prompt:" + t);
      boolean outsidersSteer = ApprovalGate.outsidersSteer(steering);
      for (int s : g.toolsOf(v)) {
        Component tool = g.component(s);
        List<String> e = Answers.texts(tool, "effects", mode);
        effects.addAll(e);
        boolean keyed =
            outsidersSteer
                && Answers.bool(tool, "requires-approval", mode)
                && ApprovalGate.keyedOnMark(g.workflow, tool);
        boolean approved = !keyed && Answers.bool(tool, "requires-approval", mode);
        if (!approved) unapproved.addAll(e);
        if (!approved && e.stream().anyMatch(x -> !x.equals("read-only"))) acting.add(tool.id());
        if (e.contains("external-communication")) outbound.add(tool.id());
        sources.add(Answers.text(tool, "source", mode));
        // what the tool does to the world (doors, money, deletion) ranks it above its effect
        java.util.Optional<ToolHarm> harm = ToolHarm.of(tool, e);
        String danger =
            (char) ('9' - toolDanger(e) - harm.map(h -> h.rank + 1).orElse(0)) + tool.id();
        List<String> does = new ArrayList<>();
        for (String x : List.of("code-execution", "external-communication", "writes"))
          if (e.contains(x)) does.add(POWER_WORDS.get(x));
        harm.ifPresent(h -> does.add(h.words));
        if (!does.isEmpty()) {
          powers.put(
              danger,
              tool.id()
                  + " ("
                  + String.join("/", does)
                  + (approved
                      ? ", once a person approves each call)"
                      : keyed
                          ? ", approved only on items bearing a mark its input can set)"
                          : ", with no approval)"));
          if (approved) gated.put(danger, tool.id());
        }
        reach.addAll(tool.contains());
        for (int p : g.pred[s]) {
          ComponentKind k = g.kind(p);
          if (k == ComponentKind.DATA_STORE
              || k == ComponentKind.FEATURE_STORE
              || k == ComponentKind.COMPUTE) reach.addAll(g.component(p).contains());
        }
      }
      reach.removeIf(
          a ->
              g.workflow.assets().get(a) == null
                  || g.workflow.assets().get(a).kind() == AssetKind.MODEL);
      f.put("approved_tools", intern(new ArrayList<>(gated.values())));
      f.put("tool_powers", intern(new ArrayList<>(powers.values())));
      f.put("tool_reach", intern(new ArrayList<>(reach)));
      f.put("llm_content", intern(new ArrayList<>(content)));
      f.put("prompted_by", intern(new ArrayList<>(prompts)));
      f.put("untrusted_content", intern(new ArrayList<>(untrusted)));
      f.put("tool_effects", intern(new ArrayList<>(effects)));
      f.put("unapproved_effects", intern(new ArrayList<>(unapproved)));
      f.put("unapproved_tools", intern(new ArrayList<>(acting)));
      f.put("outbound_tools", intern(new ArrayList<>(outbound)));
      f.put("tool_sources", intern(new ArrayList<>(sources)));
    }

    /** How dangerous a tool's effects are: running code, then sending out, then writing. */
    private static int toolDanger(List<String> effects) {
      if (effects.contains("code-execution")) return 3;
      if (effects.contains("external-communication")) return 2;
      return effects.contains("writes") ? 1 : 0;
    }

    /**
     * For an agent tool: the data stores, feature stores and compute it reads from directly (a flow
     * from them into the tool).
     */
    List<String> toolStores(int v) {
      if (g.kind(v) != ComponentKind.AGENT_TOOL) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (int p : g.pred[v]) {
        ComponentKind k = g.kind(p);
        if (k == ComponentKind.DATA_STORE
            || k == ComponentKind.FEATURE_STORE
            || k == ComponentKind.COMPUTE) out.add(g.id(p));
      }
      return intern(new ArrayList<>(out));
    }

    /**
     * For an agent tool: where the work it is asked for runs, so where model-written work costs:
     * compute it submits to or is connected with (either direction), and data or feature stores it
     * exchanges with both ways (a query sent and its result read back). A store it only reads from
     * (files, tickets, a few sample rows) or only writes to runs no query of the model's.
     */
    List<String> toolWorkloads(int v) {
      if (g.kind(v) != ComponentKind.AGENT_TOOL) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (int[] side : new int[][] {g.pred[v], g.succ[v]})
        for (int w : side) {
          if (w == v) continue;
          ComponentKind k = g.kind(w);
          // a machine on the users' own device is theirs: model-written work there costs nobody
          // else, and its harm is the code it runs (the code-execution findings name it)
          if (k == ComponentKind.COMPUTE && onDevice(g.component(w))) continue;
          if (k == ComponentKind.COMPUTE || store(k) && g.twoWay(v, w)) out.add(g.id(w));
        }
      return intern(new ArrayList<>(out));
    }

    /**
     * For an agent tool: {@code data:<sensitivity>} of the data held by it or by the stores it
     * reads directly, what the tool's own identity can read whoever asked.
     */
    List<String> toolReads(int v, List<String> stores) {
      if (g.kind(v) != ComponentKind.AGENT_TOOL) return List.of();
      List<String> held = new ArrayList<>(g.component(v).contains());
      for (String s : stores) held.addAll(g.workflow.components().get(s).contains());
      TreeSet<String> out = new TreeSet<>();
      for (String t : assetTags(held)) if (t.startsWith("data:")) out.add(t);
      return intern(new ArrayList<>(out));
    }

    /**
     * For an agent tool: the credential assets held by it or by an application that calls it. A
     * tool that runs on a stored credential acts with that identity, not with the asking user's. A
     * key of the calling application whose stated {@code grants} opens a language model is the one
     * the application calls the model with: the tool's own calls (a chart read, an e-mail) do not
     * use it, unless the tool runs code, which reads what the calling process holds.
     */
    List<String> toolCredentials(int v) {
      if (g.kind(v) != ComponentKind.AGENT_TOOL) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (String a : g.component(v).contains()) if (credential(a) != null) out.add(a);
      // code the tool runs reads whatever the calling process holds, the model's key included
      boolean runsCode = Answers.texts(g.component(v), "effects", mode).contains("code-execution");
      for (int p : g.pred[v])
        if (g.kind(p) == ComponentKind.APPLICATION)
          for (String a : g.component(p).contains()) {
            Asset asset = credential(a);
            String grants = asset == null ? null : asset.grants();
            if (asset != null
                && (runsCode || grants == null || !LLM_ONLY_GRANT.matcher(grants).find()))
              out.add(a);
          }
      return intern(new ArrayList<>(out));
    }

    private Asset credential(String id) {
      Asset asset = g.workflow.assets().get(id);
      return asset != null && asset.kind() == AssetKind.CREDENTIAL ? asset : null;
    }

    /**
     * Some actor that queries it states {@code self-registration: true}: anyone can open as many
     * accounts as they like, so a limit per account is no limit. Only a stated true counts.
     */
    boolean selfRegisteredCallers(int v) {
      for (int a : facts.queryingActors(v))
        if (g.component(a).bool("self-registration").orElse(false)) return true;
      return false;
    }

    /** The attributes the file wrote with a value (not left out, not {@code unknown}). */
    List<String> stated(int v) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, Value> e : g.component(v).attributes().entrySet())
        if (!e.getValue().isUnknown()) out.add(e.getKey());
      Collections.sort(out);
      return intern(out);
    }

    /**
     * For an agent tool: who steers the language models that can invoke it, their prompters ({@code
     * prompt:<trust>}) and the untrusted content in their context. A tool acts for whoever steers a
     * model that calls it.
     */
    @SuppressWarnings("EnumOrdinal") // the facts are stored per mode by ordinal, as in run()
    void steeringFacts() {
      Map<String, Object>[] maps = facts.components[mode.ordinal()];
      Map<Integer, TreeSet<String>> steer = new TreeMap<>();
      for (int v = 0; v < maps.length; v++) {
        if (g.kind(v) != ComponentKind.LLM) continue;
        TreeSet<String> s = new TreeSet<>();
        for (String t : listOf(maps[v], "prompted_by")) s.add("prompt:" + t);
        s.addAll(listOf(maps[v], "untrusted_content"));
        for (int tool : g.toolsOf(v)) steer.computeIfAbsent(tool, k -> new TreeSet<>()).addAll(s);
      }
      for (Map.Entry<Integer, TreeSet<String>> e : steer.entrySet()) {
        Map<String, Object> f = new LinkedHashMap<>(maps[e.getKey()]);
        f.put("steered_by", intern(new ArrayList<>(e.getValue())));
        maps[e.getKey()] = Collections.unmodifiableMap(f);
      }
    }

    /**
     * For a data store a model reads into its context at every turn (it flows into the llm): the
     * model's tools steered from outside the team that write into it with no approval, so an
     * instruction one steered call plants there is read in every later session; and, when the model
     * also has a tool that fetches or sends out and one that runs code, both unapproved, those
     * tools: the planted instruction can fetch the attacker's tasks and run them (docs/analysis.md,
     * "Instructions that persist").
     */
    void persistenceFacts() {
      Map<String, Object>[] maps = facts.components[mode.ordinal()];
      for (int s = 0; s < maps.length; s++) {
        if (g.kind(s) != ComponentKind.DATA_STORE) continue;
        TreeSet<String> writers = new TreeSet<>();
        TreeSet<String> implant = new TreeSet<>();
        for (int llm : g.successors(s)) {
          if (g.kind(llm) != ComponentKind.LLM) continue;
          TreeSet<String> fetch = new TreeSet<>();
          TreeSet<String> run = new TreeSet<>();
          for (int tool : g.toolsOf(llm)) {
            Component t = g.component(tool);
            List<String> e = Answers.texts(t, "effects", mode);
            if (Answers.bool(t, "requires-approval", mode)) continue;
            if (e.contains("external-communication")) fetch.add(g.id(tool));
            if (e.contains("code-execution")) run.add(g.id(tool));
            if (!e.contains("writes") && !e.contains("code-execution")) continue;
            if (java.util.Arrays.binarySearch(g.successors(tool), s) < 0) continue;
            if (listOf(maps[tool], "steered_by").stream()
                .allMatch(x -> x.equals("prompt:internal"))) continue;
            writers.add(g.id(tool));
          }
          if (!writers.isEmpty() && !fetch.isEmpty() && !run.isEmpty()) {
            implant.addAll(fetch);
            implant.addAll(run);
          }
        }
        if (writers.isEmpty()) continue;
        Map<String, Object> f = new LinkedHashMap<>(maps[s]);
        f.put("persisted_by", intern(new ArrayList<>(writers)));
        f.put("implant_tools", intern(new ArrayList<>(implant)));
        maps[s] = Collections.unmodifiableMap(f);
      }
    }

    /**
     * For an application that holds a credential: the actors outside the team who run code on the
     * machine it runs on (a compute flowing into it that they write into). Any process of the same
     * user reads the client's memory and its configuration files, so they take the token and use it
     * wherever it is accepted.
     */
    private List<String> tokenReaders(int v) {
      if (g.kind(v) != ComponentKind.APPLICATION) return List.of();
      boolean holds = false;
      for (String a : g.component(v).contains()) {
        Asset asset = g.workflow.assets().get(a);
        holds |= asset != null && asset.kind() == AssetKind.CREDENTIAL;
      }
      if (!holds) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (int m : g.pred[v]) {
        if (g.kind(m) != ComponentKind.COMPUTE) continue;
        for (int a : g.pred[m])
          if (g.kind(a) == ComponentKind.ACTOR
              && !Answers.text(g.component(a), "trust", mode).equals("internal")) out.add(g.id(a));
      }
      return intern(new ArrayList<>(out));
    }

    /**
     * A hosted AI API: a third-party service providing a model API, or a third-party-hosted llm.
     */
    private boolean aiApi(int s) {
      Component c = g.component(s);
      return (g.kind(s) == ComponentKind.THIRD_PARTY_SERVICE
              && c.texts("provides").contains("model-api"))
          || (g.kind(s) == ComponentKind.LLM
              && c.text("hosting").orElse("").equals("third-party-api"));
    }

    /** Words of a published description of how a model was built. */
    static final java.util.regex.Pattern METHOD_WORDS =
        java.util.regex.Pattern.compile(
            "\\b(architecture|hyper-?parameters?|recipe|training (?:objective|details|setup))\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * For a registry or store that keeps a model of {@code value: high} out of public reach (not
     * itself public): what lets anyone rebuild it without touching it, when both hold. Every data
     * source of a training job that writes it is stated public web, so the data can be gathered
     * again; and the method is public, either a public component the job writes to (a released
     * smaller model) or a public component holding data of {@code sensitivity: public} whose words
     * name the architecture, the hyper-parameters or the dataset recipe. Withholding the weights
     * then guards the file, not the capability.
     */
    private List<String> replicableFrom(int v) {
      ComponentKind k = g.kind(v);
      if (k != ComponentKind.MODEL_REGISTRY && k != ComponentKind.DATA_STORE) return List.of();
      Component c = g.component(v);
      if (c.text("exposure").orElse("").equals("public")) return List.of();
      boolean high = false;
      for (String a : c.contains()) {
        Asset asset = g.workflow.assets().get(a);
        high |= asset != null && asset.kind() == AssetKind.MODEL && "high".equals(asset.value());
      }
      if (!high) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (int t : g.pred[v]) {
        if (g.kind(t) != ComponentKind.TRAINING) continue;
        TreeSet<String> sources = new TreeSet<>();
        boolean allPublic = true;
        BitSet seen = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(t));
        while (!queue.isEmpty()) {
          for (int p : g.pred[queue.poll()]) {
            if (seen.get(p)) continue;
            seen.set(p);
            ComponentKind pk = g.kind(p);
            if (pk == ComponentKind.DATA_SOURCE) {
              List<String> prov = g.component(p).texts("provenance");
              allPublic &= !prov.isEmpty() && prov.stream().allMatch(x -> x.equals("public-web"));
              sources.add(g.id(p));
            } else if (pk == ComponentKind.DATA_STORE
                || pk == ComponentKind.PREPROCESSING
                || pk == ComponentKind.FEATURE_STORE) queue.add(p);
          }
        }
        if (sources.isEmpty() || !allPublic) continue;
        TreeSet<String> published = new TreeSet<>();
        for (int s : g.succ[t])
          if (g.component(s).text("exposure").orElse("").equals("public")) published.add(g.id(s));
        for (int m = 0; m < g.size(); m++) {
          Component pc = g.component(m);
          if (!pc.text("exposure").orElse("").equals("public")) continue;
          for (String a : pc.contains()) {
            Asset asset = g.workflow.assets().get(a);
            if (asset != null
                && "public".equals(asset.sensitivity())
                && METHOD_WORDS.matcher(a + " " + asset.description()).find())
              published.add(g.id(m));
          }
        }
        if (published.isEmpty()) continue;
        out.addAll(sources);
        out.addAll(published);
      }
      return intern(new ArrayList<>(out));
    }

    /**
     * For a machine whose outbound traffic is stated restricted ({@code egress: restricted}): the
     * hosted AI APIs its traffic still reaches, directly or through an application that relays it
     * (an egress proxy), up to two hops: a third-party service that provides a model API, or an llm
     * hosted behind a third-party API. Such an API takes any account's key, so an allowlisted AI
     * domain is a way out for code on the machine that the restriction does not close.
     */
    private List<String> allowedAiApis(int v) {
      if (g.kind(v) != ComponentKind.COMPUTE) return List.of();
      if (!g.component(v).text("egress").orElse("").equals("restricted")) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (int s : g.succ[v]) {
        if (aiApi(s)) out.add(g.id(s));
        if (g.kind(s) == ComponentKind.APPLICATION)
          for (int r : g.succ[s]) if (aiApi(r)) out.add(g.id(r));
      }
      return intern(new ArrayList<>(out));
    }

    /** Words of what an organisation promises its customers: refunds, fares, terms, discounts. */
    static final java.util.regex.Pattern BINDING =
        java.util.regex.Pattern.compile(
            "\\b(refunds?|fares?|tariffs?|warrant(?:y|ies)|compensation|waivers?|discounts?"
                + "|free (?:delivery|food|pizzas?|upgrades?)|cancellation (?:rules|policy|fees?)"
                + "|(?:refund|return|baggage|booking) polic(?:y|ies)|terms and conditions)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * For an llm that answers people outside the organisation (a querier other than internal) with
     * no review of every answer: the words of the workflow's description that say it speaks about
     * what the organisation owes them (refunds, fares, discounts, terms). What it tells a customer
     * about those is said in the organisation's name, which can be held to it.
     */
    @SuppressWarnings("unchecked")
    private List<String> bindingTopics(int v, Map<String, Object> f) {
      if (g.kind(v) != ComponentKind.LLM) return List.of();
      if (g.component(v).text("human-review").orElse("").equals("all")) return List.of();
      List<String> queried = (List<String>) f.getOrDefault("queried_by", List.of());
      if (queried.stream().allMatch(q -> q.equals("internal"))) return List.of();
      TreeSet<String> out = new TreeSet<>();
      for (String s : new String[] {g.workflow.system(), g.workflow.description()}) {
        if (s == null) continue;
        java.util.regex.Matcher m = BINDING.matcher(s);
        while (m.find()) out.add(m.group().toLowerCase(java.util.Locale.ROOT));
      }
      return intern(new ArrayList<>(out));
    }

    /**
     * For a machine whose outbound traffic is stated restricted: the confidential or personal data
     * and the credentials that code on it can reach, those it holds or receives itself and those of
     * the team's own components on the network it shares (a zone it is a member of: the services
     * running there, their stores and secret managers). An implant on the host reads what the
     * host's processes and neighbours handle, not only what the host is declared to contain.
     */
    private List<String> hostAssets(int v, Map<String, List<String>> zoneOf) {
      if (g.kind(v) != ComponentKind.COMPUTE) return List.of();
      if (!g.component(v).text("egress").orElse("").equals("restricted")) return List.of();
      List<String> zones = zoneOf.getOrDefault(g.id(v), List.of());
      TreeSet<String> ids = new TreeSet<>();
      for (int m = 0; m < g.size(); m++) {
        if (m != v) {
          if (zones.isEmpty()
              || Collections.disjoint(zoneOf.getOrDefault(g.id(m), List.of()), zones)) continue;
          ComponentKind k = g.kind(m);
          if (k == ComponentKind.ACTOR
              || k == ComponentKind.THIRD_PARTY_SERVICE
              || k == ComponentKind.DATA_SOURCE
              || aiApi(m)) continue;
        }
        ids.addAll(g.component(m).contains());
        ids.addAll(carriedInto.getOrDefault(g.id(m), List.of()));
      }
      TreeSet<String> out = new TreeSet<>();
      for (String id : ids) {
        Asset a = g.workflow.assets().get(id);
        if (a == null) continue;
        if (a.kind() == AssetKind.CREDENTIAL
            || a.kind() == AssetKind.DATA
                && (a.sensitivity().equals("confidential") || a.sensitivity().equals("personal")))
          out.add(id);
      }
      return intern(new ArrayList<>(out));
    }

    /**
     * For a data store that keeps a credential outside a secret manager (no implemented {@code
     * secret-management} applies to it): the components on the same machine (a zone they share)
     * whose code comes from outside the team unpinned, an agent tool of stated third-party or
     * remote source with {@code pinned: false}, or a component a public, unpinned dependency flows
     * into; and, on a person's own device (an application of {@code exposure: on-device} and an
     * internal actor share the store's zone), whatever that person runs there. A program of the
     * same user reads any file the user can, whatever the disk encryption, so such code takes the
     * token with it. Stated values only.
     */
    private List<String> fileTokenReaders(int v, Map<String, List<String>> zoneOf) {
      if (g.kind(v) != ComponentKind.DATA_STORE) return List.of();
      boolean holds = false;
      for (String a : g.component(v).contains()) {
        Asset asset = g.workflow.assets().get(a);
        holds |= asset != null && asset.kind() == AssetKind.CREDENTIAL;
      }
      if (!holds || implemented("secret-management", g.id(v))) return List.of();
      List<String> zones = zoneOf.getOrDefault(g.id(v), List.of());
      if (zones.isEmpty()) return List.of();
      TreeSet<String> out = new TreeSet<>();
      TreeSet<String> users = new TreeSet<>();
      boolean onDevice = false;
      for (int m = 0; m < g.size(); m++) {
        if (m == v || Collections.disjoint(zoneOf.getOrDefault(g.id(m), List.of()), zones))
          continue;
        Component c = g.component(m);
        if (g.kind(m) == ComponentKind.ACTOR && Answers.text(c, "trust", mode).equals("internal"))
          users.add(g.id(m));
        onDevice |=
            g.kind(m) == ComponentKind.APPLICATION
                && c.text("exposure").orElse("").equals("on-device");
        boolean unpinned = c.bool("pinned").map(b -> !b).orElse(false);
        String source = c.text("source").orElse("");
        if (g.kind(m) == ComponentKind.AGENT_TOOL
            && unpinned
            && (source.equals("third-party") || source.equals("remote-server")))
          out.add(g.id(m) + " (" + source + " code, unpinned)");
        for (int d : g.pred[m]) {
          Component dep = g.component(d);
          if (g.kind(d) == ComponentKind.DEPENDENCY
              && dep.text("index").orElse("").equals("public")
              && dep.bool("pinned").map(b -> !b).orElse(false))
            out.add(g.id(m) + " (from " + g.id(d) + ", public and unpinned)");
        }
      }
      // a person's own device (an on-device application and its user in the store's zone): the
      // packages, scripts and downloads that person runs there read the file as well
      if (onDevice) for (String u : users) out.add("whatever is installed by " + u);
      return intern(new ArrayList<>(out));
    }

    /**
     * Every model the workflow declares is of `value: low` (and it declares one): a system whose
     * models are worth little to anyone, so notes that guard a model's value or integrity against
     * insiders (theft from storage, audit trails, insider labels) have nothing to protect.
     */
    final boolean lowValueSystem;

    /**
     * The protected groups, or features that stand for one, that the workflow's own words name (its
     * description, concerns, components and assets): a bias complaint or a race feature states the
     * skew a decision about people can carry, whatever risk class the team chose.
     */
    final List<String> protectedGroups;

    /** Words that name a protected group or attribute; a hyphenated "black-box" is not one. */
    /** A training framework that writes Keras files (Keras itself, TensorFlow, tf.keras). */
    static final java.util.regex.Pattern KERAS_FRAMEWORK =
        java.util.regex.Pattern.compile("keras|tensorflow|\\btf\\b");

    static final java.util.regex.Pattern PROTECTED_GROUP =
        java.util.regex.Pattern.compile(
            "(?<![\\w-])(race|racial|ethnic\\w*|black(?! box)|queer|gay|lesbian|lgbt\\w*|transgender|gender"
                + "|women|religio\\w*|disabilit\\w*|disabled|nationality|national origin|skin tone"
                + "|protected (?:group|attribute|characteristic)s?|discriminat(?:ion|ory|es?|ing))(?![\\w-])",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private List<String> protectedGroups() {
      StringBuilder text = new StringBuilder();
      text.append(g.workflow.description() == null ? "" : g.workflow.description()).append('\n');
      for (var concern : g.workflow.concerns()) text.append(concern.text()).append('\n');
      for (Component c : g.workflow.components().values())
        text.append(c.name() == null ? "" : c.name())
            .append('\n')
            .append(c.description() == null ? "" : c.description())
            .append('\n');
      for (Asset a : g.workflow.assets().values())
        text.append(a.description() == null ? "" : a.description()).append('\n');
      TreeSet<String> found = new TreeSet<>();
      java.util.regex.Matcher m = PROTECTED_GROUP.matcher(text);
      while (m.find()) found.add(m.group(1).toLowerCase(Locale.ROOT));
      return List.copyOf(found);
    }

    private boolean lowValueSystem() {
      boolean any = false;
      for (Asset a : g.workflow.assets().values()) {
        if (a.kind() != AssetKind.MODEL) continue;
        if (!a.value().equals("low")) return false;
        any = true;
      }
      return any;
    }

    void assetFacts(int v, Map<String, Object> f) {
      Component c = g.component(v);
      List<String> ids = new ArrayList<>(c.contains());
      TreeSet<String> credentials = new TreeSet<>();
      for (String a : c.contains()) {
        Asset asset = g.workflow.assets().get(a);
        if (asset != null && asset.kind() == AssetKind.CREDENTIAL) credentials.add(a);
      }
      ids.addAll(carriedInto.getOrDefault(c.id(), List.of()));
      f.put("asset_kinds", assetTags(ids));
      f.put("caller_records_only", callerRecordsOnly(v, ids));
      f.put("credentials", intern(new ArrayList<>(credentials)));
      TreeSet<String> llmKeys = new TreeSet<>();
      for (String a : credentials)
        if (opensLanguageModels(g.workflow.assets().get(a).grants())) llmKeys.add(a);
      f.put("llm_credentials", intern(new ArrayList<>(llmKeys)));
      // each credential with what it opens, and those that speak for someone on a messaging channel
      TreeSet<String> granted = new TreeSet<>();
      TreeSet<String> messaging = new TreeSet<>();
      for (String a : credentials) {
        String what = g.workflow.assets().get(a).grants();
        granted.add(what == null || what.isBlank() ? a : a + " (" + what.strip() + ")");
        if (what != null && MESSAGING_GRANT.matcher(what).find()) messaging.add(a);
      }
      f.put("credential_grants", intern(new ArrayList<>(granted)));
      f.put("messaging_credentials", intern(new ArrayList<>(messaging)));
    }

    /** Words of a credential's `grants` that say it speaks on a messaging channel as someone. */
    static final java.util.regex.Pattern MESSAGING_GRANT =
        java.util.regex.Pattern.compile(
            "\\b(messag\\w*|bot tokens?|chats?|slack|telegram|signal|whatsapp|teams|e-?mail|mailbox"
                + "|inbox|sms)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Words of a credential's `grants` that say it opens a language model (or nothing said). */
    static final java.util.regex.Pattern LLM_GRANT =
        java.util.regex.Pattern.compile(
            "\\b(llms?|language models?|models?(?! hub| registry| store)|openai|anthropic|gpt|claude|"
                + "gemini|mistral|bedrock|vertex|inference|completions?|chat|tokens?)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * Words of a credential's `grants` that name a language model API itself ("calls to the hosted
     * LLM", "the model vendor account"), stricter than {@link #LLM_GRANT}: a tool's own identity is
     * set aside only on such a key, never on a "git token".
     */
    static final java.util.regex.Pattern LLM_ONLY_GRANT =
        java.util.regex.Pattern.compile(
            "\\b(llms?|language models?|openai|anthropic|gpt|claude|gemini|mistral|bedrock|"
                + "hosted models?|model (vendor|provider|api)s?|completions?)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A credential opens an llm unless its stated `grants` names something else. */
    static boolean opensLanguageModels(String grants) {
      return grants == null || grants.isBlank() || LLM_GRANT.matcher(grants).find();
    }

    /**
     * For an llm: the personal and confidential data in its context (held by it or carried into it)
     * is only the asking caller's own record: at least one such asset, and every component that
     * holds one is a store that tools of this model scoped to the caller ({@link #callerScoped})
     * read, and no other tool of it. A traveller who fetches their own booking by its code and last
     * name reaches nobody else's.
     */
    boolean callerRecordsOnly(int v, List<String> ids) {
      if (g.kind(v) != ComponentKind.LLM) return false;
      Set<Integer> scopedStores = new TreeSet<>();
      Set<Integer> otherStores = new TreeSet<>();
      for (int t : g.toolsOf(v))
        for (int[] side : new int[][] {g.pred[t], g.succ[t]})
          for (int s : side)
            if (g.kind(s) == ComponentKind.DATA_STORE || g.kind(s) == ComponentKind.FEATURE_STORE)
              (callerScoped(t) ? scopedStores : otherStores).add(s);
      boolean any = false;
      for (String id : new TreeSet<>(ids)) {
        Asset a = g.workflow.assets().get(id);
        if (a == null || a.kind() != AssetKind.DATA) continue;
        if (!a.sensitivity().equals("personal") && !a.sensitivity().equals("confidential"))
          continue;
        boolean held = false;
        for (int w = 0; w < g.size(); w++) {
          if (!g.component(w).contains().contains(id)) continue;
          if (!scopedStores.contains(w) || otherStores.contains(w)) return false;
          held = true;
        }
        if (!held) return false;
        any = true;
      }
      return any;
    }

    List<String> assetTags(List<String> ids) {
      TreeSet<String> out = new TreeSet<>();
      for (String id : ids) {
        Asset a = g.workflow.assets().get(id);
        if (a == null) continue;
        switch (a.kind()) {
          case DATA -> out.add("data:" + (a.sensitivity().isEmpty() ? "unknown" : a.sensitivity()));
          case MODEL -> out.add("model:" + (a.value().isEmpty() ? "unknown" : a.value()));
          case CREDENTIAL -> out.add("credential");
        }
      }
      return intern(new ArrayList<>(out));
    }

    /**
     * An application shows an llm's output when it receives it directly or from an orchestrator (an
     * application fed by the llm). An orchestrator that hands the output to such a front end and
     * says nothing of its own rendering is not where the output is shown.
     */
    boolean rendersLlmOutput(int v) {
      if (g.kind(v) != ComponentKind.APPLICATION) return false;
      boolean direct = anyPred(v, ComponentKind.LLM);
      boolean viaOrchestrator = false;
      boolean viaRecord = false;
      for (int p : g.pred[v]) {
        viaOrchestrator |= g.kind(p) == ComponentKind.APPLICATION && anyPred(p, ComponentKind.LLM);
        viaRecord |= p != v && servesRecords(g.kind(p)) && holdsLlmOutput(p);
      }
      boolean reached = direct || viaOrchestrator || viaRecord;
      if (reached && handsOn(v) && g.component(v).attribute("renders").isUnknown()) return false;
      // a headless agent that states nothing of rendering and whose output no person reads (only
      // other agents, tools and models) shows the output to nobody: asking what it renders is moot
      if (reached && g.component(v).attribute("renders").isUnknown() && !seenByPerson(v))
        return false;
      return reached;
    }

    /**
     * Some person reads what the application puts out: an actor it sends to or exchanges with,
     * directly, through other applications it hands on to, or through a store or vendor system one
     * of them reads from.
     */
    boolean seenByPerson(int v) {
      ArrayDeque<Integer> work = new ArrayDeque<>();
      BitSet seen = new BitSet();
      work.add(v);
      seen.set(v);
      while (!work.isEmpty()) {
        int u = work.poll();
        for (int[] side : new int[][] {g.succ[u], g.interactive[u]})
          for (int w : side) {
            if (seen.get(w)) continue;
            seen.set(w);
            ComponentKind k = g.kind(w);
            if (k == ComponentKind.ACTOR) return true;
            if (k == ComponentKind.APPLICATION || Influence.keepsRecords(k)) work.add(w);
          }
      }
      return false;
    }

    /** A store or vendor system written by an llm, or by an application an llm answers. */
    boolean holdsLlmOutput(int record) {
      for (int q : g.pred[record])
        if (q != record
            && (g.kind(q) == ComponentKind.LLM
                || (g.kind(q) == ComponentKind.APPLICATION && anyPred(q, ComponentKind.LLM))))
          return true;
      return false;
    }

    /**
     * It passes what it gets on to a front end: an application not fed by an llm, directly or
     * through a store or vendor system that such an application reads.
     */
    boolean handsOn(int v) {
      for (int s : g.succ[v]) {
        if (s == v) continue;
        if (front(s, v)) return true;
        if (Influence.keepsRecords(g.kind(s)))
          for (int w : g.succ[s]) if (w != s && front(w, v)) return true;
      }
      return false;
    }

    private boolean front(int w, int v) {
      return w != v && g.kind(w) == ComponentKind.APPLICATION && !anyPred(w, ComponentKind.LLM);
    }

    /**
     * Outsiders reach it directly, not only through an application in front: its own exposure is
     * public or partner, or an actor other than the team sends to it.
     */
    boolean entryPoint(int v) {
      String own = g.component(v).text("exposure").orElse("");
      if (own.equals("public") || own.equals("partner")) return true;
      for (int p : g.pred[v])
        if (g.kind(p) == ComponentKind.ACTOR
            && !Answers.text(g.component(p), "trust", mode).equals("internal")) return true;
      return false;
    }

    /**
     * Training stacks built for language models only: a job that uses one makes a generative model
     * even when the workflow has no llm component (open weights released as files).
     */
    static final java.util.regex.Pattern LLM_STACK =
        java.util.regex.Pattern.compile(
            "\\b(megatron(-lm|-core)?|gpt-neox|trl|axolotl|unsloth|torchtune|llama-factory|litgpt"
                + "|nanotron|levanter|maxtext|torchtitan|open-instruct|mlx-lm)\\b");

    /** The model made, held or served here generates text: a language model is up or downstream. */
    boolean generative(int v, BitSet upKinds, BitSet downKinds, List<String> frameworks) {
      int llm = tag("kind:" + ComponentKind.LLM.id());
      if (g.kind(v) == ComponentKind.LLM || upKinds.get(llm) || downKinds.get(llm)) return true;
      for (String fw : frameworks) if (LLM_STACK.matcher(fw).find()) return true;
      return false;
    }

    /**
     * Trust levels of the actors whose changes reach a code repository that flows into v: who can
     * change the code a job builds or runs (a pull request is a write into the repository).
     */
    List<String> codeFrom(int v, BitSet[] up) {
      TreeSet<String> out = new TreeSet<>();
      for (int p : g.pred[v]) {
        if (g.kind(p) != ComponentKind.CODE_REPOSITORY) continue;
        BitSet u = up[g.scc[p]];
        for (int i = u.nextSetBit(0); i >= 0; i = u.nextSetBit(i + 1)) {
          String t = names.get(i);
          if (t.startsWith("actor:") && !t.equals(Influence.ACTOR_SELF_REGISTRATION.tag()))
            out.add(t.substring(6));
        }
      }
      return intern(new ArrayList<>(out));
    }

    boolean anySucc(int v, ComponentKind kind) {
      for (int s : g.succ[v]) if (s != v && g.kind(s) == kind) return true;
      return false;
    }

    boolean anyPred(int v, ComponentKind kind) {
      for (int p : g.pred[v]) if (g.kind(p) == kind) return true;
      return false;
    }

    List<String> monitoring(int v) {
      TreeSet<String> out = new TreeSet<>();
      List<Integer> around = new ArrayList<>();
      around.add(v);
      for (int w : g.succ[v])
        if (g.kind(w) == ComponentKind.SERVING || g.kind(w) == ComponentKind.LLM) around.add(w);
      for (int w : g.pred[v])
        if (g.kind(w) == ComponentKind.SERVING || g.kind(w) == ComponentKind.LLM) around.add(w);
      for (int x : around) {
        for (int w : g.succ[x])
          if (g.kind(w) == ComponentKind.MONITORING)
            out.addAll(Answers.texts(g.component(w), "watches", mode));
        for (int w : g.pred[x])
          if (g.kind(w) == ComponentKind.MONITORING)
            out.addAll(Answers.texts(g.component(w), "watches", mode));
      }
      return intern(new ArrayList<>(out));
    }

    /**
     * Per component: it is a training job or its data reaches one (see {@link #feedsTrainingData}).
     */
    boolean[] feedsTraining = new boolean[0];

    /**
     * Per component: the same, for training jobs the team runs (not {@code operated-by: vendor}).
     */
    boolean[] feedsOwnTraining = new boolean[0];

    boolean operatedByVendor(int v) {
      return g.component(v).text("operated-by").orElse("").equals("vendor");
    }

    /**
     * Facts about who holds what a threat needs (docs/catalog-format.md, "Scope facts"): whose
     * training a store feeds, who can put a model file in front of its loader, who has their hands
     * on a device, and whether a machine is anything but an agent's workstation.
     */
    void holderFacts(int v, Map<String, Object> f) {
      f.put("feeds_own_training", feedsOwnTraining[v]);
      f.put("outside_file", outsideFile(v));
      f.put("keras_ruled_out", kerasRuledOut(v));
      f.put("staff_held_device", staffHeldDevice(v, f));
      f.put("device_in_outside_hands", deviceInOutsideHands(v, f));
      f.put("stakeless_decision", stakeless[v]);
      f.put("serves_stakeless_only", servesStakelessOnly(v));
      f.put("trains_stakeless_only", trainsStakelessOnly(v));
      f.put("learned_data", learnedData(v));
      f.put("agent_machine", agentMachine(v));
      f.put("job_runner", jobRunner(v));
      f.put("no_ml_work", noMlWork(v));
      f.put("written_by_people", writtenByPeople(v));
      f.put("pipeline_writes_only", pipelineWritesOnly(v));
      f.put("feed_writes_only", feedWritesOnly(v));
    }

    /**
     * For a data or feature store: only the feed writes into it (at least one one-way writer, each
     * a data source, application, preprocessing step, automatic labeling, store or pipeline job, or
     * a compute that only relays what such components send it). No actor, no labeling by people and
     * no compute where people work by hand writes there, so every change to a record is what the
     * feed sent: an audit of who changed it would name only the feed, and what outsiders put into
     * the feed is the poisoning findings' matter.
     */
    boolean feedWritesOnly(int v) {
      ComponentKind own = g.kind(v);
      if (own != ComponentKind.DATA_STORE && own != ComponentKind.FEATURE_STORE) return false;
      boolean any = false;
      for (int p : g.pred[v]) {
        if (p == v || g.twoWay(v, p)) continue;
        any = true;
        switch (g.kind(p)) {
          case DATA_SOURCE,
              APPLICATION,
              PREPROCESSING,
              DATA_STORE,
              FEATURE_STORE,
              TRAINING,
              EVALUATION,
              MODEL_REGISTRY,
              SERVING -> {}
          case LABELING -> {
            if (!g.component(p).text("workforce").orElse("").equals("automatic")) return false;
          }
          case COMPUTE -> {
            if (!relaysFeed(p)) return false;
          }
          default -> {
            return false;
          }
        }
      }
      return any;
    }

    /**
     * A compute whose one-way inputs (at least one) all come from applications, data sources or
     * preprocessing steps: a collector that forwards what they send, not a machine people type on.
     */
    private boolean relaysFeed(int p) {
      return oneWayWritersAllOf(p, RELAYED_KINDS);
    }

    private static final Set<ComponentKind> RELAYED_KINDS =
        java.util.EnumSet.of(
            ComponentKind.APPLICATION, ComponentKind.DATA_SOURCE, ComponentKind.PREPROCESSING);

    private static final Set<ComponentKind> PIPELINE_KINDS =
        java.util.EnumSet.of(
            ComponentKind.TRAINING, ComponentKind.EVALUATION, ComponentKind.MODEL_REGISTRY);

    /** Every one-way flow into v (at least one) leaves a component of one of the kinds. */
    private boolean oneWayWritersAllOf(int v, Set<ComponentKind> kinds) {
      boolean any = false;
      for (int p : g.pred[v]) {
        if (p == v || g.twoWay(v, p)) continue;
        if (!kinds.contains(g.kind(p))) return false;
        any = true;
      }
      return any;
    }

    /**
     * Everything written into v comes from the team's own pipeline: each one-way flow into it
     * leaves a training job, an evaluation or another registry. Nobody uploads by hand and nothing
     * from outside is put there directly, so who can change it is who can change the pipeline.
     */
    boolean pipelineWritesOnly(int v) {
      return oneWayWritersAllOf(v, PIPELINE_KINDS);
    }

    /**
     * Someone writes into v by hand, not through the pipeline: an actor or a compute (the notebooks
     * and clusters where people work) with a one-way flow into it. A two-way flow with a store is a
     * query and its answer (caseworkers querying a warehouse), and a flow out of it to notebooks is
     * a read; neither shows a write.
     */
    boolean writtenByPeople(int v) {
      for (int p : g.pred[v]) {
        if (p == v) continue;
        ComponentKind k = g.kind(p);
        if ((k == ComponentKind.ACTOR || k == ComponentKind.COMPUTE) && !g.twoWay(v, p))
          return true;
      }
      return false;
    }

    /**
     * For a pretrained model: someone outside the team decides what the file holds when the loader
     * reads it. Anyone can publish on a public hub (pinning fixes a file, not who wrote it); a
     * vendor's file is fixed once pinned, and a model its own training job (operated-by vendor)
     * produces for its own appliance is loaded by no one but the vendor; an internal one is the
     * team's.
     */
    boolean outsideFile(int v) {
      Component c = g.component(v);
      if (c.kind() != ComponentKind.PRETRAINED_MODEL) return false;
      return switch (Answers.text(c, "source", mode)) {
        case "public-hub" -> true;
        case "vendor" ->
            !Answers.bool(c, "pinned", mode)
                && Arrays.stream(g.pred[v])
                    .noneMatch(p -> g.kind(p) == ComponentKind.TRAINING && operatedByVendor(p));
        default -> false;
      };
    }

    /**
     * A registry whose {@code artifact-format} is not stated holds no Keras files by what the
     * workflow does state: its access is restricted, it is not exposed publicly, only the team's
     * pipeline writes into it (training, evaluation, other registries) and every training job
     * upstream names a framework that is not Keras or TensorFlow (XGBoost, PyTorch,
     * scikit-learn...). The format question stays open for formats those frameworks do write; a
     * stated format is never overridden.
     */
    boolean kerasRuledOut(int v) {
      Component c = g.component(v);
      if (c.kind() != ComponentKind.MODEL_REGISTRY
          || !Answers.unknown(c, "artifact-format")
          || !c.text("access").orElse("").equals("restricted")
          || c.text("exposure").orElse("").equals("public")) return false;
      boolean anyTraining = false;
      ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(v));
      boolean[] seen = new boolean[g.size()];
      seen[v] = true;
      while (!todo.isEmpty()) {
        int w = todo.pop();
        if (g.kind(w) == ComponentKind.TRAINING) {
          String framework = g.component(w).text("framework").orElse("").toLowerCase(Locale.ROOT);
          if (framework.isBlank() || KERAS_FRAMEWORK.matcher(framework).find()) return false;
          anyTraining = true;
          continue;
        }
        for (int p : g.pred[w]) {
          if (p == w || g.twoWay(w, p) || seen[p]) continue;
          ComponentKind k = g.kind(p);
          if (k != ComponentKind.TRAINING
              && k != ComponentKind.EVALUATION
              && k != ComponentKind.MODEL_REGISTRY) return false;
          seen[p] = true;
          todo.push(p);
        }
      }
      return anyTraining;
    }

    /**
     * For a serving with {@code exposure: on-device}: someone other than the team can get their
     * hands on the device or its files: an actor other than internal uses it (the holder of the
     * phone, client or car) or writes into it or into an application or store in front of it, or a
     * sensor source reaches it as its input (the device stands where people are). A device whose
     * inputs arrive only as data over a network (a firewall judging traffic) is in its owner's
     * hands; the senders it judges cannot reach it.
     */
    boolean deviceInOutsideHands(int v, Map<String, Object> f) {
      Component c = g.component(v);
      if (c.kind() != ComponentKind.SERVING || !c.text("exposure").orElse("").equals("on-device"))
        return false;
      if (Boolean.TRUE.equals(f.get("staff_held_device"))) return false;
      if (listOf(f, "queried_by").stream().anyMatch(t -> !t.equals("internal"))) return true;
      return outsideHandsUpstream(v, false);
    }

    /**
     * Someone who is not internal writes into v, directly or through applications, preprocessing
     * and stores in front of it. A data source is looked behind when {@code behindSources} (who
     * stands in front of a sensor); otherwise an actor behind a source sends data over a network
     * and does not count, and a sensor source counts itself (the device stands where people are).
     */
    private boolean outsideHandsUpstream(int v, boolean behindSources) {
      ArrayDeque<Integer> work = new ArrayDeque<>();
      BitSet seen = new BitSet();
      work.add(v);
      seen.set(v);
      while (!work.isEmpty())
        for (int p : g.pred[work.poll()]) {
          if (seen.get(p)) continue;
          seen.set(p);
          ComponentKind k = g.kind(p);
          if (k == ComponentKind.ACTOR) {
            if (outsider(p)) return true;
          } else if (k == ComponentKind.DATA_SOURCE) {
            if (behindSources) work.add(p);
            else if (Answers.texts(g.component(p), "provenance", mode).contains("sensor"))
              return true;
          } else if (Influence.carriesCases(k) || k == ComponentKind.APPLICATION) work.add(p);
        }
      return false;
    }

    /**
     * For a component stated {@code exposure: on-device}: the device is held by the organisation's
     * own staff, not handed to strangers (an office PC, company forklifts' edge computers). It is
     * not {@code operated-by} another organisation; the people placed with it (the actors of every
     * zone it is in, or, placed in no zone, the actors it exchanges flows with) are at least one
     * and all state {@code trust: internal}; and no actor who is not internal queries it or writes
     * into it, directly or through applications, stores, preprocessing or sensors in front of it.
     * Who can copy, change or study its model file is then who can already change the pipeline.
     */
    boolean staffHeldDevice(int v, Map<String, Object> f) {
      Component c = g.component(v);
      if (!onDevice(c) || otherOrganisation(c)) return false;
      Set<Integer> holders = new TreeSet<>();
      boolean placed = false;
      for (Zone z : g.workflow.zones().values()) {
        if (!z.members().contains(c.id())) continue;
        placed = true;
        for (String m : z.members()) {
          int w = g.indexOf(m);
          if (w >= 0 && g.kind(w) == ComponentKind.ACTOR) holders.add(w);
        }
      }
      if (!placed) {
        for (int w : g.pred[v]) if (g.kind(w) == ComponentKind.ACTOR) holders.add(w);
        for (int w : g.succ[v]) if (g.kind(w) == ComponentKind.ACTOR) holders.add(w);
      }
      if (holders.isEmpty()) return false;
      for (int a : holders) if (outsider(a)) return false;
      if (listOf(f, "queried_by").stream().anyMatch(t -> !t.equals("internal"))) return false;
      return !outsideHandsUpstream(v, true);
    }

    /** Per component: {@link #stakelessDecision}. */
    boolean[] stakeless = new boolean[0];

    /**
     * For a serving: nobody but whoever feeds it gains from fooling it, because its decision
     * matters to no one else. Either it runs on the device of those it serves and its decision
     * stays there (every component its output reaches is an actor or states `exposure: on-device`,
     * and what it reads comes from data sources of stated user-generated or first-party provenance
     * that only those same actors write into, if anyone: their own photos), or its decision reaches
     * nobody in the workflow (no flow out of it, nobody queries it) and its input comes only from
     * sensors nobody is said to stand in front of. A model an actor sends requests to is never one:
     * a request may carry anyone's content. A low-value model ({@link #lowValueModel}) on the
     * device also reads its holders' own sensors (no anonymous actor stands in front of them: a
     * thermostat's motion sensor in their home), and what it uploads to stores and the training
     * they feed is its own telemetry: its decision still acts only where it runs.
     */
    boolean stakelessDecision(int v) {
      if (g.kind(v) != ComponentKind.SERVING) return false;
      boolean lowValue = lowValueModel(v);
      BitSet inputActors = new BitSet();
      boolean sensorsOnly = true;
      boolean ownRecords = true;
      boolean anyInput = false;
      ArrayDeque<Integer> work = new ArrayDeque<>();
      BitSet seen = new BitSet();
      work.add(v);
      seen.set(v);
      Set<String> modelHops = modelHops();
      while (!work.isEmpty()) {
        int u = work.poll();
        for (int p : g.pred[u]) {
          if (seen.get(p)) continue;
          // a hop that delivers only the model file (an update server) is lineage, not input
          if (modelHops.contains(g.id(p) + " " + g.id(u))) continue;
          seen.set(p);
          Component pc = g.component(p);
          switch (g.kind(p)) {
              // a request an actor sends may carry anyone's content (the files an agent scans)
            case ACTOR -> {
              return false;
            }
            case DATA_SOURCE -> {
              anyInput = true;
              List<String> provenance = pc.texts("provenance");
              if (provenance.isEmpty()) return false;
              boolean strangers = false;
              for (int q : g.pred[p])
                if (g.kind(q) == ComponentKind.ACTOR) {
                  inputActors.set(q);
                  sensorsOnly = false;
                  strangers |= anonymous(g.component(q));
                }
              for (String s : provenance) {
                if (!s.equals("sensor")) sensorsOnly = false;
                boolean ownSensor = lowValue && s.equals("sensor") && !strangers;
                if (!s.equals("user-generated") && !s.equals("first-party") && !ownSensor)
                  ownRecords = false;
              }
            }
            case APPLICATION, PREPROCESSING -> {
              if (g.kind(p) == ComponentKind.APPLICATION) {
                sensorsOnly = false;
                ownRecords &= pc.text("exposure").orElse("").equals("on-device");
              }
              work.add(p);
            }
              // the weights and how they were made: its lineage, not its input
            case MODEL_REGISTRY, PRETRAINED_MODEL, TRAINING, EVALUATION -> {}
            default -> {
              return false;
            }
          }
        }
      }
      if (!anyInput) return false;
      if (g.succ[v].length == 0 && facts.queryingActors(v).length == 0 && sensorsOnly)
        return inputActors.isEmpty();
      if (!ownRecords || !g.component(v).text("exposure").orElse("").equals("on-device"))
        return false;
      BitSet reached = new BitSet();
      work.add(v);
      BitSet down = new BitSet();
      down.set(v);
      while (!work.isEmpty())
        for (int w : g.succ[work.poll()]) {
          if (down.get(w)) continue;
          down.set(w);
          ComponentKind k = g.kind(w);
          if (k == ComponentKind.ACTOR) reached.set(w);
          else if (g.component(w).text("exposure").orElse("").equals("on-device")) work.add(w);
          else if (lowValue && store(k)) work.add(w);
          // its telemetry retrains the model: lineage, judged by the poisoning findings
          else if (!(lowValue && k == ComponentKind.TRAINING)) return false;
        }
      inputActors.andNot(reached);
      // the holders of a low-value device act through it on their own home, not through a flow
      if (lowValue)
        for (int a = inputActors.nextSetBit(0); a >= 0; a = inputActors.nextSetBit(a + 1))
          if (!anonymous(g.component(a))) inputActors.clear(a);
      return inputActors.isEmpty();
    }

    /** An actor anyone can be: {@code trust: anonymous}. */
    private static boolean anonymous(Component c) {
      return c.text("trust").orElse("").equals("anonymous");
    }

    /**
     * Every model asset the component holds is stated {@code value: low} (at least one): the team
     * says nothing of worth rides on it.
     */
    boolean lowValueModel(int v) {
      boolean any = false;
      for (String id : g.component(v).contains()) {
        Asset a = g.workflow.assets().get(id);
        if (a == null || a.kind() != AssetKind.MODEL) continue;
        if (!"low".equals(a.value())) return false;
        any = true;
      }
      return any;
    }

    /** "from to" of every flow that carries model assets only (computed once). */
    Set<String> modelHops;

    Set<String> modelHops() {
      if (modelHops == null) {
        modelHops = new java.util.HashSet<>();
        for (Flow fl : g.workflow.flows())
          if (!fl.carries().isEmpty()
              && fl.carries().stream()
                  .allMatch(
                      a ->
                          g.workflow.assets().get(a) != null
                              && g.workflow.assets().get(a).kind() == AssetKind.MODEL))
            modelHops.add(fl.from() + " " + fl.to());
      }
      return modelHops;
    }

    /**
     * For a pretrained model: every serving built from it ({@link #stakelessDecision}) decides
     * nothing that matters to anyone but whoever feeds it (at least one, and no language model): a
     * backdoor in the weights only mis-files its planter's own trigger inputs.
     */
    boolean servesStakelessOnly(int v) {
      return g.kind(v) == ComponentKind.PRETRAINED_MODEL && onlyStakelessServings(v, false);
    }

    /**
     * Every serving downstream of {@code v} is {@link #stakelessDecision} (and, with {@code
     * lowValue}, holds only low-value models): at least one, and no language model.
     */
    private boolean onlyStakelessServings(int v, boolean lowValue) {
      boolean any = false;
      for (int w : g.downstreamOf(v)) {
        if (g.kind(w) == ComponentKind.LLM) return false;
        if (g.kind(w) != ComponentKind.SERVING) continue;
        if (!stakeless[w] || lowValue && !lowValueModel(w)) return false;
        any = true;
      }
      return any;
    }

    /**
     * For a training job: every model it trains is low-value ({@link #lowValueModel}) and served
     * only where its decision matters to nobody but whoever feeds it ({@link #stakelessDecision};
     * at least one serving, no language model): poisoning it gains the poisoner nothing, and its
     * worst is another home's commodity feature working less well.
     */
    boolean trainsStakelessOnly(int v) {
      return g.kind(v) == ComponentKind.TRAINING && onlyStakelessServings(v, true);
    }

    /**
     * For a serving: the sensitivities of the data assets held by, or carried into, what feeds the
     * training jobs upstream of it (as {@code f.upstream_data}, but only what it learned from, not
     * what it reads when it answers), leaving out sensor readings: an asset a sensor source holds
     * or sends.
     */
    List<String> learnedData(int v) {
      if (g.kind(v) != ComponentKind.SERVING) return List.of();
      if (sensorReadings == null) {
        sensorReadings = new TreeSet<>();
        for (Flow fl : g.workflow.flows()) {
          int from = g.indexOf(fl.from());
          if (sensorSource(from)) sensorReadings.addAll(fl.carries());
        }
        for (int u = 0; u < g.size(); u++)
          if (sensorSource(u)) sensorReadings.addAll(g.component(u).contains());
      }
      TreeSet<String> out = new TreeSet<>();
      for (int u : g.upstreamOf(v)) {
        if (!feedsTraining[u]) continue;
        Component c = g.component(u);
        List<String> held = new ArrayList<>(c.contains());
        held.addAll(carriedInto.getOrDefault(c.id(), List.of()));
        held.removeAll(sensorReadings);
        for (String t : assetTags(held)) if (t.startsWith("data:")) out.add(t.substring(5));
      }
      return intern(new ArrayList<>(out));
    }

    /** The assets sensor sources hold or send ({@link #learnedData}), computed once. */
    TreeSet<String> sensorReadings;

    private boolean sensorSource(int u) {
      return g.kind(u) == ComponentKind.DATA_SOURCE
          && g.component(u).texts("provenance").contains("sensor");
    }

    /**
     * For compute: every component connected with it is an agent tool (at least one): the desktop
     * or sandbox an agent operates, which runs what the agent types rather than serving notebooks
     * or cluster jobs to whoever connects.
     */
    boolean agentMachine(int v) {
      if (g.kind(v) != ComponentKind.COMPUTE) return false;
      boolean any = false;
      for (int[] side : new int[][] {g.pred[v], g.succ[v]})
        for (int w : side) {
          if (w == v) continue;
          if (g.kind(w) != ComponentKind.AGENT_TOOL) return false;
          any = true;
        }
      return any;
    }

    /**
     * For compute: it takes jobs rather than connections. Its work arrives from a code repository
     * (a CI runner or scheduler running the repository's pipelines) or it is a multi-tenant pool
     * running its tenants' jobs, and nobody connects to it: no actor or agent tool sends to it or
     * uses it, it hosts no model that others call (no flow into a model or an LLM), and its
     * exposure is stated internal. Its danger is the code it runs and the secrets it holds, not a
     * listener without a login.
     */
    boolean jobRunner(int v) {
      Component c = g.component(v);
      if (c.kind() != ComponentKind.COMPUTE || !c.text("exposure").orElse("").equals("internal"))
        return false;
      for (int p : g.pred[v]) if (connects(g.kind(p))) return false;
      for (int p : g.interactive[v]) if (connects(g.kind(p))) return false;
      for (int w : g.succ[v])
        if (connects(g.kind(w))
            || g.kind(w) == ComponentKind.SERVING
            || g.kind(w) == ComponentKind.LLM) return false;
      // a repository's pipelines or the packages it builds are what it runs: a build job
      boolean builds = false;
      for (int p : g.pred[v])
        builds |=
            g.kind(p) == ComponentKind.CODE_REPOSITORY || g.kind(p) == ComponentKind.DEPENDENCY;
      return builds || multiTenant(c);
    }

    /**
     * For compute: no model, training, evaluation, registry, store, index or labeling is connected
     * with it (either direction), no actor uses it by request and response and its exposure is
     * stated and not public or partner: an employee's laptop under a desktop client, a detonation
     * VM whose trace goes to a parser. It is not a notebook or cluster that serves whoever
     * connects, so its unstated login is no question.
     */
    boolean noMlWork(int v) {
      String exposure = g.component(v).text("exposure").orElse("");
      if (g.kind(v) != ComponentKind.COMPUTE || List.of("", "public", "partner").contains(exposure))
        return false;
      for (int p : g.interactive[v]) if (g.kind(p) == ComponentKind.ACTOR) return false;
      for (int[] side : new int[][] {g.pred[v], g.succ[v], g.interactive[v]})
        for (int w : side)
          switch (g.kind(w)) {
            case TRAINING,
                EVALUATION,
                MODEL_REGISTRY,
                SERVING,
                LLM,
                PRETRAINED_MODEL,
                FEATURE_STORE,
                DATA_STORE,
                RETRIEVAL,
                LABELING,
                COMPUTE -> {
              if (w != v) return false;
            }
            default -> {}
          }
      return true;
    }

    private static boolean connects(ComponentKind k) {
      return k == ComponentKind.ACTOR || k == ComponentKind.AGENT_TOOL;
    }

    /**
     * Facts that keep a threat on what it targets (docs/catalog-format.md, "Scope facts"): whether
     * its data trains a model, what it states it outputs, whether it serves published weights as
     * they were published, whether data about people is upstream of it.
     */
    void scopeFacts(int v, BitSet up, Map<String, Object> f) {
      Component c = g.component(v);
      f.put("feeds_training_data", feedsTraining[v]);
      f.put(
          "stated_outputs",
          c.kind() == ComponentKind.SERVING
              ? intern(new ArrayList<>(new TreeSet<>(c.texts("outputs"))))
              : List.of());
      // unknown outputs: a decision at worst, a generator (nothing to evade) at best
      f.put(
          "outputs_unknown",
          c.kind() == ComponentKind.SERVING && c.texts("outputs").isEmpty() && mode == Mode.WORST);
      boolean model = c.kind() == ComponentKind.SERVING || c.kind() == ComponentKind.LLM;
      f.put(
          "serves_published_weights",
          model
              && up.get(tag("hub-weights"))
              && !up.get(tag("own-weights"))
              && !listOf(f, "upstream_kinds").contains(ComponentKind.TRAINING.id()));
      f.put("personal_data_upstream", personalDataUpstream(up));
      // a fact, not c.hosting in the conditions: an unknown hosting would double every evaluation
      f.put(
          "vendor_model",
          model
              && c.text("hosting").orElse("").equals("third-party-api")
              && !listOf(f, "upstream_kinds").contains(ComponentKind.TRAINING.id()));
    }

    /**
     * The training jobs and what reaches them as data: walked back from each job through data kinds
     * only ({@link Influence#carriesTrainingData}). A store a model or an application reads is not
     * training data because their logs are trained on later.
     */
    boolean[] feedsTrainingData(java.util.function.IntPredicate job) {
      int n = g.size();
      boolean[] feeds = new boolean[n];
      java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
      for (int v = 0; v < n; v++)
        if (g.kind(v) == ComponentKind.TRAINING && job.test(v)) {
          feeds[v] = true;
          work.add(v);
        }
      while (!work.isEmpty())
        for (int p : g.pred[work.poll()])
          if (!feeds[p] && Influence.carriesTrainingData(g.kind(p))) {
            feeds[p] = true;
            work.add(p);
          }
      return feeds;
    }

    /** A data asset upstream is personal or unclassified, or none is declared at all. */
    boolean personalDataUpstream(BitSet up) {
      boolean anyData = false;
      for (int i = up.nextSetBit(0); i >= 0; i = up.nextSetBit(i + 1)) {
        String t = names.get(i);
        if (!t.startsWith("holds:")) continue;
        anyData = true;
        if (t.equals("holds:personal") || t.equals("holds:unknown")) return true;
      }
      return !anyData;
    }

    /** Zones as placed for boundaries (see {@link #placedZones}), computed once. */
    List<String>[] placed;

    /**
     * Flow facts about the hop itself: whether it crosses a boundary between places, and whether
     * one end is a public hub or package index, which serve over HTTPS only.
     */
    void scopeFlowFacts(int i, Map<String, Object> f, Map<String, List<String>> zoneOf) {
      if (placed == null) placed = placedZones(zoneOf);
      int a = g.flowFrom(i);
      int b = g.flowTo(i);
      boolean inside = insideTeam(a, b, placed[a], placed[b]);
      f.put("inside_team", inside);
      f.put("crosses_boundary", !placed[a].equals(placed[b]) && !inside);
      f.put("tls_by_nature", tlsByNature(g.component(a), g.component(b)));
      f.put("network_hop", networkHop(g.component(a), g.component(b)));
      Flow reply =
          reverse().get(g.workflow.flows().get(i).to() + "\0" + g.workflow.flows().get(i).from());
      f.put("reverse_encrypted", reply != null && reply.encrypted().orElse(false));
      f.put("reverse_authenticated", reply != null && reply.authenticated().orElse(false));
      boolean senderTls = tlsControl(g.id(a));
      f.put("tls_control", senderTls || tlsControl(g.id(b)));
      f.put("sender_tls", senderTls || tlsByNature(g.component(a)));
      f.put("first_party_sender", firstPartySender(a) || teamCapture(a));
      f.put("sender_anyone", sentByAnyone(a));
      // only the unstated case: a feed stated unauthenticated is the team's own word of a gap
      f.put(
          "sender_signed_in",
          g.workflow.flows().get(i).authenticated().isEmpty() && sentBySignedIn(a));
      transportFacts(i, f);
    }

    /**
     * A hop between two systems the team runs ({@link #teamRun}), one of them placed in no zone: a
     * system of the team's own with no zone stated stands inside the team's boundary, so the hop is
     * the team's own plumbing (an upload store behind the team's app, its feed into the training
     * store), not a line to another organisation.
     */
    boolean insideTeam(int a, int b, List<String> za, List<String> zb) {
      return (za.isEmpty() || zb.isEmpty()) && teamRun(a) && teamRun(b);
    }

    /**
     * A system the team runs itself: no person, nothing obtained from or operated by another
     * organisation ({@link #otherOrganisation}); a data source when it is the team's own records or
     * sensors, or when only such systems of the team write into it (the store of what users upload
     * through the team's application, as opposed to a feed outsiders send in).
     */
    boolean teamRun(int v) {
      Component c = g.component(v);
      if (c.kind() == ComponentKind.ACTOR) return false;
      if (c.kind() != ComponentKind.DATA_SOURCE || ownSource(c)) return !otherOrganisation(c);
      if (List.of("partner", "vendor").contains(c.text("operated-by").orElse(""))) return false;
      boolean written = false;
      for (int p : g.pred[v]) {
        if (p == v) continue;
        Component w = g.component(p);
        if (w.kind() == ComponentKind.ACTOR
            || w.kind() == ComponentKind.DATA_SOURCE
            || otherOrganisation(w)) return false;
        written = true;
      }
      return written;
    }

    /**
     * What a transport finding needs to know about a hop beyond its ends' places: whether the file
     * states its encryption at all (a stated {@code encrypted: false} is the team's word, not a
     * question), the sensitive data on it ({@link #sensitiveData}), and which ends belong to
     * another organisation ({@link #otherOrganisation}): a zone line inside the team is no
     * organisation boundary.
     */
    void transportFacts(int i, Map<String, Object> f) {
      Flow fl = g.workflow.flows().get(i);
      int a = g.flowFrom(i);
      int b = g.flowTo(i);
      f.put("encryption_stated", fl.encrypted().isPresent());
      f.put("sensitive_data", sensitiveData(fl, a, b));
      List<String> outside = new ArrayList<>();
      for (int v : new int[] {a, b}) if (otherOrganisation(g.component(v))) outside.add(g.id(v));
      f.put("outside_ends", intern(outside));
    }

    /**
     * The personal or confidential data and the secrets on a hop, by asset id: what the flow
     * carries when it says; otherwise what the sender holds (a store's secrets included, since it
     * hands out what it keeps; a service's own keys only open its own calls), or, when the sender
     * holds no data at all (a mailbox, a person at a form), the data the receiver keeps of what
     * arrives ({@link #keptOnArrival}). A request and its answer make each end a sender; a person
     * who logs in with a password sends it ({@code passwords}). Stated sensitivity only: data of
     * unstated sensitivity is not called personal.
     */
    List<String> sensitiveData(Flow fl, int a, int b) {
      TreeSet<String> out = new TreeSet<>();
      if (!fl.carries().isEmpty()) {
        for (String id : fl.carries()) if (sensitiveAsset(id, true)) out.add(id);
      } else {
        sentData(a, b, out);
        if (fl.bidirectional() || contains(g.succ[b], a)) sentData(b, a, out);
      }
      return intern(new ArrayList<>(out));
    }

    /** What {@link #sensitiveData} reads for one direction of a hop without {@code carries}. */
    private void sentData(int sender, int receiver, Set<String> out) {
      boolean store = SERVES_CONTENTS.contains(g.kind(sender));
      for (String id : heldBy(sender)) if (sensitiveAsset(id, store)) out.add(id);
      if (!holdsData(sender) && !SHIPS_NO_RECORDS.contains(g.kind(sender)))
        for (String id : keptOnArrival(receiver))
          if (!broughtByAnother(id, sender, receiver)) out.add(id);
      if (g.kind(sender) == ComponentKind.ACTOR
          && g.component(receiver).text("authentication").orElse("").equals("password"))
        out.add("passwords");
    }

    /**
     * The tool itself, when it runs on someone else's server and nothing pins what it says (source
     * remote-server, not pinned): its descriptions and behaviour can change after it was added (a
     * "rug pull"), with nothing downloaded for unpinned-artifact to ask about.
     */
    List<String> changesUnpinned(int v) {
      Component c = g.component(v);
      boolean remote =
          c.kind() == ComponentKind.AGENT_TOOL
              && Answers.text(c, "source", mode).equals("remote-server")
              && !Answers.bool(c, "pinned", mode);
      return remote ? List.of(c.id()) : List.of();
    }

    /** Kinds that send code or models, never records: packages, registries, pretrained weights. */
    private static final Set<ComponentKind> SHIPS_NO_RECORDS =
        Set.of(
            ComponentKind.DEPENDENCY, ComponentKind.MODEL_REGISTRY, ComponentKind.PRETRAINED_MODEL);

    /**
     * Another sender into {@code receiver} is stated to hold or carry {@code id}: the receiver's
     * copy is explained by that hop, not by a sender that holds no data (a weather feed beside the
     * meter intake of a readings lake).
     */
    private boolean broughtByAnother(String id, int sender, int receiver) {
      int[] by = bringers(receiver).get(id);
      return by != null && (by[1] != NONE || by[0] != sender);
    }

    private static final int NONE = -2;

    /** Per receiver, computed once: {@link #bringersOf}. */
    private Map<String, int[]>[] bringers;

    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    private Map<String, int[]> bringers(int receiver) {
      if (bringers == null) bringers = new Map[g.size()];
      if (bringers[receiver] == null) bringers[receiver] = bringersOf(receiver);
      return bringers[receiver];
    }

    /**
     * For each asset, up to two of the components that bring it into {@code receiver}: a
     * predecessor other than itself that holds it, or the other end of a flow into it that carries
     * it (read from the graph's index of flows into a node). Two distinct ones answer every sender;
     * one answers all but itself. Linear in the receiver's edges, where a scan of every flow per
     * asset and sender was quadratic in the flows.
     */
    private Map<String, int[]> bringersOf(int receiver) {
      Map<String, int[]> out = new HashMap<>();
      for (int p : g.pred[receiver])
        if (p != receiver) for (String id : heldBy(p)) bring(out, id, p);
      for (int i : g.flowsInto[receiver]) {
        int other = g.flowTo[i] == receiver ? g.flowFrom[i] : g.flowTo[i];
        for (String id : g.workflow.flows().get(i).carries()) bring(out, id, other);
      }
      return out;
    }

    private static void bring(Map<String, int[]> out, String id, int by) {
      int[] two = out.computeIfAbsent(id, k -> new int[] {by, NONE});
      if (two[0] != by && two[1] == NONE) two[1] = by;
    }

    /**
     * The sensitive data a receiver keeps of what arrives: its own, or, when it holds no data
     * itself, that of the stores it writes to directly (a relay or labeling step that files what it
     * receives). Not past a feedback component: a rating or an outcome is no record.
     */
    private List<String> keptOnArrival(int receiver) {
      List<String> out = new ArrayList<>();
      for (String id : heldBy(receiver)) if (sensitiveAsset(id, false)) out.add(id);
      if (holdsData(receiver) || g.kind(receiver) == ComponentKind.FEEDBACK) return out;
      for (int w : g.succ[receiver])
        if (w != receiver && STORES.contains(g.kind(w)))
          for (String id : heldBy(w)) if (sensitiveAsset(id, false)) out.add(id);
      return out;
    }

    private static final Set<ComponentKind> STORES =
        Set.of(ComponentKind.DATA_STORE, ComponentKind.FEATURE_STORE, ComponentKind.RETRIEVAL);

    /** The kinds whose contents are what they hand out: stores, indexes, repositories, sources. */
    private static final Set<ComponentKind> SERVES_CONTENTS =
        Set.of(
            ComponentKind.DATA_STORE,
            ComponentKind.FEATURE_STORE,
            ComponentKind.MODEL_REGISTRY,
            ComponentKind.RETRIEVAL,
            ComponentKind.CODE_REPOSITORY,
            ComponentKind.DATA_SOURCE);

    /** The assets a component contains or that a flow carries into it. */
    private List<String> heldBy(int v) {
      List<String> held = new ArrayList<>(g.component(v).contains());
      held.addAll(carriedInto.getOrDefault(g.id(v), List.of()));
      return held;
    }

    /**
     * Everything the component is stated to hold or receive is data of `sensitivity: public` (at
     * least one asset): an index shared by everyone that holds only public docs and posts shows no
     * user anything of another's.
     */
    private boolean publicDataOnly(int v) {
      List<String> held = heldBy(v);
      for (String id : held) {
        Asset as = g.workflow.assets().get(id);
        if (as == null || as.kind() != AssetKind.DATA || !as.sensitivity().equals("public"))
          return false;
      }
      return !held.isEmpty();
    }

    /** The component holds a data asset of any sensitivity (not only models or credentials). */
    private boolean holdsData(int v) {
      for (String id : heldBy(v)) {
        Asset as = g.workflow.assets().get(id);
        if (as != null && as.kind() == AssetKind.DATA) return true;
      }
      return false;
    }

    /** Data of stated personal or confidential sensitivity, or (when counted) a credential. */
    private boolean sensitiveAsset(String id, boolean credentials) {
      Asset as = g.workflow.assets().get(id);
      if (as == null) return false;
      return switch (as.kind()) {
        case DATA -> List.of("personal", "confidential").contains(as.sensitivity());
        case CREDENTIAL -> credentials;
        case MODEL -> false;
      };
    }

    private static boolean contains(int[] vs, int v) {
      for (int w : vs) if (w == v) return true;
      return false;
    }

    /**
     * A capture of what users submit that the team runs itself (a feedback component, labeling by
     * user feedback): the hop out of it is the team's own; the users' hop into it is where a
     * spoofed sender would come in, and what they submit is the poisoning findings' matter.
     */
    boolean teamCapture(int v) {
      Component c = g.component(v);
      return switch (c.kind()) {
        case FEEDBACK -> true;
        case LABELING -> c.text("workforce").orElse("").equals("user-feedback");
        default -> false;
      };
    }

    /**
     * Someone of another organisation, as written: a person or system other than the team's own
     * staff (an unstated trust included), a source other than the team's own records or sensors, a
     * model, package or tool obtained from outside, a third-party service, vendor or crowd
     * labelers, a model behind a third party's API, or a component a partner or vendor operates.
     */
    static boolean otherOrganisation(Component c) {
      if (List.of("partner", "vendor").contains(c.text("operated-by").orElse(""))) return true;
      return switch (c.kind()) {
        case ACTOR -> !c.text("trust").orElse("").equals("internal");
        case DATA_SOURCE -> !ownSource(c);
        case PRETRAINED_MODEL -> !c.text("source").orElse("").equals("internal");
        case DEPENDENCY -> !c.text("index").orElse("").equals("internal-mirror");
        case AGENT_TOOL -> !c.text("source").orElse("").equals("first-party");
        case THIRD_PARTY_SERVICE -> true;
        case LABELING -> List.of("vendor", "crowd").contains(c.text("workforce").orElse(""));
        case SERVING, LLM -> c.text("hosting").orElse("").equals("third-party-api");
        default -> false;
      };
    }

    /** A source of the team's own records or sensors only, as stated (an unstated one is not). */
    static boolean ownSource(Component c) {
      List<String> provenance = c.texts("provenance");
      return !provenance.isEmpty() && List.of("first-party", "sensor").containsAll(provenance);
    }

    /** An implemented {@code tls} control applies to the component: its connections use TLS. */
    boolean tlsControl(String id) {
      return implemented("tls", id);
    }

    /** An implemented control of that catalog id applies to the component. */
    boolean implemented(String control, String id) {
      for (Control c : g.workflow.controls())
        if (c.id().equals(control) && c.implemented() && c.appliesTo().contains(id)) return true;
      return false;
    }

    /**
     * The sender is the team itself: its own staff (an internal actor), its own labelers (in-house
     * or automatic), its own sensors or records, an internal application, or a store or
     * preprocessing step the team operates (not operated-by a partner or vendor); and every person
     * who writes into it or uses it is internal. Stated values only: an unstated one is not
     * first-party.
     */
    boolean firstPartySender(int v) {
      Component c = g.component(v);
      boolean own =
          switch (c.kind()) {
            case ACTOR -> !outsideParty(c);
            case LABELING ->
                List.of("in-house", "automatic").contains(c.text("workforce").orElse(""));
            case DATA_SOURCE -> ownSource(c);
            case APPLICATION -> c.text("exposure").orElse("").equals("internal");
              // the team's own store or pipeline step sending on what it keeps (images out to a
              // labeling vendor): what comes back is the feed into training, asked on its own hop
            case DATA_STORE, FEATURE_STORE, PREPROCESSING -> !otherOrganisation(c);
            default -> false;
          };
      return own && peopleInternal(v);
    }

    /**
     * What the component sends is written by anyone, as stated: an anonymous or self-registered
     * actor, or a data source or labeling whose every stated provenance or workforce anyone writes
     * (the public web, user-generated, a crowd) and whose every writing actor is such an actor.
     * Authenticating the feed would not change who sends it: the poisoning is found on its own.
     */
    boolean sentByAnyone(int v) {
      Component c = g.component(v);
      return switch (c.kind()) {
        case ACTOR ->
            !c.attribute("trust").isUnknown()
                && Influence.stated(c).stream().anyMatch(t -> reachOf(t) == Influence.Reach.ANYONE);
        case DATA_SOURCE, LABELING -> {
          List<String> tags = Influence.stated(c);
          boolean anyone =
              !c.attribute(c.kind() == ComponentKind.LABELING ? "workforce" : "provenance")
                      .isUnknown()
                  && !tags.isEmpty()
                  && tags.stream()
                      .allMatch(
                          t ->
                              reachOf(t) == Influence.Reach.ANYONE
                                  && !t.equals(Influence.PROVENANCE_SENSOR.tag()));
          for (int p : g.pred[v])
            if (p != v && g.kind(p) == ComponentKind.ACTOR) anyone &= sentByAnyone(p);
          yield anyone;
        }
        default -> false;
      };
    }

    /**
     * What the component sends is written by the organisation's own signed-in users, through its
     * own front door: an application no partner or vendor operates that states an authentication of
     * its users (not none or unknown), or a data source no other organisation operates whose stated
     * provenance is only user-generated or sensor (their own phone's traces) and whose every
     * writing actor (at least one) states {@code trust: authenticated}; in both cases no partner
     * writes into it. The adversary is the signed-in sender, whom authenticating the hop behind the
     * front door cannot stop: what they write is the poisoning findings' matter. Read only for a
     * flow that leaves {@code authenticated} unstated: its question could not change who sends.
     */
    boolean sentBySignedIn(int v) {
      Component c = g.component(v);
      if (List.of("partner", "vendor").contains(c.text("operated-by").orElse(""))) return false;
      for (int[] side : new int[][] {g.pred[v], g.interactive[v]})
        for (int p : side)
          if (g.kind(p) == ComponentKind.ACTOR
              && !List.of("internal", "authenticated", "anonymous")
                  .contains(g.component(p).text("trust").orElse(""))) return false;
      switch (c.kind()) {
        case APPLICATION -> {
          String auth = c.text("authentication").orElse("");
          return !auth.isEmpty() && !auth.equals("none") && !auth.equals("unknown");
        }
        case DATA_SOURCE -> {
          List<String> provenance = c.texts("provenance");
          if (provenance.isEmpty()
              || !provenance.stream()
                  .allMatch(t -> t.equals("user-generated") || t.equals("sensor"))) return false;
          boolean any = false;
          for (int p : g.pred[v]) {
            if (p == v || g.kind(p) != ComponentKind.ACTOR) continue;
            if (!g.component(p).text("trust").orElse("").equals("authenticated")) return false;
            any = true;
          }
          return any;
        }
        default -> {
          return false;
        }
      }
    }

    private static Influence.Reach reachOf(String tag) {
      return Influence.of(tag).map(Influence::reach).orElse(null);
    }

    /** Every actor writing into the component, or using it, states trust internal. */
    boolean peopleInternal(int v) {
      for (int p : g.pred[v]) if (p != v && outsideActor(p)) return false;
      for (int p : g.interactive[v]) if (outsideActor(p)) return false;
      return true;
    }

    /** An actor that is not the team's own staff ({@link #outsideParty}). */
    private boolean outsideActor(int p) {
      return g.kind(p) == ComponentKind.ACTOR && outsideParty(g.component(p));
    }

    /**
     * Nobody who gains from a wrong decision stands in front of the sensors this model decides on:
     * every source upstream states its provenance, and each sensor source either reaches the model
     * only through its training (the lineage, not the input) or is written into only by the team's
     * own staff (at least one actor, all internal). A sensor nobody is said to stand in front of
     * keeps the finding.
     */
    boolean sensorInputsInternal(int v) {
      BitSet all = new BitSet();
      BitSet input = new BitSet();
      ArrayDeque<int[]> work = new ArrayDeque<>();
      work.add(new int[] {v, 1});
      all.set(v);
      input.set(v);
      while (!work.isEmpty()) {
        int[] e = work.poll();
        ComponentKind k = g.kind(e[0]);
        boolean onInput =
            e[1] == 1 && k != ComponentKind.TRAINING && k != ComponentKind.MODEL_REGISTRY;
        for (int p : g.pred[e[0]]) {
          if (onInput && !input.get(p)) {
            input.set(p);
            all.set(p);
            work.add(new int[] {p, 1});
          } else if (!all.get(p)) {
            all.set(p);
            work.add(new int[] {p, 0});
          }
        }
      }
      boolean anySensor = false;
      for (int s = all.nextSetBit(0); s >= 0; s = all.nextSetBit(s + 1)) {
        if (g.kind(s) != ComponentKind.DATA_SOURCE) continue;
        List<String> provenance = g.component(s).texts("provenance");
        if (provenance.isEmpty()) return false;
        if (!provenance.contains("sensor")) continue;
        anySensor = true;
        if (!input.get(s)) continue;
        if (!sensorHeldByTeam(s)) return false;
      }
      return anySensor;
    }

    /**
     * Nobody outside the team can put something in front of the sensor or into its feed: only the
     * team's own staff stand in front of it ({@link #staffedByTeam}), or it is the team's own
     * instrument ({@link #ownInstrument}).
     */
    boolean sensorHeldByTeam(int source) {
      return staffedByTeam(source) || ownInstrument(source);
    }

    /**
     * The team's own instrument that nobody is said to stand in front of: its provenance is stated
     * as the team's own sensors or records only (first-party among them), no actor writes into it,
     * and every flow out of it is closed to outsiders, so nobody outside can inject a reading into
     * its feed either: stated authenticated (a gauge on a SIM-authenticated private network), or
     * into a component behind an implemented {@code network-isolation} control (a microscope on a
     * workstation with no network). A sensor without first-party provenance, or with a feed whose
     * authentication is unknown into a reachable receiver, is not.
     */
    boolean ownInstrument(int source) {
      Component c = g.component(source);
      if (!ownSource(c) || !c.texts("provenance").contains("first-party")) return false;
      for (int p : g.pred[source]) if (g.kind(p) == ComponentKind.ACTOR) return false;
      boolean feeds = false;
      List<Flow> flows = g.workflow.flows();
      for (int i = 0; i < flows.size(); i++) {
        if (!g.leaves(i, source)) continue;
        int to = g.flowFrom(i) == source ? g.flowTo(i) : g.flowFrom(i);
        boolean closed =
            flows.get(i).authenticated().orElse(false)
                || to >= 0 && implemented("network-isolation", g.id(to));
        if (!closed) return false;
        feeds = true;
      }
      return feeds;
    }

    /**
     * Files that someone outside the team writes reach the component's media input at inference:
     * walked back from it through what passes files on (applications, stores, sources, steps,
     * services), never through training, registries, pretrained weights or code (the lineage, which
     * decides the weights, not the bytes the decoder reads), labels or feedback (a label is no
     * file), or another model (what it passes on is its own output). A scene in front of a sensor
     * is captured by the team's device, not sent as a file, and so is what a person does in front
     * of an on-device model or app: neither is an outsider's file.
     */
    boolean mediaFromOutside(int v) {
      Component target = g.component(v);
      if (target.texts("inputs").stream().noneMatch(MEDIA_INPUTS::contains)) return false;
      boolean[] seen = new boolean[g.size()];
      ArrayDeque<Integer> work = new ArrayDeque<>();
      seen[v] = true;
      work.add(v);
      while (!work.isEmpty()) {
        int x = work.poll();
        Component at = g.component(x);
        boolean captured =
            onDevice(at)
                || at.kind() == ComponentKind.DATA_SOURCE
                    && at.texts("provenance").contains("sensor");
        for (int p : g.pred[x]) {
          if (seen[p] || NO_FILES.contains(g.kind(p))) continue;
          if (g.kind(p) == ComponentKind.ACTOR && captured) continue;
          seen[p] = true;
          work.add(p);
          if (operatedSensor(g.component(p))) continue;
          for (String t : Influence.tagsOf(g.component(p), mode))
            if (Influence.of(t).map(Influence::reaching).orElse(false)) return true;
        }
      }
      return false;
    }

    /**
     * A sensor source that the team or a named partner operates ({@code provenance} sensor, and
     * otherwise only first-party or third-party): it sends the frames its own device captures, not
     * files someone crafts, and the one who operates it already holds the station it feeds.
     */
    private static boolean operatedSensor(Component c) {
      if (c.kind() != ComponentKind.DATA_SOURCE) return false;
      List<String> provenance = c.texts("provenance");
      return provenance.contains("sensor")
          && provenance.stream()
              .allMatch(
                  s -> s.equals("sensor") || s.equals("first-party") || s.equals("third-party"));
    }

    private static final Set<String> MEDIA_INPUTS = Set.of("image", "audio", "video", "document");

    /** Kinds whose output is never an outsider's file (see {@link #mediaFromOutside}). */
    private static final Set<ComponentKind> NO_FILES =
        Set.of(
            ComponentKind.TRAINING,
            ComponentKind.EVALUATION,
            ComponentKind.MODEL_REGISTRY,
            ComponentKind.PRETRAINED_MODEL,
            ComponentKind.DEPENDENCY,
            ComponentKind.CODE_REPOSITORY,
            ComponentKind.LABELING,
            ComponentKind.FEEDBACK,
            ComponentKind.MONITORING,
            ComponentKind.LLM,
            ComponentKind.SERVING);

    /** At least one actor writes into the source, and every actor at it is internal. */
    boolean staffedByTeam(int source) {
      boolean staffed = false;
      for (int p : g.pred[source]) if (g.kind(p) == ComponentKind.ACTOR) staffed = true;
      return staffed && peopleInternal(source);
    }

    /** One-way flows by their ends, computed once: the other half of a request and its reply. */
    Map<String, Flow> reverseFlows;

    Map<String, Flow> reverse() {
      if (reverseFlows == null) {
        reverseFlows = new HashMap<>();
        for (Flow fl : g.workflow.flows())
          if (!fl.bidirectional()) reverseFlows.putIfAbsent(fl.from() + "\0" + fl.to(), fl);
      }
      return reverseFlows;
    }

    /**
     * Whether a flow is a connection the team could encrypt: not when a person or a scene is in
     * front of a source that captures it (a camera, a microphone, a form people fill in: the hop
     * that moves the data is the one out of the source), not when a person uses a component on
     * their own device, and not between two parties outside the team.
     */
    static boolean networkHop(Component from, Component to) {
      boolean fromActor = from.kind() == ComponentKind.ACTOR;
      boolean toActor = to.kind() == ComponentKind.ACTOR;
      if (fromActor && toActor) return false;
      if (fromActor && to.kind() == ComponentKind.DATA_SOURCE) return false;
      // an author publishing to a hub, an index or a tool registry: that upload is theirs
      if (fromActor && !from.text("trust").orElse("").equals("internal") && publishedArtifact(to))
        return false;
      return !(fromActor && onDevice(to) || toActor && onDevice(from));
    }

    /**
     * Software or weights the team obtains from outside as a published artifact: a pretrained
     * model, a package, or an agent tool from a third party or a remote server.
     */
    private static boolean publishedArtifact(Component c) {
      return switch (c.kind()) {
        case PRETRAINED_MODEL, DEPENDENCY -> true;
        case AGENT_TOOL ->
            List.of("third-party", "remote-server").contains(c.text("source").orElse(""));
        default -> false;
      };
    }

    private static boolean onDevice(Component c) {
      return c.text("exposure").orElse("").equals("on-device");
    }

    /**
     * A pretrained model from a public hub, a package from a public index or a data source that is
     * published data ({@link #publishedData}: a public dataset, third-party pages), as written:
     * served over HTTPS, and nothing on the hop is secret; its integrity is the poisoning findings'
     * question.
     */
    static boolean publicIndex(Component c) {
      return switch (c.kind()) {
        case PRETRAINED_MODEL -> c.text("source").orElse("").equals("public-hub");
        case DEPENDENCY -> c.text("index").orElse("").equals("public");
        case DATA_SOURCE -> publishedData(c.texts("provenance"));
        default -> false;
      };
    }

    /**
     * An end whose every connection is HTTPS whatever the team writes: a public index ({@link
     * #publicIndex}), or a vendor's model API or SaaS platform ({@link #vendorApi}; what the team
     * sends there is {@code third-party-model-data-exposure}'s question, not the hop's).
     */
    static boolean tlsByNature(Component c) {
      return publicIndex(c) || vendorApi(c) || remoteTool(c);
    }

    /**
     * A tool that runs on someone else's server and is added by its URL (a remote MCP server, a
     * chat plugin): the platforms that connect such servers reach them over HTTPS, and the one who
     * reads the calls is the server's operator at the endpoint, not someone on the path.
     */
    static boolean remoteTool(Component c) {
      return c.kind() == ComponentKind.AGENT_TOOL
          && c.text("source").orElse("").equals("remote-server");
    }

    /** A hop with an end that is TLS by nature, or between a person and a public web front end. */
    static boolean tlsByNature(Component from, Component to) {
      return tlsByNature(from) || tlsByNature(to) || webFront(from, to) || webFront(to, from);
    }

    /**
     * A model behind a third party's API ({@code hosting: third-party-api} on an {@code llm} or a
     * {@code serving}), or a third-party service that provides only a model API or a SaaS platform
     * (a chat, CRM, ticketing or bank platform): vendors serve such APIs over HTTPS only. Not
     * storage, messaging or "other": file drops, mail relays and queues may run in plaintext.
     */
    static boolean vendorApi(Component c) {
      return switch (c.kind()) {
        case LLM, SERVING -> c.text("hosting").orElse("").equals("third-party-api");
        case THIRD_PARTY_SERVICE ->
            !c.texts("provides").isEmpty()
                && List.of("model-api", "saas").containsAll(c.texts("provides"));
        default -> false;
      };
    }

    /**
     * A person (an actor) and a public web front end (an application or serving with {@code
     * exposure: public}): public sites and widgets are served to browsers over HTTPS, which
     * browsers default to and warn without. Not a partner or internal endpoint.
     */
    static boolean webFront(Component person, Component front) {
      return person.kind() == ComponentKind.ACTOR
          && (front.kind() == ComponentKind.APPLICATION || front.kind() == ComponentKind.SERVING)
          && front.text("exposure").orElse("").equals("public");
    }

    /**
     * Data published on the web for anyone to download (third-party pages, a public dataset, open
     * source, posts): public-web, beside at most who wrote it (user-generated, crowdsourced,
     * third-party); not when the team's own records or sensors are part of the source.
     */
    static boolean publishedData(List<String> provenance) {
      return provenance.contains("public-web")
          && !provenance.contains("first-party")
          && !provenance.contains("sensor");
    }

    /**
     * The zones each component counts in for boundaries: its own; for one the file places in no
     * zone and that is no outside party (an actor other than internal, or a kind obtained from
     * outside the team), the zones of its neighbours when they all share them (the team's operators
     * at a control-room screen, a monitor attached to one service).
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    List<String>[] placedZones(Map<String, List<String>> zoneOf) {
      int n = g.size();
      List<String>[] out = new List[n];
      for (int v = 0; v < n; v++) out[v] = zoneOf.getOrDefault(g.id(v), List.of());
      for (int v = 0; v < n; v++) {
        if (!out[v].isEmpty() || outsideParty(g.component(v))) continue;
        List<String> shared = null;
        boolean one = true;
        for (int[] side : new int[][] {g.pred[v], g.succ[v]})
          for (int w : side) {
            if (w == v) continue;
            List<String> z = zoneOf.getOrDefault(g.id(w), List.of());
            if (shared == null) shared = z;
            else one &= shared.equals(z);
          }
        if (one && shared != null) out[v] = shared;
      }
      return out;
    }

    /**
     * Someone or something outside the team: what a boundary separates the team from. A data source
     * of first-party provenance only is the team's own.
     */
    static boolean outsideParty(Component c) {
      return switch (c.kind()) {
        case ACTOR -> !c.text("trust").orElse("").equals("internal");
          // the team's own records (first-party provenance) sit where the team keeps them
        case DATA_SOURCE -> !c.texts("provenance").equals(List.of("first-party"));
        case PRETRAINED_MODEL, DEPENDENCY, AGENT_TOOL, THIRD_PARTY_SERVICE -> true;
        default -> false;
      };
    }

    List<String> sorted(List<String> l) {
      Collections.sort(l);
      return intern(l);
    }

    List<String> intern(List<String> l) {
      if (l.isEmpty()) return List.of();
      return interned.computeIfAbsent(l, List::copyOf);
    }

    @SuppressWarnings("unchecked")
    static List<String> listOf(Map<String, Object> f, String key) {
      return (List<String>) f.get(key);
    }
  }
}
