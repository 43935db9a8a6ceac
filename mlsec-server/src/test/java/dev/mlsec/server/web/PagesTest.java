package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.LoginThrottle;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages over plain HTTP: sign-in, cookies, CSRF, rate limiting, roles, escaping. */
class PagesTest {
  static final String HOSTILE = "Pages <script>alert('x')</script>\"><img src=x onerror=alert(9)>";
  static final String PASSWORD = "a long enough password";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.store.createUser(
        "pages-viewer", Passwords.hash(PASSWORD), false, Map.of(HOSTILE, Role.VIEWER), "test");
    server.store.createUser(
        "pages-editor", Passwords.hash(PASSWORD), false, Map.of(HOSTILE, Role.EDITOR), "test");
    assertThat(
            server
                .post("/api/v1/uploads", server.adminToken, Uploads.cardFraudAs(HOSTILE, null))
                .status())
        .isIn(200, 201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String csrf(String html) {
    return Forms.csrf(html);
  }

  static String cookie(TestServer.Reply r, String name) {
    return Forms.cookie(r, name);
  }

  static String value(String setCookie) {
    return Forms.value(setCookie);
  }

  static TestServer.Reply form(String path, String cookies, Map<String, String> fields) {
    return new Forms(server).post(path, cookies, fields);
  }

  static String signIn(String name) {
    return new Forms(server).signIn(name, PASSWORD);
  }

  static TestServer.Reply page(String path, String cookies) {
    return new Forms(server).get(path, cookies);
  }

  @Test
  void withoutASessionPagesSendToSignIn() {
    TestServer.Reply r = server.get("/", null);
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).isEqualTo("/login");
  }

  @Test
  void signInNeedsTheFormsCsrfTokenAndTheRightPassword() {
    TestServer.Reply page = server.get("/login", null);
    assertThat(cookie(page, "mlsec_login")).contains("HttpOnly", "Secure", "SameSite=Strict");
    String login = "mlsec_login=" + value(cookie(page, "mlsec_login"));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", "pages-viewer");
    fields.put("password", PASSWORD);
    fields.put("csrf", "forged");
    assertThat(form("/login", login, fields).status()).isEqualTo(403);
    fields.put("csrf", csrf(page.body()));
    fields.put("password", "wrong password!");
    TestServer.Reply wrong = form("/login", login, fields);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("The name or password is wrong.");
  }

  @Test
  void failedSignInsAreRateLimited() {
    server.store.createUser("pages-throttled", Passwords.hash(PASSWORD), false, Map.of(), "test");
    TestServer.Reply page = server.get("/login", null);
    String login = "mlsec_login=" + value(cookie(page, "mlsec_login"));
    Map<String, String> fields =
        Map.of("csrf", csrf(page.body()), "name", "pages-throttled", "password", "wrong password!");
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertThat(form("/login", login, fields).status()).isEqualTo(401);
    }
    // now even the right password waits
    Map<String, String> right = new LinkedHashMap<>(fields);
    right.put("password", PASSWORD);
    assertThat(form("/login", login, right).status()).isEqualTo(429);
  }

  @Test
  void thePortfolioEscapesHostileNamesUnderAStrictPolicy() {
    String session = signIn("pages-viewer");
    TestServer.Reply r = page("/", session);
    assertThat(r.status()).isEqualTo(200);
    String csp = r.header("Content-Security-Policy");
    assertThat(csp).contains("default-src 'none'", "style-src 'sha256-", "frame-ancestors 'none'");
    assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("script-src");
    assertThat(r.body())
        .contains("Pages &lt;script&gt;alert(")
        .doesNotContain("<script>alert")
        .doesNotContain("<img src=x");
    assertThat(r.body()).doesNotContain("<script");
  }

  @Test
  void aViewerCannotDecideAndAnEditorCanWithItsCsrfToken() {
    String project = Views.url(HOSTILE);
    String viewer = signIn("pages-viewer");
    TestServer.Reply asViewer = page(project, viewer);
    assertThat(asViewer.status()).isEqualTo(200);
    assertThat(asViewer.body()).doesNotContain("decision-form");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("finding", "unsafe-deserialization@registry");
    fields.put("state", "mitigated");
    fields.put("reason", "signed <b>models</b>");
    fields.put("owner", "ml-platform");
    fields.put("expires", "");
    fields.put("csrf", csrf(asViewer.body()));
    assertThat(form(project + "/decisions", viewer, fields).status()).isEqualTo(403);

    String editor = signIn("pages-editor");
    TestServer.Reply asEditor = page(project, editor);
    assertThat(asEditor.body()).contains("decision-form");
    fields.put("csrf", "forged");
    assertThat(form(project + "/decisions", editor, fields).status()).isEqualTo(403);
    fields.put("csrf", csrf(asEditor.body()));
    TestServer.Reply done = form(project + "/decisions", editor, fields);
    assertThat(done.status()).isEqualTo(303);
    String after = page(project, editor).body();
    assertThat(after).contains("mitigated by pages-editor: signed &lt;b&gt;models&lt;/b&gt;");
    assertThat(
            server
                .get(ApiTest.path(HOSTILE) + "/audit", server.adminToken)
                .json()
                .at("/audit/0/actor")
                .asText())
        .isEqualTo("pages-editor");
  }

  @Test
  void aVersionsReportIsTheHtmlReportUnderItsOwnPolicy() {
    String session = signIn("pages-viewer");
    TestServer.Reply r = page(Views.url(HOSTILE, 1), session);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Security-Policy"))
        .startsWith(dev.mlsec.report.html.HtmlReport.contentSecurityPolicy());
    assertThat(r.body()).contains("Pages &lt;script&gt;").doesNotContain("<img src=x");
    assertThat(page(Views.url(HOSTILE, 99), session).status()).isEqualTo(404);
    assertThat(page(Views.url("someone else's", 1), session).status()).isEqualTo(403);
  }

  @Test
  void aVersionPageEndsWithItsScansAndTheirFileNamesAreInert() {
    String scans = ApiTest.path(HOSTILE) + "/scans";
    assertThat(
            server
                .post(scans, server.adminToken, ScanUploadTest.body(ScanUploadTest.REPORT))
                .status())
        .isIn(200, 201);
    TestServer.Reply r = page(Views.url(HOSTILE, 1), signIn("pages-viewer"));
    assertThat(r.status()).isEqualTo(200);
    String section = r.body().substring(r.body().indexOf("<section id=\"server-scans\">"));
    assertThat(section)
        .contains("malicious: 1", "critical pickle.exec: REDUCE calls os.system")
        .contains("models/&lt;img src=x onerror=alert(1)&gt;.pkl")
        .doesNotContain("<img");
    assertThat(section.indexOf("</section>")).isLessThan(section.indexOf("</main>"));
  }

  @Test
  void theSetupSecretCreatesTheFirstAdministratorOnce() {
    String secret = Secrets.create("setup-");
    server.store.setupSecret(Secrets.hash(secret));
    TestServer.Reply page = server.get("/setup", null);
    String login = "mlsec_login=" + value(cookie(page, "mlsec_login"));
    Map<String, String> fields =
        Map.of(
            "csrf",
            csrf(page.body()),
            "secret",
            secret,
            "name",
            "pages-first-admin",
            "password",
            PASSWORD);
    assertThat(form("/setup", login, fields).status()).isEqualTo(303);
    assertThat(server.store.user("pages-first-admin").orElseThrow().admin()).isTrue();
    Map<String, String> again = new LinkedHashMap<>(fields);
    again.put("name", "pages-second-admin");
    assertThat(form("/setup", login, again).status()).isEqualTo(403);
    assertThat(server.store.user("pages-second-admin")).isEmpty();
  }

  @Test
  void signOutEndsTheSession() {
    String session = signIn("pages-viewer");
    String csrf = csrf(page("/", session).body());
    assertThat(form("/logout", session, Map.of("csrf", csrf)).status()).isEqualTo(303);
    assertThat(page("/", session).status()).isEqualTo(303);
  }
}
