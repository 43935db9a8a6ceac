package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.report.baseline.Baseline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every format on hand-built analyses: byte-identical across runs and equal to its golden file. */
class GoldenTest {
  static final ReportOptions OPTIONS =
      ReportOptions.defaults()
          .withToolVersion("0.1.0")
          .withTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
          .withBomSerialNumber("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");

  @ParameterizedTest
  @EnumSource(Format.class)
  void smallAnalysis(Format format) throws Exception {
    check("small", Fixtures.small(), format, OPTIONS);
  }

  @ParameterizedTest
  @EnumSource(
      value = Format.class,
      names = {"TEXT", "JSON", "MARKDOWN", "SARIF"})
  void withBaseline(Format format) throws Exception {
    Analysis current = Fixtures.small();
    // An earlier run that had one finding fewer and one that is gone since.
    Baseline before =
        new Baseline(
            "previous.json",
            List.of(
                new Baseline.Entry(
                    "evasion@scoring-api",
                    "evasion",
                    "Evasion",
                    "ml-specific",
                    "medium",
                    "scoring-api"),
                new Baseline.Entry(
                    "model-extraction@scoring-api",
                    "model-extraction",
                    "Model extraction",
                    "ml-specific",
                    "high",
                    "scoring-api"),
                new Baseline.Entry(
                    "unsafe-deserialization@registry",
                    "unsafe-deserialization",
                    "Code execution",
                    "ml-amplified",
                    "critical",
                    "registry"),
                new Baseline.Entry(
                    "plaintext-transport@registry->scoring-api",
                    "plaintext-transport",
                    "Plaintext",
                    "conventional",
                    "low",
                    "registry->scoring-api"),
                new Baseline.Entry(
                    "membership-inference@scoring-api",
                    "membership-inference",
                    "Membership inference",
                    "ml-specific",
                    "medium",
                    "scoring-api")));
    check("baseline", current, format, OPTIONS.withBaseline(before));
  }

  static void check(String name, Analysis analysis, Format format, ReportOptions options)
      throws Exception {
    String first = Reports.render(analysis, format, options);
    String second = Reports.render(analysis, format, options);
    assertThat(second).isEqualTo(first);
    assertThat(first).endsWith("\n");
    Golden.check(name + "/" + format.fileName(), first);
  }
}
