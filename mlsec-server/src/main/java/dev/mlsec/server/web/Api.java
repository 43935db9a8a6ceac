package dev.mlsec.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsec.server.HttpError;
import dev.mlsec.server.Limits;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Principal;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import dev.mlsec.server.notify.Targets;
import dev.mlsec.server.store.AuditRow;
import dev.mlsec.server.store.DecisionRecord;
import dev.mlsec.server.store.DecisionsExport;
import dev.mlsec.server.store.Diff;
import dev.mlsec.server.store.FindingRow;
import dev.mlsec.server.store.Outbox;
import dev.mlsec.server.store.Portfolio;
import dev.mlsec.server.store.ProjectSummary;
import dev.mlsec.server.store.ScanRow;
import dev.mlsec.server.store.ScanUpload;
import dev.mlsec.server.store.Store;
import dev.mlsec.server.store.TrackedFinding;
import dev.mlsec.server.store.Upload;
import dev.mlsec.server.store.VersionInfo;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON API under /api/v1, described by /api/v1/openapi.json. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String OPENAPI = resource("openapi.json");

  private final Store store;
  private final Access access;
  private final boolean privateWebhooks;

  Api(Store store, Access access, boolean privateWebhooks) {
    this.store = store;
    this.access = access;
    this.privateWebhooks = privateWebhooks;
  }

  void routes(Routes r) {
    r.get("/api/v1/health", this::health);
    r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(OPENAPI));
    r.post("/api/v1/tokens", this::createToken);
    r.post("/api/v1/users", this::createUser);
    r.post("/api/v1/uploads", this::upload);
    r.get("/api/v1/projects", this::projects);
    r.get("/api/v1/projects/{name}/versions", this::versions);
    r.get("/api/v1/projects/{name}/versions/{number}/findings", this::findings);
    r.get("/api/v1/projects/{name}/diff", this::diff);
    r.get("/api/v1/projects/{name}/decisions", this::decisions);
    r.post("/api/v1/projects/{name}/decisions", this::decide);
    r.post("/api/v1/projects/{name}/decisions/approve", this::approve);
    r.get("/api/v1/projects/{name}/decisions/export", this::export);
    r.post("/api/v1/projects/{name}/labels", this::label);
    r.get("/api/v1/projects/{name}/audit", this::audit);
    r.post("/api/v1/projects/{name}/scans", this::uploadScan);
    r.get("/api/v1/projects/{name}/versions/{number}/scans", this::scans);
    r.post("/api/v1/webhooks", this::registerWebhook);
    r.get("/api/v1/webhooks", this::webhooks);
  }

  private void health(Context ctx) {
    ObjectNode n = JSON.createObjectNode();
    boolean up = store.ping();
    n.put("status", up ? "ok" : "unavailable");
    n.put("database", up ? "ok" : "unreachable");
    send(ctx, up ? 200 : 503, n);
  }

  private void createToken(Context ctx) {
    Principal who = access.token(ctx);
    JsonNode body = Upload.readJson(body(ctx));
    Role role =
        Role.byId(body.path("role").asText(""))
            .orElseThrow(() -> HttpError.bad("role must be viewer, uploader, editor or admin"));
    String project =
        body.hasNonNull("project")
            ? Limits.text("project", body.get("project").asText(), Limits.MAX_NAME)
            : null;
    if (project == null && role != Role.ADMIN)
      throw HttpError.bad("project is required for a " + role.id() + " token");
    if (project == null ? !who.admin() : !who.may(project, Role.ADMIN))
      throw new HttpError(403, who.name() + " may not create this token");
    LocalDate expires = date("expires", body.path("expires").asText(null));
    if (expires != null && expires.isBefore(access.today()))
      throw HttpError.bad("expires " + expires + " is in the past");
    String token = Secrets.create("mlsec_");
    store.createToken(Secrets.hash(token), project, role, expires, who.name());
    ObjectNode n = JSON.createObjectNode();
    n.put("token", token);
    n.put("project", project);
    n.put("role", role.id());
    n.put("expires", expires == null ? null : expires.toString());
    send(ctx, 201, n);
  }

  private void createUser(Context ctx) {
    Principal who = access.token(ctx);
    if (!who.admin()) throw new HttpError(403, who.name() + " may not create users");
    JsonNode body = Upload.readJson(body(ctx));
    String name = Limits.text("name", body.path("name").asText(null), Limits.MAX_NAME);
    // without a password the user signs in through single sign-on only
    String password =
        body.path("password").isMissingNode() ? null : password(body.path("password").asText(null));
    Map<String, Role> roles = new LinkedHashMap<>();
    JsonNode projects = body.path("projects");
    if (!projects.isMissingNode() && !projects.isObject())
      throw HttpError.bad("projects must be an object: {\"NAME\": \"viewer\"}");
    if (projects.size() > Limits.MAX_PAGE) throw HttpError.bad("too many projects");
    projects
        .properties()
        .forEach(
            e -> {
              Role r =
                  Role.byId(e.getValue().asText(""))
                      .filter(x -> x != Role.UPLOADER)
                      .orElseThrow(() -> HttpError.bad("a user's role is viewer, editor or admin"));
              roles.put(Limits.text("project", e.getKey(), Limits.MAX_NAME), r);
            });
    store.createUser(
        name,
        password == null ? null : Passwords.hash(password),
        body.path("admin").asBoolean(false),
        roles,
        who.name());
    ObjectNode n = JSON.createObjectNode();
    n.put("name", name);
    send(ctx, 201, n);
  }

  static String password(String password) {
    if (password == null) throw HttpError.bad("password is required");
    if (password.length() < 12) throw HttpError.bad("a password has at least 12 characters");
    if (password.length() > 200) throw HttpError.bad("a password has at most 200 characters");
    return password;
  }

  private void upload(Context ctx) {
    Principal who = access.token(ctx);
    Upload u = Upload.parse(body(ctx));
    Access.require(who, u.project(), Role.UPLOADER);
    Store.Stored s = store.store(u, who.name(), access.today());
    stored(ctx, s.project(), s.version(), s.created());
  }

  /** The answer to an upload: 201 when it made something new, 200 when it was there already. */
  private static void stored(Context ctx, String project, int version, boolean created) {
    ObjectNode n = JSON.createObjectNode();
    n.put("project", project);
    n.put("version", version);
    n.put("created", created);
    send(ctx, created ? 201 : 200, n);
  }

  private void uploadScan(Context ctx) {
    Principal who = access.token(ctx);
    String name = Limits.text("project", ctx.pathParam("name"), Limits.MAX_NAME);
    Access.require(who, name, Role.UPLOADER);
    Store.StoredScan s = store.storeScan(name, ScanUpload.parse(body(ctx)), who.name());
    stored(ctx, s.project(), s.version(), s.created());
  }

  private void scans(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.VIEWER);
    int number = number("number", ctx.pathParam("number"));
    requireVersion(name, number);
    ArrayNode list = JSON.createArrayNode();
    for (ScanRow r : store.scans(name, number)) {
      ObjectNode n = list.addObject();
      n.put("uploaded-at", r.uploadedAt().toString());
      n.put("uploaded-by", r.uploadedBy());
      n.put("git-commit", r.gitCommit());
      n.put("git-branch", r.gitBranch());
      ObjectNode v = n.putObject("verdicts");
      r.verdicts().forEach(v::put);
      n.set("report", parsed(r.report()));
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("project", name);
    n.put("version", number);
    n.set("scans", list);
    send(ctx, 200, n);
  }

  private void registerWebhook(Context ctx) {
    Principal who = access.token(ctx);
    if (!who.admin()) throw new HttpError(403, who.name() + " may not register webhooks");
    JsonNode body = Upload.readJson(body(ctx));
    String url = body.path("url").asText(null);
    String refused = Targets.refusal(url, privateWebhooks);
    if (refused != null) throw HttpError.bad(refused);
    String kind = body.path("kind").asText("json");
    if (!kind.equals("json") && !kind.equals("slack"))
      throw HttpError.bad("kind must be json or slack");
    String secret =
        body.hasNonNull("secret") ? Limits.text("secret", body.get("secret").asText(), 200) : null;
    if (secret != null && secret.length() < 16)
      throw HttpError.bad("a secret has at least 16 characters");
    String project =
        body.hasNonNull("project")
            ? Limits.text("project", body.get("project").asText(), Limits.MAX_NAME)
            : null;
    send(ctx, 201, webhook(store.outbox().register(url, kind, secret, project, who.name())));
  }

  private void webhooks(Context ctx) {
    Principal who = access.token(ctx);
    if (!who.admin()) throw new HttpError(403, who.name() + " may not see webhooks");
    ArrayNode list = JSON.createArrayNode();
    for (Outbox.Webhook w : store.outbox().webhooks()) list.add(webhook(w));
    Outbox.Counts c = store.outbox().counts();
    ObjectNode n = JSON.createObjectNode();
    n.set("webhooks", list);
    n.putObject("outbox")
        .put("pending", c.pending())
        .put("delivered", c.delivered())
        .put("failed", c.failed());
    send(ctx, 200, n);
  }

  private static ObjectNode webhook(Outbox.Webhook w) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", w.id());
    n.put("url", w.url());
    n.put("kind", w.kind());
    n.put("project", w.project());
    n.put("signed", w.signed());
    return n;
  }

  private void projects(Context ctx) {
    Principal who = access.token(ctx);
    Portfolio.Page page = portfolioPage(ctx, who, access.today());
    ArrayNode list = JSON.createArrayNode();
    for (Portfolio.Line l : page.lines()) {
      ObjectNode p = summary(l.summary());
      p.put("team", l.team());
      l.tags().forEach(p.putArray("tags")::add);
      if (page.query().group() != null) p.put("group", l.group());
      list.add(p);
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("page", page.page());
    n.put("limit", page.limit());
    n.put("total", page.total());
    n.put("team", page.query().team());
    n.put("tag", page.query().tag());
    n.put("group", page.query().group());
    n.set("projects", list);
    send(ctx, 200, n);
  }

  /**
   * The page of the portfolio that {@code ?page=P&limit=L&team=T&tag=G&group=team|tag} asks for (by
   * group, then name, from page 1; an empty parameter is an absent one).
   */
  Portfolio.Page portfolioPage(Context ctx, Principal who, LocalDate today) {
    int page = optionalNumber(ctx, "page", 1, Portfolio.MAX_PAGE);
    int limit = optionalNumber(ctx, "limit", Portfolio.DEFAULT_LIMIT, Portfolio.MAX_LIMIT);
    String team = optionalText(ctx, "team", Limits.MAX_NAME);
    String tag = optionalText(ctx, "tag", MAX_TAG);
    String group = optionalText(ctx, "group", 10);
    if (group != null && !Portfolio.Query.GROUPS.contains(group))
      throw HttpError.bad("group must be team or tag");
    return store.portfolio().page(who, today, new Portfolio.Query(page, limit, team, tag, group));
  }

  private static String optionalText(Context ctx, String name, int max) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty() ? null : Limits.text(name, value, max);
  }

  /** A whole-number query parameter from 1 to {@code max}, or {@code otherwise} when absent. */
  static int optionalNumber(Context ctx, String name, int otherwise, int max) {
    String value = ctx.queryParam(name);
    if (value == null) return otherwise;
    Limits.text(name, value, 9);
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw HttpError.bad(name + " " + value + " is not a whole number");
    }
    if (n < 1 || n > max) throw HttpError.bad(name + " must be from 1 to " + max);
    return n;
  }

  static ObjectNode summary(ProjectSummary p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", p.name());
    n.put("latest-version", p.latestVersion());
    n.put("last-upload", p.lastUpload().toString());
    ObjectNode open = n.putObject("open");
    p.openBySeverity().forEach(open::put);
    ObjectNode classes = n.putObject("open-by-class");
    p.openByClass().forEach(classes::put);
    p.worstOpen().ifPresent(f -> n.set("worst-open", finding(f)));
    return n;
  }

  private String project(Context ctx, Principal who, Role role) {
    String name = Limits.text("project", ctx.pathParam("name"), Limits.MAX_NAME);
    access.requireProject(who, name, role);
    return name;
  }

  private void requireVersion(String name, int number) {
    if (!store.hasVersion(name, number))
      throw HttpError.notFound("project " + name + " has no version " + number);
  }

  private void versions(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.VIEWER);
    ArrayNode list = JSON.createArrayNode();
    for (VersionInfo v : store.versions(name)) list.add(version(v));
    ObjectNode n = JSON.createObjectNode();
    n.put("project", name);
    n.set("versions", list);
    send(ctx, 200, n);
  }

  static ObjectNode version(VersionInfo v) {
    ObjectNode n = JSON.createObjectNode();
    n.put("version", v.number());
    n.put("uploaded-at", v.uploadedAt().toString());
    n.put("uploaded-by", v.uploadedBy());
    n.put("file", v.fileName());
    n.put("tool-version", v.toolVersion());
    n.put("catalog-version", v.catalogVersion());
    n.put("git-commit", v.gitCommit());
    n.put("git-branch", v.gitBranch());
    n.put("findings", v.findings());
    return n;
  }

  private void findings(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.VIEWER);
    int number = number("number", ctx.pathParam("number"));
    requireVersion(name, number);
    ArrayNode list = JSON.createArrayNode();
    for (TrackedFinding t : store.findings(name, number, access.today())) {
      ObjectNode f = finding(t.finding());
      f.put("status", t.status());
      f.put("analysis-status", t.finding().status());
      t.decision().ifPresent(d -> f.set("decision", decision(d, access.today())));
      list.add(f);
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("project", name);
    n.put("version", number);
    n.set("findings", list);
    send(ctx, 200, n);
  }

  private void diff(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.VIEWER);
    int from = number("from", ctx.queryParam("from"));
    int to = number("to", ctx.queryParam("to"));
    requireVersion(name, from);
    requireVersion(name, to);
    Diff d = store.diff(name, from, to);
    ObjectNode n = JSON.createObjectNode();
    n.put("project", name);
    n.put("from", from);
    n.put("to", to);
    ArrayNode added = n.putArray("new");
    d.added().forEach(f -> added.add(finding(f)));
    ArrayNode resolved = n.putArray("resolved");
    d.resolved().forEach(f -> resolved.add(finding(f)));
    ArrayNode changed = n.putArray("changed-severity");
    for (Diff.Changed c : d.changed()) {
      ObjectNode o = finding(c.after());
      o.put("severity-before", c.before().severity());
      changed.add(o);
    }
    send(ctx, 200, n);
  }

  private void decisions(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.VIEWER);
    ArrayNode list = JSON.createArrayNode();
    for (DecisionRecord d : store.decisions(name)) list.add(decision(d, access.today()));
    ArrayNode pending = JSON.createArrayNode();
    for (Store.PendingDecision p : store.pending(name))
      pending.add(decision(p.request(), access.today()).put("severity", p.severity()));
    ObjectNode n = JSON.createObjectNode();
    n.put("project", name);
    n.set("decisions", list);
    n.set("pending", pending);
    send(ctx, 200, n);
  }

  /** At most this many tags per project, each at most {@link #MAX_TAG} characters. */
  static final int MAX_TAGS = 20;

  static final int MAX_TAG = 100;

  private void label(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.EDITOR);
    JsonNode body = Upload.readJson(body(ctx));
    String team =
        body.hasNonNull("team")
            ? Limits.text("team", body.get("team").asText(), Limits.MAX_NAME)
            : null;
    JsonNode list = body.path("tags");
    if (!list.isMissingNode() && !list.isArray()) throw HttpError.bad("tags must be a list");
    if (list.size() > MAX_TAGS)
      throw HttpError.bad("tags has " + list.size() + " entries, more than " + MAX_TAGS);
    java.util.TreeSet<String> tags = new java.util.TreeSet<>();
    for (JsonNode t : list) {
      if (!t.isTextual()) throw HttpError.bad("every tag must be a string");
      tags.add(Limits.text("tag", t.asText(), MAX_TAG));
    }
    Store.Labels l = store.label(name, team, List.copyOf(tags), who.name());
    ObjectNode n = JSON.createObjectNode();
    n.put("project", name);
    n.put("team", l.team());
    n.put("team-from-workflow", l.fromWorkflow());
    l.tags().forEach(n.putArray("tags")::add);
    send(ctx, 200, n);
  }

  private void decide(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.EDITOR);
    JsonNode body = Upload.readJson(body(ctx));
    DecisionRecord d =
        decisionInput(
            body.path("finding").asText(null),
            body.path("state").asText(null),
            body.path("reason").asText(null),
            body.path("owner").asText(null),
            body.path("expires").asText(null),
            who.name());
    Store.Decided done = store.decide(name, d, access.today());
    ObjectNode n = decision(done.decision(), access.today());
    n.put("pending", done.pending());
    // 202: filed, not yet in force (it waits for a second approver)
    send(ctx, done.pending() ? 202 : 201, n);
  }

  private void approve(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.EDITOR);
    JsonNode body = Upload.readJson(body(ctx));
    String finding =
        Limits.text("finding", body.path("finding").asText(null), Limits.MAX_FINGERPRINT);
    DecisionRecord d = store.approve(name, finding, who.name(), access.today());
    ObjectNode n = decision(d, access.today());
    n.put("approved-by", who.name());
    send(ctx, 201, n);
  }

  /** Checks a decision from the API or a form. */
  DecisionRecord decisionInput(
      String finding, String state, String reason, String owner, String expires, String actor) {
    Limits.text("finding", finding, Limits.MAX_FINGERPRINT);
    if (state == null || !DecisionRecord.STATES.contains(state))
      throw HttpError.bad("state must be accepted, mitigated, false-positive or in-progress");
    LocalDate until = date("expires", expires == null || expires.isEmpty() ? null : expires);
    return new DecisionRecord(
        finding,
        state,
        Limits.text("reason", reason, Limits.MAX_TEXT),
        Limits.text("owner", owner, Limits.MAX_NAME),
        until,
        actor,
        null);
  }

  private void export(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.VIEWER);
    ctx.contentType("application/yaml; charset=utf-8")
        .result(DecisionsExport.yaml(store.decisions(name), access.today()));
  }

  private void audit(Context ctx) {
    Principal who = access.token(ctx);
    String name = project(ctx, who, Role.VIEWER);
    ArrayNode list = JSON.createArrayNode();
    for (AuditRow a : store.audit(name, Limits.MAX_PAGE)) {
      ObjectNode n = list.addObject();
      n.put("id", a.id());
      n.put("at", a.at().toString());
      n.put("actor", a.actor());
      n.put("action", a.action());
      n.put("subject", a.subject());
      n.set("before", parsed(a.before()));
      n.set("after", parsed(a.after()));
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("project", name);
    n.set("audit", list);
    send(ctx, 200, n);
  }

  /** A JSON document the server stored itself (so it parses). */
  static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parsed(String json) {
    if (json == null) return JSON.nullNode();
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(json);
    }
  }

  static ObjectNode finding(FindingRow f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", f.fingerprint());
    n.put("threat", f.threat());
    n.put("title", f.title());
    n.put("class", f.klass());
    n.put("component", f.component());
    n.put("severity", f.severity());
    n.put("status", f.status());
    return n;
  }

  static ObjectNode decision(DecisionRecord d, LocalDate today) {
    ObjectNode n = JSON.createObjectNode();
    n.put("finding", d.finding());
    n.put("state", d.state());
    n.put("reason", d.reason());
    n.put("owner", d.owner());
    n.put("expires", d.expires() == null ? null : d.expires().toString());
    n.put("expired", !d.active(today));
    n.put("decided-by", d.decidedBy());
    n.put("decided-at", d.decidedAt() == null ? null : d.decidedAt().toString());
    return n;
  }

  static LocalDate date(String field, String value) {
    if (value == null) return null;
    try {
      return LocalDate.parse(Limits.text(field, value, 10));
    } catch (DateTimeParseException e) {
      throw HttpError.bad(field + " " + value + " is not a date: write it as YYYY-MM-DD");
    }
  }

  static int number(String field, String value) {
    Limits.text(field, value, 9);
    try {
      int n = Integer.parseInt(value);
      if (n < 1) throw HttpError.bad(field + " must be 1 or more");
      return n;
    } catch (NumberFormatException e) {
      throw HttpError.bad(field + " " + value + " is not a version number");
    }
  }

  static byte[] body(Context ctx) {
    long length = ctx.contentLength();
    if (length > Limits.MAX_REQUEST_BYTES) throw tooLarge();
    byte[] b = ctx.bodyAsBytes();
    if (b.length > Limits.MAX_REQUEST_BYTES) throw tooLarge();
    return b;
  }

  private static HttpError tooLarge() {
    return new HttpError(413, "the request is larger than " + Limits.MAX_REQUEST_BYTES + " bytes");
  }

  static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  static String resource(String name) {
    try (InputStream in = Api.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
