package dev.mlsec.server.store;

import java.util.Map;

/**
 * The portfolio's trend: per project, the open findings by severity in each of its last {@link
 * #VERSIONS} versions, counted with the decisions in force today (so a finding accepted today no
 * longer counts in the older versions either: the trend shows how the workflow changed). Kept in
 * each project's summary row ({@link Portfolio}).
 */
public final class Trends {
  public static final int VERSIONS = 8;

  private Trends() {}

  /** One version's open findings by severity, in {@link Store#SEVERITIES} order. */
  public record Point(int version, Map<String, Integer> openBySeverity) {
    public int total() {
      return openBySeverity.values().stream().mapToInt(Integer::intValue).sum();
    }
  }
}
