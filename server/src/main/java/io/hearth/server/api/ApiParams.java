package io.hearth.server.api;

import io.hearth.promql.PromqlException;
import io.hearth.promql.parser.PromqlParser;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API's parameter syntax, as Prometheus's {@code parseTime}, {@code parseDuration} and
 * {@code parseLimitParam}: times are float seconds or RFC 3339, durations float seconds or
 * Prometheus durations, with Prometheus's rounding and error texts. Times come back as epoch
 * milliseconds, durations as nanoseconds (Go's {@code time.Duration}). Stateless.
 */
public final class ApiParams {
  /** Prometheus's {@code MinTime}: the earliest time the API accepts, in milliseconds. */
  public static final long MIN_TIME = -9223309901257974L * 1000;

  /** Prometheus's {@code MaxTime}, in milliseconds. */
  public static final long MAX_TIME = 9223309901257974L * 1000 + 999;

  // Go's time package cannot parse these years, so Prometheus recognises the exact strings it
  // formats MinTime and MaxTime to.
  private static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";
  private static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";

  /** Go's RFC3339Nano layout as its parser accepts it: the fraction is optional. */
  private static final Pattern RFC3339 = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:(Z)|([+-])(\\d{2}):(\\d{2}))");

  private ApiParams() {}

  /**
   * Prometheus's {@code parseTime}: float seconds (rounded to the millisecond) or RFC 3339.
   *
   * @throws IllegalArgumentException with Prometheus's message, {@code cannot parse "x" to a
   *     valid timestamp}
   */
  public static long parseTime(String s) {
    try {
      double t = GoFloat.parse(s);
      return floatSecondsToMillis(t);
    } catch (NumberFormatException e) {
      // not a number: try RFC 3339
    }
    Matcher m = RFC3339.matcher(s);
    if (m.matches()) {
      try {
        LocalDateTime local = LocalDateTime.of(
            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        int offsetSeconds = 0;
        if (m.group(8) == null) {
          int hh = Integer.parseInt(m.group(10));
          int mm = Integer.parseInt(m.group(11));
          if (hh < 24 && mm < 60) {
            offsetSeconds = (hh * 3600 + mm * 60) * (m.group(9).equals("-") ? -1 : 1);
          } else {
            throw new DateTimeException("time zone offset out of range");
          }
        }
        long seconds = local.toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds));
        long nanos = 0;
        if (m.group(7) != null) {
          String f = m.group(7);
          nanos = Long.parseLong(f) * POW10[9 - f.length()];
        }
        return seconds * 1000 + nanos / 1_000_000;
      } catch (DateTimeException e) {
        // out-of-range fields: Go's parser refuses them too
      }
    }
    if (s.equals(MIN_TIME_TEXT)) {
      return MIN_TIME;
    }
    if (s.equals(MAX_TIME_TEXT)) {
      return MAX_TIME;
    }
    throw new IllegalArgumentException("cannot parse " + goQuote(s) + " to a valid timestamp");
  }

  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000, 1_000_000_000};

  /**
   * Float seconds to milliseconds as Prometheus does it: the fraction rounded to three decimals
   * in doubles, scaled to nanoseconds and truncated, then {@code timestamp.FromTime}.
   */
  static long floatSecondsToMillis(double t) {
    double whole = t < 0 ? Math.ceil(t) : Math.floor(t); // math.Modf: both parts keep t's sign
    double frac = t - whole;
    frac = goRound(frac * 1000) / 1000;
    long sec = goInt64(whole);
    long nsec = goInt64(frac * 1e9);
    // time.Unix normalises nsec into [0, 1e9), then FromTime is sec*1000 + nsec/1e6.
    sec += Math.floorDiv(nsec, 1_000_000_000L);
    nsec = Math.floorMod(nsec, 1_000_000_000L);
    return sec * 1000 + nsec / 1_000_000;
  }

  /** Go's math.Round: half away from zero. */
  private static double goRound(double x) {
    return Math.copySign(Math.floor(Math.abs(x) + 0.5), x);
  }

  /** Go's float64 to int64 conversion on amd64: out of range and NaN give MinInt64. */
  private static long goInt64(double d) {
    if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
      return Long.MIN_VALUE;
    }
    return (long) d;
  }

  /**
   * {@code parseTimeParam}: {@code defaultMs} when the value is empty, else {@link #parseTime} with
   * the message {@code invalid time value for 'name': ...}.
   */
  public static long parseTimeParam(String name, String value, long defaultMs) {
    if (value.isEmpty()) {
      return defaultMs;
    }
    try {
      return parseTime(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid time value for '" + name + "': " + e.getMessage());
    }
  }

  /**
   * Prometheus's {@code parseDuration}: float seconds or a Prometheus duration ({@code 1m30s}),
   * in nanoseconds.
   *
   * @throws IllegalArgumentException with Prometheus's message
   */
  public static long parseDurationNanos(String s) {
    try {
      double d = GoFloat.parse(s);
      double ns = d * 1e9;
      if (ns > 0x1p63 || ns < -0x1p63) {
        throw new IllegalArgumentException(
            "cannot parse " + goQuote(s) + " to a valid duration. It overflows int64");
      }
      return goInt64(ns);
    } catch (NumberFormatException e) {
      // not a number: try a Prometheus duration
    }
    try {
      long ms = PromqlParser.parseDuration(s);
      return Math.multiplyExact(ms, 1_000_000L);
    } catch (PromqlException | ArithmeticException e) {
      throw new IllegalArgumentException("cannot parse " + goQuote(s) + " to a valid duration");
    }
  }

  /** Go's {@code durationMilliseconds}: nanoseconds to milliseconds, truncated. */
  public static long nanosToMillis(long nanos) {
    return nanos / 1_000_000;
  }

  /**
   * {@code parseLimitParam}: 0 (no limit) when empty, else a non-negative integer.
   *
   * @throws IllegalArgumentException with Go's {@code strconv.Atoi} text or {@code limit must be
   *     non-negative}
   */
  public static int parseLimit(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    long v = goAtoi(s);
    if (v < 0) {
      throw new IllegalArgumentException("limit must be non-negative");
    }
    // Go's int is 64 bits; no result can be longer than this anyway.
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  /** Go's {@code strconv.Atoi} for 64-bit ints, with its error texts. */
  static long goAtoi(String s) {
    int i = 0;
    int n = s.length();
    if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      i++;
    }
    if (i == n) {
      throw new IllegalArgumentException("strconv.Atoi: parsing " + goQuote(s) + ": invalid syntax");
    }
    for (int j = i; j < n; j++) {
      if (s.charAt(j) < '0' || s.charAt(j) > '9') {
        throw new IllegalArgumentException("strconv.Atoi: parsing " + goQuote(s) + ": invalid syntax");
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strconv.Atoi: parsing " + goQuote(s) + ": value out of range");
    }
  }

  /** Go's {@code %q}: a double-quoted string with Go escapes for what is not printable. */
  public static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case 7 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 11 -> b.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", c));
          } else if (Character.isISOControl(c) || !Character.isDefined(c)
              || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE) {
            b.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
