package dev.mlsec.catalog;

import java.util.Arrays;
import java.util.Optional;

/** Severity of a finding, most severe first (so {@code compareTo < 0} means more severe). */
public enum Severity {
  CRITICAL("critical", "9.5"),
  HIGH("high", "8.0"),
  MEDIUM("medium", "5.5"),
  LOW("low", "3.0"),
  INFO("info", "0.0");

  private final String id;
  private final String score;

  Severity(String id, String score) {
    this.id = id;
    this.score = score;
  }

  public String id() {
    return id;
  }

  /** The CVSS-like number code scanning tools read as {@code security-severity}. */
  public String securitySeverity() {
    return score;
  }

  /** At least as severe as {@code other}. */
  public boolean atLeast(Severity other) {
    return compareTo(other) <= 0;
  }

  /** How many steps this is more severe than {@code other} (negative when less severe). */
  public int stepsAbove(Severity other) {
    return other.ordinal() - ordinal();
  }

  /** One step more severe, capped at critical. */
  public Severity raise() {
    return this == CRITICAL ? CRITICAL : values()[ordinal() - 1];
  }

  /** One step less severe, floored at info. */
  public Severity lower() {
    return this == INFO ? INFO : values()[ordinal() + 1];
  }

  public static Optional<Severity> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }
}
