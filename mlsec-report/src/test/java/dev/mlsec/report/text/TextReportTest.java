package dev.mlsec.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.report.Examples;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

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

  /**
   * In the three concern columns a finding id is whole on one line, or broken only right after an
   * '@' or a '-' (or after a flow arrow), and an arrow never stands alone on its line.
   */
  @ParameterizedTest
  @FieldSource("dev.mlsec.report.Examples#NAMES")
  void concernColumnsNeverSplitAFindingIdMidWord(String name) throws Exception {
    Analysis a = Examples.analyze(name);
    String out = Reports.render(a, Format.TEXT, ReportOptions.defaults());
    int from = out.indexOf("── YOUR CONCERNS VS THIS WORKFLOW");
    if (from < 0) return;
    int to = out.indexOf("\n── ", from + 1);
    String[] rows =
        out.substring(out.indexOf('\n', from) + 2, to < 0 ? out.length() : to).split("\n");
    int w = (Terminal.WIDTH - 2 - 4) / 3;
    List<List<String>> columns = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (String row : rows) {
      String padded = Terminal.pad(row, Terminal.WIDTH + 40);
      for (int c = 0; c < 3; c++) {
        int start = 2 + c * (w + 2);
        columns.get(c).add(padded.substring(start, c < 2 ? start + w : padded.length()).strip());
      }
    }
    for (List<String> col : columns) {
      for (int i = 0; i < col.size(); i++) {
        assertThat(col.get(i)).as(name).isNotIn("→", "->");
        if (i + 1 == col.size()) continue;
        String here = col.get(i), next = col.get(i + 1);
        for (Finding f : a.findings()) {
          String id = f.id();
          for (int k = 1; k < id.length(); k++) {
            char c = id.charAt(k - 1);
            boolean boundary =
                c == '@'
                    || (c == '-' && id.charAt(k) != '>')
                    || (c == '>' && id.charAt(k - 2) == '-');
            if (boundary) continue;
            assertThat(here.endsWith(id.substring(0, k)) && next.startsWith(id.substring(k)))
                .as(name + ": id " + id + " split as '" + here + "' / '" + next + "'")
                .isFalse();
          }
        }
      }
    }
    if (name.equals("support-assistant"))
      assertThat(out).contains("→ jailbreak@assistant-llm", "→ cross-user-retrieval-leak@");
  }

  @Test
  void arrowAndIdShareALineAndLongIdsHangUnderThemselves() {
    assertThat(Terminal.hanging("  → ", "jailbreak@assistant-llm", 31))
        .containsExactly("  → jailbreak@assistant-llm");
    assertThat(Terminal.hanging("  → ", "evasion-black-box@scoring-api", 31))
        .containsExactly("  → evasion-black-box@", "    scoring-api");
    assertThat(Terminal.hanging("  → ", "sensitive-information-disclosure@assistant-llm", 31))
        .containsExactly("  → sensitive-information-", "    disclosure@assistant-llm");
  }

  @Test
  void longWordsBreakAfterAtOrDash() {
    assertThat(Terminal.wrap("  → sensitive-information-disclosure@assistant-llm", 31))
        .containsExactly("  → sensitive-information-", "  disclosure@assistant-llm");
    assertThat(Terminal.wrap("  → aaaaaaaaaa@bbbbbbbbbb->cccccccccc", 16))
        .containsExactly("  → aaaaaaaaaa@", "  bbbbbbbbbb->", "  cccccccccc");
    assertThat(Terminal.wrap("short words-with-dashes stay whole", 14))
        .containsExactly("short words-", "with-dashes", "stay whole");
    // a dashed word that fits a line of its own moves whole instead of breaking
    assertThat(Terminal.wrap("ab cd-ef", 6)).containsExactly("ab", "cd-ef");
  }
}
