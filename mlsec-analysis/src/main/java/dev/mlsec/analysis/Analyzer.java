package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Facts;
import dev.mlsec.analysis.fact.Mode;
import dev.mlsec.analysis.fact.WorkflowGraph;
import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Rule;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import dev.mlsec.catalog.Vocabulary;
import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Concern;
import dev.mlsec.model.Control;
import dev.mlsec.model.Decision;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Position;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Analyzes a whole workflow against the catalog: derives the graph facts once, evaluates every
 * threat on every target, then checks claims, lays concerns beside the findings, turns unknowns
 * into questions and applies the team's decisions.
 */
public final class Analyzer {
  /** The threat (or family) that scanner evidence of an unsafe artifact forces open. */
  public static final String DESERIALIZATION = "unsafe-deserialization";

  private static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.threatClass().ordinal())
          .thenComparing(f -> f.severity().ordinal())
          .thenComparing(Finding::id);

  /** Gives the compiled catalog when the rules first run ({@link #compiled()}). */
  private final Supplier<CompiledCatalog> compiledSource;

  /** Taken from {@link #compiledSource} on first use, under {@link #compiledLock}. */
  private volatile CompiledCatalog compiled;

  /**
   * Guards the one call of {@link #compiledSource}. Not this object's lock: the concerns' thread
   * holds that while it opens the index, and the rules must not wait for Lucene (reverted f1df11c
   * did, which left nothing to overlap).
   */
  private final Object compiledLock = new Object();

  private final Catalog catalog;

  /**
   * Built on the first workflow with concerns (guarded by this), on the thread that maps them while
   * the rules run: the index and the first searches cost ~0.1-0.2 s of a cold start, mostly
   * Lucene's classes and cold code.
   */
  private ConcernMatcher matcher;

  /** Where the matcher's answers are kept between runs; empty: none (the server, tests). */
  private final Optional<Path> concernCacheDir;

  /** The cache of {@link #concernCacheDir}, opened on the first workflow with concerns. */
  private ConcernCache concernCache;

  /** A control that mitigates a threat, with its strength ("full" or "partial"). */
  private record Applicable(ControlDef def, String strength) {}

  /** The catalog's controls for each threat id, in catalog order: the catalog never changes. */
  private final Map<String, List<Applicable>> applicable;

  /**
   * The component kinds each control's threats apply to, by control id: a control on such a kind
   * may be the reason its threat did not fire (access control on a store that is therefore
   * restricted). From the catalog alone, so built once.
   */
  private final Map<String, Set<String>> controlKinds;

  /**
   * Per control and component kind: the first threat of that kind the catalog says the control does
   * not stop, with its reason (encryption at rest on a store: the readers read through the storage
   * service), so a control warning says why instead of "not about a store".
   */
  private final Map<String, Map<String, ControlDef.Misbelief>> controlMisbeliefs;

  /** Checks the claims; it builds its index of the catalog's controls on first use. */
  private final ClaimCheck claimCheck;

  private List<Applicable> applicable(Threat t) {
    return applicable.get(t.id());
  }

  private static Map<String, List<Applicable>> applicableControls(Catalog catalog) {
    Map<String, List<Applicable>> byThreat = new HashMap<>();
    for (Threat t : catalog.threats()) {
      List<Applicable> out = new ArrayList<>();
      for (ControlDef def : catalog.controls()) {
        if (def.full().contains(t.id()) || def.full().contains(t.family()))
          out.add(new Applicable(def, "full"));
        else if (def.partial().contains(t.id()) || def.partial().contains(t.family()))
          out.add(new Applicable(def, "partial"));
      }
      byThreat.put(t.id(), List.copyOf(out));
    }
    return Map.copyOf(byThreat);
  }

  private static Map<String, Set<String>> controlKinds(Catalog catalog) {
    Map<String, Set<String>> kinds = new HashMap<>();
    for (ControlDef def : catalog.controls()) {
      Set<String> k = new java.util.HashSet<>();
      for (Threat t : catalog.threats())
        if (def.full().contains(t.id())
            || def.full().contains(t.family())
            || def.partial().contains(t.id())
            || def.partial().contains(t.family())) k.addAll(t.appliesTo());
      kinds.put(def.id(), Set.copyOf(k));
    }
    return Map.copyOf(kinds);
  }

  private static Map<String, Map<String, ControlDef.Misbelief>> controlMisbeliefs(Catalog catalog) {
    Map<String, Map<String, ControlDef.Misbelief>> misbeliefs = new HashMap<>();
    for (ControlDef def : catalog.controls())
      for (ControlDef.Misbelief m : def.notStopped())
        catalog
            .threat(m.threat())
            .ifPresent(
                t -> {
                  for (String kind : t.appliesTo())
                    misbeliefs.computeIfAbsent(def.id(), k -> new HashMap<>()).putIfAbsent(kind, m);
                });
    misbeliefs.replaceAll((k, v) -> Map.copyOf(v));
    return Map.copyOf(misbeliefs);
  }

  public Analyzer(CompiledCatalog compiled) {
    this(compiled, Optional.empty());
  }

  /**
   * With the concerns' mappings kept in {@code concernCache} (a folder) between runs, for a short
   * process that analyzes the same workflows again and again (the command line): a concern mapped
   * before is answered without starting Lucene. The answers are the matcher's either way.
   */
  public Analyzer(CompiledCatalog compiled, Optional<Path> concernCache) {
    this(compiled.catalog(), () -> compiled, concernCache);
  }

  /**
   * An analyzer of {@code catalog} whose compiled conditions come from {@code compiled}, asked when
   * the rules first run: the concerns' mapping, the workflow checks and the facts of the first
   * workflow go ahead while another thread still plans the conditions (a cold start of the command
   * line). {@code compiled} must give this very catalog.
   */
  public Analyzer(
      Catalog catalog, Supplier<CompiledCatalog> compiled, Optional<Path> concernCache) {
    this.compiledSource = compiled;
    this.concernCacheDir = concernCache;
    this.catalog = catalog;
    this.applicable = applicableControls(catalog);
    this.claimCheck = new ClaimCheck(catalog);
    this.controlKinds = controlKinds(catalog);
    this.controlMisbeliefs = controlMisbeliefs(catalog);
  }

  /**
   * The compiled catalog, waiting for it the first time. What the source throws reaches the caller
   * of {@link #analyze} (and the source is asked again next time); nothing is kept.
   */
  private CompiledCatalog compiled() {
    CompiledCatalog c = compiled;
    if (c != null) return c;
    synchronized (compiledLock) {
      if (compiled == null) {
        CompiledCatalog given = compiledSource.get();
        if (given.catalog() != catalog)
          throw new IllegalStateException("the compiled catalog is not the analyzer's catalog");
        compiled = given;
      }
      return compiled;
    }
  }

  public Analyzer(Catalog catalog) {
    this(CompiledCatalog.of(catalog));
  }

  public Analysis analyze(Workflow w, LocalDate today) {
    return analyze(w, today, List.of());
  }

  public Analysis analyze(Workflow w, LocalDate today, List<ArtifactEvidence> evidence) {
    FutureTask<List<ConcernMatcher.Result>> mappings = mapConcerns(w.concerns());
    WorkflowCheck.check(w, catalog);
    WorkflowGraph graph = new WorkflowGraph(w);
    Facts facts = Facts.derive(graph);
    Run run = new Run(w, graph, facts, today, evidence);
    List<Finding> findings = new ArrayList<>();
    for (Finding f :
        FindingGroups.group(
            run.findings(), facts, this::familyOf, this::notStopped, this::absenceOf))
      findings.add(run.decide(f));
    findings.sort(ORDER);
    List<Claim> claims = claimCheck.check(w, findings, facts);
    List<ConcernMatch> concerns = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    List<ConcernMatcher.Result> mapped = mappings == null ? List.of() : join(mappings);
    // each concern laid beside the findings raised here first, then the rest of the catalog
    ConcernLinker linker = new ConcernLinker(this::familyOf);
    for (int i = 0; i < w.concerns().size(); i++) {
      Concern c = w.concerns().get(i);
      ConcernMatch m =
          linker.link(c.text(), c.position(), mapped.get(i), mapped.get(i).units(), findings);
      named.addAll(m.matched());
      concerns.add(m);
    }
    Set<String> unmatched = new LinkedHashSet<>();
    for (Finding f : findings)
      if (f.status().actionable())
        for (String t : f.threats()) if (!named.contains(t)) unmatched.add(t);
    return new Analysis(
        w,
        catalog,
        findings,
        claims,
        concerns,
        List.copyOf(unmatched),
        questions(w, graph, findings),
        run.controlWarnings());
  }

  /**
   * The controls a control-gap threat is the absence of: those the catalog says mitigate it fully
   * ({@code adversarial-testing} for {@code no-adversarial-evaluation}).
   */
  private Set<String> absenceOf(String threat) {
    Set<String> out = new TreeSet<>();
    for (Applicable a : applicable.getOrDefault(threat, List.of()))
      if (a.strength().equals("full")) out.add(a.def().id());
    return out;
  }

  /** The family of a catalog threat ({@code ""} for one the catalog does not have). */
  private String familyOf(String threat) {
    return catalog.threat(threat).map(Threat::family).orElse("");
  }

  /** The catalog says {@code control} does not stop {@code threat} or the threat's family. */
  private boolean notStopped(String control, String threat) {
    String family = familyOf(threat);
    return catalog.control(control).stream()
        .flatMap(d -> d.notStopped().stream())
        .anyMatch(m -> m.threat().equals(threat) || m.threat().equals(family));
  }

  /**
   * Maps the concerns' texts on their own thread, building the index first if this analyzer has
   * none yet; null when there are no concerns. The answers do not depend on the thread.
   */
  private FutureTask<List<ConcernMatcher.Result>> mapConcerns(List<Concern> concerns) {
    if (concerns.isEmpty()) return null;
    List<String> texts = concerns.stream().map(Concern::text).toList();
    FutureTask<List<ConcernMatcher.Result>> task =
        new FutureTask<>(
            () -> {
              ConcernCache cache = concernCache();
              List<ConcernMatcher.Result> out = new ArrayList<>();
              for (String t : texts) {
                Optional<ConcernMatcher.Result> kept =
                    cache == null ? Optional.empty() : cache.get(t);
                ConcernMatcher.Result r =
                    kept.isPresent()
                        ? kept.get()
                        : matcher().match(t).withUnits(matcher().units(t));
                if (cache != null) cache.put(t, r);
                out.add(r);
              }
              if (cache != null) cache.save();
              return out;
            });
    Thread mapper = new Thread(task, "mlsec-concerns");
    mapper.setDaemon(true);
    mapper.start();
    return task;
  }

  private synchronized ConcernCache concernCache() {
    if (concernCache == null && concernCacheDir.isPresent())
      concernCache = ConcernCache.open(catalog, Synonyms.builtIn(), concernCacheDir.get());
    return concernCache;
  }

  private synchronized ConcernMatcher matcher() {
    if (matcher == null) matcher = new ConcernMatcher(catalog);
    return matcher;
  }

  private static <T> T join(FutureTask<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the concerns were mapped", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  private List<OpenQuestion> questions(Workflow w, WorkflowGraph graph, List<Finding> findings) {
    Map<String, Position> flowPositions = new HashMap<>();
    for (Flow f : w.flows()) flowPositions.putIfAbsent(f.id(), f.position());
    Map<String, List<String>> decides = new TreeMap<>();
    for (Finding f : findings)
      if (f.status() == FindingStatus.CONDITIONAL)
        for (String a : f.dependsOn())
          decides.computeIfAbsent(a, k -> new ArrayList<>()).add(f.id());
    // a flow's encryption or authentication is asked once per zone boundary it crosses
    Map<String, String> zoneOf = new HashMap<>();
    for (var z : w.zones().values()) for (String m : z.members()) zoneOf.putIfAbsent(m, z.name());
    Map<String, List<String>> boundaryFlows = new TreeMap<>();
    Map<String, String> boundaryOf = new HashMap<>();
    for (Flow f : w.flows()) {
      String a = zoneOf.getOrDefault(f.from(), "");
      String b = zoneOf.getOrDefault(f.to(), "");
      if (a.equals(b)) continue;
      String boundary = (a.isEmpty() ? "(no zone)" : a) + " -> " + (b.isEmpty() ? "(no zone)" : b);
      boundaryOf.put(f.id(), boundary);
    }
    Map<String, String> firstAttribute = new HashMap<>();
    Map<String, List<String>> merged = new TreeMap<>();
    for (var e : decides.entrySet()) {
      String attr = e.getKey();
      int dot = attr.lastIndexOf('.');
      String target = attr.substring(0, dot);
      String boundary = w.component(target).isPresent() ? null : boundaryOf.get(target);
      String key = boundary == null ? attr : "zone:" + boundary + "." + attr.substring(dot + 1);
      firstAttribute.putIfAbsent(key, attr);
      if (boundary != null) boundaryFlows.computeIfAbsent(key, k -> new ArrayList<>()).add(target);
      List<String> ids = merged.computeIfAbsent(key, k -> new ArrayList<>());
      for (String id : e.getValue()) if (!ids.contains(id)) ids.add(id);
    }
    List<OpenQuestion> out = new ArrayList<>();
    for (var e : merged.entrySet()) {
      String attr = firstAttribute.get(e.getKey());
      int dot = attr.lastIndexOf('.');
      String target = attr.substring(0, dot);
      String name = attr.substring(dot + 1);
      Position at = Position.NONE;
      String question;
      Optional<Component> c = w.component(target);
      List<String> flows = boundaryFlows.get(e.getKey());
      if (c.isPresent()) {
        at = c.get().positionOf(name);
        AttributeSpec spec = c.get().kind().attributes().get(name);
        question = question(target, name, spec);
      } else if (flows != null && flows.size() > 1) {
        at = flowPositions.getOrDefault(target, Position.NONE);
        String boundary = e.getKey().substring(5, e.getKey().lastIndexOf('.'));
        question =
            "Are the flows crossing "
                + boundary
                + " ("
                + String.join(", ", flows)
                + ") "
                + name
                + "?";
      } else {
        at = flowPositions.getOrDefault(target, Position.NONE);
        question = "Is the flow " + target + " " + name + "?";
      }
      int n = e.getValue().size();
      question += " The answer decides " + n + (n == 1 ? " finding." : " findings.");
      out.add(new OpenQuestion(attr, question, e.getValue(), at));
    }
    return out;
  }

  private static String question(String component, String name, AttributeSpec spec) {
    if (spec == null) return "What is " + name + " of " + component + "?";
    return switch (spec.type()) {
      case BOOL -> "Is " + name + " true for " + component + "?";
      case ENUM ->
          "What is the "
              + name
              + " of "
              + component
              + " ("
              + String.join(", ", spec.values())
              + ")?";
      case ENUM_LIST ->
          "Which "
              + name
              + " does "
              + component
              + " have ("
              + String.join(", ", spec.values())
              + ")?";
      case RATE ->
          "What " + name + " does " + component + " enforce (none, or a rate such as 100/min)?";
      case TEXT -> "What is the " + name + " of " + component + "?";
    };
  }

  /** One analysis run over one workflow. */
  private final class Run {
    final Workflow w;
    final WorkflowGraph g;
    final Facts facts;
    final LocalDate today;

    /** Other entries tried when the drawn path may not be the worst route (see finish). */
    private static final int MAX_ALTERNATIVES = 3;

    /**
     * Attributes that state a catalog control on their component: a digest pin is artifact pinning,
     * an encrypted store is encryption at rest (docs/analysis.md, "Controls with a scope").
     */
    private static final Map<String, String> DECLARED_CONTROLS =
        Map.of("pinned", "artifact-pinning", "encrypted-at-rest", "encryption-at-rest");

    final PathFinder paths;
    final Map<String, List<String>> implemented = new HashMap<>();
    final Map<String, Set<String>> planned = new HashMap<>();
    final Map<String, List<ArtifactEvidence>> evidence = new HashMap<>();
    final Map<String, Decision> decisions = new HashMap<>();
    final Map<String, Object>[] cMaps;
    final ControlScope scopes;

    /** {@code control@component} of every control that is in some finding's scope. */
    final Set<String> credited = new java.util.HashSet<>();

    Run(Workflow w, WorkflowGraph g, Facts facts, LocalDate today, List<ArtifactEvidence> ev) {
      this.w = w;
      this.g = g;
      this.facts = facts;
      this.today = today;
      this.paths = new PathFinder(facts);
      @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
      Map<String, Object>[] maps = new Map[g.size()];
      this.cMaps = maps;
      for (Control c : w.controls())
        for (String id : c.appliesTo()) {
          if (c.implemented()) implemented.computeIfAbsent(id, k -> new ArrayList<>()).add(c.id());
          else planned.computeIfAbsent(id, k -> new TreeSet<>()).add(c.id());
        }
      // an attribute the workflow states is the control it describes, listed and rated as such
      for (var e : DECLARED_CONTROLS.entrySet())
        for (int v = 0; v < g.size(); v++)
          if (g.component(v).bool(e.getKey()).orElse(false))
            implemented.computeIfAbsent(g.id(v), k -> new ArrayList<>()).add(e.getValue());
      implemented.replaceAll((k, v) -> List.copyOf(new TreeSet<>(v)));
      for (ArtifactEvidence e : ev)
        evidence.computeIfAbsent(e.component(), k -> new ArrayList<>()).add(e);
      for (Decision d : w.decisions()) decisions.putIfAbsent(d.finding(), d);
      this.scopes = new ControlScope(g, catalog, w);
    }

    /**
     * Controls with a catalog entry that stand where no finding they could cover has them in its
     * scope: claimed or implemented, they protect nothing here.
     */
    List<ControlWarning> controlWarnings() {
      List<ControlWarning> out = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      for (Control c : w.controls()) {
        if (!c.implemented() && c.believedToStop().isEmpty()) continue;
        if (!controlKinds.containsKey(c.id())) continue;
        for (String target : c.appliesTo()) {
          if (!seen.add(c.id() + "@" + target)) continue;
          if (credited.contains(c.id() + "@" + target)) continue;
          Optional<Component> on = w.component(target);
          if (on.isPresent() && controlKinds.get(c.id()).contains(on.get().kind().id())) continue;
          // a control on a connection's end (tls) secures that connection: the flow threats it
          // mitigates do not fire on it, which is its effect, not a gap
          if (controlKinds.get(c.id()).contains("flow") && flowEnd(target)) continue;
          ControlDef.Misbelief m =
              on.map(x -> controlMisbeliefs.getOrDefault(c.id(), Map.of()).get(x.kind().id()))
                  .orElse(null);
          if (m != null) {
            out.add(
                new ControlWarning(
                    c.id(),
                    target,
                    c.id()
                        + " on "
                        + target
                        + " lowers no finding here: it does not stop "
                        + m.threat()
                        + " ("
                        + lowerFirst(m.reason().strip())
                        + ")",
                    c.position()));
            continue;
          }
          out.add(
              new ControlWarning(
                  c.id(),
                  target,
                  c.id()
                      + " on "
                      + target
                      + " covers nothing here: the threats it mitigates are not about a "
                      + w.component(target).map(x -> x.kind().id()).orElse("flow")
                      + " and no finding they raise has "
                      + target
                      + " in its scope",
                  c.position()));
        }
      }
      return out;
    }

    /** A catalog sentence inside another: first letter lower-cased, final full stop dropped. */
    static String lowerFirst(String sentence) {
      String s = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
      return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The components some flow of the workflow starts or ends at, collected on first use. */
    Set<String> flowEnds;

    /** Some flow of the workflow starts or ends at the component. */
    boolean flowEnd(String id) {
      if (flowEnds == null) {
        flowEnds = new java.util.HashSet<>();
        for (var fl : w.flows()) {
          flowEnds.add(fl.from());
          flowEnds.add(fl.to());
        }
      }
      return flowEnds.contains(id);
    }

    List<Finding> findings() {
      List<Finding> out = new ArrayList<>();
      Map<ComponentKind, List<Integer>> byKind = new HashMap<>();
      for (int v = 0; v < g.size(); v++)
        byKind.computeIfAbsent(g.kind(v), k -> new ArrayList<>()).add(v);
      CompiledCatalog rules = compiled(); // after the facts: it may still be planned elsewhere
      for (Threat t : catalog.threats()) {
        Rule rule = rules.rule(t.id()).orElseThrow();
        boolean deserialization =
            t.id().equals(DESERIALIZATION) || t.family().equals(DESERIALIZATION);
        if (t.appliesTo().contains(Vocabulary.FLOW)) {
          // a flow written twice is one target: its finding id must stay unique
          Set<String> seen = new java.util.HashSet<>();
          for (int i = 0; i < w.flows().size(); i++)
            if (seen.add(w.flows().get(i).id())) flow(t, rule, i, out);
          continue;
        }
        for (String kind : t.appliesTo())
          for (int v : byKind.getOrDefault(ComponentKind.byId(kind).orElseThrow(), List.of()))
            component(t, rule, v, deserialization, out);
      }
      return out;
    }

    Map<String, Object> cMap(int v) {
      if (cMaps[v] == null) cMaps[v] = buildC(v);
      return cMaps[v];
    }

    private Map<String, Object> buildC(int v) {
      Component c = g.component(v);
      Map<String, Object> m = new HashMap<>();
      m.put("id", c.id());
      m.put("kind", c.kind().id());
      m.put("controls", implemented.getOrDefault(c.id(), List.of()));
      m.put("assets", c.contains());
      for (var e : c.kind().attributes().entrySet()) {
        Value val = c.attribute(e.getKey());
        Object o = null;
        if (val instanceof Value.Bool b) o = b.value();
        else if (val instanceof Value.Texts t) o = t.values();
        else if (val instanceof Value.Text t)
          o =
              e.getValue().type() == dev.mlsec.model.AttributeType.ENUM_LIST
                  ? List.of(t.value())
                  : t.value();
        if (o != null) m.put(Vocabulary.celName(e.getKey()), o);
      }
      return m;
    }

    private List<Evaluation.Unknown> unknowns(Component c, Rule rule) {
      List<Evaluation.Unknown> out = new ArrayList<>();
      for (var e : c.kind().attributes().entrySet()) {
        String cel = Vocabulary.celName(e.getKey());
        if (!rule.readsC().contains(cel) || !c.attribute(e.getKey()).isUnknown()) continue;
        out.add(new Evaluation.Unknown(cel, values(e.getValue())));
      }
      return out;
    }

    private List<Object> values(AttributeSpec spec) {
      return switch (spec.type()) {
        case BOOL -> List.of(true, false);
        case ENUM -> List.copyOf(spec.values());
        case ENUM_LIST -> spec.values().stream().map(x -> (Object) List.of(x)).toList();
        case RATE -> List.of("none", "100/min");
        case TEXT -> List.of("");
      };
    }

    private void component(Threat t, Rule rule, int v, boolean deserialization, List<Finding> out) {
      Component c = g.component(v);
      Map<String, Object> cm = cMap(v);
      Map<String, Object> worst = facts.component(v, Mode.WORST);
      Map<String, Object> best = facts.component(v, Mode.BEST);
      // facts the rule does not read cannot change its outcome: evaluate once
      if (best != worst && java.util.Collections.disjoint(facts.differing(v), rule.readsF()))
        best = worst;
      Evaluation.Outcome o =
          Evaluation.evaluate(
              rule,
              c.id(),
              cm,
              unknowns(c, rule),
              worst,
              best,
              () -> facts.unknownsBehind(v, rule.readsF()));
      List<String> extraWhy = new ArrayList<>();
      boolean malicious = false;
      if (deserialization)
        for (ArtifactEvidence e : evidence.getOrDefault(c.id(), List.of())) {
          malicious |= e.verdict().equalsIgnoreCase("malicious");
          if (e.unsafe()) {
            o = Evaluation.Outcome.OPEN;
            extraWhy.add("scanning " + e.file() + " found it " + e.verdict() + ": " + e.summary());
          } else
            extraWhy.add("evidence: " + e.file() + " scanned " + e.verdict() + ": " + e.summary());
        }
      if (!o.fires()) return;
      List<String> path = paths.path(t.path(), v);
      // an open finding holds under the best answers too, so explain it without assumptions
      Map<String, Object> shown = o.conditional() ? worst : best;
      java.util.function.Function<List<String>, List<String>> whyFor =
          p -> {
            List<String> why = new ArrayList<>();
            for (String template : t.why())
              WhyText.line(template, cm, shown, p).ifPresent(why::add);
            why.addAll(extraWhy);
            return why;
          };
      out.add(
          finish(
              t,
              o,
              Optional.of(c.id()),
              Optional.empty(),
              List.of(c.id()),
              worst,
              whyFor,
              path,
              c.position(),
              malicious));
    }

    private void flow(Threat t, Rule rule, int i, List<Finding> out) {
      Flow fl = w.flows().get(i);
      Map<String, Object> cm = new HashMap<>();
      cm.put("id", fl.id());
      cm.put("from", fl.from());
      cm.put("to", fl.to());
      cm.put("from_kind", g.kind(g.flowFrom(i)).id());
      cm.put("to_kind", g.kind(g.flowTo(i)).id());
      cm.put("carries", fl.carries());
      List<Evaluation.Unknown> unknowns = new ArrayList<>();
      fl.encrypted()
          .ifPresentOrElse(
              b -> cm.put("encrypted", b),
              () -> {
                if (rule.readsC().contains("encrypted"))
                  unknowns.add(new Evaluation.Unknown("encrypted", List.of(true, false)));
              });
      fl.authenticated()
          .ifPresentOrElse(
              b -> cm.put("authenticated", b),
              () -> {
                if (rule.readsC().contains("authenticated"))
                  unknowns.add(new Evaluation.Unknown("authenticated", List.of(true, false)));
              });
      Map<String, Object> worst = facts.flow(i, Mode.WORST);
      Evaluation.Outcome o =
          Evaluation.evaluate(
              rule,
              fl.id(),
              cm,
              unknowns,
              worst,
              facts.flow(i, Mode.BEST),
              () -> facts.flowUnknownsBehind(i));
      if (!o.fires()) return;
      List<String> path = List.of(fl.from(), fl.to());
      List<String> why = new ArrayList<>();
      Map<String, Object> shown = o.conditional() ? worst : facts.flow(i, Mode.BEST);
      for (String template : t.why()) WhyText.line(template, cm, shown, path).ifPresent(why::add);
      out.add(
          finish(
              t,
              o,
              Optional.empty(),
              Optional.of(fl.id()),
              List.of(fl.from(), fl.to()),
              worst,
              p -> why,
              path,
              fl.position(),
              false));
    }

    /** The controls that count on one path, and the severity they leave. */
    private record Rated(
        List<Mitigation> mitigations,
        boolean fullImplemented,
        Severity severity,
        List<String> steps,
        List<String> credits) {
      boolean helped() {
        return mitigations.stream().anyMatch(m -> m.state().equals("implemented"));
      }

      boolean anyoneReaches() {
        return steps.stream().anyMatch(x -> x.startsWith(SeverityModel.ANYONE_REACHES));
      }

      /** Worse for the team: not mitigated beats mitigated, then the higher severity. */
      boolean worseThan(Rated o) {
        if (fullImplemented != o.fullImplemented) return !fullImplemented;
        return severity.compareTo(o.severity) < 0; // CRITICAL first
      }
    }

    private Rated rate(
        Threat t,
        Evaluation.Outcome o,
        Optional<String> component,
        boolean isFlow,
        List<String> on,
        Map<String, Object> f,
        List<String> path,
        boolean malicious) {
      List<Mitigation> mitigations = new ArrayList<>();
      List<String> credits = new ArrayList<>();
      boolean fullImplemented = false;
      List<String> partialNames = new ArrayList<>();
      ControlScope.Around scope = null;
      // poison from a source travels on into training: controls on that way stand in its way
      List<String> way = path;
      if (t.family().equals("data-poisoning") && component.isPresent()) {
        List<String> into = scopes.intoTraining(component.get());
        if (!into.isEmpty()) {
          way = new ArrayList<>(path);
          way.addAll(into);
        }
      }
      for (Applicable ap : applicable(t)) {
        ControlDef def = ap.def();
        String strength = ap.strength();
        if (scope == null) scope = scopes.of(on, way);
        String state = "missing";
        for (String target : scopes.where(def.placement(), on, way, scope)) {
          if (implemented.getOrDefault(target, List.of()).contains(def.id())) {
            // an approval keyed on a mark the steering input sets stops no steered call
            if (def.id().equals("human-approval") && facts.approvalSwitchedOff(g.indexOf(target)))
              continue;
            state = "implemented";
            credits.add(def.id() + "@" + target);
            if (strength.equals("full") && approvalDenied(def.id(), target)) strength = "partial";
          } else if (planned.getOrDefault(target, Set.of()).contains(def.id())) {
            credits.add(def.id() + "@" + target);
            if (!state.equals("implemented")) state = "planned";
          }
        }
        mitigations.add(new Mitigation(def.id(), state, strength));
        if (state.equals("implemented")) {
          if (strength.equals("full")) fullImplemented = true;
          else partialNames.add(def.id());
        }
      }
      List<String> steps = new ArrayList<>();
      Severity s =
          SeverityModel.rate(
              t,
              component.orElse(""),
              f,
              path,
              component.map(c -> facts.queryingActors(g.indexOf(c))).orElse(new int[0]),
              isFlow,
              partialNames,
              o.conditional(),
              malicious,
              g,
              steps);
      return new Rated(mitigations, fullImplemented, s, steps, credits);
    }

    /**
     * A human-approval control on an agent tool that itself states {@code requires-approval:
     * false}: the tool's calls run unapproved, so the approval covers some of its calls (scheduled
     * posts, one kind of request), not the ones the finding is about. It counts as partial, never
     * as full (docs/analysis.md, "What a steered tool can do").
     */
    private boolean approvalDenied(String control, String target) {
      if (!control.equals("human-approval")) return false;
      int v = g.indexOf(target);
      return v >= 0
          && g.kind(v) == ComponentKind.AGENT_TOOL
          && g.component(v).bool("requires-approval").map(b -> !b).orElse(false);
    }

    private Finding finish(
        Threat t,
        Evaluation.Outcome o,
        Optional<String> component,
        Optional<String> flow,
        List<String> on,
        Map<String, Object> f,
        java.util.function.Function<List<String>, List<String>> whyFor,
        List<String> path,
        Position location,
        boolean malicious) {
      String id = t.id() + "@" + component.orElseGet(flow::get);
      Rated r = rate(t, o, component, flow.isPresent(), on, f, path, malicious);
      credited.addAll(r.credits());
      // the drawn path enters at the least trusted influence; an attacker takes whichever route
      // is worst for the team: one no control stands on, or one anyone can reach
      if (component.isPresent() && (r.helped() || !r.anyoneReaches())) {
        for (List<String> alt :
            paths.alternatives(t.path(), g.indexOf(component.get()), path, MAX_ALTERNATIVES)) {
          Rated a = rate(t, o, component, false, on, f, alt, malicious);
          if (a.worseThan(r)) {
            r = a;
            path = alt;
          }
        }
        // supply upstream is rated, not drawn: the drawn path keeps following the data
        if (!r.anyoneReaches())
          for (List<String> supply :
              paths.anyChannel(t.path(), g.indexOf(component.get()), MAX_ALTERNATIVES)) {
            if (supply.equals(path)) continue;
            Rated a = rate(t, o, component, false, on, f, supply, malicious);
            if (a.severity().compareTo(r.severity()) < 0
                && a.fullImplemented() == r.fullImplemented()) r = a;
          }
      }
      List<Mitigation> mitigations = r.mitigations();
      boolean fullImplemented = r.fullImplemented();
      List<String> steps = r.steps();
      Severity s = r.severity();
      List<String> why = whyFor.apply(path);
      FindingStatus status = o.conditional() ? FindingStatus.CONDITIONAL : FindingStatus.OPEN;
      if (fullImplemented) status = FindingStatus.MITIGATED;
      return new Finding(
          id,
          t.id(),
          t.title(),
          t.threatClass(),
          component,
          flow,
          s,
          status,
          why,
          path,
          status == FindingStatus.CONDITIONAL ? o.dependsOn() : List.of(),
          mitigations,
          EntryTechniques.of(t, path, g),
          Optional.empty(),
          location,
          steps,
          List.of(component.orElseGet(flow::get)),
          List.of(),
          List.of());
    }

    /** Applies the team's decision, matched by the finding's id or any of its aliases. */
    Finding decide(Finding f) {
      Decision d = null;
      for (String id : f.ids()) {
        d = decisions.get(id);
        if (d != null) break;
      }
      if (d == null) return f;
      FindingStatus status = f.status();
      Optional<Decision> decision = Optional.empty();
      List<String> why = f.why();
      if (d.inForce(today)) {
        decision = Optional.of(d);
        status =
            switch (d.status()) {
              case ACCEPTED -> FindingStatus.ACCEPTED;
              case MITIGATED -> FindingStatus.MITIGATED;
              case FALSE_POSITIVE -> FindingStatus.FALSE_POSITIVE;
              case IN_PROGRESS -> FindingStatus.IN_PROGRESS;
            };
      } else {
        why = new ArrayList<>(why);
        why.add(
            "the decision '"
                + d.status().id()
                + "' expired on "
                + d.until().orElseThrow()
                + ", so the finding is open again");
      }
      return new Finding(
          f.id(),
          f.threat(),
          f.title(),
          f.threatClass(),
          f.component(),
          f.flow(),
          f.severity(),
          status,
          why,
          f.path(),
          status == FindingStatus.CONDITIONAL ? f.dependsOn() : List.of(),
          f.mitigations(),
          f.refs(),
          decision,
          f.location(),
          f.severitySteps(),
          f.targets(),
          f.aliases(),
          f.variants());
    }
  }
}
