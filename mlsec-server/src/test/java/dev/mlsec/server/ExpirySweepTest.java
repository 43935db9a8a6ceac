package dev.mlsec.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.server.auth.Principal;
import dev.mlsec.server.store.AuditRow;
import dev.mlsec.server.store.DecisionRecord;
import dev.mlsec.server.store.Expiry;
import dev.mlsec.server.store.Retention;
import dev.mlsec.server.store.Store;
import dev.mlsec.server.store.TrackedFinding;
import dev.mlsec.server.store.Upload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expired decisions reopen their findings: at once on every read (a controllable clock moves the
 * day), and by the server's periodic sweep, which writes one audit row by {@code system} per
 * decision and removes it from the decisions in force. A database of its own: the sweep touches
 * every project.
 */
class ExpirySweepTest {
  static Database database;
  static Store store;

  @BeforeAll
  static void start() throws IOException {
    database = Database.embedded(Files.createTempDirectory("mlsec-expiry-"));
    store = new Store(database.jdbi());
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  static Instant noon(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  static final LocalDate DECIDED = LocalDate.of(2027, 1, 1);
  static final LocalDate EXPIRES = LocalDate.of(2027, 1, 10);

  static String status(String project, String finding, LocalDate today) {
    return store.findings(project, 1, today).stream()
        .filter(t -> t.finding().fingerprint().equals(finding))
        .map(TrackedFinding::status)
        .findFirst()
        .orElseThrow();
  }

  static List<AuditRow> expired(String project) {
    return store.audit(project, 100).stream()
        .filter(a -> a.action().equals("decision-expired"))
        .toList();
  }

  static int openInPortfolio(String project, LocalDate today) {
    return store
        .portfolio()
        .page(new Principal("test", true, Map.of()), today, 1, 500)
        .projects()
        .stream()
        .filter(p -> p.name().equals(project))
        .findFirst()
        .orElseThrow()
        .openBySeverity()
        .values()
        .stream()
        .mapToInt(Integer::intValue)
        .sum();
  }

  @Test
  void anExpiredDecisionReopensOnReadAndTheSweepAuditsItOnceAsSystem() throws Exception {
    store.store(
        Upload.parse(Uploads.cardFraudAs("exp-a", null).getBytes(StandardCharsets.UTF_8)),
        "test",
        DECIDED);
    List<TrackedFinding> open =
        store.findings("exp-a", 1, DECIDED).stream().filter(TrackedFinding::open).toList();
    String expiring = open.get(0).finding().fingerprint();
    String lasting = open.get(1).finding().fingerprint();
    store.decide(
        "exp-a",
        new DecisionRecord(expiring, "accepted", "until the fix", "ml", EXPIRES, "dana", null),
        DECIDED);
    store.decide(
        "exp-a",
        new DecisionRecord(lasting, "mitigated", "rate limit", "ml", null, "dana", null),
        DECIDED);

    // through its expiry day the decision holds; nothing to sweep
    assertThat(status("exp-a", expiring, EXPIRES)).isEqualTo("accepted");
    assertThat(store.expiry().sweep(EXPIRES)).isEmpty();

    // the next day every read counts the finding open again, before any sweep ran
    LocalDate after = EXPIRES.plusDays(1);
    assertThat(status("exp-a", expiring, after)).isEqualTo(open.get(0).finding().status());
    assertThat(status("exp-a", lasting, after)).isEqualTo("mitigated");
    assertThat(openInPortfolio("exp-a", EXPIRES)).isEqualTo(open.size() - 2);
    assertThat(openInPortfolio("exp-a", after)).isEqualTo(open.size() - 1);
    assertThat(expired("exp-a")).isEmpty();

    // the sweep (the server's timer runs it: theServersTimerSweepsAtStartWithItsClock)
    assertThat(store.expiry().sweep(after)).containsOnlyKeys("exp-a");

    List<AuditRow> rows = expired("exp-a");
    assertThat(rows).hasSize(1);
    AuditRow row = rows.get(0);
    assertThat(row.actor()).isEqualTo(Expiry.ACTOR).isEqualTo("system");
    assertThat(row.subject()).isEqualTo(expiring);
    assertThat(row.before()).contains("\"state\":\"accepted\"").contains("2027-01-10");
    assertThat(row.after()).contains("reopened");
    assertThat(store.decisions("exp-a"))
        .extracting(DecisionRecord::finding)
        .containsExactly(lasting);
    assertThat(status("exp-a", expiring, after)).isEqualTo(open.get(0).finding().status());

    // idempotent: a second sweep (or the next day's) finds nothing and writes nothing
    assertThat(store.expiry().sweep(after.plusDays(30))).isEmpty();
    assertThat(expired("exp-a")).hasSize(1);
  }

  @Test
  void theServersTimerSweepsAtStartWithItsClock() throws Exception {
    store.store(
        Upload.parse(Uploads.cardFraudAs("exp-b", null).getBytes(StandardCharsets.UTF_8)),
        "test",
        DECIDED);
    String finding =
        store.findings("exp-b", 1, DECIDED).stream()
            .filter(TrackedFinding::open)
            .findFirst()
            .orElseThrow()
            .finding()
            .fingerprint();
    store.decide(
        "exp-b",
        new DecisionRecord(finding, "false-positive", "not ours", "ml", EXPIRES, "dana", null),
        DECIDED);
    ManualClock clock = new ManualClock(noon(EXPIRES.plusDays(2)));
    StringWriter log = new StringWriter();
    ScheduledExecutorService sweeps =
        ServeCommand.sweeps(store, new Retention.Rule(null, null), clock, new PrintWriter(log));
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (expired("exp-b").isEmpty() && System.nanoTime() < until) Thread.sleep(100);
    } finally {
      sweeps.shutdownNow();
      sweeps.awaitTermination(10, TimeUnit.SECONDS);
    }
    assertThat(expired("exp-b"))
        .singleElement()
        .satisfies(a -> assertThat(a.actor()).isEqualTo("system"));
    assertThat(store.decisions("exp-b")).isEmpty();
    assertThat(log.toString()).contains("1 expired decisions reopened their findings in exp-b");
  }
}
