package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class XorChunkTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void emptyChunk() {
    XorChunk c = Samples.of(0).assertRoundTrip();
    assertThat(c.bytes()).containsExactly(0, 0);
    assertThat(c.encoding()).isEqualTo(Encoding.XOR);
  }

  @Test
  void oneAndTwoSamples() {
    new Samples(new long[] {T0}, new double[] {42}).assertRoundTrip();
    new Samples(new long[] {T0, T0 + 15_000}, new double[] {42, 43}).assertRoundTrip();
    new Samples(new long[] {-5, Long.MIN_VALUE}, new double[] {Double.NaN, -0.0}).assertRoundTrip();
  }

  @Test
  void integerCounter() {
    SplittableRandom r = Seeds.random("integerCounter");
    Samples s = Samples.of(120);
    long t = T0;
    double v = 0;
    for (int i = 0; i < s.size(); i++) {
      t += 15_000 + r.nextInt(-20, 21);
      v += r.nextInt(0, 100);
      s.ts[i] = t;
      s.vs[i] = v;
    }
    s.assertRoundTrip();
  }

  @Test
  void fractionalCounterWithResets() {
    SplittableRandom r = Seeds.random("fractionalCounterWithResets");
    Samples s = Samples.of(500);
    long t = T0;
    double v = 0;
    for (int i = 0; i < s.size(); i++) {
      t += 15_000 + r.nextInt(-5, 6);
      v = r.nextInt(100) == 0 ? 0 : v + r.nextDouble() * 3;
      s.ts[i] = t;
      s.vs[i] = v;
    }
    s.assertRoundTrip();
  }

  @Test
  void slowlyChangingGauge() {
    SplittableRandom r = Seeds.random("slowlyChangingGauge");
    Samples s = Samples.of(240);
    long t = T0;
    double v = 512;
    for (int i = 0; i < s.size(); i++) {
      t += 10_000;
      if (r.nextInt(10) == 0) {
        v = Math.round((v + r.nextDouble(-1, 1)) * 100) / 100.0;
      }
      s.ts[i] = t;
      s.vs[i] = v;
    }
    s.assertRoundTrip();
  }

  @Test
  void randomFloatsAndRandomBits() {
    SplittableRandom r = Seeds.random("randomFloatsAndRandomBits");
    for (int round = 0; round < 200; round++) {
      Samples s = Samples.of(r.nextInt(1, 300));
      long t = r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
      for (int i = 0; i < s.size(); i++) {
        t += r.nextInt(1, 60_000);
        s.ts[i] = t;
        // Random bit patterns cover every exponent, subnormals and NaN payloads.
        s.vs[i] = round % 2 == 0 ? r.nextDouble(-1e9, 1e9) : Double.longBitsToDouble(r.nextLong());
      }
      s.assertRoundTrip();
    }
  }

  @Test
  void randomTimestampsIncludingNegativeAndDecreasing() {
    SplittableRandom r = Seeds.random("randomTimestampsIncludingNegativeAndDecreasing");
    for (int round = 0; round < 200; round++) {
      Samples s = Samples.of(r.nextInt(1, 200));
      for (int i = 0; i < s.size(); i++) {
        // The encoding does not need order: all arithmetic wraps, as in Prometheus.
        s.ts[i] = switch (round % 3) {
          case 0 -> r.nextLong();
          case 1 -> -r.nextLong(1L << 40) + i * 1000L;
          default -> r.nextInt(-10, 10);
        };
        s.vs[i] = i;
      }
      s.assertRoundTrip();
    }
    Samples extremes = new Samples(
        new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0, Long.MIN_VALUE, -1},
        new double[] {1, 2, 3, 4, 5, 6});
    extremes.assertRoundTrip();
  }

  @Test
  void specialValuesRoundTripByRawBits() {
    double[] specials = {
      Double.NaN,
      Double.longBitsToDouble(Samples.STALE_NAN_BITS),
      Double.longBitsToDouble(0x7ff8000000000001L), // Prometheus's NaN
      Double.longBitsToDouble(0xfff8000000000000L), // negative NaN
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      -0.0,
      0.0,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.MIN_NORMAL,
      1.0,
      Math.nextUp(1.0),
    };
    // Every ordered pair, so each special follows every other one.
    Samples s = Samples.of(specials.length * specials.length * 2);
    int k = 0;
    for (double a : specials) {
      for (double b : specials) {
        s.vs[k++] = a;
        s.vs[k++] = b;
      }
    }
    for (int i = 0; i < s.size(); i++) {
      s.ts[i] = T0 + i * 15_000L;
    }
    s.assertRoundTrip();
    // And each special as the first value of a chunk.
    for (double a : specials) {
      new Samples(new long[] {1, 2, 3}, new double[] {a, a, 1}).assertRoundTrip();
    }
  }

  @Test
  void valueWindows() {
    // 1.0 vs its successor: 63 leading zeros, clamped to 31, so the window is wider than needed.
    check(1.0, Math.nextUp(1.0), Math.nextUp(Math.nextUp(1.0)));
    // The sign and the lowest bit: all 64 bits significant, written as 0 in the 6-bit field.
    double a = 1.0;
    double b = Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ 0x8000000000000001L);
    check(a, b, a, b, 2.0, b);
    // A narrower change after a wide one reuses the window; a wider one opens a new window.
    check(0.0, 1.5, 1.75, 1.625, 3e300, 3e-300, 1.5);
  }

  private static void check(double... vs) {
    long[] ts = LongStream.range(0, vs.length).map(i -> i * 1000).toArray();
    new Samples(ts, vs).assertRoundTrip();
  }

  static Stream<Long> dodBoundaries() {
    Stream.Builder<Long> b = Stream.builder();
    b.add(0L).add(1L).add(-1L);
    for (int bits : new int[] {14, 17, 20}) {
      long half = 1L << (bits - 1);
      for (long d : new long[] {half - 1, half, half + 1}) {
        b.add(d).add(-d);
      }
    }
    b.add(Long.MAX_VALUE).add(Long.MIN_VALUE).add(1L << 40).add(-(1L << 40));
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("dodBoundaries")
  void deltaOfDeltaBuckets(long dod) {
    Samples s = Samples.of(5);
    long delta = 15_000;
    long t = T0;
    for (int i = 0; i < s.size(); i++) {
      s.ts[i] = t;
      s.vs[i] = 7;
      long next = i == 1 ? delta + dod : delta;
      t += next;
      delta = next;
    }
    byte[] bytes = s.assertRoundTrip().bytes();

    // The third sample carries the dod; check its bucket and its raw field against Prometheus's
    // ranges: [-(2^(n-1) - 1), 2^(n-1)] in n bits, negative values stored as 2^n + dod.
    BitReader in = new BitReader().reset(bytes, 2, bytes.length - 2);
    in.readVarint();
    in.readBits(64);
    in.readUvarint();
    assertThat(in.readBit()).as("second value unchanged").isZero();
    int ones = in.readOnes(4);
    int want = dod == 0 ? 0 : XorAppender.fitsIn(dod, 14) ? 1 : XorAppender.fitsIn(dod, 17) ? 2
        : XorAppender.fitsIn(dod, 20) ? 3 : 4;
    assertThat(ones).as("bucket of dod %d", dod).isEqualTo(want);
    if (ones > 0) {
      int n = ones == 4 ? 64 : 11 + 3 * ones;
      long raw = in.readBits(n);
      long wantRaw = n == 64 ? dod : dod & ((1L << n) - 1);
      assertThat(raw).as("raw %d-bit field of dod %d", n, dod).isEqualTo(wantRaw);
    }
  }

  @Test
  void bucketRangesAreShiftedByOne() {
    assertThat(XorAppender.fitsIn(8192, 14)).isTrue();
    assertThat(XorAppender.fitsIn(8193, 14)).isFalse();
    assertThat(XorAppender.fitsIn(-8191, 14)).isTrue();
    assertThat(XorAppender.fitsIn(-8192, 14)).isFalse();
    assertThat(XorAppender.fitsIn(1 << 19, 20)).isTrue();
    assertThat(XorAppender.fitsIn(-(1 << 19), 20)).isFalse();
  }

  @Test
  void encodeChecksCount() {
    long[] ts = {1, 2, 3};
    double[] vs = {1, 2};
    assertThat(XorChunk.encode(ts, vs, 2).numSamples()).isEqualTo(2);
    assertThatThrownBy(() -> XorChunk.encode(ts, vs, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be in [0, 2], got 3");
    assertThatThrownBy(() -> XorChunk.encode(ts, vs, -1)).hasMessage("n must be in [0, 2], got -1");
  }

  @Test
  void constructorNeedsHeader() {
    assertThatThrownBy(() -> new XorChunk(new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an XOR chunk needs at least its 2-byte header, got 1 bytes");
  }

  @Test
  void bytesAreExactAndShared() {
    XorChunk c = new Samples(new long[] {1, 2}, new double[] {1, 2}).encode();
    assertThat(c.bytes()).isSameAs(c.bytes());
    XorChunk wrapped = new XorChunk(c.bytes());
    assertThat(wrapped).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(wrapped.bytes()).isSameAs(c.bytes());
    assertThat(c).hasToString("XorChunk[2 samples, " + c.bytes().length + " bytes]");
  }

  @Test
  void iteratorIsReused() {
    XorChunk a = new Samples(new long[] {1, 2}, new double[] {1, 2}).encode();
    XorChunk b = new Samples(new long[] {5}, new double[] {9}).encode();
    var it = a.iterator(null);
    assertThat(b.iterator(it)).isSameAs(it);
    new Samples(new long[] {5}, new double[] {9}).assertDecodes(it);
    assertThat(a.iterator(io.hearth.storage.SampleIterator.EMPTY)).isNotSameAs(it).isInstanceOf(XorIterator.class);
  }
}
