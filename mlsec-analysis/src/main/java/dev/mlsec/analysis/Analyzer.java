package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Facts;
import dev.mlsec.analysis.fact.Mode;
import dev.mlsec.analysis.fact.WorkflowGraph;
import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Rule;
import dev.mlsec.catalog.Severity;
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

  private final CompiledCatalog compiled;
  private final Catalog catalog;

  /** Built on the first workflow with concerns: the index costs ~0.3 s of a cold start. */
  private ConcernMatcher matcher;

  public Analyzer(CompiledCatalog compiled) {
    this.compiled = compiled;
    this.catalog = compiled.catalog();
  }

  public Analyzer(Catalog catalog) {
    this(CompiledCatalog.of(catalog));
  }

  public Analysis analyze(Workflow w, LocalDate today) {
    return analyze(w, today, List.of());
  }

  public Analysis analyze(Workflow w, LocalDate today, List<ArtifactEvidence> evidence) {
    WorkflowCheck.check(w, catalog);
    WorkflowGraph graph = new WorkflowGraph(w);
    Facts facts = Facts.derive(graph);
    Run run = new Run(w, graph, facts, today, evidence);
    List<Finding> findings = run.findings();
    findings.sort(ORDER);
    List<Claim> claims = new ClaimCheck(catalog).check(w);
    List<ConcernMatch> concerns = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    for (Concern c : w.concerns()) {
      ConcernMatcher.Result mapped = matcher().match(c.text());
      List<String> matched = mapped.matched();
      named.addAll(matched);
      List<String> exposed = new ArrayList<>();
      for (Finding f : findings) if (matched.contains(f.threat())) exposed.add(f.id());
      concerns.add(new ConcernMatch(c.text(), matched, exposed, c.position(), mapped.closest()));
    }
    Set<String> unmatched = new LinkedHashSet<>();
    for (Finding f : findings)
      if (f.status().actionable() && !named.contains(f.threat())) unmatched.add(f.threat());
    return new Analysis(
        w,
        catalog,
        findings,
        claims,
        concerns,
        List.copyOf(unmatched),
        questions(w, graph, findings));
  }

  private synchronized ConcernMatcher matcher() {
    if (matcher == null) matcher = new ConcernMatcher(catalog);
    return matcher;
  }

  private List<OpenQuestion> questions(Workflow w, WorkflowGraph graph, List<Finding> findings) {
    Map<String, Position> flowPositions = new HashMap<>();
    for (Flow f : w.flows()) flowPositions.putIfAbsent(f.id(), f.position());
    Map<String, List<String>> decides = new TreeMap<>();
    for (Finding f : findings)
      if (f.status() == FindingStatus.CONDITIONAL)
        for (String a : f.dependsOn())
          decides.computeIfAbsent(a, k -> new ArrayList<>()).add(f.id());
    List<OpenQuestion> out = new ArrayList<>();
    for (var e : decides.entrySet()) {
      String attr = e.getKey();
      int dot = attr.lastIndexOf('.');
      String target = attr.substring(0, dot);
      String name = attr.substring(dot + 1);
      Position at = Position.NONE;
      String question;
      Optional<Component> c = w.component(target);
      if (c.isPresent()) {
        at = c.get().positionOf(name);
        AttributeSpec spec = c.get().kind().attributes().get(name);
        question = question(target, name, spec);
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
    final PathFinder paths;
    final Map<String, List<String>> implemented = new HashMap<>();
    final Map<String, Set<String>> planned = new HashMap<>();
    final Map<String, List<ArtifactEvidence>> evidence = new HashMap<>();
    final Map<String, Decision> decisions = new HashMap<>();
    final Map<String, Object>[] cMaps;

    Run(Workflow w, WorkflowGraph g, Facts facts, LocalDate today, List<ArtifactEvidence> ev) {
      this.w = w;
      this.g = g;
      this.facts = facts;
      this.today = today;
      this.paths = new PathFinder(facts);
      @SuppressWarnings("unchecked")
      Map<String, Object>[] maps = new Map[g.size()];
      this.cMaps = maps;
      for (Control c : w.controls())
        for (String id : c.appliesTo()) {
          if (c.implemented()) implemented.computeIfAbsent(id, k -> new ArrayList<>()).add(c.id());
          else planned.computeIfAbsent(id, k -> new TreeSet<>()).add(c.id());
        }
      implemented.replaceAll((k, v) -> List.copyOf(new TreeSet<>(v)));
      for (ArtifactEvidence e : ev)
        evidence.computeIfAbsent(e.component(), k -> new ArrayList<>()).add(e);
      for (Decision d : w.decisions()) decisions.putIfAbsent(d.finding(), d);
    }

    List<Finding> findings() {
      List<Finding> out = new ArrayList<>();
      Map<ComponentKind, List<Integer>> byKind = new HashMap<>();
      for (int v = 0; v < g.size(); v++)
        byKind.computeIfAbsent(g.kind(v), k -> new ArrayList<>()).add(v);
      for (Threat t : catalog.threats()) {
        Rule rule = compiled.rule(t.id()).orElseThrow();
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
      if (deserialization)
        for (ArtifactEvidence e : evidence.getOrDefault(c.id(), List.of())) {
          if (e.unsafe()) {
            o = Evaluation.Outcome.OPEN;
            extraWhy.add("scanning " + e.file() + " found it " + e.verdict() + ": " + e.summary());
          } else
            extraWhy.add("evidence: " + e.file() + " scanned " + e.verdict() + ": " + e.summary());
        }
      if (!o.fires()) return;
      List<String> path = paths.path(t.path(), v);
      List<String> why = new ArrayList<>();
      // an open finding holds under the best answers too, so explain it without assumptions
      Map<String, Object> shown = o.conditional() ? worst : best;
      for (String template : t.why()) why.add(WhyText.fill(template, cm, shown, path));
      why.addAll(extraWhy);
      out.add(
          finish(
              t,
              o,
              Optional.of(c.id()),
              Optional.empty(),
              List.of(c.id()),
              worst,
              why,
              path,
              c.position()));
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
      for (String template : t.why()) why.add(WhyText.fill(template, cm, shown, path));
      out.add(
          finish(
              t,
              o,
              Optional.empty(),
              Optional.of(fl.id()),
              List.of(fl.from(), fl.to()),
              worst,
              why,
              path,
              fl.position()));
    }

    private Finding finish(
        Threat t,
        Evaluation.Outcome o,
        Optional<String> component,
        Optional<String> flow,
        List<String> on,
        Map<String, Object> f,
        List<String> why,
        List<String> path,
        Position location) {
      String id = t.id() + "@" + component.orElseGet(flow::get);
      List<Mitigation> mitigations = new ArrayList<>();
      boolean fullImplemented = false;
      int partials = 0;
      List<String> partialNames = new ArrayList<>();
      for (ControlDef def : catalog.controls()) {
        String strength;
        if (def.full().contains(t.id()) || def.full().contains(t.family())) strength = "full";
        else if (def.partial().contains(t.id()) || def.partial().contains(t.family()))
          strength = "partial";
        else continue;
        String state = "missing";
        for (String target : on) {
          if (implemented.getOrDefault(target, List.of()).contains(def.id())) state = "implemented";
          else if (!state.equals("implemented")
              && planned.getOrDefault(target, Set.of()).contains(def.id())) state = "planned";
        }
        mitigations.add(new Mitigation(def.id(), state, strength));
        if (state.equals("implemented")) {
          if (strength.equals("full")) fullImplemented = true;
          else {
            partials++;
            partialNames.add(def.id());
          }
        }
      }
      List<String> steps = new ArrayList<>();
      Severity s = severity(t, f, path, flow.isPresent(), partialNames, steps);
      FindingStatus status = o.conditional() ? FindingStatus.CONDITIONAL : FindingStatus.OPEN;
      if (fullImplemented) status = FindingStatus.MITIGATED;
      Optional<Decision> decision = Optional.empty();
      Decision d = decisions.get(id);
      if (d != null) {
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
      }
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
          t.refs(),
          decision,
          location,
          steps);
    }

    @SuppressWarnings("unchecked")
    private Severity severity(
        Threat t,
        Map<String, Object> f,
        List<String> path,
        boolean isFlow,
        List<String> partials,
        List<String> steps) {
      Severity s = t.impact();
      steps.add("impact " + s.id());
      String exposure;
      List<String> assets;
      if (isFlow) {
        Map<String, Object> from = (Map<String, Object>) f.get("from");
        Map<String, Object> to = (Map<String, Object>) f.get("to");
        exposure = moreExposed((String) from.get("exposure"), (String) to.get("exposure"));
        TreeSet<String> both = new TreeSet<>((List<String>) f.get("carries_kinds"));
        both.addAll((List<String>) to.get("asset_kinds"));
        assets = List.copyOf(both);
      } else {
        exposure = (String) f.get("exposure");
        assets = (List<String>) f.get("asset_kinds");
        if (exposure.equals("none") && !path.isEmpty()) exposure = entryExposure(path.get(0));
      }
      switch (exposure) {
        case "public" -> {
          s = s.raise();
          steps.add("+1 exposed to the public");
        }
        case "internal", "on-device", "none" -> {
          s = s.lower();
          steps.add("-1 exposure " + exposure);
        }
        default -> {}
      }
      if (assets.contains("data:personal")
          || assets.contains("model:high")
          || assets.contains("credential")) {
        s = s.raise();
        steps.add(
            "+1 holds or receives "
                + String.join(
                    ", ",
                    assets.stream()
                        .filter(
                            a ->
                                a.equals("data:personal")
                                    || a.equals("model:high")
                                    || a.equals("credential"))
                        .toList()));
      }
      for (int i = 0; i < Math.min(2, partials.size()); i++) {
        s = s.lower();
        steps.add("-1 " + partials.get(i) + " (partial) implemented");
      }
      steps.add("= " + s.id());
      return s;
    }

    /**
     * How exposed the entry of an attack path is, for targets nobody queries (a training job is as
     * exposed as whoever feeds it).
     */
    private String entryExposure(String entry) {
      int u = g.indexOf(entry);
      if (u < 0) return "none";
      Component c = g.component(u);
      if (c.kind() == ComponentKind.ACTOR)
        return switch (c.text("trust").orElse("anonymous")) {
          case "anonymous", "authenticated" -> "public";
          case "partner" -> "partner";
          default -> "internal";
        };
      for (String tag : PathFinder.tags(c)) {
        String value = tag.substring(tag.indexOf(':') + 1);
        switch (value) {
          case "public-web",
              "user-generated",
              "crowdsourced",
              "crowd",
              "public-hub",
              "public",
              "external-email",
              "feedback",
              "user-feedback" -> {
            return "public";
          }
          case "third-party", "vendor", "partner" -> {
            return "partner";
          }
          default -> {}
        }
      }
      return (String) facts.component(u, Mode.BEST).get("exposure");
    }

    private String moreExposed(String a, String b) {
      List<String> order = List.of("public", "partner", "internal", "on-device", "none");
      int ia = order.indexOf(a);
      int ib = order.indexOf(b);
      if (ia < 0) return b;
      if (ib < 0) return a;
      return order.get(Math.min(ia, ib));
    }
  }
}
