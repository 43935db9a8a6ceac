package dev.mlsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.server.SharedDatabase;
import dev.mlsec.server.Uploads;
import dev.mlsec.server.auth.Principal;
import dev.mlsec.server.auth.Role;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The portfolio's counts (kept in the summary row) agree with the findings list (decisions applied
 * in Java, {@link TrackedFinding}), with active, expired and reopening decisions, on several days.
 */
class ProjectSummaryTest {
  final Store store = SharedDatabase.store();

  @Test
  void sqlCountsAndWorstOpenAgreeWithTheFindingsList() {
    String p = "summary-agrees";
    store.store(Upload.parse(Uploads.cardFraudAs(p, null).getBytes()), "test");
    List<TrackedFinding> all = store.findings(p, 1, LocalDate.of(2026, 1, 1));
    // decide on the three worst: accepted until 2026-06-30, mitigated for good, in-progress
    String[] states = {"accepted", "mitigated", "in-progress", "false-positive"};
    LocalDate[] until = {LocalDate.of(2026, 6, 30), null, null, LocalDate.of(2025, 1, 1)};
    for (int i = 0; i < states.length; i++) {
      store.decide(
          p,
          new DecisionRecord(
              all.get(i).finding().fingerprint(), states[i], "test", "me", until[i], "t", null));
    }
    Principal viewer = new Principal("t", false, Map.of(p, Role.VIEWER));
    for (LocalDate day : List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 7, 1))) {
      ProjectSummary s = store.portfolio().page(viewer, day, 1, 50).projects().get(0);
      List<TrackedFinding> open =
          store.findings(p, 1, day).stream().filter(TrackedFinding::open).toList();
      Map<String, Integer> bySeverity = new LinkedHashMap<>();
      for (String sev : Store.SEVERITIES)
        bySeverity.put(
            sev, (int) open.stream().filter(t -> t.finding().severity().equals(sev)).count());
      Map<String, Integer> byClass = new LinkedHashMap<>();
      for (String c : Store.CLASSES)
        byClass.put(c, (int) open.stream().filter(t -> t.finding().klass().equals(c)).count());
      Optional<FindingRow> worst =
          open.stream().map(TrackedFinding::finding).min(Store.WORST_FIRST);
      assertThat(s.name()).isEqualTo(p);
      assertThat(s.openBySeverity()).as("on " + day).isEqualTo(bySeverity);
      assertThat(s.openByClass()).as("on " + day).isEqualTo(byClass);
      assertThat(s.worstOpen()).as("on " + day).isEqualTo(worst);
    }
    // the accepted decision expired on 2026-07-01: one more finding is open then
    int before =
        total(store.portfolio().page(viewer, LocalDate.of(2026, 1, 1), 1, 50).projects().get(0));
    int after =
        total(store.portfolio().page(viewer, LocalDate.of(2026, 7, 1), 1, 50).projects().get(0));
    assertThat(after).isEqualTo(before + 1);
  }

  static int total(ProjectSummary s) {
    return s.openBySeverity().values().stream().mapToInt(Integer::intValue).sum();
  }
}
