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

  // The cases below came with the scrape loop's copy of the same syntax (target labels).

  private static void checkFormat(Duration d, String want) {
    assertThat(Durations.format(d)).as("format %s", d).isEqualTo(want);
  }

  private static void checkParse(String s, long wantNanos) {
    assertThat(Durations.parse(s).toNanos()).as("parse %s", s).isEqualTo(wantNanos);
  }

  private static void checkParseError(String s, String want) {
    assertThatThrownBy(() -> Durations.parse(s)).as("parse %s", s).hasMessage(want);
  }

  @Test
  void durationsFormatAsPrometheusWritesThem() {
    checkFormat(Duration.ZERO, "0s");
    checkFormat(Duration.ofSeconds(15), "15s");
    checkFormat(Duration.ofMinutes(1), "1m");
    checkFormat(Duration.ofSeconds(90), "1m30s");
    checkFormat(Duration.ofMillis(500), "500ms");
    checkFormat(Duration.ofMillis(1500), "1s500ms");
    checkFormat(Duration.ofHours(2), "2h");
    checkFormat(Duration.ofDays(1), "1d");
    checkFormat(Duration.ofDays(7), "1w");
    checkFormat(Duration.ofDays(90), "90d"); // weeks only when they divide evenly
    checkFormat(Duration.ofDays(365), "1y");
    checkFormat(Duration.ofDays(366), "366d");
    checkFormat(Duration.ofNanos(1_500_000), "1ms"); // millisecond precision
  }

  @Test
  void durationsParseAsPrometheusReadsThem() {
    checkParse("0", 0);
    checkParse("0s", 0);
    checkParse("15s", 15_000_000_000L);
    checkParse("1m30s", 90_000_000_000L);
    checkParse("1h30m", 5_400_000_000_000L);
    checkParse("250ms", 250_000_000L);
    checkParse("1y", 365L * 24 * 3600 * 1_000_000_000L);
    checkParse("0001s", 1_000_000_000L);
  }

  @Test
  void durationErrorsUseUpstreamWords() {
    checkParseError("", "empty duration string");
    checkParseError("2notseconds", "unknown unit \"notseconds\" in duration \"2notseconds\"");
    checkParseError("s", "not a valid duration string: \"s\"");
    checkParseError("10", "not a valid duration string: \"10\"");
    checkParseError("1s1m", "not a valid duration string: \"1s1m\"");
    checkParseError("1s1s", "not a valid duration string: \"1s1s\"");
    checkParseError("-1s", "not a valid duration string: \"-1s\"");
    checkParseError("1.5s", "unknown unit \".\" in duration \"1.5s\"");
    checkParseError("300y", "duration out of range");
    checkParseError("99999999999999999999s", "not a valid duration string: \"99999999999999999999s\"");
    checkParseError("292y1000w", "duration out of range");
  }
}
