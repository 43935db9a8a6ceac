package dev.mlsec.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhooks' transactional outbox: events are rows written in the transaction of what caused
 * them, and a delivery worker claims, sends and marks them (at least once: a claim is a lease that
 * runs out if the worker dies before it marked the row).
 */
public final class Outbox {
  /** The severities that raise a new-findings event. */
  public static final List<String> ALERTING = List.of("critical", "high");

  /** Findings listed in one event; the rest is counted in {@code more}. */
  static final int MAX_LISTED = 50;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Jdbi jdbi;

  Outbox(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A registered webhook (the secret is never read back out). */
  public record Webhook(long id, String url, String kind, String project, boolean signed) {}

  public Webhook register(String url, String kind, String secret, String project, String by) {
    return jdbi.inTransaction(
        h -> {
          long id =
              h.createUpdate(
                      "insert into webhook(url, kind, secret, project, created_by)"
                          + " values (:u, :k, :s, :p, :by)")
                  .bind("u", url)
                  .bind("k", kind)
                  .bind("s", secret)
                  .bind("p", project)
                  .bind("by", by)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          h.createUpdate(
                  "insert into audit(actor, action, subject, after) values (:by, 'webhook', :s, :a)")
              .bind("by", by)
              .bind("s", kind + " " + url)
              .bind("a", project == null ? "(all projects)" : project)
              .execute();
          return new Webhook(id, url, kind, project, secret != null);
        });
  }

  public List<Webhook> webhooks() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select id, url, kind, project, secret is not null as signed from webhook"
                        + " order by id")
                .map(
                    (rs, ctx) ->
                        new Webhook(
                            rs.getLong("id"),
                            rs.getString("url"),
                            rs.getString("kind"),
                            rs.getString("project"),
                            rs.getBoolean("signed")))
                .list());
  }

  /**
   * In the upload's transaction: one new-findings event per webhook of the project, listing the
   * critical and high findings that were not in the previous version and no decision settles.
   */
  static void newFindings(Handle h, String project, int version, List<FindingRow> fresh) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event", "new-findings");
    n.put("project", project);
    n.put("version", version);
    ArrayNode list = n.putArray("findings");
    fresh.stream()
        .sorted(Store.WORST_FIRST)
        .limit(MAX_LISTED)
        .forEach(
            f ->
                list.addObject()
                    .put("id", f.fingerprint())
                    .put("threat", f.threat())
                    .put("title", f.title())
                    .put("severity", f.severity())
                    .put("class", f.klass())
                    .put("component", f.component()));
    n.put("more", Math.max(0, fresh.size() - MAX_LISTED));
    h.createUpdate(
            "insert into outbox(webhook_id, event, dedup_key, payload)"
                + " select w.id, 'new-findings', :k, :pl from webhook w"
                + " where w.project is null or w.project = :n"
                + " on conflict (webhook_id, dedup_key) do nothing")
        .bind("k", "new-findings:" + project + ":" + version)
        .bind("pl", n.toString())
        .bind("n", project)
        .execute();
  }

  /**
   * One decision-expiring event per webhook and decision that expires from {@code today} to {@code
   * today + days}; the dedup key (project, finding, expiry day) makes it once per expiry.
   *
   * @return the events written
   */
  public int expiring(LocalDate today, int days) {
    return jdbi.inTransaction(
        h ->
            h.createUpdate(
                    "insert into outbox(webhook_id, event, dedup_key, payload)"
                        + " select w.id, 'decision-expiring',"
                        + " 'expiring:' || p.name || ':' || d.fingerprint || ':' || d.expires,"
                        + " json_build_object('event', 'decision-expiring', 'project', p.name,"
                        + " 'finding', d.fingerprint, 'state', d.state, 'owner', d.owner,"
                        + " 'reason', d.reason, 'expires', d.expires)::text"
                        + " from decision d join project p on p.id = d.project_id"
                        + " join webhook w on w.project is null or w.project = p.name"
                        + " where d.expires between :today and :until"
                        + " order by p.name, d.fingerprint, w.id"
                        + " on conflict (webhook_id, dedup_key) do nothing")
                .bind("today", today)
                .bind("until", today.plusDays(days))
                .execute());
  }

  /** An event claimed for delivery, with where it goes. */
  public record Claimed(
      long id,
      String event,
      String payload,
      int attempts,
      String url,
      String kind,
      String secret) {}

  /**
   * Claims up to {@code limit} due events for {@code leaseSeconds}: a worker that dies before it
   * marks one leaves it to be claimed again when the lease ends.
   */
  public List<Claimed> claim(int limit, long leaseSeconds) {
    return jdbi.inTransaction(
        h ->
            h
                .createQuery(
                    "update outbox o set attempts = o.attempts + 1,"
                        + " next_attempt = now() + make_interval(secs => :lease)"
                        + " from webhook w where w.id = o.webhook_id and o.id in (select id from"
                        + " outbox where delivered_at is null and failed_at is null"
                        + " and next_attempt <= now() order by id limit :n for update skip locked)"
                        + " returning o.id, o.event, o.payload, o.attempts, w.url, w.kind,"
                        + " w.secret")
                .bind("lease", (double) leaseSeconds)
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        new Claimed(
                            rs.getLong("id"),
                            rs.getString("event"),
                            rs.getString("payload"),
                            rs.getInt("attempts"),
                            rs.getString("url"),
                            rs.getString("kind"),
                            rs.getString("secret")))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(Claimed::id))
                .toList());
  }

  public void delivered(long id) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update outbox set delivered_at = now(), last_error = null where id = :i")
                .bind("i", id)
                .execute());
  }

  /** A failed attempt: retried after {@code backoffSeconds}, or given up after the last one. */
  public void failed(long id, String error, long backoffSeconds, boolean giveUp) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update outbox set last_error = :e,"
                        + " next_attempt = now() + make_interval(secs => :b),"
                        + " failed_at = case when :g then now() end where id = :i")
                .bind("e", error.length() > 500 ? error.substring(0, 500) : error)
                .bind("b", (double) backoffSeconds)
                .bind("g", giveUp)
                .bind("i", id)
                .execute());
  }

  /** What the outbox holds: for the API and tests. */
  public record Counts(int pending, int delivered, int failed) {}

  public Counts counts() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select count(*) filter (where delivered_at is null and failed_at is null)"
                        + " as pending, count(delivered_at) as delivered, count(failed_at) as failed"
                        + " from outbox")
                .map((rs, ctx) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
                .one());
  }
}
