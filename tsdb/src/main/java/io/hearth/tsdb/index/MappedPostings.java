package io.hearth.tsdb.index;

import io.hearth.tsdb.io.MappedFile;
import java.lang.foreign.MemorySegment;

/**
 * Postings read straight from a postings list in a mapped index file: {@code n} big-endian unsigned
 * 32-bit series ids from {@code start}. The list's checksum is verified before this is made. Valid
 * while the file stays mapped. Not thread-safe.
 */
final class MappedPostings implements Postings {
  private final MemorySegment seg;
  private final long start;
  private final int n;
  private int pos = -1;

  MappedPostings(MappedFile file, long start, int n) {
    this.seg = file.segment();
    this.start = start;
    this.n = n;
  }

  private long at(int i) {
    return Integer.toUnsignedLong(seg.get(MappedFile.BE_INT, start + 4L * i));
  }

  @Override
  public long next() {
    int j = pos + 1;
    if (j < n) {
      pos = j;
      return at(j);
    }
    pos = n;
    return END;
  }

  @Override
  public long advance(long target) {
    int from = Math.min(pos + 1, n);
    if (from >= n || at(from) >= target) {
      pos = from;
      return from < n ? at(from) : END;
    }
    // Gallop, then binary search: invariant at(lo) < target, answer in (lo, hi].
    int lo = from;
    int step = 1;
    int hi = from + 1;
    while (hi < n && at(hi) < target) {
      lo = hi;
      step <<= 1;
      hi = from + step;
      if (hi < 0) {
        hi = n;
      }
    }
    if (hi > n) {
      hi = n;
    }
    while (lo + 1 < hi) {
      int mid = (lo + hi) >>> 1;
      if (at(mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    pos = hi;
    return hi < n ? at(hi) : END;
  }

  @Override
  public long cost() {
    return n - Math.min(pos + 1, n);
  }
}
