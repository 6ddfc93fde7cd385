package io.hearth.scrape.parse;

/**
 * Byte-level text helpers that must behave as Go's do: UTF-8 decoding and validity ({@code
 * utf8.DecodeRune}, {@code utf8.Valid}) and the escape replacers of the text formats. Validation
 * allocates nothing; the rest runs on cold paths. Quoting is {@link GoQuote}.
 */
final class GoText {
  private GoText() {}

  /**
   * Decodes the rune at {@code p}: returns {@code rune << 3 | width}, or -1 for an invalid byte
   * (width 1), following Go's utf8.DecodeRune (no overlongs, no surrogates, at most U+10FFFF).
   */
  static int decode(byte[] b, int p, int to) {
    int c0 = b[p] & 0xff;
    if (c0 < 0x80) {
      return c0 << 3 | 1;
    }
    int need;
    int lo = 0x80;
    int hi = 0xBF;
    int r;
    if (c0 >= 0xC2 && c0 <= 0xDF) {
      need = 1;
      r = c0 & 0x1F;
    } else if (c0 >= 0xE0 && c0 <= 0xEF) {
      need = 2;
      r = c0 & 0x0F;
      if (c0 == 0xE0) {
        lo = 0xA0;
      } else if (c0 == 0xED) {
        hi = 0x9F;
      }
    } else if (c0 >= 0xF0 && c0 <= 0xF4) {
      need = 3;
      r = c0 & 0x07;
      if (c0 == 0xF0) {
        lo = 0x90;
      } else if (c0 == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return -1;
    }
    if (p + need >= to) {
      return -1;
    }
    int c1 = b[p + 1] & 0xff;
    if (c1 < lo || c1 > hi) {
      return -1;
    }
    r = r << 6 | (c1 & 0x3F);
    for (int k = 2; k <= need; k++) {
      int ck = b[p + k] & 0xff;
      if (ck < 0x80 || ck > 0xBF) {
        return -1;
      }
      r = r << 6 | (ck & 0x3F);
    }
    return r << 3 | (need + 1);
  }

  static boolean validUtf8(byte[] b, int from, int to) {
    int p = from;
    while (p < to) {
      if (b[p] >= 0) {
        p++;
        continue;
      }
      int d = decode(b, p, to);
      if (d < 0) {
        return false;
      }
      p += d & 7;
    }
    return true;
  }

  /**
   * The label-value replacer of both formats (also OpenMetrics HELP): {@code \\}, {@code \"} and
   * {@code \n} are unescaped; any other backslash stays as it is.
   */
  static String unescapeLabel(String s) {
    return unescape(s, true);
  }

  /** The Prometheus text HELP replacer: only {@code \\} and {@code \n}. */
  static String unescapeHelp(String s) {
    return unescape(s, false);
  }

  private static String unescape(String s, boolean quotes) {
    int k = s.indexOf('\\');
    if (k < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, k);
    for (; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\\' && k + 1 < s.length()) {
        char n = s.charAt(k + 1);
        if (n == '\\' || n == 'n' || (quotes && n == '"')) {
          out.append(n == 'n' ? '\n' : n);
          k++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
