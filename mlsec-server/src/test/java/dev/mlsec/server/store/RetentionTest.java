package dev.mlsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.server.Database;
import dev.mlsec.server.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retention rule on a database of its own (it applies to every project): last N, younger than D
 * days, either; never the latest, never the version a decision's finding was last seen in; one
 * audit row per project.
 */
class RetentionTest {
  static Database database;
  static Store store;

  @BeforeAll
  static void start() throws IOException {
    database = Database.embedded(Files.createTempDirectory("mlsec-retention-"));
    store = new Store(database.jdbi());
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  static void upload(String body) {
    store.store(Upload.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "test");
  }

  static List<Integer> versions(String project) {
    return store.versions(project).stream().map(VersionInfo::number).sorted().toList();
  }

  @Test
  void keepsTheLastNTheYoungAndWhatDecisionsNeedAndAuditsTheRest() throws IOException {
    // ret-a: six versions of one file; its first three are made 40 days old
    for (int i = 1; i <= 6; i++) upload(Uploads.cardFraudAs("ret-a", "v" + i));
    database
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        "update version set uploaded_at = now() - interval '40 days'"
                            + " where number <= 3 and project_id ="
                            + " (select id from project where name = 'ret-a')")
                    .execute());
    // ret-b: version 1 is another workflow; a decision is taken on a finding only it has
    String other = Files.readString(Uploads.EXAMPLES.resolve("support-assistant.yaml"));
    upload(Uploads.of(other, "support-assistant.yaml", "ret-b"));
    Set<String> later =
        store.findings("ret-a", 6, LocalDate.EPOCH).stream()
            .map(t -> t.finding().fingerprint())
            .collect(Collectors.toSet());
    String onlyInV1 =
        store.findings("ret-b", 1, LocalDate.EPOCH).stream()
            .map(t -> t.finding().fingerprint())
            .filter(fp -> !later.contains(fp))
            .findFirst()
            .orElseThrow();
    store.decide(
        "ret-b", new DecisionRecord(onlyInV1, "accepted", "known", "ml", null, "test", null));
    String cardFraud = Files.readString(Uploads.EXAMPLES.resolve("card-fraud.yaml"));
    for (int i = 2; i <= 4; i++)
      upload(Uploads.of(cardFraud + "\n# v" + i + "\n", "card-fraud.yaml", "ret-b"));

    assertThat(store.retention().apply(new Retention.Rule(null, null))).isEmpty();

    // younger than 30 days: ret-a loses 1-3, ret-b (all new) nothing
    assertThat(store.retention().apply(new Retention.Rule(null, 30)))
        .isEqualTo(Map.of("ret-a", List.of(1, 2, 3)));
    assertThat(versions("ret-a")).containsExactly(4, 5, 6);
    // last 1 or younger than 30 days: everything left is young
    assertThat(store.retention().apply(new Retention.Rule(1, 30))).isEmpty();
    // the last one only: ret-a keeps 6; ret-b keeps 4 and 1 (the decision's finding is only there)
    assertThat(store.retention().apply(new Retention.Rule(1, null)))
        .isEqualTo(Map.of("ret-a", List.of(4, 5), "ret-b", List.of(2, 3)));
    assertThat(versions("ret-a")).containsExactly(6);
    assertThat(versions("ret-b")).containsExactly(1, 4);
    assertThat(store.findings("ret-b", 1, LocalDate.EPOCH))
        .extracting(t -> t.finding().fingerprint())
        .contains(onlyInV1);
    assertThat(store.findings("ret-a", 5, LocalDate.EPOCH)).isEmpty();
    assertThat(store.decisions("ret-b"))
        .extracting(DecisionRecord::finding)
        .containsExactly(onlyInV1);
    assertThat(store.audit("ret-b", 50))
        .extracting(a -> a.action() + ": " + a.subject())
        .contains("retention: removed versions 2, 3", "decision: " + onlyInV1);
    assertThat(store.audit("ret-a", 50))
        .extracting(AuditRow::subject)
        .contains("removed versions 1, 2, 3", "removed versions 4, 5");
    // the next upload continues the numbering: numbers are never reused
    upload(Uploads.cardFraudAs("ret-a", "v7"));
    assertThat(versions("ret-a")).containsExactly(6, 7);
  }

  @Test
  void aRuleNeedsSensibleBounds() {
    assertThatThrownBy(() -> new Retention.Rule(0, null)).hasMessageContaining("--keep-versions");
    assertThatThrownBy(() -> new Retention.Rule(null, -1)).hasMessageContaining("--keep-days");
  }
}
