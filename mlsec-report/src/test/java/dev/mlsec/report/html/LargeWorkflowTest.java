package dev.mlsec.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import org.junit.jupiter.api.Test;

/** The HTML of a 1,000-component workflow renders in seconds (the bench measures it properly). */
class LargeWorkflowTest {
  @Test
  void thousandComponents() {
    Analysis a = Fixtures.synthetic(100);
    assertThat(a.workflow().components()).hasSize(1000);
    Reports.render(Fixtures.synthetic(10), Format.HTML, ReportOptions.defaults()); // warm up
    long start = System.nanoTime();
    String html = Reports.render(a, Format.HTML, ReportOptions.defaults());
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("HTML for 1,000 components: " + ms + " ms, " + html.length() + " chars");
    assertThat(html).contains("data-id=\"api-99\"");
    assertThat(ms).as("render time in ms (target 5,000 on 2 cores)").isLessThan(15_000);
  }
}
