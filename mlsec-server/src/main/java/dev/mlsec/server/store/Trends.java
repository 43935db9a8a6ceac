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

  /** Project name to its points, oldest first, for the projects {@code who} may see. */
  public Map<String, List<Point>> of(Principal who, LocalDate today) {
    StringBuilder counts = new StringBuilder();
    for (String s : Store.SEVERITIES) {
      counts
          .append(", count(f.fingerprint) filter (where f.severity = '")
          .append(s) // a constant of ours, not input
          .append("' and ")
          .append(OPEN)
          .append(") as ")
          .append(s);
    }
    Map<String, List<Point>> out = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "select p.name, v.number"
                        + counts
                        + " from project p join version lv on lv.id = p.latest_version"
                        + " join version v on v.project_id = p.id and v.number > lv.number - :n"
                        + " left join finding f on f.version_id = v.id"
                        + " left join decision d on d.project_id = p.id"
                        + " and d.fingerprint = f.fingerprint"
                        + " where (:all or p.name = any(:names))"
                        + " group by p.name, v.number order by p.name, v.number")
                .bind("n", VERSIONS)
                .bind("today", today)
                .bind("all", who.admin())
                .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
                .map(
                    (rs, ctx) -> {
                      Map<String, Integer> by = new LinkedHashMap<>();
                      for (String s : Store.SEVERITIES) by.put(s, rs.getInt(s));
                      out.computeIfAbsent(rs.getString("name"), k -> new ArrayList<>())
                          .add(new Point(rs.getInt("number"), by));
                      return 0;
                    })
                .list());
    return out;
  }
}
