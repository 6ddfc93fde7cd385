package io.hearth.promql.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Calendar functions, with cases from upstream's functions.test and a java.time cross-check. */
class DateFunctionsTest {
  private static void check(String fn, double seconds, double want) {
    assertThat(DateFunctions.byName(fn).applyAsDouble(seconds))
        .as("%s(%s)", fn, seconds)
        .isEqualTo(want);
  }

  @Test
  void upstreamCases() {
    check("year", 0, 1970);
    check("month", 0, 1);
    check("day_of_month", 0, 1);
    check("day_of_year", 0, 1);
    check("day_of_week", 0, 4);
    check("hour", 0, 0);
    check("minute", 0, 0);
    // 2006-01-02 22:04:05 UTC, a Monday.
    check("year", 1136239445, 2006);
    check("month", 1136239445, 1);
    check("day_of_month", 1136239445, 2);
    check("day_of_year", 1136239445, 2);
    check("day_of_week", 1136239445, 1);
    check("hour", 1136239445, 22);
    check("minute", 1136239445, 4);
    check("year", 1230767999, 2008);
    check("year", 1230768000, 2009);
    check("month", 1456790399, 2);
    check("day_of_month", 1456790399, 29);
    check("month", 1456790400, 3);
    check("day_of_month", 1456790400, 1);
    check("day_of_year", 1483191420, 366);
    check("day_of_year", 1672493820, 365);
    check("days_in_month", 1454284800, 29);
    check("days_in_month", 1485907200, 28);
  }

  @Test
  void fractionsTruncateTowardZero() {
    // -0.5s truncates to 0 (1970-01-01), not to -1 (1969-12-31).
    check("year", -0.5, 1970);
    check("year", -1, 1969);
    check("hour", -1, 23);
    check("minute", -1, 59);
    check("day_of_week", -1, 3);
    check("minute", 59.9, 0);
  }

  @Test
  void nanAndInfinitiesBecomeGoMinimumTime() {
    // Go turns these into int64 -2^63 seconds, which its calendar shows as
    // 292277026596-12-04 15:30:07 (a Sunday, day 339).
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        1e19, -1e19}) {
      check("year", v, 292277026596.0);
      check("month", v, 12);
      check("day_of_month", v, 4);
      check("hour", v, 15);
      check("minute", v, 30);
      check("days_in_month", v, 31);
      check("day_of_year", v, 339);
      check("day_of_week", v, 0);
    }
  }

  @Test
  void largestInt64SecondsDoNotWrap() {
    // 2^63 - 1024 is the largest double below 2^63: no wrap-around, a date far in the future.
    double v = 0x1p63 - 1024;
    assertThat(DateFunctions.year(v)).isGreaterThan(2.9e11);
    assertThat(DateFunctions.month(v)).isBetween(1.0, 12.0);
  }

  @Test
  void agreesWithJavaTimeAcrossTenThousandYears() {
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      long s = random.nextLong(-62_000_000_000L, 253_000_000_000L);
      LocalDateTime d = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
      String at = "seed " + seed + ", t=" + s;
      assertThat(DateFunctions.year(s)).as(at).isEqualTo(d.getYear());
      assertThat(DateFunctions.month(s)).as(at).isEqualTo(d.getMonthValue());
      assertThat(DateFunctions.dayOfMonth(s)).as(at).isEqualTo(d.getDayOfMonth());
      assertThat(DateFunctions.dayOfYear(s)).as(at).isEqualTo(d.getDayOfYear());
      assertThat(DateFunctions.dayOfWeek(s)).as(at).isEqualTo(d.getDayOfWeek().getValue() % 7);
      assertThat(DateFunctions.daysInMonth(s)).as(at).isEqualTo(d.toLocalDate().lengthOfMonth());
      assertThat(DateFunctions.hour(s)).as(at).isEqualTo(d.getHour());
      assertThat(DateFunctions.minute(s)).as(at).isEqualTo(d.getMinute());
    }
  }
}
