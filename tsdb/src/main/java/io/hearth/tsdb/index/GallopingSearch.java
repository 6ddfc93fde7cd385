package io.hearth.tsdb.index;

/**
 * Finds the first element at or above a target in a sorted slice, probing at exponentially growing
 * distances from the start before a binary search. A cursor that moves a short way pays
 * O(log distance), not O(log length), which is what intersections of lists with similar density
 * need. Stateless.
 */
final class GallopingSearch {
  private GallopingSearch() {}

  /** The first index in {@code [from, to)} whose element is {@code >= target}, or {@code to}. */
  static int longs(long[] a, int from, int to, long target) {
    if (from >= to || a[from] >= target) {
      return from;
    }
    // Invariant: a[lo] < target; the answer lies in (lo, hi].
    int lo = from;
    int step = 1;
    int hi = from + 1;
    while (hi < to && a[hi] < target) {
      lo = hi;
      step <<= 1;
      hi = from + step;
      if (hi < 0) { // int overflow on huge arrays
        hi = to;
      }
    }
    if (hi > to) {
      hi = to;
    }
    while (lo + 1 < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  /**
   * Like {@link #longs} over refs stored as unsigned 32-bit ints (see {@link RefList}): the first
   * index in {@code [from, to)} whose ref is {@code >= target}, or {@code to}.
   */
  static int unsignedInts(int[] a, int from, int to, long target) {
    if (from >= to || Integer.toUnsignedLong(a[from]) >= target) {
      return from;
    }
    int lo = from;
    int step = 1;
    int hi = from + 1;
    while (hi < to && Integer.toUnsignedLong(a[hi]) < target) {
      lo = hi;
      step <<= 1;
      hi = from + step;
      if (hi < 0) {
        hi = to;
      }
    }
    if (hi > to) {
      hi = to;
    }
    while (lo + 1 < hi) {
      int mid = (lo + hi) >>> 1;
      if (Integer.toUnsignedLong(a[mid]) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }
}
