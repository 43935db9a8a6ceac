package dev.mlsec.server.store;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's retention rule: keep each project's last {@code versions} versions and/or those
 * younger than {@code days} days (a version is kept when either says so). Never removed: a
 * project's latest version, and for every decision the newest version that has its finding, so what
 * a decision is about stays readable beside its audit history (which is never removed).
 */
public final class Retention {
  /** The rule; a null bound is not applied, and a rule with neither keeps everything. */
  public record Rule(Integer versions, Integer days) {
    public Rule {
      if (versions != null && versions < 1)
        throw new IllegalArgumentException("--keep-versions must be 1 or more");
      if (days != null && days < 0)
        throw new IllegalArgumentException("--keep-days must be 0 or more");
    }

    public boolean active() {
      return versions != null || days != null;
    }
  }

  private final Jdbi jdbi;

  Retention(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Applies the rule in one transaction: removes the versions it does not keep with their findings
   * and scans, and writes one audit row per project naming the removed version numbers.
   *
   * @return per project, the version numbers removed, in order
   */
  public Map<String, List<Integer>> apply(Rule rule) {
    Map<String, List<Integer>> removed = new TreeMap<>();
    if (!rule.active()) return removed;
    jdbi.useTransaction(
        h -> {
          Set<Long> touched = new TreeSet<>();
          h.createQuery(
                  "with ranked as (select v.id, v.project_id, v.number, v.uploaded_at,"
                      + " row_number() over (partition by v.project_id order by v.number desc)"
                      + " as rn from version v),"
                      + " protected as (select latest_version as id from project"
                      + " where latest_version is not null"
                      + " union select (select v.id from version v join finding f"
                      + " on f.version_id = v.id where v.project_id = d.project_id"
                      + " and f.fingerprint = d.fingerprint order by v.number desc limit 1)"
                      + " from decision d),"
                      + " doomed as (select r.id from ranked r"
                      + " where r.id not in (select id from protected where id is not null)"
                      + " and (cast(:n as integer) is null or r.rn > :n)"
                      + " and (cast(:d as integer) is null"
                      + " or r.uploaded_at < now() - make_interval(days => :d))),"
                      + " s as (delete from scan where version_id in (select id from doomed)),"
                      + " f as (delete from finding where version_id in (select id from doomed)),"
                      + " v as (delete from version where id in (select id from doomed)"
                      + " returning project_id, number),"
                      + " a as (insert into audit(actor, project_id, action, subject)"
                      + " select 'retention', project_id, 'retention', 'removed versions '"
                      + " || string_agg(number::text, ', ' order by number) from v"
                      + " group by project_id)"
                      + " select p.id, p.name, v.number from v join project p"
                      + " on p.id = v.project_id order by p.name, v.number")
              .bind("n", rule.versions())
              .bind("d", rule.days())
              .map(
                  (rs, ctx) -> {
                    touched.add(rs.getLong("id"));
                    return Map.entry(rs.getString("name"), rs.getInt("number"));
                  })
              .forEach(
                  e ->
                      removed
                          .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                          .add(e.getValue()));
          // the trend of each project that lost versions, in this transaction (in id order: the
          // locks are taken in the same order by every writer of several projects)
          for (long id : touched) Portfolio.refresh(h, id, LocalDate.now(ZoneOffset.UTC));
        });
    return removed;
  }
}
