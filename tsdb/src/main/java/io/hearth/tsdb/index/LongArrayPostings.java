package io.hearth.tsdb.index;

/** Postings over a strictly increasing {@code long[]} it does not copy. Not thread-safe. */
final class LongArrayPostings implements Postings {
  private final long[] refs;
  private int pos = -1; // index of the current ref; refs.length once exhausted

  LongArrayPostings(long[] refs) {
    long prev = 0;
    for (int i = 0; i < refs.length; i++) {
      long r = refs[i];
      if (r <= prev || r == END) {
        throw new IllegalArgumentException(
            "refs must be positive, strictly increasing and below Postings.END, got "
                + r
                + " at index "
                + i
                + (i > 0 ? " after " + prev : ""));
      }
      prev = r;
    }
    this.refs = refs;
  }

  @Override
  public long next() {
    int j = pos + 1;
    if (j < refs.length) {
      pos = j;
      return refs[j];
    }
    pos = refs.length;
    return END;
  }

  @Override
  public long advance(long target) {
    int j = GallopingSearch.longs(refs, Math.min(pos + 1, refs.length), refs.length, target);
    pos = j;
    return j < refs.length ? refs[j] : END;
  }

  @Override
  public long cost() {
    return refs.length - Math.min(pos + 1, refs.length);
  }

  @Override
  public String toString() {
    return "Postings.of(" + refs.length + " refs)";
  }
}
