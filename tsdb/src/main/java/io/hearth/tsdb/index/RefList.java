package io.hearth.tsdb.index;

import java.util.Arrays;

/**
 * The sorted refs of one (label name, label value) pair, or of all series: a growable {@code int[]}
 * holding each ref as an unsigned 32-bit value, so one ref costs 4 bytes.
 *
 * <p>Not thread-safe: the owning {@link MemPostings} guards every call with its lock. What makes
 * lock-free iteration of a {@link #snapshot()} safe afterwards is this invariant: an array that
 * has been handed out is only ever written at positions {@code >= size - TAIL}. Appends write past
 * the end; an out-of-order ref shifts at most the last {@link #TAIL} refs in place; anything deeper
 * (a very late ref, or a deletion) builds a new array. A snapshot copies the last {@code TAIL} refs
 * and reads the stable prefix from the shared array.
 */
final class RefList {
  /** How far from the end an out-of-order ref may land and still be inserted in place. */
  static final int TAIL = 32;

  private static final int[] NO_REFS = new int[0];

  private int[] refs = NO_REFS;
  private int size;

  int size() {
    return size;
  }

  /** Adds a ref (an unsigned 32-bit value) where it belongs; adding a present ref does nothing. */
  void add(int ref) {
    int n = size;
    long r = Integer.toUnsignedLong(ref);
    if (n > 0 && Integer.toUnsignedLong(refs[n - 1]) >= r) {
      insertOutOfOrder(ref, r);
      return;
    }
    if (n == refs.length) {
      refs = Arrays.copyOf(refs, grow(n));
    }
    refs[n] = ref;
    size = n + 1;
  }

  private void insertOutOfOrder(int ref, long r) {
    int n = size;
    // Refs arrive roughly in order, so look from the tail first.
    int from = Math.max(0, n - TAIL);
    int p;
    if (Integer.toUnsignedLong(refs[from]) < r || from == 0) {
      p = GallopingSearch.unsignedInts(refs, from, n, r);
    } else {
      p = GallopingSearch.unsignedInts(refs, 0, from, r);
    }
    if (p < n && refs[p] == ref) {
      return;
    }
    if (p >= n - TAIL && n < refs.length) {
      // Readers never read past n - TAIL of an array they share with us (they copied the rest).
      System.arraycopy(refs, p, refs, p + 1, n - p);
      refs[p] = ref;
    } else {
      int[] copy = new int[n < refs.length ? refs.length : grow(n)];
      System.arraycopy(refs, 0, copy, 0, p);
      copy[p] = ref;
      System.arraycopy(refs, p, copy, p + 1, n - p);
      refs = copy;
    }
    size = n + 1;
  }

  private static int grow(int n) {
    int cap = n + (n >> 1) + 1;
    if (cap < 0 || cap > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("cannot grow postings list past " + n + " refs");
    }
    return cap;
  }

  /**
   * Removes the given refs, which must be sorted ascending and distinct, and returns the new size.
   * Builds a new array when anything goes, so snapshots taken earlier are unaffected.
   */
  int removeAll(long[] sortedRefs) {
    int n = size;
    if (n == 0 || sortedRefs.length == 0) {
      return n;
    }
    int j = GallopingSearch.longs(sortedRefs, 0, sortedRefs.length, Integer.toUnsignedLong(refs[0]));
    if (j == sortedRefs.length || sortedRefs[j] > Integer.toUnsignedLong(refs[n - 1])) {
      return n;
    }
    int[] out = null;
    int w = 0;
    for (int i = 0; i < n; i++) {
      long r = Integer.toUnsignedLong(refs[i]);
      j = GallopingSearch.longs(sortedRefs, j, sortedRefs.length, r);
      if (j < sortedRefs.length && sortedRefs[j] == r) {
        if (out == null) {
          out = new int[n];
          System.arraycopy(refs, 0, out, 0, i);
          w = i;
        }
      } else if (out != null) {
        out[w++] = refs[i];
      }
    }
    if (out == null) {
      return n;
    }
    int fit = w + (w >> 3) + 1;
    refs = out.length > fit ? Arrays.copyOf(out, fit) : out;
    size = w;
    return w;
  }

  /** An iterator over the refs present now; later changes to this list do not affect it. */
  Postings snapshot() {
    int n = size;
    if (n == 0) {
      return Postings.empty();
    }
    int stable = Math.max(0, n - TAIL);
    return new RefListPostings(refs, stable, Arrays.copyOfRange(refs, stable, n));
  }
}
