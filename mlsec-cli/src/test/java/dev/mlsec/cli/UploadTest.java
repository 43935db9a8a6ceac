package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code analyze --upload}: what it sends, and how a refusal reads (a loopback stand-in server).
 */
class UploadTest {
  static final ObjectMapper JSON = new ObjectMapper();
  HttpServer server;
  final AtomicReference<String> body = new AtomicReference<>();
  final AtomicReference<String> auth = new AtomicReference<>();
  final AtomicReference<String> path = new AtomicReference<>();
  volatile int status = 201;
  volatile String answer = "{\"project\":\"Card fraud scoring\",\"version\":3,\"created\":true}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/uploads", this::answer);
    server.createContext("/api/v1/projects/", this::answer);
    server.start();
    ServerUpload.environment = Map.of("MLSEC_TOKEN", "mlsec_test", "GITHUB_SHA", "abc123");
  }

  /** Records what came and answers with {@code status} and {@code answer}. */
  void answer(com.sun.net.httpserver.HttpExchange x) throws IOException {
    path.set(x.getRequestURI().getRawPath());
    body.set(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    auth.set(x.getRequestHeaders().getFirst("Authorization"));
    byte[] b = answer.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ServerUpload.environment = System.getenv();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void sendsTheJsonReportAndTheSourceWithTheToken() throws IOException {
    CliTest.Run r =
        CliTest.run(
            "analyze",
            CliTest.EXAMPLES.resolve("card-fraud.yaml").toString(),
            "--fail-on",
            "none",
            "--upload",
            url(),
            "--project",
            "fraud");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("uploaded to " + url() + ": project Card fraud scoring, version 3");
    assertThat(auth.get()).isEqualTo("Bearer mlsec_test");
    JsonNode sent = JSON.readTree(body.get());
    assertThat(sent.get("project").asText()).isEqualTo("fraud");
    assertThat(sent.at("/analysis/system").asText()).isEqualTo("Card fraud scoring");
    assertThat(sent.at("/analysis/format-version").asInt()).isEqualTo(1);
    assertThat(sent.get("workflow").asText())
        .isEqualTo(Files.readString(CliTest.EXAMPLES.resolve("card-fraud.yaml")));
    assertThat(sent.at("/git/commit").asText()).isEqualTo("abc123");
  }

  @Test
  void aRefusalIsOneLineAndExitCode2() {
    status = 403;
    answer = "{\"error\":\"token 1234 may not do this in project x\"}";
    CliTest.Run r =
        CliTest.run(
            "analyze", CliTest.EXAMPLES.resolve("card-fraud.yaml").toString(), "--upload", url());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("the server refused the upload (403): token 1234 may not do this in project x")
        .contains("check MLSEC_TOKEN");
  }

  @Test
  void withoutATokenOrWithABadUrlNothingIsSent() {
    ServerUpload.environment = Map.of();
    CliTest.Run r =
        CliTest.run(
            "analyze", CliTest.EXAMPLES.resolve("card-fraud.yaml").toString(), "--upload", url());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--upload needs a token in MLSEC_TOKEN");
    CliTest.Run bad =
        CliTest.run(
            "analyze",
            CliTest.EXAMPLES.resolve("card-fraud.yaml").toString(),
            "--upload",
            "ftp://x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("is not a server URL");
    CliTest.Run orphan =
        CliTest.run(
            "analyze", CliTest.EXAMPLES.resolve("card-fraud.yaml").toString(), "--project", "p");
    assertThat(orphan.code()).isEqualTo(2);
    assertThat(orphan.err()).contains("give --upload URL with it");
    assertThat(body.get()).isNull();
  }

  /** scan writes to System.out and System.err itself (its reports are byte streams). */
  static CliTest.Run scan(String... args) {
    java.io.PrintStream oldOut = System.out;
    java.io.PrintStream oldErr = System.err;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    try {
      System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 1];
      all[0] = "scan";
      System.arraycopy(args, 0, all, 1, args.length);
      int code = Main.run(all);
      return new CliTest.Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void scanSendsItsJsonReportToTheProjectsScans(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path model =
        Files.write(dir.resolve("m.pkl"), new byte[] {(byte) 0x80, 4, '}', (byte) 0x94, '.'});
    answer = "{\"project\":\"Card fraud\",\"version\":4,\"created\":true}";
    CliTest.Run r = scan(model.toString(), "--upload", url(), "--project", "Card fraud");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("uploaded to " + url() + ": project Card fraud, version 4");
    assertThat(path.get()).isEqualTo("/api/v1/projects/Card%20fraud/scans");
    assertThat(auth.get()).isEqualTo("Bearer mlsec_test");
    JsonNode sent = JSON.readTree(body.get());
    assertThat(sent.at("/scan/tool").asText()).isEqualTo("mlsec-scan");
    assertThat(sent.at("/scan/files/0/verdict").asText()).isEqualTo("clean");
    assertThat(sent.at("/git/commit").asText()).isEqualTo("abc123");

    status = 404;
    answer = "{\"error\":\"project x has no version: upload its analysis first\"}";
    CliTest.Run refused = scan(model.toString(), "--upload", url(), "--project", "x");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err().strip())
        .isEqualTo(
            "mlsec scan: the server refused the upload (404): project x has no version: upload"
                + " its analysis first");
    body.set(null);
    CliTest.Run noProject = scan(model.toString(), "--upload", url());
    assertThat(noProject.code()).isEqualTo(2);
    assertThat(noProject.err()).contains("--upload needs --project");
    assertThat(body.get()).isNull();
  }
}
