package dev.mlsec.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per key (a client address, a user name): after {@link #MAX_FAILURES} within {@link
 * #WINDOW} the key must wait. The table is bounded; the oldest keys are forgotten first.
 */
public final class LoginThrottle {
  /** Failures of one user name; a client address may fail {@link #MAX_FAILURES_PER_ADDRESS}. */
  public static final int MAX_FAILURES = 5;

  public static final int MAX_FAILURES_PER_ADDRESS = 50;
  public static final Duration WINDOW = Duration.ofMinutes(5);
  static final int MAX_KEYS = 10_000;

  private final Clock clock;
  private final int max;
  private final Map<String, Deque<Instant>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> e) {
          return size() > MAX_KEYS;
        }
      };

  public LoginThrottle(Clock clock, int max) {
    this.clock = clock;
    this.max = max;
  }

  /** Whether every key may try now. */
  public synchronized boolean allowed(String... keys) {
    Instant now = clock.instant();
    for (String k : keys) {
      Deque<Instant> d = failures.get(k);
      if (d == null) continue;
      while (!d.isEmpty() && d.peekFirst().isBefore(now.minus(WINDOW))) d.removeFirst();
      if (d.size() >= max) return false;
    }
    return true;
  }

  public synchronized void failed(String... keys) {
    Instant now = clock.instant();
    for (String k : keys) {
      Deque<Instant> d = failures.computeIfAbsent(k, x -> new ArrayDeque<>());
      d.addLast(now);
      while (d.size() > max) d.removeFirst();
    }
  }

  public synchronized void succeeded(String... keys) {
    for (String k : keys) failures.remove(k);
  }
}
