package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.tsdb.chunk.XorEncoder;
import java.util.Arrays;

/**
 * One series in the head: its labels, its open chunk and the addresses of its closed chunks.
 *
 * <p>Every mutable field is guarded by the series' own monitor; appenders commit under it and
 * queriers take their snapshot under it. Chunks are cut by Prometheus's rule (see
 * {@link #append}), so the head cuts the same chunks as Prometheus from the same samples.
 *
 * <p>The open chunk's encoder is the superclass: its state lives in this object's fields, so a
 * sample's commit touches the series and its chunk array and no other object. Its last sample
 * ({@link #lastT()}, {@link #lastValueBits()}) is the series' newest one while the chunk has any.
 */
final class MemSeries extends XorEncoder {
  /**
   * Prometheus 3.x caps an XOR chunk at 1024 bytes. Whether to cut is decided before the next
   * sample is encoded, so it assumes that sample could take the maximum of 19 bytes.
   */
  static final int MAX_BYTES_BEFORE_APPEND = 1024 - 19;

  final long ref;
  final Labels labels;

  /** Whether a series record for this series has reached the WAL; set once, after the write. */
  volatile boolean isLogged;

  // The open chunk is the encoder's; it has no samples only before the series' first sample.
  private long openMinT;
  private long nextAt = Long.MIN_VALUE;

  // Closed chunks, oldest first, as (minT, maxT, arena ref) triples.
  private long[] closed = EMPTY;
  private int numClosed;

  // Validation of not-yet-committed samples: the appender that appended last (its id, 0 for none)
  // and its last sample. An id rather than a reference: a reference store into every series on
  // every sample made the GC's write barrier dirty a card per sample for its refinement threads.
  private long pendingOwner;
  private long pendingT;
  private long pendingVBits;

  private static final long[] EMPTY = new long[0];

  MemSeries(long ref, Labels labels) {
    this.ref = ref;
    this.labels = labels;
  }

  /**
   * Checks a sample an appender is about to buffer against the newest sample the series has, or
   * the owner's own previous pending sample, and records it as pending.
   *
   * @return 0 to accept, 1 to ignore (an exact duplicate), or -1 out of order, -2 duplicate
   *     timestamp with another value
   */
  synchronized int admit(long owner, long t, double v) {
    long lastT;
    long lastBits;
    long bits = Double.doubleToRawLongBits(v);
    if (pendingOwner == owner) {
      lastT = pendingT;
      lastBits = pendingVBits;
    } else {
      lastT = maxTime();
      lastBits = lastValueBits();
    }
    int verdict = compare(lastT, lastBits, t, bits);
    if (verdict == 0) {
      pendingOwner = owner;
      pendingT = t;
      pendingVBits = bits;
    }
    return verdict;
  }

  /** Forgets the owner's pending sample, at its commit or rollback. */
  synchronized void release(long owner) {
    if (pendingOwner == owner) {
      pendingOwner = 0;
    }
  }

  private static int compare(long lastT, long lastBits, long t, long bits) {
    if (lastT == Long.MIN_VALUE || t > lastT) {
      return 0;
    }
    if (t < lastT) {
      return -1;
    }
    // Prometheus accepts an exact duplicate (same bits) silently: federation and restarts resend
    // samples, and erroring on them would only be noise.
    return lastBits == bits ? 1 : -2;
  }

  /**
   * Appends a committed sample, cutting a new chunk when Prometheus would, and ends the
   * owner's pending validation.
   *
   * @return false if the sample is not newer than the newest one (a racing commit won)
   */
  synchronized boolean append(long t, double v, HeadOptions opts, ChunkArena arena, long owner) {
    if (pendingOwner == owner) {
      pendingOwner = 0;
    }
    int n = chunkSamples();
    if (n == 0) {
      if (numClosed > 0 && closed[3 * numClosed - 2] >= t) {
        return false;
      }
      cut(t, opts, arena);
    } else {
      if (lastT() >= t) {
        return false;
      }
      if (chunkLength() > MAX_BYTES_BEFORE_APPEND) {
        cut(t, opts, arena);
        n = 0;
      }
    }
    // At a quarter of the target, predict the end time that spreads the rest of the chunk range
    // evenly over chunks of the same size; the chunk range end stays the latest cut. An empty
    // chunk's max time is Long.MIN_VALUE, as in Prometheus (it matters only for tiny targets).
    if (n == opts.samplesPerChunk() / 4) {
      nextAt = chunkEndTime(openMinT, n == 0 ? Long.MIN_VALUE : lastT(), nextAt);
    }
    // Twice the target means the prediction was wrong (the rate went up): cut now.
    if (t >= nextAt || n >= 2 * opts.samplesPerChunk()) {
      cut(t, opts, arena);
    }
    encode(t, v);
    return true;
  }

  /** The end of the chunk range holding {@code t}, as Prometheus computes it (Go division). */
  static long rangeEnd(long t, long width) {
    return (t / width) * width + width;
  }

  /**
   * Estimates when to cut a chunk that is a quarter full so that the remaining samples up to
   * {@code maxT} fill equally sized chunks, in Prometheus's floating-point arithmetic.
   */
  static long chunkEndTime(long start, long cur, long maxT) {
    double n = (double) (maxT - start) / ((double) (cur - start + 1) * 4);
    if (n <= 1) {
      return maxT;
    }
    return (long) ((double) start + (double) (maxT - start) / Math.floor(n));
  }

  /** Closes the open chunk if it has samples and starts a new one at {@code t}. */
  private void cut(long t, HeadOptions opts, ChunkArena arena) {
    if (chunkSamples() > 0) {
      if (3 * numClosed + 3 > closed.length) {
        closed = Arrays.copyOf(closed, Math.max(6, closed.length + (closed.length >> 1) + 3) / 3 * 3);
      }
      closed[3 * numClosed] = openMinT;
      closed[3 * numClosed + 1] = lastT();
      closed[3 * numClosed + 2] = arena.add(chunkBuffer(), chunkLength());
      numClosed++;
    }
    // The closed bytes now live in the arena, so the chunk array is reused.
    startChunk();
    arena.countChunkStarted();
    openMinT = t;
    nextAt = rangeEnd(t, opts.chunkRange());
  }

  /** The newest committed timestamp, or {@link Long#MIN_VALUE} if there is none. */
  synchronized long maxTime() {
    if (chunkSamples() > 0) {
      return lastT();
    }
    return numClosed == 0 ? Long.MIN_VALUE : closed[3 * numClosed - 2];
  }

  /** The oldest committed timestamp, or {@link Long#MAX_VALUE} if there is none. */
  synchronized long minTime() {
    if (numClosed > 0) {
      return closed[0];
    }
    return chunkSamples() > 0 ? openMinT : Long.MAX_VALUE;
  }

  /** Number of chunks, the open one included. */
  synchronized int numChunks() {
    return numClosed + (chunkSamples() > 0 ? 1 : 0);
  }

  /**
   * Takes a consistent snapshot of the chunks overlapping {@code [minT, maxT]}: the (minT, maxT,
   * address) triples of closed chunks and a copy of the open chunk's bytes. Returns null if no
   * chunk overlaps.
   */
  synchronized ChunkSnapshot snapshot(long minT, long maxT) {
    int first = 0;
    while (first < numClosed && closed[3 * first + 1] < minT) {
      first++;
    }
    int last = first;
    while (last < numClosed && closed[3 * last] <= maxT) {
      last++;
    }
    long[] triples = last > first ? Arrays.copyOfRange(closed, 3 * first, 3 * last) : EMPTY;
    byte[] openBytes = null;
    long openMaxT = chunkSamples() > 0 ? lastT() : Long.MIN_VALUE;
    if (chunkSamples() > 0 && openMaxT >= minT && openMinT <= maxT) {
      openBytes = Arrays.copyOf(chunkBuffer(), chunkLength());
    }
    if (triples.length == 0 && openBytes == null) {
      return null;
    }
    return new ChunkSnapshot(triples, openBytes, openMinT, openMaxT);
  }

  /** Closed chunk metadata for tests and tools: {@code [minT, maxT]} per closed chunk, oldest first. */
  synchronized long[][] closedChunkRanges() {
    long[][] out = new long[numClosed][];
    for (int i = 0; i < numClosed; i++) {
      out[i] = new long[] {closed[3 * i], closed[3 * i + 1]};
    }
    return out;
  }

  /** What a querier reads of one series: closed chunk addresses plus a private copy of the open chunk. */
  static final class ChunkSnapshot {
    final long[] closed; // (minT, maxT, arena address) triples, oldest first
    final byte[] openBytes; // null when the open chunk is outside the range
    final long openMinT;
    final long openMaxT;

    ChunkSnapshot(long[] closed, byte[] openBytes, long openMinT, long openMaxT) {
      this.closed = closed;
      this.openBytes = openBytes;
      this.openMinT = openMinT;
      this.openMaxT = openMaxT;
    }
  }
}
