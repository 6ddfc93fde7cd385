package io.hearth.server.flags;

import io.hearth.scrape.parse.GoQuote;
import java.util.Map;

/**
 * Go's {@code time.Duration} text, for the one Prometheus flag of that type ({@code
 * --scrape.timestamp-tolerance}): kingpin reads it with {@code time.ParseDuration}'s grammar plus
 * the units {@code d} and {@code w}; it prints back as Go does ({@code 2ms}, {@code 1m30s}, {@code
 * 1h0m0s}). Nanoseconds throughout. Stateless.
 */
public final class GoDuration {
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
      "m", 60_000_000_000L, "h", 3_600_000_000_000L, "d", 86_400_000_000_000L,
      "w", 604_800_000_000_000L);

  private GoDuration() {}

  static String quote(String s) {
    return GoQuote.quote(s);
  }

  /** @throws IllegalArgumentException with Go's wording, e.g. {@code time: invalid duration "x"} */
  static long parse(String orig) {
    String s = orig;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    double total = 0;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean whole = i > start;
      int dot = i;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
      }
      boolean fraction = i > dot + 1;
      if (!whole && !fraction) {
        throw invalid(orig);
      }
      double amount = Double.parseDouble(s.substring(start, i).endsWith(".")
          ? s.substring(start, i) + "0" : s.substring(start, i));
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
      }
      String unit = s.substring(unitStart, i);
      Long mult = UNITS.get(unit);
      if (mult == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(unit) + " in duration " + quote(orig));
      }
      total += amount * mult;
      if (total > Long.MAX_VALUE) {
        throw invalid(orig);
      }
    }
    long n = Math.round(total);
    return negative ? -n : n;
  }

  /** Go's {@code time.Duration.String()}. */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long u = Math.abs(nanos);
    if (u < 1_000) {
      return sign + u + "ns";
    }
    if (u < 1_000_000) {
      return sign + decimal(u, 3) + "µs";
    }
    if (u < 1_000_000_000) {
      return sign + decimal(u, 6) + "ms";
    }
    long seconds = u / 1_000_000_000L;
    String secs = decimal(u % 60_000_000_000L, 9);
    long minutes = seconds / 60;
    long hours = minutes / 60;
    minutes %= 60;
    StringBuilder b = new StringBuilder(sign);
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      b.append(minutes).append('m');
    }
    return b.append(secs).append('s').toString();
  }

  /** {@code v / 10^digits} with the fraction's trailing zeros dropped. */
  private static String decimal(long v, int digits) {
    long scale = (long) Math.pow(10, digits);
    long whole = v / scale;
    long frac = v % scale;
    if (frac == 0) {
      return Long.toString(whole);
    }
    String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
    return whole + "." + f;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("time: invalid duration " + quote(s));
  }
}
