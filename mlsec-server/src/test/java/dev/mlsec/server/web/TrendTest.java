package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.server.store.Store;
import dev.mlsec.server.store.Trends;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The trend's bars stay inside their box, the tallest fills it, and the text says the counts. */
class TrendTest {
  @Property(tries = 300)
  void barsStayInTheirBoxAndTheTextCarriesEveryCount(
      @ForAll @Size(min = 1, max = Trends.VERSIONS)
          List<@Size(5) List<@IntRange(max = 500) Integer>> counts) {
    List<Trends.Point> points = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      Map<String, Integer> by = new LinkedHashMap<>();
      for (int s = 0; s < 5; s++) by.put(Store.SEVERITIES.get(s), counts.get(i).get(s));
      points.add(new Trends.Point(i + 1, by));
    }
    PortfolioViews.Trend t = PortfolioViews.trend(points);
    assertThat(t.bars()).hasSize(points.size());
    int max = points.stream().mapToInt(Trends.Point::total).max().orElseThrow();
    for (int i = 0; i < points.size(); i++) {
      PortfolioViews.Bar b = t.bars().get(i);
      assertThat(b.x() + PortfolioViews.BAR).isLessThanOrEqualTo(t.width());
      for (PortfolioViews.Segment s : b.segments()) {
        assertThat(s.y()).isBetween(0, PortfolioViews.HEIGHT - 1);
        assertThat(s.height()).isPositive();
      }
      if (max > 0 && points.get(i).total() == max)
        assertThat(b.segments().get(b.segments().size() - 1).y()).isLessThanOrEqualTo(3);
      points
          .get(i)
          .openBySeverity()
          .forEach(
              (sev, n) -> {
                if (n > 0) assertThat(b.label()).contains(n + " " + sev);
              });
      assertThat(t.summary()).contains(b.label());
    }
  }

  @Test
  void theChangeIsSinceThePreviousVersion() {
    Map<String, Integer> two = new LinkedHashMap<>();
    Map<String, Integer> five = new LinkedHashMap<>();
    for (String s : Store.SEVERITIES) {
      two.put(s, 0);
      five.put(s, 0);
    }
    two.put("high", 2);
    five.put("high", 1);
    five.put("low", 4);
    PortfolioViews.Trend t =
        PortfolioViews.trend(List.of(new Trends.Point(3, two), new Trends.Point(4, five)));
    assertThat(t.change()).isEqualTo("+3");
    assertThat(t.summary()).isEqualTo("open findings by version: v3: 2 high; v4: 1 high, 4 low");
    assertThat(PortfolioViews.trend(List.of(new Trends.Point(1, two))).change()).isEmpty();
    // one path per severity, a bar of it per version, stacked from the bottom
    assertThat(t.layers())
        .containsExactly(
            new PortfolioViews.Layer("high", "M0 17h10v11h-10zM13 22h10v6h-10z"),
            new PortfolioViews.Layer("low", "M13 0h10v22h-10z"));
  }
}
