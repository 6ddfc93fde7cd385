package io.hearth.tsdb.index;

/**
 * The refs of either of two postings, each once: a plain two-way merge, which is cheaper than a
 * heap for the most common union. Not thread-safe.
 */
final class PairUnionPostings implements Postings {
  private final Postings a;
  private final Postings b;
  private long atA = -1; // current ref of a; -1 before its first move
  private long atB = -1;
  private long current = -1;

  PairUnionPostings(Postings a, Postings b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public long next() {
    if (current == END) {
      return END;
    }
    // An input still on the current ref has been consumed; one ahead of it is still buffered.
    if (atA <= current) {
      atA = a.next();
    }
    if (atB <= current) {
      atB = b.next();
    }
    return current = Math.min(atA, atB);
  }

  @Override
  public long advance(long target) {
    if (current == END) {
      return END;
    }
    long t = Math.max(target, current + 1);
    if (atA < t) {
      atA = a.advance(t);
    }
    if (atB < t) {
      atB = b.advance(t);
    }
    return current = Math.min(atA, atB);
  }

  @Override
  public long cost() {
    if (current == END) {
      return 0;
    }
    long buffered = (atA > current && atA != END ? 1 : 0) + (atB > current && atB != END ? 1 : 0);
    return a.cost() + b.cost() + buffered;
  }

  @Override
  public String toString() {
    return "Postings.union(2 inputs)";
  }
}
