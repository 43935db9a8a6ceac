package dev.mlsec.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real headless Chromium driven over the Chrome DevTools Protocol, with the JDK's WebSocket client:
 * enough to load a page, watch its console, dialogs and CSP reports, click, evaluate and take a
 * screenshot. One browser per test class, one fresh tab per page. Public, in this module's test
 * jar, for the other modules' browser tests (the server's pages).
 */
public final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of(System.getProperty("mlsec.chromium", "/usr/bin/chromium"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  /** Skips the calling test when Chromium is absent, except on CI (CI=true), where it fails. */
  public static void assumePresent() {
    if (Files.isExecutable(BINARY)) return;
    String msg = BINARY + " is absent: install Debian's chromium to run the browser tests";
    if ("true".equals(System.getenv("CI"))) Assertions.fail(msg + " (required when CI=true)");
    Assumptions.abort(msg);
  }

  public Chromium() throws Exception {
    profile = Files.createTempDirectory("mlsec-chromium-");
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=1280,900",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String url = endpoint();
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create(url), new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Chromium prints its DevTools websocket address on stderr once it listens. */
  private String endpoint() throws IOException {
    Pattern ws = Pattern.compile("DevTools listening on (ws://\\S+)");
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      Matcher m = ws.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(err), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
      if (System.nanoTime() > deadline) break;
    }
    throw new IOException("Chromium did not report a DevTools endpoint");
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {
        // Chromium's own diagnostics; the tests read the page's console through the protocol.
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /** Sends a command (to the browser when sessionId is null) and waits for its result. */
  JsonNode send(String sessionId, String method, Map<String, ?> params) {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (sessionId != null) msg.put("sessionId", sessionId);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(msg.toString(), true).join();
    try {
      JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
      return r.path("result");
    } catch (Exception e) {
      throw new IllegalStateException("CDP " + method + " failed", e);
    }
  }

  /** A fresh tab with the domains the tests watch enabled. */
  public Page open() {
    String target =
        send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    String session =
        send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
            .get("sessionId")
            .asText();
    for (String domain : List.of("Page.enable", "Runtime.enable", "Log.enable")) {
      send(session, domain, Map.of());
    }
    return new Page(session);
  }

  /** Events received so far for one session. */
  List<JsonNode> events(String sessionId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events) if (sessionId.equals(e.path("sessionId").asText())) out.add(e);
    return out;
  }

  public final class Page {
    final String session;

    Page(String session) {
      this.session = session;
    }

    public void navigate(Path file) throws InterruptedException {
      navigate(file.toUri());
    }

    public void navigate(URI url) throws InterruptedException {
      int before = events(session).size();
      send(session, "Page.navigate", Map.of("url", url.toString()));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        List<JsonNode> es = events(session);
        for (int i = before; i < es.size(); i++) {
          if (es.get(i).path("method").asText().equals("Page.loadEventFired")) return;
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException("page did not load: " + url);
    }

    /** Evaluates an expression in the page and returns its JSON value. */
    public JsonNode eval(String expression) {
      JsonNode r =
          send(
              session,
              "Runtime.evaluate",
              Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
      if (r.has("exceptionDetails"))
        throw new IllegalStateException(r.get("exceptionDetails").toString());
      return r.path("result").path("value");
    }

    /** A real mouse click at the centre of the first element matching a CSS selector. */
    public void click(String selector) {
      JsonNode box =
          eval(
              "(function(){var e=document.querySelector("
                  + JSON.valueToTree(selector)
                  + ");e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                  + "return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
      for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
        send(
            session,
            "Input.dispatchMouseEvent",
            Map.of(
                "type",
                type,
                "x",
                box.get("x").asDouble(),
                "y",
                box.get("y").asDouble(),
                "button",
                "left",
                "clickCount",
                1));
      }
    }

    /** Console errors, uncaught exceptions, log errors (CSP violations among them), dialogs. */
    public List<String> problems() {
      List<String> out = new ArrayList<>();
      for (JsonNode e : events(session)) {
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
          case "Runtime.consoleAPICalled" -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
              out.add("console." + type + ": " + p.path("args"));
            }
          }
          case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
          case "Log.entryAdded" -> {
            String level = p.path("entry").path("level").asText();
            if (level.equals("error") || level.equals("warning")) {
              out.add("log." + level + ": " + p.path("entry").path("text").asText());
            }
          }
          case "Page.javascriptDialogOpening" -> out.add("dialog: " + p.path("message").asText());
          default -> {
            // other events are not problems
          }
        }
      }
      return out;
    }

    public void screenshot(Path png) throws IOException {
      JsonNode r =
          send(
              session,
              "Page.captureScreenshot",
              Map.of("format", "png", "captureBeyondViewport", true));
      Files.createDirectories(png.getParent());
      Files.write(png, Base64.getDecoder().decode(r.get("data").asText()));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      send(null, "Browser.close", Map.of());
    } catch (RuntimeException ignored) {
      // the browser may already be gone
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(buffer.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) f.complete(msg);
          } else {
            events.add(msg);
            if (msg.path("method").asText().equals("Page.javascriptDialogOpening")) {
              // A dialog blocks the page; dismiss it at once (the test reports it as a problem).
              ObjectNode dismiss = JSON.createObjectNode();
              dismiss.put("id", ids.incrementAndGet());
              dismiss.put("method", "Page.handleJavaScriptDialog");
              dismiss.putObject("params").put("accept", false);
              dismiss.put("sessionId", msg.path("sessionId").asText());
              ws.sendText(dismiss.toString(), true);
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException("bad CDP message", e);
        } finally {
          buffer.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
