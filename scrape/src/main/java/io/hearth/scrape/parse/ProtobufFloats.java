package io.hearth.scrape.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Renders {@code le} and {@code quantile} values the way Prometheus 3 stores them ({@link
 * FloatFormat#openMetrics}), memoised by the value's bits. Histograms repeat the same few bounds on every series and every
 * scrape, so after the first scrape rendering costs a probe and no allocation. Not thread-safe.
 */
final class ProtobufFloats {
  private static final int CAPACITY = 1024; // a power of two
  private static final int MAX_SIZE = CAPACITY * 3 / 4;

  private final long[] keys = new long[CAPACITY];
  private final String[] texts = new String[CAPACITY];
  private final byte[][] bytes = new byte[CAPACITY][];
  private int size;

  /** The UTF-8 bytes of {@link FloatFormat#openMetrics(double)} for {@code v}; callers must not change them. */
  byte[] bytes(double v) {
    return bytes[slot(v)];
  }

  String text(double v) {
    return texts[slot(v)];
  }

  private int slot(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int mask = CAPACITY - 1;
    int i = (int) mix(bits) & mask;
    while (texts[i] != null) {
      if (keys[i] == bits) {
        return i;
      }
      i = (i + 1) & mask;
    }
    if (size == MAX_SIZE) {
      // A target with this many distinct bounds is unusual; start over rather than grow forever.
      Arrays.fill(texts, null);
      Arrays.fill(bytes, null);
      size = 0;
      i = (int) mix(bits) & mask;
    }
    String text = FloatFormat.openMetrics(v);
    keys[i] = bits;
    texts[i] = text;
    bytes[i] = text.getBytes(StandardCharsets.UTF_8);
    size++;
    return i;
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    return x;
  }
}
