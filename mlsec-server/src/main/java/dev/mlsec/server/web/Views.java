package dev.mlsec.server.web;

import dev.mlsec.server.store.AuditRow;
import dev.mlsec.server.store.Diff;
import dev.mlsec.server.store.ProjectSummary;
import dev.mlsec.server.store.TrackedFinding;
import dev.mlsec.server.store.VersionInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** What each page template shows; every string in them is escaped by jte. */
public final class Views {
  /** The pages' style sheet, inline and allowed by its SHA-256 in the pages' CSP. */
  public static final String CSS = Api.resource("server.css");

  private Views() {}

  /** The page of a project; any name is safe in it. */
  public static String url(String project) {
    return "/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The page of one version's report. */
  public static String url(String project, int version) {
    return url(project) + "/versions/" + version;
  }

  /** The header of every signed-in page: who, and the CSRF token for the logout form. */
  public record Chrome(String title, String user, String csrf) {}

  /** One page of the portfolio, with links to the pages before and after it and to filters. */
  public record Portfolio(Chrome chrome, dev.mlsec.server.store.Portfolio.Page page) {
    public List<dev.mlsec.server.store.Portfolio.Line> lines() {
      return page.lines();
    }

    public dev.mlsec.server.store.Portfolio.Query query() {
      return page.query();
    }

    public PortfolioViews.Trend trend(ProjectSummary p) {
      return p.trend().isEmpty() ? null : PortfolioViews.trend(p.trend());
    }

    /** Whether line {@code i} starts a group (grouped pages show a heading there). */
    public boolean startsGroup(int i) {
      return query().group() != null
          && (i == 0 || !Objects.equals(lines().get(i - 1).group(), lines().get(i).group()));
    }

    /** The portfolio's page {@code n} with the same filters, or null when there is none. */
    public String pageUrl(int n) {
      if (n < 1 || n > page.pages()) return null;
      var q = query();
      return portfolioUrl(
          n,
          q.limit() == dev.mlsec.server.store.Portfolio.DEFAULT_LIMIT ? null : q.limit(),
          q.team(),
          q.tag(),
          q.group());
    }

    /** The portfolio of one team. */
    public static String teamUrl(String team) {
      return portfolioUrl(1, null, team, null, null);
    }

    /** The portfolio of one tag. */
    public static String tagUrl(String tag) {
      return portfolioUrl(1, null, null, tag, null);
    }

    private static String portfolioUrl(
        int page, Integer limit, String team, String tag, String group) {
      StringBuilder u = new StringBuilder("/?page=").append(page);
      if (limit != null) u.append("&limit=").append(limit);
      for (String[] p : new String[][] {{"team", team}, {"tag", tag}, {"group", group}})
        if (p[1] != null) u.append('&').append(p[0]).append('=').append(encode(p[1]));
      return u.toString();
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public record Project(
      Chrome chrome,
      String name,
      List<VersionInfo> versions,
      List<TrackedFinding> findings,
      Diff diff,
      List<AuditRow> audit,
      boolean mayDecide,
      List<dev.mlsec.server.store.Store.PendingDecision> pending,
      String me) {
    /** Whether the viewer may approve this waiting acceptance: an editor who did not ask for it. */
    public boolean mayApprove(dev.mlsec.server.store.Store.PendingDecision p) {
      return mayDecide && !p.request().decidedBy().equals(me);
    }
  }

  public record Login(Chrome chrome, String error, boolean sso) {}

  public record Setup(Chrome chrome, String error) {}

  public record ErrorPage(Chrome chrome, int status, String message) {}

  /** The scans shown at the end of a version's report. */
  public record VersionScans(List<Scan> scans) {}

  /** One scan: who sent it, its verdict counts and its files. */
  public record Scan(
      String uploadedAt,
      String uploadedBy,
      String gitCommit,
      java.util.Map<String, Integer> verdicts,
      List<ScanFile> files) {}

  /** One scanned file and its findings as "level rule: message" lines. */
  public record ScanFile(String path, String format, String verdict, List<String> findings) {}
}
