package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.storage.SampleIterator;
import io.hearth.storage.ValueType;
import java.util.Arrays;
import java.util.HexFormat;

/** Parallel arrays of samples for tests, and the assertion that a chunk decodes back to them. */
final class Samples {
  static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  final long[] ts;
  final double[] vs;

  Samples(long[] ts, double[] vs) {
    assertThat(ts).hasSameSizeAs(vs);
    this.ts = ts;
    this.vs = vs;
  }

  static Samples of(int n) {
    return new Samples(new long[n], new double[n]);
  }

  int size() {
    return ts.length;
  }

  XorChunk encode() {
    return XorChunk.encode(ts, vs, ts.length);
  }

  /** Asserts that {@code it} yields exactly these samples, values compared by raw bits. */
  void assertDecodes(SampleIterator it) {
    for (int i = 0; i < ts.length; i++) {
      assertThat(it.next()).as("sample %d of %d", i, ts.length).isEqualTo(ValueType.FLOAT);
      assertThat(it.t()).as("t of sample %d", i).isEqualTo(ts[i]);
      assertThat(Double.doubleToRawLongBits(it.v()))
          .as("raw bits of v of sample %d (want %s, got %s)", i, vs[i], it.v())
          .isEqualTo(Double.doubleToRawLongBits(vs[i]));
    }
    assertThat(it.next()).as("after the last sample").isEqualTo(ValueType.NONE);
    assertThat(it.next()).as("still after the last sample").isEqualTo(ValueType.NONE);
  }

  /** Encodes, checks the header and decodes; returns the chunk. */
  XorChunk assertRoundTrip() {
    XorChunk c = encode();
    assertThat(c.numSamples()).isEqualTo(ts.length);
    assertDecodes(c.iterator(null));
    return c;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Override
  public String toString() {
    return Arrays.toString(ts) + " " + Arrays.toString(vs);
  }
}
