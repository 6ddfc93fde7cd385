package io.hearth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token bucket behind {@code rate_limit}, on a fake clock. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void startsFullAndRefillsOnePerInterval() {
    RateLimiter r = new RateLimiter(Duration.ofSeconds(1), 2, 0);
    assertThat(r.allow(0)).isTrue();
    assertThat(r.allow(0)).isTrue();
    assertThat(r.allow(0)).isFalse();
    assertThat(r.allow(SECOND / 2)).isFalse();
    assertThat(r.allow(SECOND + SECOND / 2)).isTrue();
    assertThat(r.allow(SECOND + SECOND / 2)).isFalse();
    assertThat(r.allow(100 * SECOND)).isTrue();
    assertThat(r.allow(100 * SECOND)).isTrue();
    assertThat(r.allow(100 * SECOND)).isFalse();
  }

  @Test
  void aZeroBurstRefusesEverythingAndAZeroIntervalIsOff() {
    RateLimiter r = new RateLimiter(Duration.ofSeconds(1), 0, 0);
    assertThat(r.allow(10 * SECOND)).isFalse();
    assertThat(RateLimiter.of(WebConfig.RateLimit.NONE)).isNull();
    assertThat(new RateLimiter(Duration.ofSeconds(-1), 0, 0).allow(0)).isTrue();
  }
}
