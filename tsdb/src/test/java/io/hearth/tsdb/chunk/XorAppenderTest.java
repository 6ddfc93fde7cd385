package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorAppenderTest {
  /**
   * Four samples, worked out by hand from the format and identical to the chunk promtool 2.42
   * writes for the same samples (PromtoolChunkGoldenTest checks many more):
   *
   * <pre>
   * 0004                 4 samples
   * 80a0abfef962         t0 = 1700000000000, zig-zag varint
   * 3ff0000000000000     v0 = 1.0
   * 9875                 t1 - t0 = 15000, uvarint
   * then bits:
   *   11 00001 001011 11111111111    v1 = 2.0: xor 0x7ff0..., new window: 1 leading, 11 significant
   *   0                              t2: dod 0
   *   0                              v2 = 2.0 unchanged
   *   10 00000000000001              t3: dod +1 in 14 bits
   *   11 01100 000010 11             v3 = 3.5: xor 0x000c..., 12 leading and 50 trailing zeros;
   *                                  50 &lt; the window's 52, so a new window of 2 bits
   *   0000000                        padding
   * </pre>
   */
  @Test
  void goldenBytes() {
    XorAppender app = new XorAppender();
    app.append(1_700_000_000_000L, 1.0);
    app.append(1_700_000_015_000L, 2.0);
    app.append(1_700_000_030_000L, 2.0);
    app.append(1_700_000_045_001L, 3.5);
    assertThat(Samples.hex(app.toByteArray())).isEqualTo("000480a0abfef9623ff00000000000009875c25fff2000760580");
  }

  /**
   * Prometheus's writer leaves an empty byte after a whole-byte field that ends on a byte boundary
   * (see {@link XorAppender#length()}); promtool 2.42 wrote these same bytes.
   */
  @Test
  void spareZeroByteAfterWholeByteFields() {
    // One sample: the 64-bit first value ends aligned, so a zero byte follows.
    check("000180a0abfef962400000000000000000", 1_700_000_000_000L, 2.0);
    // v1 = 0x3ff000ff00000000 opens a window of 8 bits (24 leading zeros, 32 trailing):
    // 11 11000 001000 11111111; v2 = 0x3ff0007e00000000 reuses it: 0 (dod) 10 10000001.
    // Those 32 bits end aligned with a whole-byte field, so a zero byte follows.
    check("000380a0abfef962" + "3ff0000000000000" + "9875" + "f047fa81" + "00",
        1_700_000_000_000L, 1.0,
        1_700_000_015_000L, Double.longBitsToDouble(0x3ff000ff00000000L),
        1_700_000_030_000L, Double.longBitsToDouble(0x3ff0007e00000000L));
    // v1 = 0x3ff0000700000000: 11 11101 000011 111 also ends aligned, but with a 3-bit field.
    check("000280a0abfef962" + "3ff0000000000000" + "9875" + "fa1f",
        1_700_000_000_000L, 1.0,
        1_700_000_015_000L, Double.longBitsToDouble(0x3ff0000700000000L));
  }

  private static void check(String wantHex, Object... tv) {
    XorAppender app = new XorAppender();
    for (int i = 0; i < tv.length; i += 2) {
      app.append((Long) tv[i], (Double) tv[i + 1]);
    }
    assertThat(Samples.hex(app.toByteArray())).isEqualTo(wantHex);
    assertThat(app.length()).isEqualTo(wantHex.length() / 2);
  }

  @Test
  void emptyAppender() {
    XorAppender app = new XorAppender();
    assertThat(app.numSamples()).isZero();
    assertThat(app.length()).isEqualTo(2);
    assertThat(app.toByteArray()).containsExactly(0, 0);
    assertThat(Arrays.copyOf(app.buffer(), 2)).containsExactly(0, 0);
  }

  @Test
  void prefixIsACompleteChunkAfterEveryAppend() {
    SplittableRandom r = Seeds.random("prefixIsACompleteChunkAfterEveryAppend");
    Samples all = Samples.of(600);
    long t = r.nextLong(-1L << 40, 1L << 40);
    for (int i = 0; i < all.size(); i++) {
      t += r.nextInt(3) == 0 ? r.nextLong(-1L << 30, 1L << 30) : 15_000;
      all.ts[i] = t;
      all.vs[i] = r.nextInt(4) == 0 ? Double.longBitsToDouble(r.nextLong()) : i / 8;
    }
    XorAppender app = new XorAppender();
    int growths = 0;
    byte[] lastBuffer = app.buffer();
    for (int i = 0; i < all.size(); i++) {
      app.append(all.ts[i], all.vs[i]);
      assertThat(app.numSamples()).isEqualTo(i + 1);
      assertThat(app.lastT()).isEqualTo(all.ts[i]);
      byte[] prefix = Arrays.copyOf(app.buffer(), app.length());
      assertThat(prefix).isEqualTo(app.toByteArray());
      Samples sofar = new Samples(Arrays.copyOf(all.ts, i + 1), Arrays.copyOf(all.vs, i + 1));
      assertThat(prefix).as("after %d samples", i + 1).isEqualTo(sofar.encode().bytes());
      sofar.assertDecodes(new XorChunk(prefix).iterator(null));
      if (app.buffer() != lastBuffer) {
        growths++;
        // By a quarter at least, except for one stop at the room a full head chunk needs.
        int from = lastBuffer.length;
        int to = app.buffer().length;
        assertThat(to >= from + from / 4 || to == BitWriter.HEAD_CHUNK_ROOM)
            .as("grown from %d to %d bytes", from, to).isTrue();
        lastBuffer = app.buffer();
      }
    }
    // About 6 KB from 64 bytes by quarters is some 20 steps; per-sample growth would be hundreds.
    assertThat(growths).as("the buffer grows geometrically rather than per sample").isBetween(1, 30);
  }

  @Test
  void resetStartsAFreshChunkInTheSameArray() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < 500; i++) {
      app.append(i * 15_000L, Math.sqrt(i));
    }
    byte[] grown = app.buffer();
    app.reset();
    assertThat(app.buffer()).isSameAs(grown);
    assertThat(app.numSamples()).isZero();
    assertThat(app.toByteArray()).containsExactly(0, 0);
    Samples s = new Samples(new long[] {5, 10, 20}, new double[] {1, 1, 2.5});
    for (int i = 0; i < s.size(); i++) {
      app.append(s.ts[i], s.vs[i]);
    }
    assertThat(app.toByteArray()).isEqualTo(s.encode().bytes());
  }

  @Test
  void holdsAtMost65535Samples() {
    XorAppender app = new XorAppender();
    for (int i = 0; i < XorAppender.MAX_SAMPLES; i++) {
      app.append(i * 1000L, i % 7);
    }
    byte[] bytes = app.toByteArray();
    assertThat(bytes[0]).isEqualTo((byte) 0xFF);
    assertThat(bytes[1]).isEqualTo((byte) 0xFF);
    assertThat(new XorChunk(bytes).numSamples()).isEqualTo(65535);
    assertThatThrownBy(() -> app.append(1L << 40, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an XOR chunk holds at most 65535 samples, got one more");
    assertThat(app.toByteArray()).isEqualTo(bytes);

    XorIterator it = new XorIterator().reset(bytes, 0, bytes.length);
    int n = 0;
    while (it.next() == io.hearth.storage.ValueType.FLOAT) {
      assertThat(it.t()).isEqualTo(n * 1000L);
      assertThat(it.v()).isEqualTo(n % 7);
      n++;
    }
    assertThat(n).isEqualTo(65535);
  }
}
