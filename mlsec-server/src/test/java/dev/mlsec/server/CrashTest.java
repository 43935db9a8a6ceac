package dev.mlsec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real server process in the middle of concurrent uploads, then a restart on
 * the same data folder: every upload that was acknowledged is there, whole, and nothing else.
 */
class CrashTest {
  static final String ADMIN = "crash-test-admin-token-0123456789";
  static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
  static final int PROJECTS = 3;
  static final int VARIANTS = 20;
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;

  record Ack(String project, int variant, int version) {}

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void everyAcknowledgedUploadSurvivesKillMinus9() throws Exception {
    List<String[]> bodies = new ArrayList<>();
    for (int v = 0; v < VARIANTS; v++) {
      for (int p = 0; p < PROJECTS; p++) {
        String project = "crash-" + p;
        bodies.add(new String[] {project, "" + v, Uploads.cardFraudAs(project, "variant " + v)});
      }
    }
    Process first = start();
    Process second = null;
    try {
      int port = port(first);
      Map<String, Ack> acks = new ConcurrentHashMap<>();
      AtomicInteger next = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      CountDownLatch enough = new CountDownLatch(15);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      for (int t = 0; t < 6; t++) {
        pool.submit(
            () -> {
              int i;
              while (!killed.get() && (i = next.getAndIncrement()) < bodies.size()) {
                String[] b = bodies.get(i);
                try {
                  HttpResponse<String> r = post(port, b[2]);
                  if (r.statusCode() == 201 || r.statusCode() == 200) {
                    JsonNode n = TestServer.JSON.readTree(r.body());
                    acks.put(
                        b[0] + "#" + b[1],
                        new Ack(b[0], Integer.parseInt(b[1]), n.get("version").asInt()));
                    enough.countDown();
                  }
                } catch (IOException | InterruptedException e) {
                  // not acknowledged: the server died first
                }
              }
              return null;
            });
      }
      assertThat(enough.await(120, TimeUnit.SECONDS))
          .as("uploads acknowledged before the kill")
          .isTrue();
      first.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
      killed.set(true);
      first.waitFor(30, TimeUnit.SECONDS);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(next.get()).as("the kill came mid-upload").isLessThan(bodies.size());

      second = start();
      int port2 = port(second);
      // every body is the same analysis: a whole version holds all of its findings
      int whole =
          TestServer.JSON.readTree(bodies.get(0)[2]).path("analysis").path("findings").size();
      assertThat(whole).isPositive();
      for (int p = 0; p < PROJECTS; p++) {
        String project = "crash-" + p;
        JsonNode versions = get(port2, "/api/v1/projects/" + project + "/versions");
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode v : versions.path("versions")) {
          numbers.add(v.get("version").asInt());
          assertThat(v.get("findings").asInt()).as("every version whole").isEqualTo(whole);
        }
        // dense: no hole left by an upload that never committed
        for (int k = 0; k < numbers.size(); k++)
          assertThat(numbers.get(k)).isEqualTo(numbers.size() - k);
      }
      for (Ack a : acks.values()) {
        // the same content again finds the acknowledged version: it is stored, and intact
        String body =
            bodies.get(a.variant() * PROJECTS + Integer.parseInt(a.project().substring(6)))[2];
        HttpResponse<String> r = post(port2, body);
        assertThat(r.statusCode()).as(a + " is there").isEqualTo(200);
        assertThat(TestServer.JSON.readTree(r.body()).get("version").asInt())
            .isEqualTo(a.version());
      }
    } finally {
      stop(first);
      stop(second);
    }
  }

  private Process start() throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ServeCommand.class.getName(),
            "--port",
            "0",
            "--data",
            data.toString());
    pb.environment().put("MLSEC_ADMIN_TOKEN", ADMIN);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  /** Waits for the start line and returns its port; the rest of the output is drained. */
  private static int port(Process p) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String line;
    while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (r.readLine() != null) {}
                  } catch (IOException ignored) {
                    // the process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the server did not start:\n" + seen);
  }

  private static HttpResponse<String> post(int port, String body)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/uploads"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + ADMIN)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ADMIN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return TestServer.JSON.readTree(r.body());
  }

  /** A clean stop (its PostgreSQL too); and if a killed server left its PostgreSQL, that one. */
  private void stop(Process p) throws Exception {
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    }
    Path pid = data.resolve("pg").resolve("postmaster.pid");
    if (p != null && !p.isAlive() && Files.isRegularFile(pid)) {
      List<String> lines = Files.readAllLines(pid);
      if (!lines.isEmpty()) {
        ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
            .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false))
            .ifPresent(ProcessHandle::destroy);
      }
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
