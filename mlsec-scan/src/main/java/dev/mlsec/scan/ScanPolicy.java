package dev.mlsec.scan;

import java.util.Locale;

/**
 * How strict the allowlist is. {@link #DEFAULT} accepts the standard reconstruction of objects of
 * classes it does not know (a training script's own model class); {@link #STRICT} flags them.
 */
public enum ScanPolicy {
  DEFAULT,
  STRICT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ScanPolicy parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
