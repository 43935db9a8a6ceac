package dev.mlsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.server.Database;
import dev.mlsec.server.auth.Principal;
import dev.mlsec.server.auth.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The summary rows the portfolio reads always equal what the findings list computes (decisions
 * applied in Java, {@link TrackedFinding}), after any sequence of uploads, re-uploads, decisions
 * (with expiry), retention and reads on other days, on the real PostgreSQL. A database of its own:
 * retention applies to every project.
 */
class PortfolioSummaryTest {
  static Database database;
  static Store store;
  static final AtomicInteger TRY = new AtomicInteger();
  static final LocalDate START = LocalDate.of(2026, 3, 1);
  static final List<String> STATUSES =
      List.of("open", "open", "conditional", "in-progress", "accepted", "mitigated");

  @BeforeContainer
  static void start() throws IOException {
    database = Database.embedded(Files.createTempDirectory("mlsec-portfolio-"));
    store = new Store(database.jdbi());
  }

  @AfterContainer
  static void stop() {
    database.close();
  }

  @Property(tries = 12)
  void theSummaryEqualsTheFullComputationAfterEveryStep(@ForAll long seed) {
    Random random = new Random(seed);
    String prefix = "t" + TRY.incrementAndGet() + "-";
    List<String> projects = List.of(prefix + "a", prefix + "B", prefix + "c");
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String p : projects) roles.put(p, Role.VIEWER);
    Principal viewer = new Principal("t", false, roles);
    Map<String, List<Upload>> sent = new LinkedHashMap<>();
    LocalDate day = START;
    for (int step = 0; step < 24; step++) {
      String p = projects.get(random.nextInt(projects.size()));
      int op = random.nextInt(100);
      List<Upload> earlier = sent.getOrDefault(p, List.of());
      if (op < 40 || earlier.isEmpty()) {
        Upload u = upload(p, random);
        store.store(u, "test", day);
        sent.computeIfAbsent(p, k -> new ArrayList<>()).add(u);
      } else if (op < 45) {
        // the same content again is the same version: nothing moves
        store.store(earlier.get(random.nextInt(earlier.size())), "test", day);
      } else if (op < 80) {
        List<TrackedFinding> latest = store.findings(p, store.latest(p).orElseThrow(), day);
        if (latest.isEmpty()) continue;
        String fingerprint = latest.get(random.nextInt(latest.size())).finding().fingerprint();
        String state =
            List.copyOf(DecisionRecord.STATES).get(random.nextInt(DecisionRecord.STATES.size()));
        LocalDate expires = random.nextBoolean() ? null : day.plusDays(random.nextInt(20) - 3);
        store.decide(p, new DecisionRecord(fingerprint, state, "r", "o", expires, "t", null), day);
      } else if (op < 88) {
        store.retention().apply(new Retention.Rule(1 + random.nextInt(4), null));
      } else {
        day = day.plusDays(random.nextInt(15)); // decisions expire as the days pass
      }
      LocalDate asOf = random.nextInt(4) == 0 ? day.minusDays(random.nextInt(10)) : day;
      Portfolio.Page page = store.portfolio().page(viewer, asOf, 1, 50);
      List<String> uploaded = projects.stream().filter(sent::containsKey).sorted().toList();
      assertThat(page.projects()).extracting(ProjectSummary::name).isEqualTo(uploaded);
      assertThat(page.total()).isEqualTo(uploaded.size());
      for (ProjectSummary s : page.projects())
        assertThat(s).as("step " + step + " on " + asOf).isEqualTo(expected(s.name(), asOf));
      // pages of one project each add up to the whole, in the same order
      List<ProjectSummary> paged = new ArrayList<>();
      for (int n = 1; n <= uploaded.size(); n++)
        paged.addAll(store.portfolio().page(viewer, asOf, n, 1).projects());
      assertThat(paged).isEqualTo(page.projects());
    }
  }

  /** A random analysis: some of six fingerprints, each with a random severity, class, status. */
  static Upload upload(String project, Random random) {
    List<FindingRow> findings = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      if (random.nextInt(3) == 0) continue;
      findings.add(
          new FindingRow(
              "threat-" + i + "@c" + i,
              "threat-" + i,
              "Threat " + i,
              Store.CLASSES.get(random.nextInt(Store.CLASSES.size())),
              "c" + i,
              Store.SEVERITIES.get(random.nextInt(Store.SEVERITIES.size())),
              STATUSES.get(random.nextInt(STATUSES.size()))));
    }
    return new Upload(
        project,
        "w.yaml",
        "system: x",
        findings.toString(),
        "test",
        "test",
        null,
        null,
        null,
        findings);
  }

  /** The project's line computed from its versions and findings, the long way. */
  static ProjectSummary expected(String project, LocalDate day) {
    List<VersionInfo> versions = store.versions(project); // newest first
    VersionInfo latest = versions.get(0);
    List<Trends.Point> trend = new ArrayList<>();
    List<TrackedFinding> open = List.of();
    for (int i = versions.size() - 1; i >= 0; i--) {
      VersionInfo v = versions.get(i);
      if (v.number() <= latest.number() - Trends.VERSIONS) continue;
      open =
          store.findings(project, v.number(), day).stream().filter(TrackedFinding::open).toList();
      trend.add(new Trends.Point(v.number(), count(open, Store.SEVERITIES, FindingRow::severity)));
    }
    Optional<FindingRow> worst = open.stream().map(TrackedFinding::finding).min(Store.WORST_FIRST);
    return new ProjectSummary(
        project,
        latest.number(),
        latest.uploadedAt(),
        count(open, Store.SEVERITIES, FindingRow::severity),
        count(open, Store.CLASSES, FindingRow::klass),
        worst,
        trend);
  }

  static Map<String, Integer> count(
      List<TrackedFinding> open,
      List<String> keys,
      java.util.function.Function<FindingRow, String> key) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String k : keys)
      m.put(k, (int) open.stream().filter(t -> key.apply(t.finding()).equals(k)).count());
    return m;
  }
}
