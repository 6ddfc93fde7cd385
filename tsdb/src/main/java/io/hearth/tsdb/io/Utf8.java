package io.hearth.tsdb.io;

/** UTF-8 encoding of strings straight into a byte array, so encoders need no temporary arrays. */
public final class Utf8 {
  private Utf8() {}

  /** The number of bytes {@link #encode} writes for {@code s}. */
  public static int encodedLength(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // two chars, four bytes
        i++;
      } else if (Character.isSurrogate(c)) {
        continue; // unpaired: one '?' byte
      } else {
        bytes += 2;
      }
    }
    return bytes;
  }

  /** Writes {@code s} at {@code at}, which must have room, and returns the end position. */
  static int encode(String s, byte[] dst, int at) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        dst[at++] = (byte) c;
      } else if (c < 0x800) {
        dst[at++] = (byte) (0xC0 | (c >> 6));
        dst[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        dst[at++] = (byte) (0xF0 | (cp >> 18));
        dst[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        dst[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        dst[at++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        dst[at++] = '?';
      } else {
        dst[at++] = (byte) (0xE0 | (c >> 12));
        dst[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        dst[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return at;
  }
}
