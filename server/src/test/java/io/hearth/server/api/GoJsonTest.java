package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoJsonTest {
  private static void checkTime(long ms, String want) {
    assertThat(GoJson.time(ms)).isEqualTo(want);
  }

  private static void checkNumber(double v, String want) {
    assertThat(GoJson.number(v)).as("%s", v).isEqualTo(want);
  }

  @Test
  void timesAreRfc3339WithOnlyTheFractionDigitsNeeded() {
    checkTime(0, "0001-01-01T00:00:00Z");
    checkTime(1_795_346_031_000L, "2026-11-22T11:13:51Z");
    checkTime(1_795_346_031_100L, "2026-11-22T11:13:51.1Z");
    checkTime(1_795_346_031_120L, "2026-11-22T11:13:51.12Z");
    checkTime(1_795_346_031_123L, "2026-11-22T11:13:51.123Z");
  }

  @Test
  void floatsAreShortestDecimalsWithExponentsOnlyAtTheExtremes() {
    checkNumber(0, "0");
    checkNumber(0.001234, "0.001234");
    checkNumber(15, "15");
    checkNumber(1.5, "1.5");
    checkNumber(0.1 + 0.2, "0.30000000000000004");
    checkNumber(1e-6, "0.000001");
    checkNumber(1e-7, "1e-7");
    checkNumber(1.25e-9, "1.25e-9");
    checkNumber(1e20, "100000000000000000000");
    checkNumber(1e21, "1e+21");
    checkNumber(-2.5e22, "-2.5e+22");
  }
}
