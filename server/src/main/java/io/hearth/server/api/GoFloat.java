package io.hearth.server.api;

/**
 * Go's float text, in both directions: {@link #parse} accepts exactly what {@code
 * strconv.ParseFloat(s, 64)} accepts, and {@link #format} writes what {@code strconv.FormatFloat}
 * writes with precision -1 (the shortest digits that read back to the same double). Java's own
 * {@link Double#parseDouble} takes whitespace, {@code d}/{@code f} suffixes and {@code Infinity},
 * and {@link Double#toString} switches to exponent form on its own rules, so neither can be used
 * as they are. Stateless.
 */
public final class GoFloat {
  private GoFloat() {}

  /**
   * Go's {@code strconv.ParseFloat(s, 64)}: decimal or hexadecimal ({@code 0x1p-2}) syntax, an
   * optional sign, {@code inf}/{@code infinity}/{@code nan} in any case; underscores only between
   * digits of a hexadecimal number. Values too large for a double are errors, as in Go.
   *
   * @throws NumberFormatException when Go would return an error
   */
  public static double parse(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    String rest = s.substring(i);
    if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (rest.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    double v;
    if (rest.length() > 2 && rest.charAt(0) == '0' && (rest.charAt(1) == 'x' || rest.charAt(1) == 'X')) {
      v = parseHex(s, rest.substring(2));
    } else {
      checkDecimal(s, rest);
      v = Double.parseDouble(rest);
    }
    if (Double.isInfinite(v)) {
      throw new NumberFormatException("value out of range: " + s);
    }
    return negative ? -v : v;
  }

  /** Digits, at most one point, at least one digit, then an optional exponent with digits. */
  private static void checkDecimal(String whole, String s) {
    int n = s.length();
    int i = 0;
    int digits = 0;
    boolean point = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      throw new NumberFormatException("invalid syntax: " + whole);
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
        expDigits++;
      }
      if (expDigits == 0) {
        throw new NumberFormatException("invalid syntax: " + whole);
      }
    }
    if (i != n) {
      throw new NumberFormatException("invalid syntax: " + whole);
    }
  }

  /** Hexadecimal mantissa (with optional point and underscores between digits) and a required p exponent. */
  private static double parseHex(String whole, String s) {
    StringBuilder clean = new StringBuilder(s.length() + 2).append("0x");
    int n = s.length();
    int i = 0;
    int digits = 0;
    boolean point = false;
    char prev = 'x';
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (Character.digit(c, 16) >= 0) {
        digits++;
        clean.append(c);
      } else if (c == '.' && !point) {
        point = true;
        clean.append(c);
      } else if (c == '_') {
        // Go allows an underscore only after the base prefix or a digit, and before a digit.
        boolean afterOk = prev == 'x' || Character.digit(prev, 16) >= 0;
        boolean beforeOk = i + 1 < n && Character.digit(s.charAt(i + 1), 16) >= 0;
        if (!afterOk || !beforeOk) {
          throw new NumberFormatException("invalid syntax: " + whole);
        }
      } else {
        break;
      }
      prev = c;
    }
    if (digits == 0 || i >= n || (s.charAt(i) != 'p' && s.charAt(i) != 'P')) {
      throw new NumberFormatException("invalid syntax: " + whole);
    }
    clean.append('p');
    i++;
    int expStart = i;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      clean.append(s.charAt(i));
      i++;
    }
    int expDigits = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        expDigits++;
        clean.append(c);
      } else if (c == '_' && i > expStart && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
        continue;
      } else {
        break;
      }
    }
    if (expDigits == 0 || i != n) {
      throw new NumberFormatException("invalid syntax: " + whole);
    }
    return Double.parseDouble(clean.toString());
  }

  /**
   * Appends Go's {@code strconv.FormatFloat(v, fmt, -1, 64)} for {@code fmt} {@code 'f'} (plain
   * decimal) or {@code 'e'} ({@code d.ddde±XX}): {@code NaN}, {@code +Inf}, {@code -Inf}, {@code
   * -0} as Go writes them.
   */
  public static StringBuilder format(double v, char fmt, StringBuilder out) {
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
    String s = Double.toString(abs);
    // Double.toString gives the shortest digits as "123.45" or "1.2345E-5" (a point always,
    // an exponent sometimes): collect the significant digits and the decimal exponent of the
    // first one.
    int e = s.indexOf('E');
    int mantissaEnd = e < 0 ? s.length() : e;
    int point = s.indexOf('.');
    StringBuilder digits = new StringBuilder(20);
    int exp = point - 1 + (e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10));
    boolean leading = true;
    for (int i = 0; i < mantissaEnd; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        continue;
      }
      if (leading && c == '0') {
        exp--;
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
    if (digits.length() == 2) {
      exp = shortenToOneDigit(abs, digits, exp);
    }
    if (v < 0) {
      out.append('-');
    }
    return fmt == 'e' ? exponentForm(digits, exp, out) : plainForm(digits, exp, out);
  }

  /**
   * Java picks, when one digit would do, a closer decimal of two digits ({@code 4.9E-324}); Go
   * picks the shortest that reads back. If one digit reads back, keep it; returns the exponent,
   * which a carry ({@code 9.6 -> 1e1}) raises.
   */
  private static int shortenToOneDigit(double abs, StringBuilder digits, int exp) {
    int d0 = digits.charAt(0) - '0';
    int rounded = digits.charAt(1) >= '5' ? d0 + 1 : d0;
    int e = exp;
    if (rounded == 10) {
      rounded = 1;
      e++;
    }
    if (Double.parseDouble(rounded + "e" + e) != abs) {
      return exp;
    }
    digits.setLength(0);
    digits.append((char) ('0' + rounded));
    return e;
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
