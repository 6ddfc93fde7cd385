package io.hearth.promql.functions;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * PromQL's calendar functions (year, month, day_of_month, day_of_year, day_of_week,
 * days_in_month, hour, minute) over a Unix time in seconds, in UTC on the proleptic Gregorian
 * calendar. Stateless and allocation-free.
 *
 * <p>The argument is truncated to whole seconds the way Go converts a float64 to int64 on amd64:
 * toward zero, and NaN, ±Inf and values outside the int64 range all become -2⁶³. Go's calendar
 * then works modulo 2⁶⁴ seconds from an epoch in year -292277022399, which maps -2⁶³ to
 * 292277026596-12-04 15:30:07; these functions reproduce that, so for example {@code
 * year(NaN)} is 292277026596 as in Prometheus.
 *
 * <p>For the argument-less forms ({@code year()} means the year at the evaluation time) the engine
 * passes {@code stepTimeMs / 1000} (integer division, truncating as Go does) as the seconds.
 */
public final class DateFunctions {
  private static final long SECONDS_PER_DAY = 86_400;
  /**
   * Seconds from Go's absolute epoch (March 1 of year -292277022399, a multiple of 400 years
   * before year 1) to the Unix epoch.
   */
  private static final long UNIX_TO_ABSOLUTE =
      (292_277_022_400L * 365 + 292_277_022_400L / 400 * 97 + 306) * SECONDS_PER_DAY
          + (1969L * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * SECONDS_PER_DAY;

  private static final Map<String, DoubleUnaryOperator> BY_NAME =
      Map.of(
          "year", DateFunctions::year,
          "month", DateFunctions::month,
          "day_of_month", DateFunctions::dayOfMonth,
          "day_of_year", DateFunctions::dayOfYear,
          "day_of_week", DateFunctions::dayOfWeek,
          "days_in_month", DateFunctions::daysInMonth,
          "hour", DateFunctions::hour,
          "minute", DateFunctions::minute);

  private DateFunctions() {}

  /** The function named {@code name}, taking Unix seconds; null if there is none. */
  public static DoubleUnaryOperator byName(String name) {
    return BY_NAME.get(name);
  }

  /** The year, e.g. 2006. */
  public static double year(double unixSeconds) {
    long z = epochDay(unixSeconds);
    return civilYear(z);
  }

  /** The month, 1 (January) to 12. */
  public static double month(double unixSeconds) {
    return civilMonth(epochDay(unixSeconds));
  }

  /** The day of the month, 1 to 31. */
  public static double dayOfMonth(double unixSeconds) {
    return civilDay(epochDay(unixSeconds));
  }

  /** The day of the year, 1 to 365, or 366 in leap years. */
  public static double dayOfYear(double unixSeconds) {
    long z = epochDay(unixSeconds);
    return z - daysFromCivil(civilYear(z), 1, 1) + 1;
  }

  /** The day of the week, 0 (Sunday) to 6 (Saturday). */
  public static double dayOfWeek(double unixSeconds) {
    // 1970-01-01 was a Thursday.
    return Math.floorMod(epochDay(unixSeconds) + 4, 7);
  }

  /** Number of days in the month, 28 to 31. */
  public static double daysInMonth(double unixSeconds) {
    long z = epochDay(unixSeconds);
    int m = civilMonth(z);
    if (m == 2) {
      return isLeap(civilYear(z)) ? 29 : 28;
    }
    return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
  }

  /** The hour of the day, 0 to 23. */
  public static double hour(double unixSeconds) {
    return secondOfDay(unixSeconds) / 3600;
  }

  /** The minute of the hour, 0 to 59. */
  public static double minute(double unixSeconds) {
    return secondOfDay(unixSeconds) % 3600 / 60;
  }

  /** Go's float64 → int64 conversion on amd64 (CVTTSD2SQ): out of range and NaN give -2⁶³. */
  static long toGoInt64(double v) {
    if (Double.isNaN(v) || v >= 0x1p63 || v < -0x1p63) {
      return Long.MIN_VALUE;
    }
    return (long) v;
  }

  private static long absoluteSeconds(double unixSeconds) {
    // Wraps modulo 2^64 exactly as Go's unsigned absolute time does.
    return toGoInt64(unixSeconds) + UNIX_TO_ABSOLUTE;
  }

  /** Days since 1970-01-01 of the (possibly wrapped) absolute time. */
  private static long epochDay(double unixSeconds) {
    long days = Long.divideUnsigned(absoluteSeconds(unixSeconds), SECONDS_PER_DAY);
    return days - UNIX_TO_ABSOLUTE / SECONDS_PER_DAY;
  }

  private static long secondOfDay(double unixSeconds) {
    return Long.remainderUnsigned(absoluteSeconds(unixSeconds), SECONDS_PER_DAY);
  }

  // Civil-from-days after Howard Hinnant's "chrono-compatible low-level date algorithms": the
  // year is shifted to start on March 1 so that the leap day is the last day of the year.

  private static long civilYear(long z) {
    long shifted = z + 719_468;
    long era = Math.floorDiv(shifted, 146_097);
    long doe = shifted - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long y = yoe + era * 400;
    return mp >= 10 ? y + 1 : y;
  }

  private static int civilMonth(long z) {
    long mp = marchMonth(z);
    return (int) (mp < 10 ? mp + 3 : mp - 9);
  }

  private static int civilDay(long z) {
    long doy = dayOfMarchYear(z);
    long mp = (5 * doy + 2) / 153;
    return (int) (doy - (153 * mp + 2) / 5 + 1);
  }

  private static long marchMonth(long z) {
    return (5 * dayOfMarchYear(z) + 2) / 153;
  }

  /** Day within the March-based year, 0 = March 1. */
  private static long dayOfMarchYear(long z) {
    long shifted = z + 719_468;
    long era = Math.floorDiv(shifted, 146_097);
    long doe = shifted - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    return doe - (365 * yoe + yoe / 4 - yoe / 100);
  }

  private static long daysFromCivil(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static boolean isLeap(long y) {
    return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
  }
}
