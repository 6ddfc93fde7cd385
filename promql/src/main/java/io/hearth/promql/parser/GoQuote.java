package io.hearth.promql.parser;

/**
 * Go's quoting ({@code %q} for strings and runes, {@code %#U}), which Prometheus's error messages
 * and its printer use; our messages must match them character for character.
 */
final class GoQuote {
  private GoQuote() {}

  /** {@code strconv.Quote}: double-quoted, with Go escapes for unprintable characters. */
  static String string(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      appendEscaped(sb, r, '"');
    }
    return sb.append('"').toString();
  }

  /** {@code strconv.QuoteRune}: single-quoted. End of input and invalid runes print as U+FFFD. */
  static String rune(int r) {
    if (r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r < 0xE000)) {
      r = 0xFFFD;
    }
    StringBuilder sb = new StringBuilder(8).append('\'');
    appendEscaped(sb, r, '\'');
    return sb.append('\'').toString();
  }

  /** {@code fmt}'s {@code %#U}: {@code U+0078 'x'}, without the quoted part when unprintable. */
  static String unicode(int r) {
    String hex = Integer.toHexString(r).toUpperCase(java.util.Locale.ROOT);
    StringBuilder sb = new StringBuilder("U+");
    for (int i = hex.length(); i < 4; i++) {
      sb.append('0');
    }
    sb.append(hex);
    if (isPrint(r)) {
      sb.append(" '").appendCodePoint(r).append('\'');
    }
    return sb.toString();
  }

  static void appendEscaped(StringBuilder sb, int r, char quote) {
    if (r == quote || r == '\\') {
      sb.append('\\').appendCodePoint(r);
      return;
    }
    if (isPrint(r)) {
      sb.appendCodePoint(r);
      return;
    }
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
        } else if (r < 0x10000) {
          sb.append("\\u").append(hex(r, 4));
        } else {
          sb.append("\\U").append(hex(r, 8));
        }
      }
    }
  }

  private static String hex(int v, int digits) {
    String h = Integer.toHexString(v);
    return "0".repeat(Math.max(0, digits - h.length())) + h;
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
  static boolean isPrint(int r) {
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
