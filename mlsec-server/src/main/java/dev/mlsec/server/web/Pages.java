package dev.mlsec.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import dev.mlsec.report.html.HtmlReport;
import dev.mlsec.server.HttpError;
import dev.mlsec.server.Limits;
import dev.mlsec.server.auth.LoginThrottle;
import dev.mlsec.server.auth.Oidc;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import dev.mlsec.server.store.Diff;
import dev.mlsec.server.store.ScanRow;
import dev.mlsec.server.store.Store;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The server-rendered pages (jte, HTML auto-escaping). No page runs a script; the only style is
 * inline and allowed by its hash, as in the HTML report, and every form carries a CSRF token.
 */
final class Pages {
  static final String CSP =
      "default-src 'none'; style-src '"
          + sha256(Views.CSS)
          + "'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  static final String REPORT_CSP = HtmlReport.contentSecurityPolicy() + "; frame-ancestors 'none'";
  static final Duration SESSION = Duration.ofHours(8);
  private static final String LOGIN_COOKIE = "mlsec_login";
  private static final String OIDC_COOKIE = "mlsec_oidc";

  private final Store store;
  private final Access access;
  private final Api api;
  private final LoginThrottle byUser;
  private final LoginThrottle byAddress;
  private final Clock clock;
  private final String version;
  private final Oidc oidc;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

  /** The pages; {@code oidc}: single sign-on, or null when the server has none. */
  Pages(Store store, Access access, Api api, Clock clock, String version, Oidc oidc) {
    this.oidc = oidc;
    this.store = store;
    this.access = access;
    this.api = api;
    this.clock = clock;
    this.version = version;
    this.byUser = new LoginThrottle(clock, LoginThrottle.MAX_FAILURES);
    this.byAddress = new LoginThrottle(clock, LoginThrottle.MAX_FAILURES_PER_ADDRESS);
  }

  void routes(Routes r) {
    r.get("/", this::portfolio);
    r.get("/projects/{name}", this::project);
    r.get("/projects/{name}/versions/{number}", this::report);
    r.post("/projects/{name}/decisions", this::decide);
    r.post("/projects/{name}/decisions/approve", this::approve);
    r.get("/login", this::loginForm);
    r.post("/login", this::login);
    r.post("/logout", this::logout);
    r.get("/oidc/login", this::oidcLogin);
    r.get(Oidc.CALLBACK, this::oidcCallback);
    r.get("/setup", this::setupForm);
    r.post("/setup", this::setup);
  }

  Access.Session signedIn(Context ctx) {
    return access.session(ctx).orElseThrow(() -> new HttpError(401, "sign in first"));
  }

  private void portfolio(Context ctx) {
    Access.Session s = signedIn(ctx);
    render(
        ctx,
        200,
        "portfolio.jte",
        new Views.Portfolio(
            chrome("Portfolio", s), api.portfolioPage(ctx, s.principal(), access.today())));
  }

  private void project(Context ctx) {
    Access.Session s = signedIn(ctx);
    String name = name(ctx);
    access.requireProject(s.principal(), name, Role.VIEWER);
    Optional<Integer> latest = store.latest(name);
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    Diff diff = null;
    if (from != null && to != null && !from.isEmpty() && !to.isEmpty()) {
      int a = Api.number("from", from);
      int b = Api.number("to", to);
      for (int v : new int[] {a, b}) {
        if (!store.hasVersion(name, v))
          throw HttpError.notFound("project " + name + " has no version " + v);
      }
      diff = store.diff(name, a, b);
    }
    render(
        ctx,
        200,
        "project.jte",
        new Views.Project(
            chrome(name, s),
            name,
            store.versions(name),
            latest.map(v -> store.findings(name, v, access.today())).orElse(java.util.List.of()),
            diff,
            store.audit(name, 50),
            s.principal().may(name, Role.EDITOR),
            store.pending(name),
            s.principal().name()));
  }

  private void report(Context ctx) {
    Access.Session s = signedIn(ctx);
    String name = name(ctx);
    access.requireProject(s.principal(), name, Role.VIEWER);
    int number = Api.number("number", ctx.pathParam("number"));
    Store.StoredVersion v =
        store
            .version(name, number)
            .orElseThrow(() -> HttpError.notFound("project " + name + " has no version " + number));
    // The report writer needs the analysis as objects: the stored workflow is loaded and analyzed
    // again by the same library, as of the upload's day; the server adds no analysis of its own.
    Analysis a =
        Catalog.ANALYZER.analyze(
            WorkflowLoader.parse(v.workflow(), v.fileName(), null),
            v.uploadedAt().atZone(ZoneOffset.UTC).toLocalDate());
    String html = Reports.render(a, Format.HTML, ReportOptions.defaults().withToolVersion(version));
    html = withScans(html, store.scans(name, number));
    ctx.header("Content-Security-Policy", REPORT_CSP);
    ctx.status(200).contentType("text/html; charset=utf-8").result(html);
  }

  /** The report with the version's scans as its last section (escaped by jte, no style). */
  private String withScans(String html, java.util.List<ScanRow> rows) {
    java.util.List<Views.Scan> scans = new java.util.ArrayList<>();
    for (ScanRow r : rows) {
      java.util.List<Views.ScanFile> files = new java.util.ArrayList<>();
      for (JsonNode f : Api.readTree(r.report()).path("files")) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (JsonNode x : f.path("findings"))
          lines.add(
              x.path("level").asText()
                  + " "
                  + x.path("rule").asText()
                  + ": "
                  + x.path("message").asText());
        files.add(
            new Views.ScanFile(
                f.path("path").asText(),
                f.path("format").asText(),
                f.path("verdict").asText(),
                lines));
      }
      scans.add(
          new Views.Scan(
              r.uploadedAt().toString(), r.uploadedBy(), r.gitCommit(), r.verdicts(), files));
    }
    StringOutput out = new StringOutput();
    templates.render("version-scans.jte", new Views.VersionScans(scans), out);
    int end = html.lastIndexOf("</main>");
    return end < 0 ? html : html.substring(0, end) + out + html.substring(end);
  }

  /** The built-in catalog, compiled once, on first use. */
  private static final class Catalog {
    static final Analyzer ANALYZER = new Analyzer(CatalogLoader.builtInCompiled());
  }

  private void decide(Context ctx) {
    Access.Session s = signedIn(ctx);
    csrf(ctx, s.csrf());
    String name = name(ctx);
    access.requireProject(s.principal(), name, Role.EDITOR);
    store.decide(
        name,
        api.decisionInput(
            ctx.formParam("finding"),
            ctx.formParam("state"),
            ctx.formParam("reason"),
            ctx.formParam("owner"),
            ctx.formParam("expires"),
            s.principal().name()),
        access.today());
    ctx.redirect(Views.url(name) + "#audit", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void approve(Context ctx) {
    Access.Session s = signedIn(ctx);
    csrf(ctx, s.csrf());
    String name = name(ctx);
    access.requireProject(s.principal(), name, Role.EDITOR);
    String finding = Limits.text("finding", ctx.formParam("finding"), Limits.MAX_FINGERPRINT);
    store.approve(name, finding, s.principal().name(), access.today());
    ctx.redirect(Views.url(name) + "#audit", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void loginForm(Context ctx) {
    String token = Secrets.create("");
    cookie(ctx, LOGIN_COOKIE, token, Duration.ofMinutes(30));
    render(
        ctx,
        200,
        "login.jte",
        new Views.Login(new Views.Chrome("Sign in", null, token), null, oidc != null));
  }

  private void login(Context ctx) {
    String expected = ctx.cookie(LOGIN_COOKIE);
    if (expected == null) throw new HttpError(403, "the sign-in form expired: load it again");
    csrf(ctx, expected);
    String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    if (!byUser.allowed(name) || !byAddress.allowed(ctx.ip())) {
      throw new HttpError(
          429,
          "too many failed sign-ins: wait "
              + LoginThrottle.WINDOW.toMinutes()
              + " minutes and try again");
    }
    Optional<Store.UserRow> user =
        name.length() > Limits.MAX_NAME || password.length() > 200
            ? Optional.empty()
            : store.user(name);
    // a user made for single sign-on only has no password
    boolean ok =
        user.isPresent()
            && user.get().passwordHash() != null
            && Passwords.verify(password, user.get().passwordHash());
    if (!ok) {
      byUser.failed(name);
      byAddress.failed(ctx.ip());
      render(
          ctx,
          401,
          "login.jte",
          new Views.Login(
              new Views.Chrome("Sign in", null, expected),
              "The name or password is wrong.",
              oidc != null));
      return;
    }
    byUser.succeeded(name);
    startSession(ctx, user.get());
    cookie(ctx, LOGIN_COOKIE, "", Duration.ZERO);
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void startSession(Context ctx, Store.UserRow user) {
    String session = Secrets.create("");
    store.createSession(
        Secrets.hash(session), user.id(), Secrets.create(""), clock.instant().plus(SESSION));
    cookie(ctx, Access.SESSION_COOKIE, session, SESSION);
  }

  /** Single sign-on, step 1: to the provider, with this browser's binding in a cookie. */
  private void oidcLogin(Context ctx) {
    if (oidc == null) throw HttpError.notFound("single sign-on is not configured");
    if (!byAddress.allowed(ctx.ip()))
      throw new HttpError(429, "too many failed sign-ins: wait and try again");
    Oidc.Start start;
    try {
      start = oidc.start();
    } catch (Oidc.Refused e) {
      throw new HttpError(503, e.getMessage());
    }
    // Lax, not Strict: the provider's redirect back is a cross-site navigation
    ctx.res()
        .addHeader(
            "Set-Cookie",
            OIDC_COOKIE
                + "="
                + start.binding()
                + "; Path=/oidc/; Max-Age="
                + Oidc.PENDING.toSeconds()
                + "; HttpOnly; Secure; SameSite=Lax");
    ctx.redirect(start.redirect().toString(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Single sign-on, step 2: the provider's answer; a local user of the token's claim signs in. */
  private void oidcCallback(Context ctx) {
    if (oidc == null) throw HttpError.notFound("single sign-on is not configured");
    if (!byAddress.allowed(ctx.ip()))
      throw new HttpError(429, "too many failed sign-ins: wait and try again");
    ctx.res()
        .addHeader(
            "Set-Cookie",
            OIDC_COOKIE + "=; Path=/oidc/; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
    String name;
    try {
      name =
          oidc.complete(
              ctx.cookie(OIDC_COOKIE),
              ctx.queryParam("state"),
              ctx.queryParam("code"),
              ctx.queryParam("error"));
    } catch (Oidc.Refused e) {
      byAddress.failed(ctx.ip());
      throw new HttpError(403, "single sign-on failed: " + e.getMessage());
    }
    Optional<Store.UserRow> user =
        name.length() > Limits.MAX_NAME ? Optional.empty() : store.user(name);
    if (user.isEmpty()) {
      byAddress.failed(ctx.ip());
      throw new HttpError(
          403,
          "single sign-on worked, but there is no user "
              + name
              + " here: an administrator creates it (POST /api/v1/users)");
    }
    startSession(ctx, user.get());
    render(ctx, 200, "signed-in.jte", new Views.Chrome("Signed in", user.get().name(), null));
  }

  private void logout(Context ctx) {
    Access.Session s = signedIn(ctx);
    csrf(ctx, s.csrf());
    store.deleteSession(Secrets.hash(ctx.cookie(Access.SESSION_COOKIE)));
    cookie(ctx, Access.SESSION_COOKIE, "", Duration.ZERO);
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void setupForm(Context ctx) {
    String token = Secrets.create("");
    cookie(ctx, LOGIN_COOKIE, token, Duration.ofMinutes(30));
    render(
        ctx, 200, "setup.jte", new Views.Setup(new Views.Chrome("First start", null, token), null));
  }

  private void setup(Context ctx) {
    String expected = ctx.cookie(LOGIN_COOKIE);
    if (expected == null) throw new HttpError(403, "the form expired: load it again");
    csrf(ctx, expected);
    if (!byAddress.allowed(ctx.ip())) throw new HttpError(429, "too many wrong secrets: wait");
    String secret = Optional.ofNullable(ctx.formParam("secret")).orElse("");
    String name = Limits.text("name", ctx.formParam("name"), Limits.MAX_NAME);
    String password = Api.password(ctx.formParam("password"));
    if (secret.length() > 200 || !store.useSetupSecret(Secrets.hash(secret))) {
      byAddress.failed(ctx.ip());
      render(
          ctx,
          403,
          "setup.jte",
          new Views.Setup(
              new Views.Chrome("First start", null, expected),
              "That is not the setup secret, or it was used already."));
      return;
    }
    store.createUser(name, Passwords.hash(password), true, Map.of(), "setup");
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  void error(Context ctx, HttpError e) {
    if (e.status() == 401) {
      ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    Optional<Access.Session> s = Optional.empty();
    try {
      s = access.session(ctx);
    } catch (RuntimeException ignored) {
      // the error page must render even when the database does not answer
    }
    Views.Chrome chrome =
        new Views.Chrome(
            "Error " + e.status(),
            s.map(x -> x.principal().name()).orElse(null),
            s.map(Access.Session::csrf).orElse(null));
    render(ctx, e.status(), "error.jte", new Views.ErrorPage(chrome, e.status(), e.getMessage()));
  }

  static Views.Chrome chrome(String title, Access.Session s) {
    return new Views.Chrome(title, s.principal().name(), s.csrf());
  }

  static String name(Context ctx) {
    return Limits.text("project", ctx.pathParam("name"), Limits.MAX_NAME);
  }

  static void csrf(Context ctx, String expected) {
    if (!Secrets.same(ctx.formParam("csrf"), expected)) {
      throw new HttpError(403, "the form's CSRF token is missing or wrong: load the page again");
    }
  }

  private static void cookie(Context ctx, String name, String value, Duration age) {
    // Secure holds on http://127.0.0.1 too: browsers count loopback as a secure origin.
    ctx.res()
        .addHeader(
            "Set-Cookie",
            name
                + "="
                + value
                + "; Path=/; Max-Age="
                + age.toSeconds()
                + "; HttpOnly; Secure; SameSite=Strict");
  }

  void render(Context ctx, int status, String template, Object model) {
    StringOutput out = new StringOutput();
    templates.render(template, model, out);
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
