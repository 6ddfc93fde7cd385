package io.hearth.scrape.parse;

import java.math.BigDecimal;

/**
 * Float renderings that must match Prometheus's byte for byte: Go's {@code strconv.FormatFloat}
 * with the shortest precision, and Prometheus's OpenMetrics form on top of it. Shared by the
 * parsers (label values of {@code le} and {@code quantile}) and the server's JSON. Stateless.
 */
public final class FloatFormat {
  private FloatFormat() {}

  /**
   * Prometheus's {@code labels.FormatOpenMetricsFloat}: Go's shortest {@code %g}, with ".0" added
   * when that has neither a dot nor an exponent. So {@code 1} is "1.0", {@code 0.5} "0.5",
   * {@code 1e-05} "1e-05", {@code 1e6} "1e+06", infinities "+Inf"/"-Inf", NaN "NaN".
   */
  public static String openMetrics(double f) {
    if (f == 1) {
      return "1.0";
    } else if (f == 0) {
      return "0.0";
    } else if (f == -1) {
      return "-1.0";
    } else if (Double.isNaN(f)) {
      return "NaN";
    } else if (f == Double.POSITIVE_INFINITY) {
      return "+Inf";
    } else if (f == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    String g = appendGo(f, 'g', new StringBuilder(24)).toString();
    if (g.indexOf('e') >= 0 || g.indexOf('.') >= 0) {
      return g;
    }
    return g + ".0";
  }

  /**
   * Appends Go's {@code strconv.FormatFloat(v, fmt, -1, 64)}, the shortest digits that read back
   * as {@code v}, for {@code fmt} {@code 'f'} (plain decimal), {@code 'e'} ({@code d.ddde±XX}) or
   * {@code 'g'} ({@code 'e'} when the exponent is below -4 or at least 6, else {@code 'f'}). {@code
   * NaN}, {@code +Inf}, {@code -Inf} and {@code -0} are written as Go writes them.
   */
  public static StringBuilder appendGo(double v, char fmt, StringBuilder out) {
    if (Double.isNaN(v)) {
      return out.append("NaN");
    }
    if (Double.isInfinite(v)) {
      return out.append(v > 0 ? "+Inf" : "-Inf");
    }
    if (v == 0) {
      out.append(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
      return fmt == 'e' ? out.append("e+00") : out;
    }
    // Whole numbers below 2^53 are the common case (counters, gauges of counts): their shortest
    // text is the integer itself.
    if (fmt == 'f' && v == Math.rint(v) && Math.abs(v) < 0x1p53) {
      return out.append((long) v);
    }
    double abs = Math.abs(v);
    // Double.toString gives the shortest digits that read back (JDK 19+), as "123.45" or
    // "1.2345E-5": collect them and the decimal exponent of the first one.
    String js = Double.toString(abs);
    int e = js.indexOf('E');
    int mantissaEnd = e < 0 ? js.length() : e;
    int exp = js.indexOf('.') - 1 + (e < 0 ? 0 : Integer.parseInt(js, e + 1, js.length(), 10));
    StringBuilder digits = new StringBuilder(20);
    boolean leading = true;
    for (int i = 0; i < mantissaEnd; i++) {
      char c = js.charAt(i);
      if (c == '.' || (leading && c == '0')) {
        exp -= c == '0' ? 1 : 0;
        continue;
      }
      leading = false;
      digits.append(c);
    }
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits.setLength(end);
    if (end == 2 && abs < Double.MIN_NORMAL) {
      exp = shortenToOneDigit(abs, digits, exp);
    }
    if (v < 0) {
      out.append('-');
    }
    boolean exponent = fmt == 'e' || (fmt == 'g' && (exp < -4 || exp >= 6));
    return exponent ? exponentForm(digits, exp, out) : plainForm(digits, exp, out);
  }

  /**
   * Java never settles for one digit where two come closer (4.9E-324 for Go's 5e-324), which only
   * a subnormal's wide rounding interval allows. Of the one-digit decimals either side that read
   * back as {@code abs}, Go takes the one closest to its exact value. Returns the exponent, which a
   * carry (9.6e-323 to 1e-322) raises.
   */
  private static int shortenToOneDigit(double abs, StringBuilder digits, int exp) {
    BigDecimal exact = new BigDecimal(abs);
    BigDecimal best = null;
    int d0 = digits.charAt(0) - '0';
    for (int d = d0; d <= d0 + 1; d++) {
      BigDecimal candidate = BigDecimal.valueOf(d).scaleByPowerOfTen(exp);
      if (candidate.doubleValue() != abs) {
        continue;
      }
      if (best == null
          || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
        best = candidate;
      }
    }
    if (best == null) {
      return exp;
    }
    int one = best.unscaledValue().intValueExact();
    int newExp = exp;
    while (one >= 10) { // 10e-324 is 1e-323
      one /= 10;
      newExp++;
    }
    digits.setLength(0);
    digits.append((char) ('0' + one));
    return newExp;
  }

  private static StringBuilder plainForm(CharSequence digits, int exp, StringBuilder out) {
    int n = digits.length();
    if (exp < 0) {
      out.append("0.");
      for (int i = -1; i > exp; i--) {
        out.append('0');
      }
      return out.append(digits);
    }
    if (exp + 1 >= n) {
      out.append(digits);
      for (int i = n; i <= exp; i++) {
        out.append('0');
      }
      return out;
    }
    return out.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, n);
  }

  private static StringBuilder exponentForm(CharSequence digits, int exp, StringBuilder out) {
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      out.append('0');
    }
    return out.append(a);
  }
}
