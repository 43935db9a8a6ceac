package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.server.SharedWorkflows;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Passwords;
import dev.mlsec.server.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trend column, the cross-project threat view, the portfolio graph, the team's mental model and
 * the regulation evidence, over plain HTTP against the real database: what each shows, that
 * everything from an upload is escaped, and that nothing of a project the viewer may not see
 * reaches them.
 */
class PortfolioPagesTest {
  static final String HOSTILE = "PP <script>alert('p')</script>\"><img src=x onerror=alert(7)>";
  static final String BETA = "pp-beta";
  static final String FOREIGN = "pp-foreign <b>secret</b>";
  static final String TEAM = "PP team <script>alert('t')</script>";
  static final String BASE = "Open <b>Base</b> Model 7B";
  static final String PASSWORD = "portfolio password 1";
  static TestServer server;
  static Forms forms;

  @BeforeAll
  static void start() {
    server = new TestServer();
    forms = new Forms(server);
    user("pp-viewer", Map.of(HOSTILE, Role.VIEWER, BETA, Role.VIEWER, TEAM, Role.VIEWER));
    user("pp-ana", Map.of(TEAM, Role.EDITOR));
    user("pp-ben", Map.of(TEAM, Role.EDITOR));
    user("pp-outsider", Map.of(FOREIGN, Role.VIEWER));
    upload(SharedWorkflows.upload(HOSTILE, "base", BASE, "v1"));
    upload(SharedWorkflows.upload(HOSTILE, "base", BASE, "v2"));
    // the same model under another id, its name spelled with other case and spacing
    upload(SharedWorkflows.upload(BETA, "foundation", "  open <b>base</b>   model 7B ", "v1"));
    upload(SharedWorkflows.upload(FOREIGN, "base", BASE, "v1"));
    upload(Uploads.cardFraudAs(TEAM, null));
  }

  static void user(String name, Map<String, Role> roles) {
    server.store.createUser(name, Passwords.hash(PASSWORD), false, roles, "test");
  }

  static void upload(String body) {
    assertThat(server.post("/api/v1/uploads", server.adminToken, body).status()).isIn(200, 201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String signIn(String name) {
    return forms.signIn(name, PASSWORD);
  }

  static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static void assertInert(String html) {
    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>");
  }

  @Test
  void thePortfolioShowsATrendOfInlineSvgWithATextAlternative() {
    TestServer.Reply r = forms.get("/", signIn("pp-viewer"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Security-Policy")).doesNotContain("script-src");
    String html = r.body();
    assertThat(html).contains("<th>Trend</th>", "<svg class=\"trend\" role=\"img\"");
    // the hostile project has two versions: two bars, each with its counts as text
    int row = html.indexOf("PP &lt;script&gt;");
    String hostileRow = html.substring(row, html.indexOf("</tr>", row));
    assertThat(hostileRow).contains("<title>open findings by version: v1: ", "; v2: ", "±0");
    assertThat(hostileRow)
        .containsPattern("<path class=\"(critical|high|medium|low|info)\" d=\"M0 ");
    assertInert(html);
    assertThat(html).doesNotContain("pp-foreign");
  }

  @Test
  void thePortfolioIsPagedByNameWithLinksBeforeAndAfter() {
    String viewer = signIn("pp-viewer");
    // pp-viewer sees three projects: "PP <script>…", "PP team <script>…" and "pp-beta", by byte
    List<String> rows = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      String html = forms.get("/?page=" + page + "&limit=1", viewer).body();
      assertThat(html).contains("Page " + page + " of 3 (3 projects, by name)");
      assertThat(html.contains("rel=\"prev\" href=\"/?page=" + (page - 1) + "&amp;limit=1\""))
          .isEqualTo(page > 1);
      assertThat(html.contains("rel=\"next\" href=\"/?page=" + (page + 1) + "&amp;limit=1\""))
          .isEqualTo(page < 3);
      int at = html.indexOf("<tr class=\"project\">");
      rows.add(
          html.substring(
              html.indexOf(">", html.indexOf("<a href", at)) + 1, html.indexOf("</a>", at)));
      assertThat(html.indexOf("<tr class=\"project\">", at + 1)).isEqualTo(-1);
      assertInert(html);
    }
    assertThat(rows).containsExactly(escaped(HOSTILE), escaped(TEAM), BETA);
    // past the last page: no rows, the count still said; a bad page is a 400
    assertThat(forms.get("/?page=9", viewer).body())
        .contains("Page 9 of 1 (3 projects")
        .doesNotContain("<tr class=\"project\">");
    assertThat(forms.get("/?page=0", viewer).status()).isEqualTo(400);
    assertThat(forms.get("/?limit=501", viewer).status()).isEqualTo(400);
  }

  @Test
  void oneThreatAcrossTheProjectsTheViewerMaySee() {
    String viewer = signIn("pp-viewer");
    TestServer.Reply r = forms.get("/threats/unsafe-deserialization", viewer);
    assertThat(r.status()).isEqualTo(200);
    String html = r.body();
    assertThat(html)
        .contains("id=\"exposures\"", "PP &lt;script&gt;", BETA, "PP team &lt;script&gt;");
    assertThat(html).contains("unsafe-deserialization@base", "unsafe-deserialization@foundation");
    assertThat(html).doesNotContain("pp-foreign");
    assertInert(html);
    // linked from every finding of a project page
    assertThat(forms.get(Views.url(BETA), viewer).body())
        .contains("href=\"/threats/unsafe-deserialization\"");

    // the outsider sees their own project only
    String outsider = forms.get("/threats/unsafe-deserialization", signIn("pp-outsider")).body();
    assertThat(outsider).contains("pp-foreign &lt;b&gt;secret").doesNotContain(BETA);

    // the API: a token of one project lists that project only, with status and decision
    String beta = server.token(BETA, Role.VIEWER, null);
    JsonNode j = server.get("/api/v1/threats/unsafe-deserialization", beta).json();
    assertThat(j.get("known-to-catalog").asBoolean()).isTrue();
    List<String> projects = new ArrayList<>();
    j.get("exposed-in").forEach(e -> projects.add(e.get("project").asText()));
    assertThat(projects).containsExactly(BETA);
    assertThat(j.at("/exposed-in/0/finding/severity").asText()).isNotEmpty();
    assertThat(j.at("/exposed-in/0/status").asText()).isEqualTo("open");
    assertThat(j.at("/exposed-in/0/decision").isNull()).isTrue();

    // a threat no catalog and no visible project knows is not found, however it is spelled
    assertThat(server.get("/api/v1/threats/no-such-threat", beta).status()).isEqualTo(404);
    assertThat(server.get("/api/v1/threats/x'%20OR%20'1'='1", beta).status()).isEqualTo(404);
    assertThat(forms.get("/threats/no-such-threat", viewer).status()).isEqualTo(404);
    // a threat known to the catalog that no visible project exposes says so
    assertThat(forms.get("/threats/indirect-prompt-injection", viewer).body())
        .contains("id=\"not-exposed\"");
  }

  @Test
  void thePortfolioGraphJoinsTheSharedModelByNameAcrossVisibleProjects() {
    String viewer = signIn("pp-viewer");
    TestServer.Reply r = forms.get("/graph", viewer);
    assertThat(r.status()).isEqualTo(200);
    String html = r.body();
    assertThat(html).contains("id=\"shared\"", "Open &lt;b&gt;Base&lt;/b&gt; Model 7B");
    assertThat(html).contains("PP &lt;script&gt;", BETA, "foundation", "tuning", "registry");
    assertThat(html).doesNotContain("pp-foreign");
    assertInert(html);
    assertThat(forms.get("/graph", viewer).body()).as("same input, same bytes").isEqualTo(html);

    // the server admin sees all three, joined by id (base twice) and by the normalized name
    JsonNode all = server.get("/api/v1/graph", server.adminToken).json();
    JsonNode model = null;
    for (JsonNode s : all.get("shared")) {
      for (JsonNode m : s.get("in")) if (m.get("project").asText().equals(BETA)) model = s;
    }
    assertThat(model).isNotNull();
    assertThat(model.get("kind").asText()).isEqualTo("pretrained-model");
    List<String> in = new ArrayList<>();
    model
        .get("in")
        .forEach(m -> in.add(m.get("project").asText() + "/" + m.get("component").asText()));
    assertThat(in).contains(HOSTILE + "/base", BETA + "/foundation", FOREIGN + "/base");
    assertThat(model.get("joined-by").toString())
        .contains("id base", "name open <b>base</b> model 7b");
    List<String> reaches = new ArrayList<>();
    model.at("/in/0/reaches").forEach(x -> reaches.add(x.get("component").asText()));
    assertThat(reaches).containsExactly("api", "registry", "tuning");

    // one project alone shares nothing
    String beta = server.token(BETA, Role.VIEWER, null);
    JsonNode alone = server.get("/api/v1/graph", beta).json();
    assertThat(alone.get("shared")).isEmpty();
    assertThat(forms.get("/graph", signIn("pp-outsider")).body()).contains("nothing-shared");
  }

  @Test
  void theTeamsMentalModelShowsAgreementDisagreementBlindSpotsAndUnbackedBeliefs() {
    String team = Views.url(TEAM) + "/team";
    String ana = signIn("pp-ana");
    String ben = signIn("pp-ben");
    String viewer = signIn("pp-viewer");
    added(team, ana, Map.of("kind", "concern", "concern", "a breach of cardholder data"));
    added(
        team,
        ana,
        Map.of("kind", "concern", "concern", "fraudsters learning to slip under the score"));
    added(
        team,
        ben,
        Map.of("kind", "concern", "concern", "fraudsters learning to slip under the score"));
    added(team, ben, Map.of("kind", "control", "control", "tls", "threat", "evasion"));
    added(
        team,
        ben,
        Map.of("kind", "concern", "concern", "<script>alert('c')</script> in our notes"));

    JsonNode j =
        server.get(ApiTest.path(TEAM) + "/team", server.token(TEAM, Role.VIEWER, null)).json();
    assertThat(j.get("members").toString()).isEqualTo("[\"pp-ana\",\"pp-ben\"]");
    assertThat(threats(j.get("agreed"))).contains("evasion-black-box");
    assertThat(threats(j.get("disagreed"))).contains("training-data-exposure");
    JsonNode disagreed = find(j.get("disagreed"), "training-data-exposure");
    assertThat(disagreed.get("named-by").toString()).isEqualTo("[\"pp-ana\"]");
    assertThat(disagreed.get("not-named-by").toString()).isEqualTo("[\"pp-ben\"]");
    assertThat(threats(j.get("exposed-not-named")))
        .contains("model-extraction", "backdoor-data-poisoning");
    assertThat(j.at("/control-beliefs/0/verdict").asText()).isEqualTo("does-not-hold");
    assertThat(j.at("/control-beliefs/0/reason").asText()).contains("TLS");

    String html = forms.get(team, viewer).body();
    assertThat(html).contains("id=\"not-backed-table\"", "does-not-hold", "&lt;script&gt;alert(");
    assertInert(html);
    assertThat(html).as("a viewer reads, has no form").doesNotContain("concern-form");

    // a viewer may not write; an editor needs the session's CSRF token
    Map<String, String> entry = new LinkedHashMap<>(Map.of("kind", "concern", "concern", "x"));
    entry.put("csrf", Forms.csrf(html));
    assertThat(forms.post(team, viewer, entry).status()).isEqualTo(403);
    entry.put("csrf", "forged");
    assertThat(forms.post(team, ana, entry).status()).isEqualTo(403);
    // bad ids are refused with the reason
    assertThat(
            add(team, ana, Map.of("kind", "control", "control", "tlz", "threat", "evasion"))
                .status())
        .isEqualTo(400);
    assertThat(
            add(team, ana, Map.of("kind", "control", "control", "tls", "threat", "nothing"))
                .status())
        .isEqualTo(400);

    // each member removes only their own entries
    String benEntry = firstEntryId(forms.get(team, ben).body());
    assertThat(remove(team, ana, benEntry).status()).isEqualTo(404);
    assertThat(remove(team, ben, benEntry).status()).isEqualTo(303);
    assertThat(remove(team, ben, benEntry).status()).isEqualTo(404);

    // someone of another project sees nothing of it
    assertThat(forms.get(team, signIn("pp-outsider")).status()).isEqualTo(403);
    assertThat(
            server
                .get(ApiTest.path(TEAM) + "/team", server.token(FOREIGN, Role.ADMIN, null))
                .status())
        .isEqualTo(403);
  }

  static TestServer.Reply add(String team, String session, Map<String, String> fields) {
    Map<String, String> f = new LinkedHashMap<>(fields);
    f.put("csrf", Forms.csrf(forms.get(team, session).body()));
    return forms.post(team, session, f);
  }

  static void added(String team, String session, Map<String, String> fields) {
    TestServer.Reply r = add(team, session, fields);
    assertThat(r.status()).as(r.body()).isEqualTo(303);
  }

  static TestServer.Reply remove(String team, String session, String id) {
    String csrf = Forms.csrf(forms.get(team, session).body());
    return forms.post(team + "/remove", session, Map.of("csrf", csrf, "id", id));
  }

  static String firstEntryId(String html) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name=\"id\" value=\"(\\d+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static List<String> threats(JsonNode lines) {
    List<String> out = new ArrayList<>();
    lines.forEach(l -> out.add(l.get("threat").asText()));
    return out;
  }

  static JsonNode find(JsonNode lines, String threat) {
    for (JsonNode l : lines) if (l.get("threat").asText().equals(threat)) return l;
    throw new AssertionError("no " + threat + " in " + lines);
  }

  @Test
  void theRegulationEvidenceIsOnePrintablePageAndTheSameJson() {
    String editor = server.token(TEAM, Role.EDITOR, null);
    assertThat(
            server
                .post(
                    ApiTest.path(TEAM) + "/decisions",
                    editor,
                    "{\"finding\": \"unsafe-deserialization@registry\", \"state\": \"accepted\","
                        + " \"reason\": \"models are <i>signed</i> upstream\", \"owner\": \"risk-ml\","
                        + " \"expires\": \"2099-01-01\"}")
                .status())
        .isEqualTo(201);
    String viewer = signIn("pp-viewer");
    String path = Views.url(TEAM) + "/evidence";
    TestServer.Reply r = forms.get(path, viewer);
    assertThat(r.status()).isEqualTo(200);
    String html = r.body();
    assertThat(html)
        .contains("EU AI Act Art. 15", "NIST AI 100-2", "Art. 15(5)", "@media print")
        .contains("id=\"ev-findings-table\"", "id=\"ev-decisions-table\"", "id=\"ev-claims-table\"")
        .contains("id=\"ev-versions-table\"", "id=\"ev-audit-table\"")
        .contains("models are &lt;i&gt;signed&lt;/i&gt; upstream", "does-not-hold");
    assertInert(html);
    assertThat(html).doesNotContain("<i>");
    assertThat(forms.get(path, viewer).body()).as("same input, same bytes").isEqualTo(html);

    JsonNode j = server.get(ApiTest.path(TEAM) + "/evidence", editor).json();
    assertThat(j.at("/as-of/version").asInt()).isEqualTo(1);
    assertThat(j.get("findings").size()).isGreaterThan(5);
    assertThat(j.get("findings").toString()).contains("\"eu-ai-act\":[\"Art. 15(5)\"]");
    JsonNode d = j.at("/decisions/0");
    assertThat(d.get("state").asText()).isEqualTo("accepted");
    assertThat(d.get("decided-by").asText()).startsWith("token ");
    assertThat(j.at("/decision-history/0/finding").asText())
        .isEqualTo("unsafe-deserialization@registry");
    assertThat(j.get("controls-claimed").toString())
        .contains("\"control\":\"tls\"", "does-not-hold");
    assertThat(j.get("versions").size()).isEqualTo(1);

    assertThat(forms.get(path, signIn("pp-outsider")).status()).isEqualTo(403);
    assertThat(
            server
                .get(ApiTest.path(TEAM) + "/evidence", server.token(FOREIGN, Role.VIEWER, null))
                .status())
        .isEqualTo(403);
    assertThat(server.get(ApiTest.path("pp-nobody") + "/evidence", server.adminToken).status())
        .isEqualTo(404);
  }
}
