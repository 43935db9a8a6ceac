package dev.mlsec.server.store;

import dev.mlsec.server.auth.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The portfolio's trend: per project, the open findings by severity in each of its last {@link
 * #VERSIONS} versions, counted with the decisions in force today (so a finding accepted today no
 * longer counts in the older versions either: the trend shows how the workflow changed).
 */
public final class Trends {
  public static final int VERSIONS = 8;

  /** Whether a finding counts as open: the same rule as {@link TrackedFinding#open()}. */
  static final String OPEN =
      "coalesce(case when d.expires is null or d.expires >= :today then d.state end, f.status)"
          + " in ('open', 'conditional', 'in-progress')";

  /** One version's open findings by severity, in {@link Store#SEVERITIES} order. */
  public record Point(int version, Map<String, Integer> openBySeverity) {
    public int total() {
      return openBySeverity.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private final Jdbi jdbi;

  public Trends(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The last versions of each visible project, then, per version, its open findings through the
   * finding table's key (a lateral join): the cost grows with what is shown, not with the history.
   */
  static final String QUERY =
      "with recent as (select p.id as pid, p.name, v.id as vid, v.number"
          + " from project p join version lv on lv.id = p.latest_version"
          + " join version v on v.project_id = p.id and v.number > lv.number - :n"
          + " where (:all or p.name = any(:names)))"
          + " select r.name, r.number, o.severity, count(o.severity) as n from recent r"
          + " left join lateral (select f.severity from finding f left join decision d"
          + " on d.project_id = r.pid and d.fingerprint = f.fingerprint"
          + " where f.version_id = r.vid and "
          + OPEN
          + ") o on true group by r.name, r.number, o.severity order by r.name, r.number";

  /** Project name to its points, oldest first, for the projects {@code who} may see. */
  public Map<String, List<Point>> of(Principal who, LocalDate today) {
    Map<String, Map<Integer, Map<String, Integer>>> counts = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(QUERY)
                .bind("n", VERSIONS)
                .bind("today", today)
                .bind("all", who.admin())
                .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
                .map(
                    (rs, ctx) -> {
                      Map<String, Integer> by =
                          counts
                              .computeIfAbsent(rs.getString("name"), k -> new LinkedHashMap<>())
                              .computeIfAbsent(rs.getInt("number"), k -> zero());
                      String severity = rs.getString("severity");
                      if (severity != null) by.merge(severity, rs.getInt("n"), Integer::sum);
                      return 0;
                    })
                .list());
    Map<String, List<Point>> out = new LinkedHashMap<>();
    counts.forEach(
        (name, versions) -> {
          List<Point> points = new ArrayList<>();
          versions.forEach((number, by) -> points.add(new Point(number, by)));
          out.put(name, List.copyOf(points));
        });
    return out;
  }

  private static Map<String, Integer> zero() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String s : Store.SEVERITIES) m.put(s, 0);
    return m;
  }
}
