package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  private static void check(String in, Duration want) {
    assertThat(Durations.parse(in)).as(in).isEqualTo(want);
  }

  private static void fails(String in, String message) {
    assertThatThrownBy(() -> Durations.parse(in)).as(in).hasMessage(message);
  }

  @Test
  void parsesPrometheusDurations() {
    check("0", Duration.ZERO);
    check("0s", Duration.ZERO);
    check("15s", Duration.ofSeconds(15));
    check("100ms", Duration.ofMillis(100));
    check("1h30m", Duration.ofMinutes(90));
    check("1d", Duration.ofDays(1));
    check("1w", Duration.ofDays(7));
    check("1y", Duration.ofDays(365));
    check("1y2w3d4h5m6s7ms", Duration.ofDays(365 + 14 + 3).plusHours(4).plusMinutes(5)
        .plusSeconds(6).plusMillis(7));
    check("90m", Duration.ofMinutes(90));
    check("0001m", Duration.ofMinutes(1));
  }

  @Test
  void rejectsWhatPrometheusRejects() {
    fails("", "empty duration string");
    fails("15x", "unknown unit \"x\" in duration \"15x\"");
    fails("15", "not a valid duration string: \"15\"");
    fails("-1s", "not a valid duration string: \"-1s\"");
    fails("1.5h", "unknown unit \".\" in duration \"1.5h\"");
    fails("s", "not a valid duration string: \"s\"");
    fails("1m1h", "not a valid duration string: \"1m1h\"");
    fails("1s1s", "not a valid duration string: \"1s1s\"");
    fails("1 s", "unknown unit \" s\" in duration \"1 s\"");
    fails("300y", "duration out of range");
    fails("99999999999999999999s", "not a valid duration string: \"99999999999999999999s\"");
    fails("292y52w", "duration out of range");
  }

  @Test
  void formatsAsPrometheusDoes() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(15))).isEqualTo("15s");
    assertThat(Durations.format(Duration.ofMinutes(1))).isEqualTo("1m");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofDays(90))).isEqualTo("90d");
    assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("2w");
    assertThat(Durations.format(Duration.ofDays(365))).isEqualTo("1y");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
  }
}
