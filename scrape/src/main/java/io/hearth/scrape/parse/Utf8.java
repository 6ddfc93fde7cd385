package io.hearth.scrape.parse;

/** UTF-8 validity as Go's {@code utf8.Valid} judges it: no overlong forms, surrogates or bytes past U+10FFFF. */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      int max = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = c == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
        max = c == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = c == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
        max = c == 0xF4 ? 0x8F : 0xBF; // F4 90.. would pass U+10FFFF
      } else {
        return false;
      }
      if (end - i <= need) {
        return false;
      }
      int c1 = b[i + 1] & 0xFF;
      if (c1 < min || c1 > max) {
        return false;
      }
      for (int k = 2; k <= need; k++) {
        int ck = b[i + k] & 0xFF;
        if (ck < 0x80 || ck > 0xBF) {
          return false;
        }
      }
      i += need + 1;
    }
    return true;
  }
}
