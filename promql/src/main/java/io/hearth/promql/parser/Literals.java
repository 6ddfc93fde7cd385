package io.hearth.promql.parser;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Turns literal tokens into values as Prometheus does: numbers as Go's {@code strconv} reads them,
 * durations as {@code model.ParseDuration}, strings with Go's escapes. Failures throw {@link
 * LiteralException} carrying Prometheus's message; callers add the position.
 */
final class Literals {
  private Literals() {}

  /** A bad literal; the message is Prometheus's, without position. */
  static final class LiteralException extends Exception {
    LiteralException(String message) {
      super(message, null, false, false);
    }
  }

  private static final long MS = 1;
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] UNIT_MS = {
    365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600 * 1000L, 60 * 1000L,
    1000L, MS
  };

  /**
   * A Prometheus duration such as {@code 1h30m} in milliseconds. Units go largest first, each at
   * most once; a bare {@code 0} is allowed.
   */
  static long durationMillis(String s) throws LiteralException {
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new LiteralException("empty duration string");
    }
    String bad = "not a valid duration string: " + GoQuote.string(s);
    long total = 0;
    int lastUnit = -1;
    int i = 0;
    while (i < s.length()) {
      if (!isDigit(s.charAt(i))) {
        throw new LiteralException(bad);
      }
      int j = i;
      while (j < s.length() && isDigit(s.charAt(j))) {
        j++;
      }
      BigInteger v = new BigInteger(s.substring(i, j));
      if (v.bitLength() > 64) {
        throw new LiteralException(bad);
      }
      int k = j;
      while (k < s.length() && !isDigit(s.charAt(k))) {
        k++;
      }
      if (k == j) {
        throw new LiteralException(bad);
      }
      String unit = s.substring(j, k);
      int u = unitIndex(unit);
      if (u < 0) {
        throw new LiteralException(
            "unknown unit " + GoQuote.string(unit) + " in duration " + GoQuote.string(s));
      }
      if (u <= lastUnit) {
        throw new LiteralException(bad);
      }
      lastUnit = u;
      BigInteger limit = BigInteger.ONE.shiftLeft(63).divide(BigInteger.valueOf(UNIT_MS[u]));
      if (v.compareTo(limit) > 0) {
        throw new LiteralException("duration out of range");
      }
      long add = v.longValueExact() * UNIT_MS[u];
      total += add;
      if (total < 0) {
        throw new LiteralException("duration out of range");
      }
      i = k;
    }
    return total;
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A number token's value: first as a Go integer literal (so {@code 0x1F} and the octal
   * {@code 010} work), then as a Go float literal ({@code 1e3}, {@code .5}, {@code Inf}).
   */
  static double number(String s) throws LiteralException {
    Long asInt = parseGoInt(s);
    if (asInt != null) {
      return asInt;
    }
    Double asFloat;
    try {
      asFloat = parseGoFloat(s);
    } catch (ArithmeticException e) {
      throw new LiteralException(
          "error parsing number: strconv.ParseFloat: parsing " + GoQuote.string(s)
              + ": value out of range");
    }
    if (asFloat != null) {
      return asFloat;
    }
    throw new LiteralException(
        "error parsing number: strconv.ParseFloat: parsing " + GoQuote.string(s) + ": invalid syntax");
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}, or null when it fails. */
  private static Long parseGoInt(String s) {
    String body = s;
    boolean neg = false;
    if (body.startsWith("+") || body.startsWith("-")) {
      neg = body.charAt(0) == '-';
      body = body.substring(1);
    }
    int radix = 10;
    boolean prefixed = false;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char c = Character.toLowerCase(body.charAt(1));
      if (c == 'x') {
        radix = 16;
        body = body.substring(2);
        prefixed = true;
      } else if (c == 'o') {
        radix = 8;
        body = body.substring(2);
        prefixed = true;
      } else if (c == 'b') {
        radix = 2;
        body = body.substring(2);
        prefixed = true;
      } else {
        radix = 8;
        body = body.substring(1);
        prefixed = true;
      }
    }
    if (!underscoresOk(s, prefixed)) {
      return null;
    }
    body = body.replace("_", "");
    if (body.isEmpty()) {
      return null;
    }
    for (int i = 0; i < body.length(); i++) {
      if (Character.digit(body.charAt(i), radix) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(body, radix);
    if (neg) {
      v = v.negate();
    }
    if (v.bitLength() > 63) {
      return null;
    }
    return v.longValue();
  }

  /** Go requires underscores to sit between digits (or after a base prefix). */
  private static boolean underscoresOk(String s, boolean prefixed) {
    if (s.indexOf('_') < 0) {
      return true;
    }
    // Underscores are only allowed in integers with base 0 parsing; Go's rule: '_' must
    // separate digits, or follow the base prefix.
    char prev = '.';
    int i = 0;
    if (s.startsWith("+") || s.startsWith("-")) {
      i = 1;
    }
    if (prefixed && s.length() >= i + 2 && s.charAt(i) == '0' && Character.isLetter(s.charAt(i + 1))) {
      prev = '0';
      i += 2;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_') {
        if (prev != '0') {
          return false;
        }
        prev = '_';
      } else if (Character.isLetterOrDigit(c)) {
        prev = '0';
      } else {
        if (prev == '_') {
          return false;
        }
        prev = '.';
      }
    }
    return prev != '_';
  }

  /** Go's {@code strconv.ParseFloat(s, 64)} for the inputs the lexer lets through, or null. */
  private static Double parseGoFloat(String s) {
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    boolean neg = lower.startsWith("-");
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    if (unsigned.startsWith("0x")) {
      return null; // hexadecimal floats need a 'p' exponent, which the lexer never lets through
    }
    if (!underscoresOk(s, false)) {
      return null;
    }
    String plain = s.replace("_", "");
    if (!plain.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return null;
    }
    double v = Double.parseDouble(plain);
    if (Double.isInfinite(v)) {
      throw new ArithmeticException(s);
    }
    return v;
  }

  /**
   * The value of a string token including its quotes: backquoted strings are raw, double- and
   * single-quoted ones take Go's escapes ({@code \n}, {@code \x41}, {@code \u00e9}, octal...).
   */
  static String unquote(String s) throws LiteralException {
    int n = s.length();
    if (n < 2) {
      throw syntax();
    }
    char quote = s.charAt(0);
    if (quote != s.charAt(n - 1)) {
      throw syntax();
    }
    String body = s.substring(1, n - 1);
    if (quote == '`') {
      if (body.indexOf('`') >= 0) {
        throw syntax();
      }
      return body;
    }
    if (quote != '"' && quote != '\'') {
      throw syntax();
    }
    if (body.indexOf('\n') >= 0) {
      throw syntax();
    }
    if (body.indexOf('\\') < 0 && body.indexOf(quote) < 0) {
      return body;
    }
    // Escapes such as \xff produce raw bytes, so assemble bytes and decode once.
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == quote) {
        throw syntax();
      }
      if (c != '\\') {
        int cp = body.codePointAt(i);
        i += Character.charCount(cp);
        writeUtf8(out, cp);
        continue;
      }
      if (i + 1 >= body.length()) {
        throw syntax();
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(11);
        case '\\' -> out.write('\\');
        case '\'', '"' -> {
          if (e != quote) {
            throw syntax();
          }
          out.write(e);
        }
        case 'x', 'u', 'U' -> {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + len > body.length()) {
            throw syntax();
          }
          long v = 0;
          for (int j = 0; j < len; j++) {
            int d = Character.digit(body.charAt(i + j), 16);
            if (d < 0) {
              throw syntax();
            }
            v = v << 4 | d;
          }
          i += len;
          if (e == 'x') {
            out.write((int) v);
          } else {
            if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v < 0xE000)) {
              throw syntax();
            }
            writeUtf8(out, (int) v);
          }
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int v = e - '0';
          if (i + 2 > body.length()) {
            throw syntax();
          }
          for (int j = 0; j < 2; j++) {
            int d = body.charAt(i + j) - '0';
            if (d < 0 || d > 7) {
              throw syntax();
            }
            v = (v << 3) | d;
          }
          i += 2;
          if (v > 255) {
            throw syntax();
          }
          out.write(v);
        }
        default -> throw syntax();
      }
    }
    return decodeKeepingBadBytes(out.toByteArray());
  }

  /**
   * UTF-8 to a Java string, keeping each byte that is not part of valid UTF-8 as the lone
   * surrogate U+DC00+byte (Python's "surrogateescape"). Go strings may hold such bytes (from
   * {@code \xff} or octal escapes); this keeps them distinguishable, so that label-name checks
   * can reject them and {@link io.hearth.promql.ast.Printer#quote} can print {@code \xff} again.
   */
  static String decodeKeepingBadBytes(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length);
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int len;
      int cp;
      if (c < 0x80) {
        sb.append((char) c);
        i++;
        continue;
      } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1f;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0f;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
      } else {
        sb.append((char) (0xDC00 + c));
        i++;
        continue;
      }
      boolean ok = i + len <= b.length;
      for (int k = 1; ok && k < len; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xC0) != 0x80) {
          ok = false;
        } else {
          cp = (cp << 6) | (cc & 0x3f);
        }
      }
      // Reject overlong forms, surrogates and values past U+10FFFF, as Go's decoder does.
      if (ok
          && ((len == 3 && cp < 0x800)
              || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
              || (cp >= 0xD800 && cp < 0xE000))) {
        ok = false;
      }
      if (!ok) {
        sb.append((char) (0xDC00 + c));
        i++;
        continue;
      }
      sb.appendCodePoint(cp);
      i += len;
    }
    return sb.toString();
  }

  private static void writeUtf8(ByteArrayOutputStream out, int cp) {
    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  private static LiteralException syntax() {
    return new LiteralException("invalid syntax");
  }
}
