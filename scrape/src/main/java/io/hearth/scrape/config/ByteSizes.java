package io.hearth.scrape.config;

import java.util.Map;

/**
 * Byte sizes as Prometheus reads {@code body_size_limit} ({@code units.Base2Bytes}): every unit
 * is a power of 1024 whether spelt {@code KiB} or {@code KB} (but never {@code kB}); a size may be
 * fractional ({@code 1.5MB}) or a sum ({@code 1GiB512MiB}) but needs a unit unless it is {@code 0}.
 */
public final class ByteSizes {
  private static final Map<String, Double> IEC =
      Map.of(
          "B", 1d, "KiB", p(1), "MiB", p(2), "GiB", p(3), "TiB", p(4), "PiB", p(5), "EiB", p(6));
  private static final Map<String, Double> OLD =
      Map.of("B", 1d, "KB", p(1), "MB", p(2), "GB", p(3), "TB", p(4), "PB", p(5), "EB", p(6));

  private ByteSizes() {}

  private static double p(int n) {
    return Math.pow(1024, n);
  }

  /** @throws IllegalArgumentException with the units library's wording */
  public static long parse(String s) {
    try {
      return parse(s, IEC);
    } catch (IllegalArgumentException e) {
      return parse(s, OLD);
    }
  }

  private static long parse(String orig, Map<String, Double> units) {
    String s = orig;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("units: invalid " + orig);
    }
    double f = 0;
    int i = 0;
    while (i < s.length()) {
      char c0 = s.charAt(i);
      if (c0 != '.' && !isDigit(c0)) {
        throw new IllegalArgumentException("units: invalid " + orig);
      }
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i - start > 18) {
        throw new IllegalArgumentException("units: invalid " + orig);
      }
      boolean pre = i > start;
      double g = pre ? Long.parseLong(s.substring(start, i)) : 0;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        if (i - fracStart > 18) {
          throw new IllegalArgumentException("units: invalid " + orig);
        }
        if (i > fracStart) {
          g += Long.parseLong(s.substring(fracStart, i)) / Math.pow(10, i - fracStart);
          post = true;
        }
      }
      if (!pre && !post) {
        throw new IllegalArgumentException("units: invalid " + orig);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      String u = s.substring(unitStart, i);
      Double mult = units.get(u);
      if (mult == null) {
        throw new IllegalArgumentException("units: unknown unit " + u + " in " + orig);
      }
      f += g * mult;
    }
    if (neg) {
      f = -f;
    }
    if (f < -0x1p63 || f > 0x1p63) {
      throw new IllegalArgumentException("units: overflow parsing unit");
    }
    return (long) f;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
