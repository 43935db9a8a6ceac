package dev.mlsec.analysis;

import java.util.Locale;
import java.util.Set;

/**
 * What scanning a component's model file found, given to the analysis as evidence.
 *
 * @param component the component id whose artifact was scanned
 * @param file the file as the user should see it
 * @param verdict clean, suspicious, malicious or inconclusive
 * @param summary one line on what was found
 */
public record ArtifactEvidence(String component, String file, String verdict, String summary) {
  private static final Set<String> UNSAFE = Set.of("malicious", "suspicious", "inconclusive");

  /** Anything but a clean verdict: a scan that hit a limit proves nothing. */
  public boolean unsafe() {
    return UNSAFE.contains(verdict.toLowerCase(Locale.ROOT));
  }
}
