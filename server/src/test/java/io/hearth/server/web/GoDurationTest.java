package io.hearth.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's {@code time.ParseDuration}, used for {@code rate_limit.interval}. */
class GoDurationTest {
  private static void check(String in, Duration want) {
    assertThat(GoDuration.parse(in)).as(in).isEqualTo(want);
  }

  private static void fails(String in, String want) {
    assertThatThrownBy(() -> GoDuration.parse(in)).as(in).hasMessage(want);
  }

  @Test
  void parsesGoDurations() {
    check("0", Duration.ZERO);
    check("1s", Duration.ofSeconds(1));
    check("1.5h", Duration.ofMinutes(90));
    check("1h2m3s4ms5us6ns", Duration.ofNanos(3_723_004_005_006L));
    check("100µs", Duration.ofNanos(100_000));
    check("-2s", Duration.ofSeconds(-2));
    check("+.5s", Duration.ofMillis(500));
  }

  @Test
  void rejectsWhatGoRejects() {
    fails("", "time: invalid duration \"\"");
    fails("1", "time: missing unit in duration \"1\"");
    fails("1d", "time: unknown unit \"d\" in duration \"1d\"");
    fails("s", "time: invalid duration \"s\"");
    fails("1..2s", "time: invalid duration \"1..2s\"");
  }
}
