package dev.mlsec.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mlsec.server.Database;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import dev.mlsec.server.store.DecisionRecord;
import dev.mlsec.server.store.Store;
import dev.mlsec.server.web.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Webhooks end to end on a database of their own and a real loopback receiver: events written with
 * the upload, delivered after a "crash" between commit and delivery, signed, retried with backoff,
 * claimed again after a worker died mid-delivery, and the expiry notice once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookTest {
  record Received(String path, String event, String delivery, String signature, String body) {}

  static final String SECRET = "a webhook secret of some length";
  static final List<Received> received = new CopyOnWriteArrayList<>();
  static volatile int answer = 204;
  static Database database;
  static Store store;
  static Server server;
  static HttpServer receiver;
  static String admin;

  @BeforeAll
  static void start() throws IOException {
    database = Database.embedded(Files.createTempDirectory("mlsec-webhooks-"));
    store = new Store(database.jdbi());
    server = Server.start(store, "127.0.0.1", 0, Clock.systemUTC(), "test", true);
    admin = Secrets.create("mlsec_");
    store.createToken(Secrets.hash(admin), null, Role.ADMIN, null, "test");
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        x -> {
          received.add(
              new Received(
                  x.getRequestURI().getPath(),
                  x.getRequestHeaders().getFirst("X-Mlsec-Event"),
                  x.getRequestHeaders().getFirst("X-Mlsec-Delivery"),
                  x.getRequestHeaders().getFirst("X-Mlsec-Signature"),
                  new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          x.sendResponseHeaders(answer, -1);
          x.close();
        });
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
    server.close();
    database.close();
  }

  static String hook(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  static TestServer.Reply post(String path, String token, String body) {
    return send("POST", path, token, body);
  }

  static TestServer.Reply send(String method, String path, String token, String body) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (token != null) b.header("Authorization", "Bearer " + token);
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new TestServer.Reply(r.statusCode(), r.body(), r.headers());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static Webhooks worker(Duration lease) {
    return new Webhooks(
        store.outbox(),
        new Webhooks.Settings(true, 14, Duration.ofSeconds(1), lease, Duration.ZERO, 3),
        Clock.systemUTC());
  }

  @Test
  @Order(1)
  void eventsOutliveACrashBetweenCommitAndDeliveryAndArriveSigned() throws IOException {
    assertThat(
            post(
                    "/api/v1/webhooks",
                    admin,
                    "{\"url\": \""
                        + hook("/generic")
                        + "\", \"kind\": \"json\", \"secret\": \""
                        + SECRET
                        + "\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            post(
                    "/api/v1/webhooks",
                    admin,
                    "{\"url\": \"" + hook("/slack") + "\", \"kind\": \"slack\"}")
                .status())
        .isEqualTo(201);
    // the upload commits; no worker runs (as if the server died right after answering)
    assertThat(post("/api/v1/uploads", admin, Uploads.cardFraudAs("hooked <b>&", null)).status())
        .isEqualTo(201);
    JsonNode listed = send("GET", "/api/v1/webhooks", admin, null).json();
    assertThat(listed.at("/outbox/pending").asInt()).isEqualTo(2);
    assertThat(listed.toString()).doesNotContain(SECRET);
    assertThat(received).isEmpty();

    // the restarted server's worker finds them in the outbox
    assertThat(worker(Duration.ofSeconds(60)).round()).isEqualTo(2);
    Received generic = only("/generic");
    assertThat(generic.event()).isEqualTo("new-findings");
    assertThat(generic.signature()).isEqualTo("sha256=" + Webhooks.hmac(SECRET, generic.body()));
    JsonNode e = TestServer.JSON.readTree(generic.body());
    assertThat(e.get("project").asText()).isEqualTo("hooked <b>&");
    assertThat(e.get("version").asInt()).isEqualTo(1);
    assertThat(e.get("findings")).extracting(f -> f.get("severity").asText()).containsOnly("high");
    Received slack = only("/slack");
    assertThat(slack.signature()).isNull();
    assertThat(TestServer.JSON.readTree(slack.body()).get("text").asText())
        .startsWith(
            "mlsec: 1 new critical or high finding in hooked &lt;b&gt;&amp; version 1\n• high: ");
    assertThat(send("GET", "/api/v1/webhooks", admin, null).json().at("/outbox/delivered").asInt())
        .isEqualTo(2);

    // the same findings in a changed file are not new: nothing more to say
    received.clear();
    assertThat(post("/api/v1/uploads", admin, Uploads.cardFraudAs("hooked <b>&", "v2")).status())
        .isEqualTo(201);
    assertThat(worker(Duration.ofSeconds(60)).round()).isZero();
    assertThat(received).isEmpty();
  }

  @Test
  @Order(2)
  void aRefusedDeliveryIsRetriedAndAClaimOfADeadWorkerRunsOut() throws InterruptedException {
    received.clear();
    answer = 500;
    assertThat(post("/api/v1/uploads", admin, Uploads.cardFraudAs("hooked-retry", null)).status())
        .isEqualTo(201);
    assertThat(worker(Duration.ofSeconds(60)).round()).isZero();
    assertThat(received).hasSize(2); // both tried, both refused, both still pending
    answer = 204;
    assertThat(worker(Duration.ofSeconds(60)).round()).isEqualTo(2); // backoff 0 in this test
    assertThat(received).hasSize(4);
    assertThat(received.get(2).delivery())
        .isIn(received.get(0).delivery(), received.get(1).delivery());

    // a worker claims and dies before it marks: nobody else sends it until the lease ends
    received.clear();
    assertThat(post("/api/v1/uploads", admin, Uploads.cardFraudAs("hooked-lease", null)).status())
        .isEqualTo(201);
    assertThat(store.outbox().claim(20, 2)).hasSize(2);
    assertThat(worker(Duration.ofSeconds(60)).round()).isZero();
    Thread.sleep(2_500);
    assertThat(worker(Duration.ofSeconds(60)).round()).isEqualTo(2);
    assertThat(received).hasSize(2);
  }

  @Test
  @Order(3)
  void aDecisionAboutToExpireIsAnnouncedOnce() throws IOException {
    received.clear();
    String fp =
        store
            .findings("hooked-retry", 1, LocalDate.now(ZoneOffset.UTC))
            .get(0)
            .finding()
            .fingerprint();
    store.decide(
        "hooked-retry",
        new DecisionRecord(
            fp,
            "accepted",
            "until the fix ships",
            "risk",
            LocalDate.now(ZoneOffset.UTC).plusDays(3),
            "test",
            null));
    assertThat(worker(Duration.ofSeconds(60)).round()).isEqualTo(2);
    assertThat(worker(Duration.ofSeconds(60)).round()).isZero();
    JsonNode e = TestServer.JSON.readTree(only("/generic").body());
    assertThat(e.get("event").asText()).isEqualTo("decision-expiring");
    assertThat(e.get("finding").asText()).isEqualTo(fp);
    assertThat(TestServer.JSON.readTree(only("/slack").body()).get("text").asText())
        .contains("the decision accepted on " + fp + " in hooked-retry expires on");
  }

  @Test
  @Order(4)
  void onlyAnAdminRegistersAndPrivateTargetsNeedTheFlag() throws IOException {
    String editor = Secrets.create("mlsec_");
    store.createToken(Secrets.hash(editor), "hooked-retry", Role.ADMIN, null, "test");
    String body = "{\"url\": \"https://192.0.2.10/hook\"}";
    assertThat(post("/api/v1/webhooks", editor, body).status()).isEqualTo(403);
    assertThat(post("/api/v1/webhooks", null, body).status()).isEqualTo(401);
    try (Server strict = Server.start(store, "127.0.0.1", 0, Clock.systemUTC(), "test")) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + strict.port() + "/api/v1/webhooks"))
                      .header("Authorization", "Bearer " + admin)
                      .POST(
                          HttpRequest.BodyPublishers.ofString("{\"url\": \"" + hook("/x") + "\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("127.0.0.1, a loopback or private address");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(post("/api/v1/webhooks", admin, "{\"url\": \"ftp://192.0.2.10/x\"}").body())
        .contains("url must be http or https, not ftp");
    assertThat(post("/api/v1/webhooks", admin, "{\"url\": \"https://u:p@192.0.2.10/\"}").body())
        .contains("must not carry a user or password");
    for (String a :
        List.of(
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "224.0.0.1")) {
      assertThat(Targets.internal(InetAddress.getByName(a))).as(a).isTrue();
    }
    for (String a : List.of("192.0.2.10", "8.8.8.8", "2001:4860:4860::8888")) {
      assertThat(Targets.internal(InetAddress.getByName(a))).as(a).isFalse();
    }
  }

  static Received only(String path) {
    List<Received> at = received.stream().filter(r -> r.path().equals(path)).toList();
    assertThat(at).as("deliveries to " + path).hasSize(1);
    return at.get(0);
  }
}
