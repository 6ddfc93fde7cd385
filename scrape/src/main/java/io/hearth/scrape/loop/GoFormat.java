package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.NameValidation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The pieces of Go's and Prometheus's formatting that target and sample error messages must
 * reproduce exactly: {@code strconv.Quote}, {@code fmt}'s precision on strings, Prometheus's
 * duration syntax ({@code model.Duration}) and {@code labels.Labels.String}. Stateless.
 */
final class GoFormat {
  private GoFormat() {}

  private static final long MS = 1_000_000L;
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] UNIT_NANOS = {
    365L * 24 * 3600 * 1000 * MS, 7L * 24 * 3600 * 1000 * MS, 24L * 3600 * 1000 * MS, 3600L * 1000 * MS,
    60L * 1000 * MS, 1000 * MS, MS
  };

  /**
   * Prometheus's {@code model.Duration.String}: largest units first, years and weeks only when
   * they divide evenly, millisecond precision, {@code 0s} for zero ({@code 1m30s}, {@code 90d}).
   */
  static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (ms < 0) {
      sb.append('-');
      ms = -ms;
    }
    for (int i = 0; i < UNITS.length; i++) {
      long mult = UNIT_NANOS[i] / MS;
      boolean exact = i < 2;
      if (exact && ms % mult != 0) {
        continue;
      }
      long v = ms / mult;
      if (v > 0) {
        sb.append(v).append(UNITS[i]);
        ms -= v * mult;
      }
    }
    return sb.toString();
  }

  /**
   * Prometheus's {@code model.ParseDuration}, in nanoseconds.
   *
   * @throws IllegalArgumentException with Prometheus's error text
   */
  static long parseDuration(String s) {
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    long dur = 0; // unsigned, as upstream's accumulator
    int lastUnit = -1;
    int i = 0;
    while (i < b.length) {
      if (!isDigit(b[i])) {
        throw notValid(s);
      }
      int start = i;
      while (i < b.length && isDigit(b[i])) {
        i++;
      }
      long v;
      try {
        v = Long.parseUnsignedLong(new String(b, start, i - start, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw notValid(s);
      }
      int unitStart = i;
      while (i < b.length && !isDigit(b[i])) {
        i++;
      }
      if (i == unitStart) {
        throw notValid(s);
      }
      String unit = new String(b, unitStart, i - unitStart, StandardCharsets.UTF_8);
      int u = unitIndex(unit);
      if (u < 0) {
        throw new IllegalArgumentException("unknown unit " + quote(unit) + " in duration " + quote(s));
      }
      if (u <= lastUnit) { // units must go from the biggest to the smallest
        throw notValid(s);
      }
      lastUnit = u;
      long mult = UNIT_NANOS[u];
      if (Long.compareUnsigned(v, Long.divideUnsigned(Long.MIN_VALUE, mult)) > 0) {
        throw new IllegalArgumentException("duration out of range");
      }
      dur += v * mult;
      if (dur < 0) { // above 1<<63-1 as an unsigned value
        throw new IllegalArgumentException("duration out of range");
      }
    }
    return dur;
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException notValid(String s) {
    return new IllegalArgumentException("not a valid duration string: " + quote(s));
  }

  /** Go's {@code strconv.ParseBool}; null when {@code s} is not one of its spellings. */
  static Boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Go's {@code %.Ns}: the first {@code n} code points. */
  static String truncate(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int cps = s.codePointCount(0, s.length());
    return cps <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
  }

  /** The length Go's {@code len} reports: UTF-8 bytes. */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3; // a lone surrogate counts as the 3 bytes of U+FFFD it would encode as
      }
    }
    return n;
  }

  /** Prometheus's {@code labels.Labels.String}: {@code {a="1", "odd.name"="2"}}. */
  static String labelsString(Labels ls) {
    StringBuilder sb = new StringBuilder().append('{');
    for (int i = 0; i < ls.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String name = ls.name(i);
      sb.append(NameValidation.LEGACY.isValidLabelName(name) ? name : quote(name)).append('=');
      sb.append(quote(ls.value(i)));
    }
    return sb.append('}').toString();
  }

  /** Go's {@code strconv.Quote}: double quotes, Go escapes for what {@code unicode.IsPrint} rejects. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (r == '"' || r == '\\') {
        sb.append('\\').appendCodePoint(r);
      } else if (isPrint(r)) {
        sb.appendCodePoint(r);
      } else {
        switch (r) {
          case 7 -> sb.append("\\a");
          case '\b' -> sb.append("\\b");
          case '\f' -> sb.append("\\f");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          case 11 -> sb.append("\\v");
          default -> {
            if (r < ' ' || r == 0x7f) {
              sb.append("\\x").append(hex(r, 2));
            } else if (r >= 0xD800 && r < 0xE000) {
              sb.append("\\ufffd"); // an unpaired surrogate: Go would see invalid UTF-8 there
            } else if (r < 0x10000) {
              sb.append("\\u").append(hex(r, 4));
            } else {
              sb.append("\\U").append(hex(r, 8));
            }
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String hex(int v, int digits) {
    String h = Integer.toHexString(v);
    return "0".repeat(Math.max(0, digits - h.length())) + h;
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean isPrint(int r) {
    if (r == ' ') {
      return true;
    }
    return switch (Character.getType(r)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
