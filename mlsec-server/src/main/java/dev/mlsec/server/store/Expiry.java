package dev.mlsec.server.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * The expiry sweep: a decision whose {@code expires} day has passed is removed from the decisions
 * in force, with an audit row {@code decision-expired} by {@code system} holding the decision as it
 * was, and its project's portfolio line recomputed. Reads do not wait for it: every read applies a
 * decision only while it holds ({@link DecisionRecord#active}), so the sweep makes the reopening
 * visible in the audit trail and in the decisions listed, not correct.
 */
public final class Expiry {
  /** The actor of the sweep's audit rows. */
  public static final String ACTOR = "system";

  private static final com.fasterxml.jackson.databind.ObjectMapper AFTER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final Jdbi jdbi;

  Expiry(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Reopens, in one transaction, every decision that expired before {@code today}.
   *
   * @return per project, the expired decisions removed, by fingerprint
   */
  public Map<String, List<DecisionRecord>> sweep(LocalDate today) {
    return jdbi.inTransaction(
        h -> {
          // the projects' row locks first, in id order, as every writer takes them: a decision
          // recorded meanwhile waits, or is seen (and if it renewed the expiry, kept)
          List<Map.Entry<Long, String>> projects =
              h.createQuery(
                      "select p.id, p.name from project p where exists (select 1 from decision d"
                          + " where d.project_id = p.id and d.expires < :today)"
                          + " order by p.id for update")
                  .bind("today", today)
                  .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("name")))
                  .list();
          Map<String, List<DecisionRecord>> reopened = new java.util.TreeMap<>();
          TreeSet<Long> touched = new TreeSet<>();
          for (Map.Entry<Long, String> p : projects) {
            List<DecisionRecord> gone =
                h
                    .createQuery(
                        "delete from decision where project_id = :p and expires < :today"
                            + " returning fingerprint as d_fingerprint, state, reason, owner,"
                            + " expires, decided_by, decided_at")
                    .bind("p", p.getKey())
                    .bind("today", today)
                    .map((rs, ctx) -> Store.decisionAt(rs, rs.getString("d_fingerprint")))
                    .list()
                    .stream()
                    .sorted(java.util.Comparator.comparing(DecisionRecord::finding))
                    .toList();
            for (DecisionRecord d : gone) {
              Store.audit(
                  h,
                  ACTOR,
                  p.getKey(),
                  "decision-expired",
                  d.finding(),
                  Store.json(d),
                  AFTER
                      .createObjectNode()
                      .put("finding", d.finding())
                      .put("status", "reopened: expired after " + d.expires())
                      .toString());
            }
            if (!gone.isEmpty()) {
              reopened.put(p.getValue(), new ArrayList<>(gone));
              touched.add(p.getKey());
            }
          }
          for (long id : touched) Portfolio.refresh(h, id, today);
          return reopened;
        });
  }
}
