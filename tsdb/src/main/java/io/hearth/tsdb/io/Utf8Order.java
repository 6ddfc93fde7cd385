package io.hearth.tsdb.io;

/**
 * Compares strings in the order of their UTF-8 bytes, which is Go's string order and so the order
 * of every sorted list in Prometheus's files (symbols, series, postings). It is Unicode code point
 * order; {@link String#compareTo} (UTF-16 order) agrees with it except when a character above
 * U+FFFF meets one in U+E000..U+FFFF.
 */
public final class Utf8Order {
  private Utf8Order() {}

  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, which sort after every
        // BMP character; move them above U+E000..U+FFFF to get code point order.
        return Integer.compare(fix(x), fix(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int fix(char c) {
    return Character.isSurrogate(c) ? c + 0x2000 : (c >= 0xE000 ? c - 0x800 : c);
  }
}
