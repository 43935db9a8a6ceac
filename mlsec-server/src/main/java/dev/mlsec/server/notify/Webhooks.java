package dev.mlsec.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsec.server.store.Outbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery worker of the webhooks' outbox: claims due events, sends each to its URL (generic
 * JSON or Slack's {@code {"text": …}}), signed with HMAC-SHA256 when the webhook has a secret, and
 * marks it delivered on a 2xx; anything else is retried with exponential backoff, at least once,
 * also across restarts (the outbox is in the database).
 */
public final class Webhooks implements AutoCloseable {
  /** The limits and rhythm of delivery. */
  public record Settings(
      boolean allowPrivate,
      int noticeDays,
      Duration poll,
      Duration lease,
      Duration firstBackoff,
      int maxAttempts) {
    public static Settings defaults(boolean allowPrivate, int noticeDays) {
      return new Settings(
          allowPrivate,
          noticeDays,
          Duration.ofSeconds(2),
          Duration.ofSeconds(60),
          Duration.ofSeconds(10),
          12);
    }
  }

  static final int BATCH = 20;
  static final Duration CONNECT = Duration.ofSeconds(5);
  static final Duration REQUEST = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofHours(6);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  private final Outbox outbox;
  private final Settings settings;
  private final Clock clock;
  // redirects are not followed: a 3xx could point anywhere, past the target check
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private ScheduledExecutorService timer;

  public Webhooks(Outbox outbox, Settings settings, Clock clock) {
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts polling: the expiry sweep and the due deliveries, every {@code poll}. */
  // safeRound reports its own failures and close() shuts the timer down: the future says nothing
  @SuppressWarnings("FutureReturnValueIgnored")
  public Webhooks start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mlsec-webhooks");
              t.setDaemon(true);
              return t;
            });
    long ms = settings.poll().toMillis();
    timer.scheduleWithFixedDelay(this::safeRound, 0, ms, TimeUnit.MILLISECONDS);
    return this;
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException e) {
      LOG.warn("webhook delivery round failed: {}", e.toString());
    }
  }

  /** One round: sweep for expiring decisions, then deliver what is due. Returns deliveries. */
  public int round() {
    outbox.expiring(LocalDate.now(clock.withZone(ZoneOffset.UTC)), settings.noticeDays());
    int delivered = 0;
    // batch after batch while the last was full and got through; a failed event waits its backoff
    // for the next round, so one round tries each event once
    boolean more = true;
    while (more) {
      List<Outbox.Claimed> due = outbox.claim(BATCH, settings.lease().toSeconds());
      int before = delivered;
      for (Outbox.Claimed c : due) {
        String error = send(c);
        if (error == null) {
          outbox.delivered(c.id());
          delivered++;
        } else {
          boolean last = c.attempts() >= settings.maxAttempts();
          outbox.failed(c.id(), error, backoff(c.attempts()), last);
          LOG.warn(
              "webhook delivery {} to {} failed (attempt {}): {}",
              c.id(),
              c.url(),
              c.attempts(),
              error);
        }
      }
      more = due.size() == BATCH && delivered > before;
    }
    return delivered;
  }

  /** first × 2^(attempt-1), at most six hours. */
  long backoff(int attempt) {
    long s = settings.firstBackoff().toSeconds() << Math.min(attempt - 1, 20);
    return Math.min(s, MAX_BACKOFF.toSeconds());
  }

  /** Sends one event; null when the receiver took it (2xx), else why not. */
  String send(Outbox.Claimed c) {
    String refused = Targets.refusal(c.url(), settings.allowPrivate());
    if (refused != null) return refused;
    String body = body(c.kind(), c.payload());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(c.url()))
            .timeout(REQUEST)
            .header("Content-Type", "application/json")
            .header("User-Agent", "mlsec-server")
            .header("X-Mlsec-Event", c.event())
            // at least once: the receiver drops a delivery id it has seen
            .header("X-Mlsec-Delivery", Long.toString(c.id()))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (c.secret() != null) b.header("X-Mlsec-Signature", "sha256=" + hmac(c.secret(), body));
    try {
      HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      r.body().close(); // the answer's body is not read: a receiver cannot make us download
      return r.statusCode() / 100 == 2 ? null : "the receiver answered " + r.statusCode();
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The HMAC-SHA256 of the body with the webhook's secret, in hex. */
  public static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request body for a webhook kind: the event itself, or Slack's text message. */
  static String body(String kind, String payload) {
    if (!kind.equals("slack")) return payload;
    JsonNode e;
    try {
      e = JSON.readTree(payload);
    } catch (IOException x) {
      throw new IllegalStateException("the outbox holds JSON", x);
    }
    StringBuilder t = new StringBuilder("mlsec: ");
    if (e.path("event").asText().equals("new-findings")) {
      int n = e.path("findings").size() + e.path("more").asInt();
      t.append(n)
          .append(
              n == 1 ? " new critical or high finding in " : " new critical or high findings in ")
          .append(slack(e.path("project").asText()))
          .append(" version ")
          .append(e.path("version").asInt());
      for (JsonNode f : e.path("findings"))
        t.append("\n• ")
            .append(f.path("severity").asText())
            .append(": ")
            .append(slack(f.path("title").asText()))
            .append(" (")
            .append(slack(f.path("id").asText()))
            .append(')');
      if (e.path("more").asInt() > 0)
        t.append("\n… and ").append(e.path("more").asInt()).append(" more");
    } else {
      t.append("the decision ")
          .append(slack(e.path("state").asText()))
          .append(" on ")
          .append(slack(e.path("finding").asText()))
          .append(" in ")
          .append(slack(e.path("project").asText()))
          .append(" expires on ")
          .append(e.path("expires").asText())
          .append(" (owner ")
          .append(slack(e.path("owner").asText()))
          .append(')');
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("text", t.toString());
    return n.toString();
  }

  /** Slack's own escaping: a name cannot become a link or an @channel. */
  static String slack(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
