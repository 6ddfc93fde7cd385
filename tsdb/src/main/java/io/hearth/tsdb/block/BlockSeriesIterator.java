package io.hearth.tsdb.block;

import io.hearth.storage.SampleIterator;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.chunk.XorIterator;

/**
 * Iterates a block series' chunks in order, decoding each lazily when reached, and yields the
 * samples within {@code [minT, maxT]} that no tombstone deletes. Reusable through {@link #reset};
 * allocation-free per sample. Not thread-safe.
 */
final class BlockSeriesIterator implements SampleIterator {
  private final XorIterator chunk = new XorIterator();
  private ChunkFileReader reader;
  private long[] chunks; // (minT, maxT, ref) triples
  private long[] deleted; // (minT, maxT) pairs, sorted
  private long minT;
  private long maxT;
  private int nextChunk;
  private boolean isInChunk;
  private boolean isDone;

  BlockSeriesIterator reset(ChunkFileReader reader, long[] chunks, long[] deleted, long minT, long maxT) {
    this.reader = reader;
    this.chunks = chunks;
    this.deleted = deleted;
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
    if (isInChunk) {
      if (chunk.next() == ValueType.FLOAT) {
        ValueType v = accept();
        if (v == ValueType.FLOAT || isDone) {
          return v;
        }
      } else {
        isInChunk = false;
      }
    }
    return seekFrom(minT);
  }

  @Override
  public ValueType seek(long t) {
    if (isDone) {
      return ValueType.NONE;
    }
    long target = Math.max(t, minT);
    if (isInChunk) {
      if (chunk.seek(target) == ValueType.FLOAT) {
        ValueType v = accept();
        if (v == ValueType.FLOAT || isDone) {
          return v;
        }
      } else {
        isInChunk = false;
      }
    }
    return seekFrom(target);
  }

  /** Opens later chunks until one has a sample at or after {@code target}. */
  private ValueType seekFrom(long target) {
    while (true) {
      if (isInChunk == false) {
        if (openChunk(target) == false) {
          return done();
        }
        if (chunk.seek(target) != ValueType.FLOAT) {
          isInChunk = false;
          continue;
        }
      }
      ValueType v = accept();
      if (v == ValueType.FLOAT || isDone) {
        return v;
      }
      // accept() moved past deleted samples and ran off the chunk's end.
    }
  }

  /** From the current sample, skips deleted ones; checks the upper bound. */
  private ValueType accept() {
    while (isDeleted(chunk.t())) {
      if (chunk.t() > maxT) {
        return done();
      }
      if (chunk.next() != ValueType.FLOAT) {
        isInChunk = false;
        return ValueType.NONE;
      }
    }
    return checkUpperBound();
  }

  private boolean isDeleted(long t) {
    long[] d = deleted;
    for (int i = 0; i < d.length; i += 2) {
      if (t < d[i]) {
        return false;
      }
      if (t <= d[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private boolean openChunk(long target) {
    while (nextChunk < chunks.length / 3) {
      int i = nextChunk++;
      if (chunks[3 * i + 1] < target) {
        continue;
      }
      if (chunks[3 * i] > maxT) {
        return false;
      }
      reader.iterator(chunks[3 * i + 2], chunk);
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
