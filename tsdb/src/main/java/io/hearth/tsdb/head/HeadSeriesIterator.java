package io.hearth.tsdb.head;

import io.hearth.storage.SampleIterator;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.chunk.XorIterator;

/**
 * Iterates a series' snapshotted chunks in order, closed chunks first and the open one last,
 * yielding only samples within {@code [minT, maxT]}. Reusable through {@link #reset}. Not
 * thread-safe.
 */
final class HeadSeriesIterator implements SampleIterator {
  private final ChunkArena arena;
  private final XorIterator chunk = new XorIterator();
  private MemSeries.ChunkSnapshot snap;
  private long minT;
  private long maxT;
  private int nextChunk; // index of the chunk to open next
  private boolean isInChunk;
  private boolean isDone;

  HeadSeriesIterator(ChunkArena arena) {
    this.arena = arena;
  }

  HeadSeriesIterator reset(MemSeries.ChunkSnapshot snap, long minT, long maxT) {
    this.snap = snap;
    this.minT = minT;
    this.maxT = maxT;
    this.nextChunk = 0;
    this.isInChunk = false;
    this.isDone = false;
    return this;
  }

  @Override
  public ValueType next() {
    if (isDone) {
      return ValueType.NONE;
    }
    while (true) {
      if (isInChunk) {
        if (chunk.next() == ValueType.FLOAT) {
          return checkUpperBound();
        }
        isInChunk = false;
      }
      if (!openChunk(minT)) {
        return done();
      }
      // A chunk may start before minT: skip into range.
      if (chunk.seek(minT) == ValueType.FLOAT) {
        return checkUpperBound();
      }
      isInChunk = false;
    }
  }

  @Override
  public ValueType seek(long t) {
    if (isDone) {
      return ValueType.NONE;
    }
    long target = Math.max(t, minT);
    if (isInChunk) {
      if (chunk.seek(target) == ValueType.FLOAT) {
        return checkUpperBound();
      }
      isInChunk = false;
    }
    while (openChunk(target)) {
      if (chunk.seek(target) == ValueType.FLOAT) {
        return checkUpperBound();
      }
      isInChunk = false;
    }
    return done();
  }

  /** Opens the next chunk whose samples may reach {@code target}; false when none is left. */
  private boolean openChunk(long target) {
    long[] closed = snap.closed;
    int numClosed = closed.length / 3;
    while (nextChunk < numClosed) {
      int i = nextChunk++;
      if (closed[3 * i + 1] < target) {
        continue;
      }
      long ref = closed[3 * i + 2];
      chunk.reset(arena.slab(ref), ChunkArena.offset(ref), ChunkArena.length(ref));
      isInChunk = true;
      return true;
    }
    if (nextChunk == numClosed && snap.openBytes != null) {
      nextChunk++;
      if (snap.openMaxT < target) {
        return false;
      }
      chunk.reset(snap.openBytes, 0, snap.openBytes.length);
      isInChunk = true;
      return true;
    }
    return false;
  }

  private ValueType checkUpperBound() {
    return chunk.t() > maxT ? done() : ValueType.FLOAT;
  }

  private ValueType done() {
    isDone = true;
    isInChunk = false;
    return ValueType.NONE;
  }

  @Override
  public long t() {
    return chunk.t();
  }

  @Override
  public double v() {
    return chunk.v();
  }
}
