package dev.mlsec.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long each part of a run took, in order: what summary.json says of where the time went. */
final class Phases {
  private final long started = System.nanoTime();
  private long last = started;
  private final Map<String, Long> millis = new LinkedHashMap<>();

  /** Ends {@code phase}, which began when the one before it ended (or the run began). */
  void end(String phase) {
    long now = System.nanoTime();
    millis.put(phase, (now - last) / 1_000_000);
    last = now;
  }

  /** Each phase ended so far, in ms, in the order they ran. */
  Map<String, Long> millis() {
    return Collections.unmodifiableMap(millis);
  }

  /** Since the run began. */
  long elapsedMillis() {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
