package dev.mlsec.report;

import dev.mlsec.report.baseline.Baseline;
import java.time.Instant;
import java.util.Optional;

/**
 * How to render a report. Nothing here comes from the clock: a timestamp or a BOM serial number
 * appears in the output only when given, so that the same input gives the same bytes.
 *
 * @param color ANSI colour in the text report (only for a terminal)
 * @param baseline the previous run's JSON report; findings are then marked new or unchanged
 * @param toolVersion the mlsec version written into SARIF, CycloneDX and JSON
 * @param timestamp written into the CycloneDX metadata when present
 * @param bomSerialNumber a {@code urn:uuid:...} for the CycloneDX BOM when present
 * @param markdownLimit the most characters the Markdown may have (GitHub comments: 65,536)
 */
public record ReportOptions(
    boolean color,
    Optional<Baseline> baseline,
    String toolVersion,
    Optional<Instant> timestamp,
    Optional<String> bomSerialNumber,
    int markdownLimit) {

  /** GitHub refuses comments longer than this many characters. */
  public static final int GITHUB_COMMENT_LIMIT = 65_536;

  public ReportOptions {
    if (markdownLimit < 2_000) throw new IllegalArgumentException("markdownLimit < 2000");
  }

  public static ReportOptions defaults() {
    return new ReportOptions(
        false, Optional.empty(), "dev", Optional.empty(), Optional.empty(), GITHUB_COMMENT_LIMIT);
  }

  public ReportOptions withColor(boolean color) {
    return new ReportOptions(
        color, baseline, toolVersion, timestamp, bomSerialNumber, markdownLimit);
  }

  public ReportOptions withBaseline(Baseline baseline) {
    return new ReportOptions(
        color, Optional.of(baseline), toolVersion, timestamp, bomSerialNumber, markdownLimit);
  }

  public ReportOptions withToolVersion(String toolVersion) {
    return new ReportOptions(
        color, baseline, toolVersion, timestamp, bomSerialNumber, markdownLimit);
  }

  public ReportOptions withTimestamp(Instant timestamp) {
    return new ReportOptions(
        color, baseline, toolVersion, Optional.of(timestamp), bomSerialNumber, markdownLimit);
  }

  public ReportOptions withBomSerialNumber(String serial) {
    return new ReportOptions(
        color, baseline, toolVersion, timestamp, Optional.of(serial), markdownLimit);
  }

  public ReportOptions withMarkdownLimit(int limit) {
    return new ReportOptions(color, baseline, toolVersion, timestamp, bomSerialNumber, limit);
  }
}
