package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlsec.analysis.Analyzer;
import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ApiTest {
  @AutoClose static final TestServer server = new TestServer();

  static String path(String project) {
    return "/api/v1/projects/"
        + URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void adminCreatesAProjectTokenShownOnceAndItUploads() {
    TestServer.Reply created =
        server.post(
            "/api/v1/tokens",
            server.adminToken,
            "{\"project\": \"api-token-flow\", \"role\": \"uploader\", \"expires\": \"2099-01-01\"}");
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").asText();
    assertThat(token).startsWith("mlsec_").hasSizeGreaterThan(40);
    assertThat(created.json().get("expires").asText()).isEqualTo("2099-01-01");

    TestServer.Reply up =
        server.post("/api/v1/uploads", token, Uploads.cardFraudAs("api-token-flow", null));
    assertThat(up.status()).isEqualTo(201);
    assertThat(up.json().get("version").asInt()).isEqualTo(1);

    JsonNode projects = server.get("/api/v1/projects", token).json().get("projects");
    assertThat(projects).hasSize(1); // an uploader token sees its own project only
    JsonNode p = projects.get(0);
    assertThat(p.get("name").asText()).isEqualTo("api-token-flow");
    assertThat(p.get("latest-version").asInt()).isEqualTo(1);
    // the card-fraud example as the calibrated analysis rates it: one high (the unsigned pickle)
    assertThat(p.get("open").get("critical").asInt()).isZero();
    assertThat(p.get("open").get("high").asInt()).isEqualTo(1);
    assertThat(p.get("worst-open").get("severity").asText()).isEqualTo("high");
  }

  @Test
  void aChangedFileIsASecondVersionAndTheSameContentIsTheSameVersion() {
    String token = server.token("versions-flow", Role.UPLOADER, null);
    String first = Uploads.cardFraudAs("versions-flow", null);
    assertThat(server.post("/api/v1/uploads", token, first).json().get("version").asInt())
        .isEqualTo(1);
    TestServer.Reply again = server.post("/api/v1/uploads", token, first);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("version").asInt()).isEqualTo(1);
    assertThat(again.json().get("created").asBoolean()).isFalse();
    TestServer.Reply changed =
        server.post("/api/v1/uploads", token, Uploads.cardFraudAs("versions-flow", "changed"));
    assertThat(changed.status()).isEqualTo(201);
    assertThat(changed.json().get("version").asInt()).isEqualTo(2);
    JsonNode versions = server.get(path("versions-flow") + "/versions", token).json();
    assertThat(versions.get("versions"))
        .extracting(v -> v.get("version").asInt())
        .containsExactly(2, 1);
  }

  @Test
  void concurrentUploadsOfOneProjectGetDenseUniqueVersions() throws Exception {
    String token = server.token("concurrent-flow", Role.UPLOADER, null);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<TestServer.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String body = Uploads.cardFraudAs("concurrent-flow", "variant " + i);
      replies.add(pool.submit(() -> server.post("/api/v1/uploads", token, body)));
    }
    List<Integer> numbers = new ArrayList<>();
    for (Future<TestServer.Reply> r : replies) {
      assertThat(r.get().status()).isEqualTo(201);
      numbers.add(r.get().json().get("version").asInt());
    }
    pool.shutdown();
    assertThat(numbers)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList());
  }

  @Test
  void aLargeUploadWithoutATokenGetsItsAnswerNotAReset() {
    // the server refuses before reading the body and drains the rest (Server.drain): closing a
    // socket with unread data would reset it, and the client, still sending, would see no answer
    // (seen once in CI on a small upload; this loopback test does not reproduce that race)
    String big = "{\"workflow\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}";
    for (int i = 0; i < 3; i++) {
      TestServer.Reply r = server.post("/api/v1/uploads", null, big);
      assertThat(r.status()).isEqualTo(401);
    }
  }

  @Test
  void noTokenIs401AndAnotherProjectsTokenIs403() {
    String mine = server.token("authz-mine", Role.UPLOADER, null);
    String other = server.token("authz-other", Role.UPLOADER, null);
    assertThat(
            server.post("/api/v1/uploads", mine, Uploads.cardFraudAs("authz-mine", null)).status())
        .isEqualTo(201);
    TestServer.Reply none =
        server.post("/api/v1/uploads", null, Uploads.cardFraudAs("authz-mine", "x"));
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(server.get("/api/v1/projects", "mlsec_not-a-token").status()).isEqualTo(401);
    assertThat(
            server.post("/api/v1/uploads", other, Uploads.cardFraudAs("authz-mine", "y")).status())
        .isEqualTo(403);
    assertThat(server.get(path("authz-mine") + "/versions", other).status()).isEqualTo(403);
  }

  @Test
  void anExpiredTokenIs401() {
    String expired = server.token("expired-flow", Role.UPLOADER, LocalDate.of(2020, 1, 1));
    TestServer.Reply r = server.get("/api/v1/projects", expired);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asText()).contains("expired on 2020-01-01");
  }

  @Test
  void badUploadsAreRefusedWithTheReason() throws Exception {
    String token = server.token("bad-uploads", Role.UPLOADER, null);
    assertThat(server.post("/api/v1/uploads", token, "{not json").json().get("error").asText())
        .contains("not valid JSON");
    assertThat(server.post("/api/v1/uploads", token, "[]").status()).isEqualTo(400);
    assertThat(
            server
                .post("/api/v1/uploads", token, "{\"analysis\": {}}")
                .json()
                .get("error")
                .asText())
        .contains("format-version");
    String deep = "{\"analysis\":" + "[".repeat(200) + "]".repeat(200) + "}";
    assertThat(server.post("/api/v1/uploads", token, deep).status()).isEqualTo(400);
    // a workflow the CLI's loader refuses is refused here too
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            TestServer.JSON.readTree(Uploads.cardFraudAs("bad-uploads", null));
    tree.put("workflow", "components: [unclosed");
    String body = tree.toString();
    TestServer.Reply refused = server.post("/api/v1/uploads", token, body);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").asText()).startsWith("workflow: ");
    // more than 8 MiB announced: refused before a byte of it is read
    assertThat(
            server.rawStatus(
                "POST /api/v1/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + (9 * 1024 * 1024)
                    + "\r\n\r\n"))
        .isEqualTo(413);
    assertThat(server.get(path("bad-uploads") + "/versions", token).status()).isEqualTo(404);
  }

  @Test
  void decisionsAreAuditedAppliedToLaterUploadsExpireAndExport() throws Exception {
    String project = "triage-flow";
    String editor = server.token(project, Role.EDITOR, null);
    String viewer = server.token(project, Role.VIEWER, null);
    server.post("/api/v1/uploads", editor, Uploads.cardFraudAs(project, null));
    String finding = "unsafe-deserialization@registry";
    String decision =
        "{\"finding\": \""
            + finding
            + "\", \"state\": \"accepted\", \"reason\": \"signed by CI\","
            + " \"owner\": \"risk-ml\", \"expires\": \"2099-12-31\"}";
    assertThat(server.post(path(project) + "/decisions", viewer, decision).status()).isEqualTo(403);
    TestServer.Reply d = server.post(path(project) + "/decisions", editor, decision);
    assertThat(d.status()).isEqualTo(201);
    assertThat(d.json().get("state").asText()).isEqualTo("accepted");

    // a later upload: the decision applies by fingerprint, so nothing critical is open
    server.post("/api/v1/uploads", editor, Uploads.cardFraudAs(project, "v2"));
    JsonNode p = server.get("/api/v1/projects", viewer).json().get("projects").get(0);
    assertThat(p.get("latest-version").asInt()).isEqualTo(2);
    assertThat(p.get("open").get("critical").asInt()).isZero();
    JsonNode findings = server.get(path(project) + "/versions/2/findings", viewer).json();
    JsonNode f = find(findings.get("findings"), finding);
    assertThat(f.get("status").asText()).isEqualTo("accepted");
    assertThat(f.get("analysis-status").asText()).isEqualTo("open");

    // changing it appends an audit row with before and after
    server.post(path(project) + "/decisions", editor, decision.replace("accepted", "in-progress"));
    JsonNode audit = server.get(path(project) + "/audit", viewer).json().get("audit");
    JsonNode last = audit.get(0);
    assertThat(last.get("action").asText()).isEqualTo("decision");
    assertThat(last.get("before").get("state").asText()).isEqualTo("accepted");
    assertThat(last.get("after").get("state").asText()).isEqualTo("in-progress");
    assertThat(audit).extracting(a -> a.get("action").asText()).contains("upload", "decision");

    // export: a decisions: block the CLI's loader accepts and the analysis applies
    String yaml = server.get(path(project) + "/decisions/export", viewer).body();
    assertThat(yaml).contains("decisions:", "finding: \"" + finding + "\"", "until: 2099-12-31");
    String source = Files.readString(Uploads.EXAMPLES.resolve("card-fraud.yaml")) + "\n" + yaml;
    var analysis =
        new Analyzer(CatalogLoader.builtInCompiled())
            .analyze(WorkflowLoader.parse(source, "x.yaml", null), LocalDate.of(2026, 6, 1));
    assertThat(
            analysis.findings().stream()
                .filter(x -> x.id().equals(finding))
                .findFirst()
                .orElseThrow()
                .status()
                .id())
        .isEqualTo("in-progress");

    // an unknown finding is refused; nothing is recorded
    assertThat(
            server
                .post(
                    path(project) + "/decisions", editor, decision.replace(finding, "nope@nowhere"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void anExpiredDecisionReopensItsFinding() {
    String project = "expiry-flow";
    Clock later = Clock.fixed(Instant.parse("2031-01-01T00:00:00Z"), ZoneOffset.UTC);
    String editor = server.token(project, Role.EDITOR, null);
    server.post("/api/v1/uploads", editor, Uploads.cardFraudAs(project, null));
    server.post(
        path(project) + "/decisions",
        editor,
        "{\"finding\": \"unsafe-deserialization@registry\", \"state\": \"accepted\","
            + " \"reason\": \"until the migration\", \"owner\": \"ml\", \"expires\": \"2030-06-30\"}");
    assertThat(server.get("/api/v1/projects", editor).json().at("/projects/0/open/high").asInt())
        .isZero();
    try (TestServer inTheFuture = new TestServer(later)) {
      JsonNode p = inTheFuture.get("/api/v1/projects", editor).json().at("/projects/0");
      assertThat(p.at("/open/high").asInt()).isEqualTo(1);
      JsonNode d = inTheFuture.get(path(project) + "/decisions", editor).json().at("/decisions/0");
      assertThat(d.get("expired").asBoolean()).isTrue();
      assertThat(inTheFuture.get(path(project) + "/decisions/export", editor).body())
          .contains("decisions: []");
    }
  }

  @Test
  void diffListsNewResolvedAndChangedSeverity() {
    String project = "diff-flow";
    String token = server.token(project, Role.UPLOADER, null);
    server.post("/api/v1/uploads", token, Uploads.cardFraudAs(project, null));
    // v2: the registry signs its models and stores safetensors: the deserialization threat goes
    String v2 = Uploads.of(cardFraudWithSafeRegistry(project), "card-fraud.yaml", null);
    assertThat(server.post("/api/v1/uploads", token, v2).json().get("version").asInt())
        .isEqualTo(2);
    JsonNode diff = server.get(path(project) + "/diff?from=1&to=2", token).json();
    assertThat(diff.get("resolved"))
        .extracting(f -> f.get("id").asText())
        .contains("unsafe-deserialization@registry");
    JsonNode back = server.get(path(project) + "/diff?from=2&to=1", token).json();
    assertThat(back.get("new"))
        .extracting(f -> f.get("id").asText())
        .contains("unsafe-deserialization@registry");
    assertThat(server.get(path(project) + "/diff?from=1&to=9", token).status()).isEqualTo(404);
    assertThat(server.get(path(project) + "/diff?from=x&to=1", token).status()).isEqualTo(400);
  }

  static String cardFraudWithSafeRegistry(String project) {
    try {
      return Files.readString(Uploads.EXAMPLES.resolve("card-fraud.yaml"))
          .replace("system: Card fraud scoring", "system: " + project)
          .replace("artifact-format: pickle", "artifact-format: safetensors");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void healthAndSecurityHeaders() {
    TestServer.Reply h = server.get("/api/v1/health", null);
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.json().get("database").asText()).isEqualTo("ok");
    assertThat(h.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(h.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(h.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(h.header("Referrer-Policy")).isEqualTo("no-referrer");
  }

  static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list) if (n.get("id").asText().equals(id)) return n;
    throw new AssertionError("no finding " + id + " in " + list);
  }
}
