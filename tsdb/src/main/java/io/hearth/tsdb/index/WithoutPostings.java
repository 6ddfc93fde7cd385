package io.hearth.tsdb.index;

/**
 * The refs of one postings that another does not hold. The dropped side is only advanced to the
 * candidates of the full side, so a large drop list costs little against a small full list.
 * Not thread-safe.
 */
final class WithoutPostings implements Postings {
  private final Postings full;
  private final Postings drop;
  private long atDrop = -1; // current ref of drop; -1 before its first move
  private long current = -1;

  WithoutPostings(Postings full, Postings drop) {
    this.full = full;
    this.drop = drop;
  }

  @Override
  public long next() {
    if (current == END) {
      return END;
    }
    return current = skipDropped(full.next());
  }

  @Override
  public long advance(long target) {
    if (current == END) {
      return END;
    }
    return current = skipDropped(full.advance(target));
  }

  private long skipDropped(long r) {
    while (r != END) {
      if (atDrop < r) {
        atDrop = drop.advance(r);
      }
      if (atDrop != r) {
        return r;
      }
      r = full.next();
    }
    return END;
  }

  @Override
  public long cost() {
    return current == END ? 0 : full.cost();
  }

  @Override
  public String toString() {
    return "Postings.without(full, drop)";
  }
}
