package dev.mlsec.server.store;

import dev.mlsec.server.auth.Principal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The portfolio, one page at a time, from each project's summary row (migration V12). The row is
 * recomputed by {@link #refresh} in the transaction of every change that moves it: an upload, a
 * decision, retention, and the read that finds a decision expired since the row was computed (a row
 * says for which days it holds). A request then reads a page of rows, not every finding.
 */
public final class Portfolio {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  public static final int MAX_PAGE = 1_000_000;

  /** One page of the portfolio, by name; {@code total} counts every project the reader may see. */
  public record Page(List<ProjectSummary> projects, int total, int page, int limit) {
    public int pages() {
      return Math.max(1, (total + limit - 1) / limit);
    }
  }

  private static final String VISIBLE =
      " where p.latest_version is not null and (:all or p.name = any(:names))";

  private static final String PAGE =
      "select p.id, p.name, s.*, (s.project_id is not null"
          + " and :today between s.valid_from and s.valid_to) as fresh,"
          + " count(*) over () as total"
          + " from project p left join project_summary s on s.project_id = p.id"
          + VISIBLE
          + " order by p.name collate \"C\", p.id limit :l offset :o";

  private final Jdbi jdbi;

  Portfolio(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Recomputes one project's summary as of {@code today}, in the caller's transaction. */
  static void refresh(Handle h, long projectId, LocalDate today) {
    h.createQuery("select project_summary_refresh(:p, :t)")
        .bind("p", projectId)
        .bind("t", today)
        .map((rs, ctx) -> 1)
        .one();
  }

  /**
   * The page {@code page} (from 1) of {@code limit} projects that {@code who} may see, as of {@code
   * today}. Usually one query; rows that do not hold on {@code today} (a decision expired, or
   * another day was asked for) are recomputed first, under their projects' locks.
   */
  public Page page(Principal who, LocalDate today, int page, int limit) {
    if (page < 1 || page > MAX_PAGE || limit < 1 || limit > MAX_LIMIT)
      throw new IllegalArgumentException("page " + page + ", limit " + limit);
    Read first = jdbi.withHandle(h -> read(h, who, today, page, limit));
    if (first.stale().isEmpty()) return first.page();
    return jdbi.inTransaction(
        h -> {
          Set<Long> refreshed = new TreeSet<>();
          Read r = first;
          while (!r.stale().isEmpty()) {
            // a recomputed row holds on today and stays locked until this commits
            if (!refreshed.addAll(r.stale()))
              throw new IllegalStateException("summary rows stay stale: " + r.stale());
            for (long id : new TreeSet<>(r.stale())) refresh(h, id, today);
            r = read(h, who, today, page, limit);
          }
          return r.page();
        });
  }

  private record Read(Page page, List<Long> stale) {}

  private static Read read(Handle h, Principal who, LocalDate today, int page, int limit) {
    List<Long> stale = new ArrayList<>();
    int[] total = {0};
    List<ProjectSummary> rows =
        h.createQuery(PAGE)
            .bind("all", who.admin())
            .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
            .bind("today", today)
            .bind("l", limit)
            .bind("o", (long) (page - 1) * limit)
            .map(
                (rs, ctx) -> {
                  total[0] = rs.getInt("total");
                  if (!rs.getBoolean("fresh")) stale.add(rs.getLong("id"));
                  return summary(rs);
                })
            .list();
    if (rows.isEmpty() && page > 1)
      total[0] =
          h.createQuery("select count(*) from project p" + VISIBLE)
              .bind("all", who.admin())
              .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
              .mapTo(Integer.class)
              .one();
    return new Read(
        new Page(stale.isEmpty() ? List.copyOf(rows) : List.of(), total[0], page, limit), stale);
  }

  private static ProjectSummary summary(ResultSet rs) throws SQLException {
    if (rs.getObject("project_id") == null) return null; // stale: read again once recomputed
    Integer[] bySeverity = ints(rs.getArray("open_by_severity"));
    Integer[] byClass = ints(rs.getArray("open_by_class"));
    List<Trends.Point> trend = new ArrayList<>();
    for (Integer[] point : (Integer[][]) rs.getArray("trend").getArray())
      trend.add(new Trends.Point(point[0], bySeverity(point, 1)));
    Map<String, Integer> classes = new LinkedHashMap<>();
    for (int i = 0; i < Store.CLASSES.size(); i++) classes.put(Store.CLASSES.get(i), byClass[i]);
    Optional<FindingRow> worst =
        rs.getString("worst_fingerprint") == null
            ? Optional.empty()
            : Optional.of(
                new FindingRow(
                    rs.getString("worst_fingerprint"),
                    rs.getString("worst_threat"),
                    rs.getString("worst_title"),
                    rs.getString("worst_class"),
                    rs.getString("worst_component"),
                    rs.getString("worst_severity"),
                    rs.getString("worst_status")));
    return new ProjectSummary(
        rs.getString("name"),
        rs.getInt("latest_number"),
        Store.instant(rs, "last_upload"),
        bySeverity(bySeverity, 0),
        classes,
        worst,
        List.copyOf(trend));
  }

  private static Integer[] ints(Array a) throws SQLException {
    return (Integer[]) a.getArray();
  }

  private static Map<String, Integer> bySeverity(Integer[] counts, int from) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < Store.SEVERITIES.size(); i++)
      m.put(Store.SEVERITIES.get(i), counts[from + i]);
    return m;
  }
}
