package dev.mlsec.scan;

import java.util.Locale;

/** The judgment of one file. Only {@link #CLEAN} means nothing worth a look was found. */
public enum Verdict {
  CLEAN,
  SUSPICIOUS,
  MALICIOUS,
  INCONCLUSIVE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
