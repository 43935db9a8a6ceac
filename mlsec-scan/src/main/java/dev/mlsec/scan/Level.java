package dev.mlsec.scan;

import java.util.Locale;

/** How bad a single finding is; the scanner's own scale, independent of other mlsec modules. */
public enum Level {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Lower-case name used in every output. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a lower- or upper-case level name. */
  public static Level parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  public boolean atLeast(Level other) {
    return compareTo(other) >= 0;
  }
}
