package dev.mlsec.server.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsec.analysis.BeliefCheck;
import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.Threat;
import dev.mlsec.server.HttpError;
import dev.mlsec.server.Limits;
import dev.mlsec.server.auth.Principal;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.store.AuditRow;
import dev.mlsec.server.store.DecisionRecord;
import dev.mlsec.server.store.EvidenceExport;
import dev.mlsec.server.store.SharedComponents;
import dev.mlsec.server.store.Store;
import dev.mlsec.server.store.TeamBeliefs;
import dev.mlsec.server.store.ThreatExposure;
import dev.mlsec.server.store.TrackedFinding;
import dev.mlsec.server.store.VersionInfo;
import dev.mlsec.server.team.MentalModel;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The views across and beside the project history: one threat across the portfolio, the portfolio
 * graph of shared components, the team's mental model, and the regulation evidence; each as a page
 * (through {@link Pages}' rendering and policy) and as JSON under /api/v1.
 */
final class PortfolioPages {
  /** A custom control id as a workflow file writes it. */
  private static final Pattern CUSTOM = Pattern.compile("custom:[a-z0-9][a-z0-9-]{0,99}");

  private final Store store;
  private final Access access;
  private final Pages pages;
  private final ThreatExposure exposure;
  private final SharedComponents graph;
  private final TeamBeliefs beliefs;

  PortfolioPages(Store store, Access access, Pages pages) {
    this.store = store;
    this.access = access;
    this.pages = pages;
    this.exposure = new ThreatExposure(store.jdbi());
    this.graph = new SharedComponents(store.jdbi());
    this.beliefs = new TeamBeliefs(store.jdbi());
  }

  /** The built-in catalog and the belief checker over it, built on first use. */
  private static final class BuiltIn {
    static final Catalog CATALOG = CatalogLoader.builtIn();
    static final BeliefCheck CHECK = new BeliefCheck(CATALOG);
  }

  void routes(Routes r) {
    r.get("/threats/{id}", this::threatPage);
    r.get("/graph", this::graphPage);
    r.get("/projects/{name}/team", this::teamPage);
    r.post("/projects/{name}/team", this::addBelief);
    r.post("/projects/{name}/team/remove", this::removeBelief);
    r.get("/projects/{name}/evidence", this::evidencePage);
    r.get("/api/v1/threats/{id}", this::threatJson);
    r.get("/api/v1/graph", this::graphJson);
    r.get("/api/v1/projects/{name}/team", this::teamJson);
    r.get("/api/v1/projects/{name}/evidence", this::evidenceJson);
  }

  // ---- one threat across the portfolio

  private record ThreatAnswer(String id, Optional<Threat> threat, List<ThreatExposure.Exposure> e) {
    String title() {
      return threat
          .map(Threat::title)
          .orElse(e.isEmpty() ? id : e.get(0).finding().finding().title());
    }
  }

  private ThreatAnswer threat(Context ctx, Principal who) {
    String id = Limits.text("threat", ctx.pathParam("id"), Limits.MAX_NAME);
    Optional<Threat> t = BuiltIn.CATALOG.threat(id);
    List<ThreatExposure.Exposure> list = exposure.of(id, who, access.today());
    // unknown to the catalog and to every project the caller may see: nothing to show
    if (t.isEmpty() && list.isEmpty()) throw HttpError.notFound("no threat " + id);
    return new ThreatAnswer(id, t, list);
  }

  private void threatPage(Context ctx) {
    Access.Session s = pages.signedIn(ctx);
    ThreatAnswer a = threat(ctx, s.principal());
    pages.render(
        ctx,
        200,
        "threat.jte",
        new PortfolioViews.ThreatPage(
            Pages.chrome(a.title(), s),
            a.id(),
            a.title(),
            a.threat().map(Threat::summary).orElse(""),
            a.threat()
                .map(x -> x.threatClass().id())
                .orElse(a.e().isEmpty() ? "" : a.e().get(0).finding().finding().klass()),
            a.e()));
  }

  private void threatJson(Context ctx) {
    Principal who = access.token(ctx);
    ThreatAnswer a = threat(ctx, who);
    ObjectNode n = Api.JSON.createObjectNode();
    n.put("threat", a.id());
    n.put("title", a.title());
    n.put("known-to-catalog", a.threat().isPresent());
    ArrayNode list = n.putArray("exposed-in");
    for (ThreatExposure.Exposure e : a.e()) {
      ObjectNode o = list.addObject();
      o.put("project", e.project());
      o.put("version", e.version());
      tracked(o, e.finding());
    }
    Api.send(ctx, 200, n);
  }

  private void tracked(ObjectNode o, TrackedFinding t) {
    o.set("finding", Api.finding(t.finding()));
    o.put("status", t.status());
    o.put("open", t.open());
    if (t.decision().isPresent())
      o.set("decision", Api.decision(t.decision().get(), access.today()));
    else o.putNull("decision");
  }

  // ---- the portfolio graph

  private void graphPage(Context ctx) {
    Access.Session s = pages.signedIn(ctx);
    pages.render(
        ctx,
        200,
        "graph.jte",
        new PortfolioViews.GraphPage(
            Pages.chrome("Shared components", s), graph.of(s.principal())));
  }

  private void graphJson(Context ctx) {
    Principal who = access.token(ctx);
    ObjectNode n = Api.JSON.createObjectNode();
    n.put(
        "join-rule",
        "same kind, and the same id or the same name (case and spacing ignored), transitively");
    ArrayNode list = n.putArray("shared");
    for (SharedComponents.Shared sh : graph.of(who)) {
      ObjectNode o = list.addObject();
      o.put("kind", sh.kind());
      o.put("identity", sh.identity());
      ArrayNode by = o.putArray("joined-by");
      sh.joinedBy().forEach(by::add);
      ArrayNode members = o.putArray("in");
      for (SharedComponents.Member m : sh.members()) {
        ObjectNode mo = members.addObject();
        mo.put("project", m.project());
        mo.put("version", m.version());
        mo.put("component", m.component());
        mo.put("name", m.name());
        ArrayNode reaches = mo.putArray("reaches");
        for (SharedComponents.Reached r : m.reaches())
          reaches.addObject().put("component", r.component()).put("kind", r.kind());
      }
    }
    Api.send(ctx, 200, n);
  }

  // ---- the team's mental model

  private MentalModel model(String project) {
    List<TrackedFinding> latest =
        store
            .latest(project)
            .map(v -> store.findings(project, v, access.today()))
            .orElse(List.of());
    return MentalModel.of(beliefs.of(project), latest, BuiltIn.CATALOG, BuiltIn.CHECK);
  }

  private void teamPage(Context ctx) {
    Access.Session s = pages.signedIn(ctx);
    String name = Pages.name(ctx);
    access.requireProject(s.principal(), name, Role.VIEWER);
    pages.render(
        ctx,
        200,
        "team.jte",
        new PortfolioViews.TeamPage(
            Pages.chrome(name + ": the team's view", s),
            name,
            model(name),
            s.principal().name(),
            s.principal().may(name, Role.EDITOR),
            BuiltIn.CATALOG.controls(),
            BuiltIn.CATALOG.families(),
            BuiltIn.CATALOG.threats()));
  }

  private void addBelief(Context ctx) {
    Access.Session s = pages.signedIn(ctx);
    Pages.csrf(ctx, s.csrf());
    String name = Pages.name(ctx);
    access.requireProject(s.principal(), name, Role.EDITOR);
    String kind = Optional.ofNullable(ctx.formParam("kind")).orElse("");
    String me = s.principal().name();
    if (kind.equals("concern")) {
      beliefs.add(
          name, me, Limits.text("concern", ctx.formParam("concern"), Limits.MAX_TEXT), null, null);
    } else if (kind.equals("control")) {
      String control = Limits.text("control", ctx.formParam("control"), Limits.MAX_NAME);
      if (BuiltIn.CATALOG.control(control).isEmpty() && !CUSTOM.matcher(control).matches())
        throw HttpError.bad("control " + control + " is not in the catalog (or write custom:NAME)");
      String threat = Limits.text("threat", ctx.formParam("threat"), Limits.MAX_NAME);
      if (BuiltIn.CATALOG.threat(threat).isEmpty() && BuiltIn.CATALOG.family(threat).isEmpty())
        throw HttpError.bad(
            "threat " + threat + " is neither a threat nor a family of the catalog");
      beliefs.add(name, me, null, control, threat);
    } else {
      throw HttpError.bad("kind must be concern or control");
    }
    ctx.redirect(Views.url(name) + "/team#mine", HttpStatus.SEE_OTHER);
  }

  private void removeBelief(Context ctx) {
    Access.Session s = pages.signedIn(ctx);
    Pages.csrf(ctx, s.csrf());
    String name = Pages.name(ctx);
    access.requireProject(s.principal(), name, Role.EDITOR);
    String id = Limits.text("id", ctx.formParam("id"), 18);
    long n;
    try {
      n = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw HttpError.bad("id " + id + " is not a number");
    }
    beliefs.remove(name, s.principal().name(), n);
    ctx.redirect(Views.url(name) + "/team#mine", HttpStatus.SEE_OTHER);
  }

  private void teamJson(Context ctx) {
    Principal who = access.token(ctx);
    String name = Limits.text("project", ctx.pathParam("name"), Limits.MAX_NAME);
    access.requireProject(who, name, Role.VIEWER);
    MentalModel m = model(name);
    ObjectNode n = Api.JSON.createObjectNode();
    n.put("project", name);
    ArrayNode members = n.putArray("members");
    m.members().forEach(members::add);
    ArrayNode concerns = n.putArray("concerns");
    for (MentalModel.MappedConcern c : m.concerns()) {
      ObjectNode o = concerns.addObject();
      o.put("member", c.member());
      o.put("text", c.text());
      c.matched().forEach(o.putArray("matched")::add);
      c.closest().forEach(o.putArray("closest")::add);
    }
    ArrayNode bs = n.putArray("control-beliefs");
    for (MentalModel.CheckedBelief b : m.beliefs()) {
      bs.addObject()
          .put("member", b.member())
          .put("control", b.control())
          .put("believed-to-stop", b.threat())
          .put("verdict", b.verdict())
          .put("reason", b.reason());
    }
    lines(n.putArray("agreed"), m.agreed());
    lines(n.putArray("disagreed"), m.disagreed());
    lines(n.putArray("exposed-not-named"), m.unnamed());
    lines(n.putArray("named-not-exposed"), m.notExposed());
    Api.send(ctx, 200, n);
  }

  private static void lines(ArrayNode out, List<MentalModel.ThreatLine> lines) {
    for (MentalModel.ThreatLine l : lines) {
      ObjectNode o = out.addObject();
      o.put("threat", l.threat());
      o.put("title", l.title());
      l.namedBy().forEach(o.putArray("named-by")::add);
      l.notNamedBy().forEach(o.putArray("not-named-by")::add);
      l.exposedAt().forEach(o.putArray("exposed-at")::add);
    }
  }

  // ---- regulation evidence

  private EvidenceExport evidence(Principal who, Context ctx) {
    String name = Limits.text("project", ctx.pathParam("name"), Limits.MAX_NAME);
    access.requireProject(who, name, Role.VIEWER);
    return EvidenceExport.of(store, name, access.today());
  }

  private void evidencePage(Context ctx) {
    Access.Session s = pages.signedIn(ctx);
    EvidenceExport e = evidence(s.principal(), ctx);
    pages.render(
        ctx,
        200,
        "evidence.jte",
        new PortfolioViews.EvidencePage(Pages.chrome(e.project() + ": evidence", s), e));
  }

  private void evidenceJson(Context ctx) {
    EvidenceExport e = evidence(access.token(ctx), ctx);
    ObjectNode n = Api.JSON.createObjectNode();
    n.put("project", e.project());
    ArrayNode frameworks = n.putArray("frameworks");
    frameworks.add("EU AI Act Art. 15").add("NIST AI 100-2");
    n.set("as-of", Api.version(e.latest()));
    ArrayNode findings = n.putArray("findings");
    for (EvidenceExport.FindingEvidence f : e.findings()) {
      ObjectNode o = findings.addObject();
      tracked(o, f.finding());
      f.why().forEach(o.putArray("why")::add);
      f.euAiAct().forEach(o.putArray("eu-ai-act")::add);
      f.nistAml().forEach(o.putArray("nist-aml")::add);
      f.atlas().forEach(o.putArray("atlas")::add);
      ArrayNode ms = o.putArray("mitigations");
      for (EvidenceExport.MitigationEvidence m : f.mitigations())
        ms.addObject()
            .put("control", m.control())
            .put("state", m.state())
            .put("strength", m.strength());
    }
    ArrayNode decisions = n.putArray("decisions");
    for (DecisionRecord d : e.decisions()) decisions.add(Api.decision(d, access.today()));
    ArrayNode history = n.putArray("decision-history");
    for (AuditRow a : e.decisionHistory()) {
      history
          .addObject()
          .put("at", a.at().toString())
          .put("by", a.actor())
          .put("finding", a.subject())
          .put("before", a.before())
          .put("after", a.after());
    }
    ArrayNode claims = n.putArray("controls-claimed");
    for (EvidenceExport.ClaimEvidence c : e.claims()) {
      claims
          .addObject()
          .put("control", c.control())
          .put("component", c.component())
          .put("believed-to-stop", c.believedToStop())
          .put("verdict", c.verdict())
          .put("reason", c.reason());
    }
    ArrayNode versions = n.putArray("versions");
    for (VersionInfo v : e.versions()) versions.add(Api.version(v));
    Api.send(ctx, 200, n);
  }
}
