package dev.mlsec.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  /** A clock the test moves. */
  static final class Manual extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void afterMaxFailuresAKeyWaitsForTheWindowAndOthersDoNot() {
    Manual clock = new Manual();
    LoginThrottle t = new LoginThrottle(clock, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(t.allowed("alice")).isTrue();
      t.failed("alice");
    }
    assertThat(t.allowed("alice")).isFalse();
    assertThat(t.allowed("bob")).isTrue();
    clock.now = clock.now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
    assertThat(t.allowed("alice")).isTrue();
    t.failed("alice");
    t.succeeded("alice");
    assertThat(t.allowed("alice")).isTrue();
  }
}
