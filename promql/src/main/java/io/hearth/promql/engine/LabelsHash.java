package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import net.openhft.hashing.LongHashFunction;

/**
 * Prometheus's {@code Labels.Hash()}: XXH64 (seed 0) over its packed label encoding, each name
 * and value as a length (one byte below 255, else 0xFF and three little-endian bytes) followed by
 * its UTF-8 bytes. Only {@code limit_ratio} lets this hash show through, since it picks series by
 * where their hash falls; matching it makes Hearth pick the same series as Prometheus.
 */
final class LabelsHash {
  private static final LongHashFunction XXH64 = LongHashFunction.xx();

  private LabelsHash() {}

  static long of(Labels labels) {
    byte[] buf = new byte[64];
    int n = 0;
    for (int i = 0; i < labels.size(); i++) {
      byte[] name = bytes(labels.name(i));
      byte[] value = bytes(labels.value(i));
      buf = ensure(buf, n + name.length + value.length + 8);
      n = put(buf, n, name);
      n = put(buf, n, value);
    }
    return XXH64.hashBytes(buf, 0, n);
  }

  /** Where the series falls in [0, 1], as Prometheus's HashRatioSampler computes it. */
  static double offset(Labels labels) {
    long h = of(labels);
    double unsigned = (double) (h >>> 1) * 2.0 + (h & 1);
    return unsigned / 18446744073709551615.0;
  }

  private static int put(byte[] buf, int n, byte[] s) {
    int len = s.length;
    if (len < 255) {
      buf[n++] = (byte) len;
    } else {
      buf[n++] = (byte) 255;
      buf[n++] = (byte) len;
      buf[n++] = (byte) (len >>> 8);
      buf[n++] = (byte) (len >>> 16);
    }
    System.arraycopy(s, 0, buf, n, len);
    return n + len;
  }

  private static byte[] ensure(byte[] buf, int size) {
    return size <= buf.length ? buf : java.util.Arrays.copyOf(buf, Math.max(size, buf.length * 2));
  }

  /**
   * UTF-8, except that a lone surrogate U+DC80..U+DCFF stands for the raw byte 0x80..0xFF: that is
   * how the parser keeps the bytes of a Go string that is not valid UTF-8.
   */
  private static byte[] bytes(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.write(c);
      } else if (c >= 0xDC80 && c <= 0xDCFF && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
        out.write(c - 0xDC00);
      } else {
        int cp = s.codePointAt(i);
        if (Character.isSupplementaryCodePoint(cp)) {
          i++;
        }
        out.writeBytes(new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
