package dev.mlsec.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import org.junit.jupiter.api.Test;

class TextReportTest {

  @Test
  void colourOnlyWhenAsked() {
    String plain = Reports.render(Fixtures.small(), Format.TEXT, ReportOptions.defaults());
    String color =
        Reports.render(Fixtures.small(), Format.TEXT, ReportOptions.defaults().withColor(true));
    assertThat(plain).doesNotContain("\u001b");
    assertThat(color).contains("\u001b[1;97;41mCRITICAL");
    assertThat(color.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
  }

  @Test
  void workflowTextCannotDriveTheTerminal() {
    String out = Reports.render(Fixtures.hostile(), Format.TEXT, ReportOptions.defaults());
    assertThat(out).doesNotContain("\u001b", "\u0007", "\u202e");
    assertThat(out).contains("\uFFFD[31mred");
  }

  @Test
  void linesFitTheWidth() {
    String out = Reports.render(Fixtures.hostile(), Format.TEXT, ReportOptions.defaults());
    for (String line : out.split("\n")) {
      assertThat(line.codePointCount(0, line.length()))
          .as(line)
          .isLessThanOrEqualTo(Terminal.WIDTH + 30);
    }
    assertThat(Terminal.wrap("  -> a b c", 6)).containsExactly("  -> a", "  b c");
  }

  @Test
  void groupsInClassOrder() {
    String out = Reports.render(Fixtures.small(), Format.TEXT, ReportOptions.defaults());
    int ml = out.indexOf("ML-SPECIFIC FINDINGS"),
        amp = out.indexOf("ML-AMPLIFIED FINDINGS"),
        conv = out.indexOf("CONVENTIONAL FINDINGS");
    assertThat(ml).isPositive().isLessThan(amp);
    assertThat(amp).isLessThan(conv);
    assertThat(out).contains("merchants -> scoring-api -> lake -> weekly-training");
    assertThat(out.indexOf("WHAT YOUR CONTROLS REALLY COVER")).isGreaterThan(conv);
    assertThat(out)
        .contains(
            "NAMED AND EXPOSED",
            "EXPOSED, NOT NAMED",
            "NAMED, NOT EXPOSED",
            "OPEN QUESTIONS",
            "EXPIRED");
  }
}
