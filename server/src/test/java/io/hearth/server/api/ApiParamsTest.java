package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiParamsTest {
  private static void time(String in, long wantMs) {
    assertThat(ApiParams.parseTime(in)).as(in).isEqualTo(wantMs);
  }

  private static void duration(String in, long wantNanos) {
    assertThat(ApiParams.parseDurationNanos(in)).as(in).isEqualTo(wantNanos);
  }

  @Test
  void timesAreFloatSecondsOrRfc3339() {
    time("0", 0);
    time("1.5", 1500);
    time("1795309200.137", 1795309200137L);
    time("0.0025", 3); // the fraction is rounded to milliseconds in doubles, half away from zero
    time("1.0005", 1000); // 1.0005 - 1 is 0.000499999... in doubles: Go rounds it down too
    time("1.0004", 1000);
    time("-1.5", -1500);
    time("1e3", 1_000_000);
    time("2015-07-01T20:10:51.781Z", 1435781451781L);
    time("2015-07-01T20:10:51Z", 1435781451000L);
    time("2015-07-01T22:10:51.7819999+02:00", 1435781451781L);
    time("-292273086-05-16T16:47:06Z", ApiParams.MIN_TIME);
    time("292277025-08-18T07:12:54.999999999Z", ApiParams.MAX_TIME);
  }

  @Test
  void badTimesSayWhatCouldNotBeParsed() {
    assertThatThrownBy(() -> ApiParams.parseTime("yesterday"))
        .hasMessage("cannot parse \"yesterday\" to a valid timestamp");
    assertThatThrownBy(() -> ApiParams.parseTime(""))
        .hasMessage("cannot parse \"\" to a valid timestamp");
    assertThatThrownBy(() -> ApiParams.parseTime("2015-02-30T00:00:00Z"))
        .hasMessage("cannot parse \"2015-02-30T00:00:00Z\" to a valid timestamp");
    assertThatThrownBy(() -> ApiParams.parseTimeParam("time", "x", 0))
        .hasMessage("invalid time value for 'time': cannot parse \"x\" to a valid timestamp");
    assertThat(ApiParams.parseTimeParam("time", "", 42)).isEqualTo(42);
  }

  @Test
  void durationsAreFloatSecondsOrPrometheusDurations() {
    duration("15", 15_000_000_000L);
    duration("0.5", 500_000_000L);
    duration("1m30s", 90_000_000_000L);
    duration("1d", 86_400_000_000_000L);
    duration("-5", -5_000_000_000L);
    assertThatThrownBy(() -> ApiParams.parseDurationNanos("1x"))
        .hasMessage("cannot parse \"1x\" to a valid duration");
    assertThatThrownBy(() -> ApiParams.parseDurationNanos("1e10"))
        .hasMessage("cannot parse \"1e10\" to a valid duration. It overflows int64");
  }

  @Test
  void limitsAreNonNegativeIntegers() {
    assertThat(ApiParams.parseLimit("")).isZero();
    assertThat(ApiParams.parseLimit("7")).isEqualTo(7);
    assertThatThrownBy(() -> ApiParams.parseLimit("-1")).hasMessage("limit must be non-negative");
    assertThatThrownBy(() -> ApiParams.parseLimit("ten"))
        .hasMessage("strconv.Atoi: parsing \"ten\": invalid syntax");
    assertThatThrownBy(() -> ApiParams.parseLimit("99999999999999999999"))
        .hasMessage("strconv.Atoi: parsing \"99999999999999999999\": value out of range");
  }
}
