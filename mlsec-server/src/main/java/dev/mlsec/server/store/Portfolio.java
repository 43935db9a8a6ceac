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

  /** What to show: a page of {@code limit} lines, filtered by team and tag, grouped or not. */
  public record Query(int page, int limit, String team, String tag, String group) {
    public static final List<String> GROUPS = List.of("team", "tag");

    public Query {
      if (page < 1 || page > MAX_PAGE || limit < 1 || limit > MAX_LIMIT)
        throw new IllegalArgumentException("page " + page + ", limit " + limit);
      if (group != null && !GROUPS.contains(group))
        throw new IllegalArgumentException("group " + group);
    }

    public static Query of(int page, int limit) {
      return new Query(page, limit, null, null, null);
    }
  }

  /**
   * One line: a project with its team and tags; {@code group} is the team or tag it is listed under
   * when grouped (null: no team, no tag, or not grouped). Grouped by tag, a project is listed under
   * each of its tags.
   */
  public record Line(String group, String team, List<String> tags, ProjectSummary summary) {}

  /** One page of the portfolio; {@code total} counts every line the reader may see. */
  public record Page(List<Line> lines, int total, Query query) {
    public int page() {
      return query.page();
    }

    public int limit() {
      return query.limit();
    }

    public int pages() {
      return Math.max(1, (total + limit() - 1) / limit());
    }

    public List<ProjectSummary> projects() {
      return lines.stream().map(Line::summary).toList();
    }
  }

  private static final String FROM =
      " from project p left join project_summary s on s.project_id = p.id"
          + " cross join lateral unnest(case cast(:group as text)"
          + " when 'tag' then case when cardinality(p.tags) = 0 then array[null::text]"
          + " else p.tags end when 'team' then array[p.team] else array[null::text] end) g(grp)"
          + " where p.latest_version is not null and (:all or p.name = any(:names))"
          + " and (cast(:team as text) is null or p.team = :team)"
          + " and (cast(:tag as text) is null or :tag = any(p.tags))";

  private static final String PAGE =
      "select p.id, p.name, p.team, p.tags, g.grp, s.*, (s.project_id is not null"
          + " and :today between s.valid_from and s.valid_to) as fresh,"
          + " count(*) over () as total"
          + FROM
          + " order by g.grp collate \"C\" nulls last, p.name collate \"C\", p.id"
          + " limit :l offset :o";

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
    return page(who, today, Query.of(page, limit));
  }

  /** The lines {@code q} asks for, of the projects {@code who} may see, as of {@code today}. */
  public Page page(Principal who, LocalDate today, Query q) {
    Read first = jdbi.withHandle(h -> read(h, who, today, q));
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
            r = read(h, who, today, q);
          }
          return r.page();
        });
  }

  private record Read(Page page, List<Long> stale) {}

  private static Read read(Handle h, Principal who, LocalDate today, Query q) {
    List<Long> stale = new ArrayList<>();
    int[] total = {0};
    List<Line> rows =
        filtered(h.createQuery(PAGE), who, q)
            .bind("today", today)
            .bind("l", q.limit())
            .bind("o", (long) (q.page() - 1) * q.limit())
            .map(
                (rs, ctx) -> {
                  total[0] = rs.getInt("total");
                  if (!rs.getBoolean("fresh")) stale.add(rs.getLong("id"));
                  return new Line(
                      rs.getString("grp"),
                      rs.getString("team"),
                      List.of((String[]) rs.getArray("tags").getArray()),
                      summary(rs));
                })
            .list();
    if (rows.isEmpty() && q.page() > 1)
      total[0] =
          filtered(h.createQuery("select count(*)" + FROM), who, q).mapTo(Integer.class).one();
    return new Read(new Page(stale.isEmpty() ? List.copyOf(rows) : List.of(), total[0], q), stale);
  }

  private static org.jdbi.v3.core.statement.Query filtered(
      org.jdbi.v3.core.statement.Query query, Principal who, Query q) {
    return query
        .bind("all", who.admin())
        .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
        .bind("team", q.team())
        .bind("tag", q.tag())
        .bind("group", q.group());
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
