package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromDurationTest {
  private static void check(String in, long wantMs) {
    assertThat(PromDuration.parseMillis(in)).as(in).isEqualTo(wantMs);
  }

  @Test
  void parsesDurations() {
    check("0", 0);
    check("0s", 0);
    check("50m", 3_000_000);
    check("1h30m", 5_400_000);
    check("90s", 90_000);
    check("1y", 365L * 86_400_000);
    check("2w1d", 15L * 86_400_000);
    check("1s500ms", 1500);
  }

  @Test
  void rejectsWhatPrometheusRejects() {
    for (String bad : new String[] {"", "1.5m", "-1m", "30s1m", "5", "m", "1h 30m"}) {
      assertThatThrownBy(() -> PromDuration.parseMillis(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
