package dev.mlsec.report.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import dev.mlsec.report.baseline.Baseline;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void payloadsAreEscaped() {
    String md = Reports.render(Fixtures.hostile(), Format.MARKDOWN, ReportOptions.defaults());
    assertThat(md)
        .doesNotContain(
            "<script",
            "<img",
            "<svg",
            "<b>bold",
            "](javascript",
            "![x](",
            "@everyone",
            "<!--",
            "\u001b");
    // Only the report's own tags remain.
    assertThat(md.replaceAll("</?(details|summary|b|sub)( open)?>", "")).doesNotContain("<");
    // Every table row has exactly the report's own column separators.
    for (String line : md.split("\n")) {
      if (line.startsWith("| "))
        assertThat(line.chars().filter(c -> c == '|').count()).isIn(4L, 5L);
    }
  }

  @Test
  void escapeKeepsTextReadable() {
    assertThat(MarkdownText.escape("a *b* [c](d) @e #1 x|y"))
        .isEqualTo("a \\*b\\* \\[c\\]\\(d\\) &#64;e &#35;1 x&#124;y");
    assertThat(MarkdownText.code("model-extraction@scoring-api"))
        .isEqualTo("`model-extraction@scoring-api`");
    assertThat(MarkdownText.code("custom:`x`")).doesNotContain("`x`");
  }

  @Test
  void newFindingsLeadWithABaseline() {
    Analysis a = Fixtures.small();
    Baseline before = Baseline.of(a, "previous.json");
    // Drop the last ML-specific finding from the earlier run: it is new now.
    before = new Baseline("previous.json", before.findings().subList(0, 2));
    String md = Reports.render(a, Format.MARKDOWN, ReportOptions.defaults().withBaseline(before));
    assertThat(md).contains("**What changed:** 4 new, 2 unchanged, 0 resolved");
    int table = md.indexOf("| Change |");
    assertThat(table).isPositive().isLessThan(md.indexOf("<details"));
    int firstDetails = md.indexOf("#### ", md.indexOf("ML-specific findings"));
    assertThat(md.substring(firstDetails, md.indexOf('\n', firstDetails)))
        .contains("model-extraction");
  }

  @Property(tries = 25)
  void staysUnderTheLimit(@ForAll @IntRange(min = 2_000, max = 20_000) int limit) {
    String md =
        Reports.render(
            Fixtures.hostile(), Format.MARKDOWN, ReportOptions.defaults().withMarkdownLimit(limit));
    assertThat(md.length()).isLessThanOrEqualTo(limit);
    int open = count(md, "<details"), close = count(md, "</details>");
    assertThat(open).isEqualTo(close);
  }

  @Test
  void truncatesWithANote() {
    String md =
        Reports.render(
            Fixtures.small(), Format.MARKDOWN, ReportOptions.defaults().withMarkdownLimit(2_000));
    assertThat(md).contains("not shown: GitHub comments are limited to 2000 characters");
    assertThat(md.length()).isLessThanOrEqualTo(2_000);
    String full = Reports.render(Fixtures.small(), Format.MARKDOWN, ReportOptions.defaults());
    assertThat(full).doesNotContain("not shown");
    assertThat(List.of(full.split("\n"))).contains("## mlsec: Card fraud scoring");
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
    return n;
  }
}
