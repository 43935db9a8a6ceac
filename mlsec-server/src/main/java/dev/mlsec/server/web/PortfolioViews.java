package dev.mlsec.server.web;

import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Family;
import dev.mlsec.catalog.Threat;
import dev.mlsec.server.store.EvidenceExport;
import dev.mlsec.server.store.SharedComponents;
import dev.mlsec.server.store.Store;
import dev.mlsec.server.store.ThreatExposure;
import dev.mlsec.server.store.Trends;
import dev.mlsec.server.team.MentalModel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the cross-project pages show (threat view, graph, team, evidence) and the trend column. */
public final class PortfolioViews {
  private PortfolioViews() {}

  /** The page of one threat across the portfolio. */
  public static String threatUrl(String threat) {
    return "/threats/" + URLEncoder.encode(threat, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Bar geometry of the trend's inline SVG: one bar per version, stacked by severity. */
  public static final int BAR = 10;

  public static final int GAP = 3;
  public static final int HEIGHT = 28;

  /** One severity's part of a bar, in SVG user units. */
  public record Segment(String severity, int y, int height) {}

  /** One version's bar and its text alternative. */
  public record Bar(int x, int version, int total, String label, List<Segment> segments) {}

  /**
   * A project's trend: bars for its last versions, a text summary (the SVG's accessible name and
   * what a reader without the picture gets) and the change since the previous version.
   */
  public record Trend(int width, List<Bar> bars, String summary, String change) {
    /**
     * One SVG path per severity drawing its part of every bar: a few hundred bytes per project
     * where a rectangle per part and version would be kilobytes on a portfolio of many projects.
     */
    public List<Layer> layers() {
      List<Layer> out = new ArrayList<>();
      for (String severity : Store.SEVERITIES) {
        StringBuilder d = new StringBuilder();
        for (Bar b : bars)
          for (Segment s : b.segments())
            if (s.severity().equals(severity))
              d.append('M')
                  .append(b.x())
                  .append(' ')
                  .append(s.y())
                  .append('h')
                  .append(BAR)
                  .append('v')
                  .append(s.height())
                  .append('h')
                  .append(-BAR)
                  .append('z');
        if (d.length() > 0) out.add(new Layer(severity, d.toString()));
      }
      return out;
    }
  }

  /** The part of every bar of one severity, as an SVG path. */
  public record Layer(String severity, String path) {}

  static Trend trend(List<Trends.Point> points) {
    int max = Math.max(1, points.stream().mapToInt(Trends.Point::total).max().orElse(1));
    List<Bar> bars = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    int x = 0;
    for (Trends.Point p : points) {
      List<Segment> segments = new ArrayList<>();
      int y = HEIGHT;
      List<String> counts = new ArrayList<>();
      for (String s : Store.SEVERITIES) {
        int n = p.openBySeverity().get(s);
        if (n == 0) continue;
        counts.add(n + " " + s);
        int h = Math.max(1, Math.round((float) n * HEIGHT / max));
        y -= h;
        segments.add(new Segment(s, Math.max(0, y), h));
      }
      String label =
          "v" + p.version() + ": " + (counts.isEmpty() ? "none open" : String.join(", ", counts));
      parts.add(label);
      bars.add(new Bar(x, p.version(), p.total(), label, List.copyOf(segments)));
      x += BAR + GAP;
    }
    String change = "";
    if (points.size() > 1) {
      int d = points.get(points.size() - 1).total() - points.get(points.size() - 2).total();
      change = d > 0 ? "+" + d : d < 0 ? String.valueOf(d) : "±0";
    }
    return new Trend(
        Math.max(BAR, x - GAP),
        List.copyOf(bars),
        "open findings by version: " + String.join("; ", parts),
        change);
  }

  public record ThreatPage(
      Views.Chrome chrome,
      String threat,
      String title,
      String summary,
      String klass,
      List<ThreatExposure.Exposure> exposures) {}

  public record GraphPage(Views.Chrome chrome, List<SharedComponents.Shared> shared) {}

  /** The team page: the model, the viewer's own entries, and the form's choices for editors. */
  public record TeamPage(
      Views.Chrome chrome,
      String project,
      MentalModel model,
      String me,
      boolean mayWrite,
      List<ControlDef> controls,
      List<Family> families,
      List<Threat> threats) {}

  public record EvidencePage(Views.Chrome chrome, EvidenceExport evidence) {}
}
