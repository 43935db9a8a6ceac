package dev.mlsec.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.server.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  @Test
  void afterMaxFailuresAKeyWaitsForTheWindowAndOthersDoNot() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
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
