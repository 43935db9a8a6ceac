package dev.mlsec.report.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.model.InputException;
import dev.mlsec.report.Fixtures;
import dev.mlsec.report.Format;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  @Test
  void ownJsonReportIsABaselineWithNothingNew(@TempDir Path dir) throws Exception {
    Analysis a = Fixtures.small();
    Path previous = dir.resolve("previous.json");
    Files.writeString(previous, Reports.render(a, Format.JSON, ReportOptions.defaults()));
    Baseline b = Baseline.read(previous);
    assertThat(b.findings()).hasSize(a.findings().size());
    Changes c = b.compare(a);
    assertThat(c.added()).isEmpty();
    assertThat(c.resolved()).isEmpty();
    assertThat(c.unchanged()).hasSize(a.findings().size());
    assertThat(b.findings().get(5).target()).isEqualTo("registry->scoring-api");
  }

  @Test
  void newUnchangedAndResolved() {
    Analysis a = Fixtures.small();
    Baseline b =
        new Baseline(
            "b",
            java.util.List.of(
                new Baseline.Entry(
                    "evasion@scoring-api", "evasion", "E", "ml-specific", "medium", "scoring-api"),
                new Baseline.Entry("gone@x", "gone", "Gone", "conventional", "low", "x")));
    Changes c = b.compare(a);
    assertThat(c.unchanged()).extracting(Finding::id).containsExactly("evasion@scoring-api");
    assertThat(c.added()).hasSize(a.findings().size() - 1);
    assertThat(c.resolved()).extracting(Baseline.Entry::id).containsExactly("gone@x");
    assertThat(c.of(a.findings().get(1))).isEqualTo(Change.UNCHANGED);
    assertThat(c.isNew(a.findings().get(0))).isTrue();
    // --fail-on high: new and actionable only; the accepted extraction finding does not count.
    assertThat(c.failing(dev.mlsec.catalog.Severity.HIGH))
        .extracting(Finding::id)
        .containsExactly(
            "data-poisoning@weekly-training",
            "unsafe-deserialization@registry",
            "poisoned-pretrained-model@hub-model");
    assertThat(c.failing(dev.mlsec.catalog.Severity.CRITICAL)).hasSize(1);
  }

  @Test
  void badBaselinesAreUserErrors(@TempDir Path dir) throws Exception {
    Path notJson = dir.resolve("x.json");
    Files.writeString(notJson, "{\n  \"findings\": [oops");
    assertThatThrownBy(() -> Baseline.read(notJson))
        .isInstanceOf(InputException.class)
        .satisfies(
            e ->
                assertThat(((InputException) e).oneLine())
                    .startsWith(notJson + ":2:")
                    .contains("not valid JSON"));
    Path other = dir.resolve("y.json");
    Files.writeString(other, "{\"runs\": []}");
    assertThatThrownBy(() -> Baseline.read(other))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no \"findings\"");
    assertThatThrownBy(() -> Baseline.read(dir.resolve("missing.json")))
        .isInstanceOf(InputException.class);
  }
}
