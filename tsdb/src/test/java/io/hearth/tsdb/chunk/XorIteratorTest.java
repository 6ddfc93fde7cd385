package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.storage.ValueType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorIteratorTest {
  private static final XorChunk TENS =
      XorChunk.encode(new long[] {10, 20, 30, 40, 50}, new double[] {1, 2, 3, 4, 5}, 5);

  /** Runs the steps on a fresh iterator over TENS; each step is "n" for next or a seek target. */
  private static void check(String steps, String want) {
    XorIterator it = (XorIterator) TENS.iterator(null);
    StringBuilder got = new StringBuilder();
    for (String step : steps.split(" ")) {
      ValueType vt = step.equals("n") ? it.next() : it.seek(Long.parseLong(step));
      got.append(got.isEmpty() ? "" : " ").append(vt == ValueType.NONE ? "none" : Long.toString(it.t()));
      if (vt == ValueType.FLOAT) {
        assertThat(it.v()).isEqualTo(it.t() / 10.0);
      }
    }
    assertThat(got.toString()).as(steps).isEqualTo(want);
  }

  @Test
  void seek() {
    check("5", "10"); // before the first sample
    check("10", "10"); // at the first
    check("15", "20"); // between samples
    check("50", "50"); // at the last
    check("51", "none"); // past the end
    check("51 0", "none none"); // an exhausted iterator stays exhausted
    check("51 n", "none none");
    check("n 5", "10 10"); // the current sample is already at or after t
    check("n n 15", "10 20 20"); // never backwards
    check("n n 20 25", "10 20 20 30");
    check("30 n n n", "30 40 50 none");
    check("30 30 40 40", "30 30 40 40");
    check("n n n n n n 0", "10 20 30 40 50 none none");
    check("" + Long.MIN_VALUE, "10");
    check("" + Long.MAX_VALUE, "none");
  }

  @Test
  void emptyChunk() {
    XorIterator it = new XorIterator();
    assertThat(it.next()).isEqualTo(ValueType.NONE);
    assertThat(it.seek(Long.MIN_VALUE)).isEqualTo(ValueType.NONE);
    it.reset(new byte[] {0, 0}, 0, 2);
    assertThat(it.seek(Long.MIN_VALUE)).isEqualTo(ValueType.NONE);
  }

  @Test
  void resetRestartsAndSwitchesChunks() {
    Samples a = new Samples(new long[] {1, 2, 3}, new double[] {1, 2, 3});
    Samples b = new Samples(new long[] {-7, 100}, new double[] {Double.NaN, -0.0});
    byte[] ab = a.encode().bytes();
    byte[] bb = b.encode().bytes();
    XorIterator it = new XorIterator().reset(ab, 0, ab.length);
    it.next();
    it.next();
    b.assertDecodes(it.reset(bb, 0, bb.length));
    a.assertDecodes(it.reset(ab, 0, ab.length));
    // A slice in the middle of a larger array.
    byte[] padded = new byte[bb.length + 10];
    Arrays.fill(padded, (byte) 0xFF);
    System.arraycopy(bb, 0, padded, 3, bb.length);
    b.assertDecodes(it.reset(padded, 3, bb.length));
  }

  @Test
  void decodesOffHeapSegmentsAfterTheyAreClosed() {
    SplittableRandom r = Seeds.random("decodesOffHeapSegmentsAfterTheyAreClosed");
    XorIterator it = new XorIterator();
    for (int n : new int[] {1, 120, 2000}) { // 2000 samples outgrow the initial scratch array
      Samples s = Samples.of(n);
      for (int i = 0; i < n; i++) {
        s.ts[i] = 1000L * i + r.nextInt(-3, 4);
        s.vs[i] = r.nextDouble();
      }
      byte[] bytes = s.encode().bytes();
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment seg = arena.allocate(bytes.length + 13);
        MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 13, bytes.length);
        it.reset(seg, 13, bytes.length);
      }
      s.assertDecodes(it);
      s.assertDecodes(it.reset(MemorySegment.ofArray(bytes), 0, bytes.length));
    }
  }

  @Test
  void truncatedChunksFailClearly() {
    Samples s = Samples.of(50);
    for (int i = 0; i < s.size(); i++) {
      s.ts[i] = 1_000_000L + i * 15_000L + (i % 3) * 7;
      s.vs[i] = i * 1.25;
    }
    byte[] bytes = s.encode().bytes();
    XorIterator it = new XorIterator();
    for (int len = 2; len < bytes.length; len++) {
      it.reset(bytes, 0, len);
      int decoded = 0;
      try {
        while (it.next() == ValueType.FLOAT) {
          assertThat(it.t()).isEqualTo(s.ts[decoded]);
          decoded++;
        }
        // Only the spare zero byte Prometheus sometimes leaves at the end may be missing.
        assertThat(len).as("cut to %d bytes but decoded completely", len).isEqualTo(bytes.length - 1);
        assertThat(bytes[len]).isZero();
        continue;
      } catch (CorruptChunkException e) {
        assertThat(e).hasMessageStartingWith("cannot decode sample " + decoded + " of 50: truncated bit stream");
      }
      assertThat(it.next()).as("exhausted after the error").isEqualTo(ValueType.NONE);
      assertThat(it.seek(0)).isEqualTo(ValueType.NONE);
    }
  }

  @Test
  void countAboveTheDataFails() {
    byte[] bytes = XorChunk.encode(new long[] {1, 2, 3}, new double[] {1, 2, 3}, 3).bytes().clone();
    bytes[0] = 1; // 259 samples claimed
    XorIterator it = new XorIterator().reset(bytes, 0, bytes.length);
    assertThatThrownBy(() -> {
      while (it.next() == ValueType.FLOAT) {}
    }).isInstanceOf(CorruptChunkException.class).hasMessageContaining(" of 259: truncated bit stream");
  }

  @Test
  void impossibleValueWindowFails() {
    // 2 samples; t0 = 0; v0 = 0.0; t1 - t0 = 0; then '11', 31 leading zeros, 0 (= 64) significant bits.
    byte[] bytes = HexFormat.of().parseHex("0002" + "00" + "0000000000000000" + "00" + "fe00" + "00000000000000000000");
    XorIterator it = new XorIterator().reset(bytes, 0, bytes.length);
    assertThat(it.next()).isEqualTo(ValueType.FLOAT);
    assertThatThrownBy(it::next)
        .isInstanceOf(CorruptChunkException.class)
        .hasMessage("cannot decode sample 1 of 2: value window of 31 leading zeros and 64 significant bits exceeds 64 bits");
  }

  @Test
  void tooShortForHeader() {
    assertThatThrownBy(() -> new XorIterator().reset(new byte[] {0}, 0, 1))
        .isInstanceOf(CorruptChunkException.class)
        .hasMessage("XOR chunk needs at least a 2-byte header, got 1 bytes");
  }

  @Test
  void garbageNeverEscapesAsAnotherException() {
    SplittableRandom r = Seeds.random("garbageNeverEscapesAsAnotherException");
    XorIterator it = new XorIterator();
    byte[] real = XorChunk.encode(new long[] {5, 10, 15, 21}, new double[] {0.5, 1, 1, 7}, 4).bytes();
    for (int round = 0; round < 20_000; round++) {
      byte[] b;
      if (round % 2 == 0) {
        b = new byte[r.nextInt(2, 64)];
        r.nextBytes(b);
      } else {
        b = real.clone();
        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); // one flipped bit
      }
      it.reset(b, 0, b.length);
      int steps = 0;
      try {
        // Seeking just past the current sample moves at least one sample per call, so the step
        // count stays bounded by the header's sample count; a random target would not (a target
        // behind the current sample legitimately stays put).
        ValueType vt = round % 3 == 0 ? it.seek(r.nextLong()) : it.next();
        while (vt == ValueType.FLOAT && steps < 1_000_000) {
          steps++;
          vt = round % 3 == 0 && it.t() < Long.MAX_VALUE ? it.seek(it.t() + 1) : it.next();
        }
      } catch (CorruptChunkException expected) {
        // fine: the only exception garbage may cause
      }
      assertThat(steps).isLessThanOrEqualTo(65535);
    }
  }

  @Test
  void decodingAllocatesNothingPerSample() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Samples s = Samples.of(120);
    for (int i = 0; i < s.size(); i++) {
      s.ts[i] = i * 15_000L;
      s.vs[i] = i * 0.1;
    }
    byte[] bytes = s.encode().bytes();
    XorIterator it = new XorIterator();
    long sum = decodeMany(it, bytes, 100); // warm up
    threads.getCurrentThreadAllocatedBytes();
    long before = threads.getCurrentThreadAllocatedBytes();
    sum += decodeMany(it, bytes, 10_000);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(sum).isNotZero();
    // 1.2 million samples: any per-sample allocation would show as megabytes.
    assertThat(allocated).isLessThan(10_000);
  }

  private static long decodeMany(XorIterator it, byte[] bytes, int times) {
    long sum = 0;
    for (int k = 0; k < times; k++) {
      it.reset(bytes, 0, bytes.length);
      while (it.next() == ValueType.FLOAT) {
        sum += it.t() + (long) it.v();
      }
    }
    return sum;
  }
}
