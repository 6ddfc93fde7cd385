package io.hearth.tsdb.chunk;

import io.hearth.storage.ValueType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding speed of XOR chunks, per sample, on chunks of 120 samples (Prometheus's
 * target size) of four kinds of series. Timestamps are 15s apart with a jitter of a few ms on one
 * sample in five. The setup prints each kind's bytes per sample.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar XorChunkBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class XorChunkBenchmark {
  static final int SAMPLES = 120;
  // Several different chunks, so the branch predictor cannot learn one chunk's bit pattern.
  private static final int CHUNKS = 64;

  /** The kinds of series measured. */
  public enum Kind {
    /** A counter rising by whole numbers, like requests_total. */
    INT_COUNTER,
    /** A counter rising by fractions, like cpu_seconds_total. */
    FRACTIONAL_COUNTER,
    /** A gauge that changes in one sample of three by a little, rounded to two decimals. */
    GAUGE,
    /** Uniformly random doubles in [0, 1): the worst realistic case. */
    RANDOM
  }

  @Param
  public Kind kind;

  private final long[][] ts = new long[CHUNKS][SAMPLES];
  private final double[][] vs = new double[CHUNKS][SAMPLES];
  private final byte[][] chunks = new byte[CHUNKS][];
  private final XorIterator it = new XorIterator();
  private final XorAppender appender = new XorAppender();
  private Arena arena;
  private MemorySegment offHeap;
  private final long[] offsets = new long[CHUNKS];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    long bytes = 0;
    for (int c = 0; c < CHUNKS; c++) {
      long t = 1_700_000_000_000L + c * SAMPLES * 15_000L;
      double v = kind == Kind.GAUGE ? 500 : 1000;
      for (int i = 0; i < SAMPLES; i++) {
        ts[c][i] = t + (r.nextInt(5) == 0 ? r.nextInt(-5, 6) : 0);
        t += 15_000;
        v = switch (kind) {
          case INT_COUNTER -> v + r.nextInt(0, 100);
          case FRACTIONAL_COUNTER -> v + r.nextDouble() * 10;
          case GAUGE -> r.nextInt(3) == 0 ? Math.round((v + r.nextGaussian()) * 100) / 100.0 : v;
          case RANDOM -> r.nextDouble();
        };
        vs[c][i] = v;
      }
      chunks[c] = XorChunk.encode(ts[c], vs[c], SAMPLES).bytes();
      bytes += chunks[c].length;
    }
    System.out.printf("%n%s: %.3f bytes/sample (%d chunks of %d samples, %d bytes)%n",
        kind, (double) bytes / (CHUNKS * SAMPLES), CHUNKS, SAMPLES, bytes);

    arena = Arena.ofShared();
    offHeap = arena.allocate(bytes);
    long off = 0;
    for (int c = 0; c < CHUNKS; c++) {
      offsets[c] = off;
      MemorySegment.copy(chunks[c], 0, offHeap, ValueLayout.JAVA_BYTE, off, chunks[c].length);
      off += chunks[c].length;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  private int nextChunk() {
    return next = (next + 1) & (CHUNKS - 1);
  }

  /** A new appender per chunk, as {@link XorChunk#encode} does: the array grows from 128 bytes. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public byte[] encode() {
    int c = nextChunk();
    long[] t = ts[c];
    double[] v = vs[c];
    XorAppender app = new XorAppender();
    for (int i = 0; i < SAMPLES; i++) {
      app.append(t[i], v[i]);
    }
    return app.toByteArray();
  }

  /** Like a head that cuts chunks with one appender: no allocation but the chunk's copy. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public byte[] encodeReused() {
    int c = nextChunk();
    long[] t = ts[c];
    double[] v = vs[c];
    XorAppender app = appender;
    app.reset();
    for (int i = 0; i < SAMPLES; i++) {
      app.append(t[i], v[i]);
    }
    return app.toByteArray();
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public double decode() {
    byte[] b = chunks[nextChunk()];
    return drain(it.reset(b, 0, b.length));
  }

  /** Off-heap chunks are copied into the iterator's scratch array before decoding. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public double decodeOffHeap() {
    int c = nextChunk();
    return drain(it.reset(offHeap, offsets[c], chunks[c].length));
  }

  private static double drain(XorIterator it) {
    // Consume both t and v so neither decode is dead code.
    double sum = 0;
    long tsum = 0;
    while (it.next() == ValueType.FLOAT) {
      tsum += it.t();
      sum += it.v();
    }
    return sum + tsum;
  }
}
