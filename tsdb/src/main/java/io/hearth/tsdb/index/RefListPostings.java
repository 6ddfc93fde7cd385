package io.hearth.tsdb.index;

/**
 * Postings over a snapshot of a {@link RefList}: the stable prefix read from the list's shared
 * array, then a private copy of its tail. Refs are unsigned 32-bit ints. Not thread-safe.
 */
final class RefListPostings implements Postings {
  private final int[] head; // shared with the list; positions below headEnd never change
  private final int headEnd;
  private final int[] tail; // private copy of the list's last refs
  private final int total;
  private int pos = -1; // index of the current ref in head ++ tail; total once exhausted

  RefListPostings(int[] head, int headEnd, int[] tail) {
    this.head = head;
    this.headEnd = headEnd;
    this.tail = tail;
    this.total = headEnd + tail.length;
  }

  @Override
  public long next() {
    int j = pos + 1;
    if (j < headEnd) {
      pos = j;
      return Integer.toUnsignedLong(head[j]);
    }
    if (j < total) {
      pos = j;
      return Integer.toUnsignedLong(tail[j - headEnd]);
    }
    pos = total;
    return END;
  }

  @Override
  public long advance(long target) {
    int j = Math.min(pos + 1, total);
    if (j < headEnd && Integer.toUnsignedLong(head[headEnd - 1]) >= target) {
      pos = GallopingSearch.unsignedInts(head, j, headEnd, target);
      return Integer.toUnsignedLong(head[pos]);
    }
    int k = GallopingSearch.unsignedInts(tail, Math.max(j - headEnd, 0), tail.length, target);
    if (k < tail.length) {
      pos = headEnd + k;
      return Integer.toUnsignedLong(tail[k]);
    }
    pos = total;
    return END;
  }

  @Override
  public long cost() {
    return total - Math.min(pos + 1, total);
  }

  @Override
  public String toString() {
    return "RefListPostings(" + total + " refs)";
  }
}
