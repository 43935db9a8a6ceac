package dev.mlsec.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import dev.mlsec.server.store.Store;
import dev.mlsec.server.web.Server;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/** A server on a free loopback port over the shared database, and an HTTP client for it. */
public final class TestServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public final Store store;
  public final Server server;
  public final String adminToken;

  public TestServer() {
    this(Clock.systemUTC());
  }

  public TestServer(Clock clock) {
    this(clock, null);
  }

  /** A server whose acceptances of {@code secondApprovalFrom} or worse need a second approver. */
  public TestServer(Clock clock, String secondApprovalFrom) {
    store = SharedDatabase.store(secondApprovalFrom);
    server = Server.start(store, "127.0.0.1", 0, clock, "test");
    adminToken = token(null, Role.ADMIN, null);
  }

  public String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A new token straight in the store (the API's own route is tested separately). */
  public String token(String project, Role role, LocalDate expires) {
    String t = Secrets.create("mlsec_");
    store.createToken(Secrets.hash(t), project, role, expires, "test");
    return t;
  }

  /** The answer to one request. */
  public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  public Reply get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Reply post(String path, String token, String body) {
    return send("POST", path, token, body, Map.of("Content-Type", "application/json"));
  }

  public Reply send(
      String method, String path, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
    if (token != null) b.header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The status line's code for a raw request head (no body sent): how a client that announces more
   * than the limit is answered before it sends anything.
   */
  public int rawStatus(String head) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String line =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(line.split(" ")[1]);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
