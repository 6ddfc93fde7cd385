package io.hearth.scrape.parse;

/**
 * Go's {@code strconv.Quote} (what {@code %q} prints for a string): double quotes, {@code \"} and
 * {@code \\}, the short escapes ({@code \a \b \f \n \r \t \v}), {@code \xNN} for other ASCII
 * controls and for bytes that are not valid UTF-8, &#92;uXXXX/&#92;UXXXXXXXX for runes that {@code
 * unicode.IsPrint} rejects, and every other rune as it is. Prometheus quotes names and values this
 * way in its error texts, which must match word for word, so every package of the scrape module
 * quotes through here. Cold paths only: it allocates.
 */
public final class GoQuote {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoQuote() {}

  /**
   * {@code strconv.Quote(s)}. A Java string cannot hold invalid UTF-8, but it can hold an unpaired
   * surrogate; Go would see invalid bytes there, and it is written as &#92;ufffd.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      appendRune(sb, r);
    }
    return sb.append('"').toString();
  }

  /** {@code strconv.Quote(string(b[from:to]))}: each byte that is not valid UTF-8 as {@code \xNN}. */
  public static String quote(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from + 2).append('"');
    int p = from;
    while (p < to) {
      int d = GoText.decode(b, p, to);
      if (d < 0) {
        appendHex(sb.append("\\x"), b[p] & 0xff, 2);
        p++;
        continue;
      }
      appendRune(sb, d >>> 3);
      p += d & 7;
    }
    return sb.append('"').toString();
  }

  /**
   * {@code encoding/json}'s {@code quoteChar}, which names a byte of the input in its syntax
   * errors: the byte read as a rune (so the first byte of a multi-byte character shows as a Latin-1
   * letter), in single quotes, escaped as {@code strconv.Quote} would except that {@code '} is
   * escaped and {@code "} is not ({@code '\''}, {@code '"'}).
   */
  public static String quoteChar(int b) {
    if (b == '\'') {
      return "'\\''";
    }
    if (b == '"') {
      return "'\"'";
    }
    StringBuilder sb = new StringBuilder(8).append('\'');
    appendRune(sb, b);
    return sb.append('\'').toString();
  }

  private static void appendRune(StringBuilder sb, int r) {
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
            appendHex(sb.append("\\x"), r, 2);
          } else if (r >= 0xD800 && r < 0xE000) {
            sb.append("\\ufffd"); // an unpaired surrogate: Go would see invalid UTF-8 there
          } else if (r < 0x10000) {
            appendHex(sb.append("\\u"), r, 4);
          } else {
            appendHex(sb.append("\\U"), r, 8);
          }
        }
      }
    }
  }

  private static void appendHex(StringBuilder sb, int v, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(v >>> shift) & 0xF]);
    }
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
