package io.hearth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void formatsAsGoDurationString() {
    check(Duration.ZERO, "0s");
    check(Duration.ofNanos(1), "1ns");
    check(Duration.ofNanos(1500), "1.5µs");
    check(Duration.ofMillis(500), "500ms");
    check(Duration.ofNanos(1_500_000), "1.5ms");
    check(Duration.ofSeconds(1), "1s");
    check(Duration.ofSeconds(15), "15s");
    check(Duration.ofMillis(1500), "1.5s");
    check(Duration.ofMinutes(1), "1m0s");
    check(Duration.ofSeconds(90), "1m30s");
    check(Duration.ofHours(1), "1h0m0s");
    check(Duration.ofHours(2).plusSeconds(1), "2h0m1s");
    check(Duration.ofSeconds(-15), "-15s");
  }

  private static void check(Duration in, String want) {
    assertThat(GoDuration.format(in)).as(in.toString()).isEqualTo(want);
  }
}
