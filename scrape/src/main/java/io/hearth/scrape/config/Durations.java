package io.hearth.scrape.config;

import io.hearth.scrape.parse.GoQuote;
import java.time.Duration;

/**
 * Prometheus's duration syntax ({@code model.Duration}): integer amounts with the units {@code
 * y w d h m s ms}, largest first, each at most once, e.g. {@code 1h30m}; a year is 365 days.
 * {@code "0"} needs no unit; negative and fractional amounts are not durations.
 */
public final class Durations {
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] NANOS = {
    365L * 24 * 3600 * 1_000_000_000L,
    7L * 24 * 3600 * 1_000_000_000L,
    24L * 3600 * 1_000_000_000L,
    3600L * 1_000_000_000L,
    60L * 1_000_000_000L,
    1_000_000_000L,
    1_000_000L
  };

  private Durations() {}

  /** @throws IllegalArgumentException with Prometheus's wording */
  public static Duration parse(String s) {
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    long total = 0;
    int lastUnit = -1;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw invalid(s);
      }
      long v;
      try {
        v = Long.parseUnsignedLong(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw invalid(s);
      }
      int unitStart = i;
      while (i < s.length() && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw invalid(s);
      }
      String u = s.substring(unitStart, i);
      int unit = unitIndex(u);
      if (unit < 0) {
        throw new IllegalArgumentException("unknown unit " + GoQuote.quote(u) + " in duration " + GoQuote.quote(s));
      }
      if (unit <= lastUnit) {
        throw invalid(s);
      }
      lastUnit = unit;
      // Unsigned, as Go computes it: each term at most 2^63, the sum at most 2^63 - 1.
      if (Long.compareUnsigned(v, Long.divideUnsigned(Long.MIN_VALUE, NANOS[unit])) > 0) {
        throw new IllegalArgumentException("duration out of range");
      }
      long sum = total + v * NANOS[unit];
      if (Long.compareUnsigned(sum, Long.MAX_VALUE) > 0) {
        throw new IllegalArgumentException("duration out of range");
      }
      total = sum;
    }
    return Duration.ofNanos(total);
  }

  /** Prometheus's rendering ({@code model.Duration.String}): "1m", "1h30m", "90d", "0s". */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    if (ms < 0) {
      b.append('-');
      ms = -ms;
    }
    long[] mult = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    for (int i = 0; i < UNITS.length; i++) {
      boolean exactOnly = i < 2; // years and weeks only when nothing remains: "90d", not "12w6d"
      if (exactOnly && ms % mult[i] != 0) {
        continue;
      }
      long v = ms / mult[i];
      if (v > 0) {
        b.append(v).append(UNITS[i]);
        ms -= v * mult[i];
      }
    }
    return b.toString();
  }

  private static int unitIndex(String u) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(u)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("not a valid duration string: " + GoQuote.quote(s));
  }
}
