package io.hearth.server.api;

/**
 * Go's float parsing for API parameters: {@link #parse} accepts exactly what {@code
 * strconv.ParseFloat(s, 64)} accepts. Java's own {@link Double#parseDouble} takes whitespace,
 * {@code d}/{@code f} suffixes and {@code Infinity}, so it cannot be used as it is. Formatting is
 * {@link io.hearth.scrape.parse.FloatFormat#appendGo}. Stateless.
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
}
