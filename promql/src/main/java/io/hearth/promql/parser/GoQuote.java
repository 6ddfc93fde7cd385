package io.hearth.promql.parser;

import io.hearth.promql.ast.Printer;
import java.util.Locale;

/**
 * Go's {@code %q} for strings and runes and its {@code %#U}, as Prometheus's error messages use
 * them; our messages must match them character for character.
 */
final class GoQuote {
  private GoQuote() {}

  /** {@code strconv.Quote}: double-quoted, with Go escapes for unprintable characters. */
  static String string(String s) {
    return Printer.quoteGo(s, '"');
  }

  /** {@code strconv.QuoteRune}: single-quoted. End of input and invalid runes print as U+FFFD. */
  static String rune(int r) {
    if (r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r < 0xE000)) {
      r = 0xFFFD;
    }
    return Printer.quoteGo(new String(Character.toChars(r)), '\'');
  }

  /** {@code fmt}'s {@code %#U}: {@code U+0078 'x'}, without the quoted part when unprintable. */
  static String unicode(int r) {
    String hex = Integer.toHexString(r).toUpperCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder("U+");
    sb.append("0".repeat(Math.max(0, 4 - hex.length()))).append(hex);
    if (Printer.isPrint(r)) {
      sb.append(" '").appendCodePoint(r).append('\'');
    }
    return sb.toString();
  }
}
