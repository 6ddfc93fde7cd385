package io.hearth.tsdb.index;

/** Postings with no refs. Stateless, so one shared instance serves everyone; thread-safe. */
final class EmptyPostings implements Postings {
  static final EmptyPostings INSTANCE = new EmptyPostings();

  private EmptyPostings() {}

  @Override
  public long next() {
    return END;
  }

  @Override
  public long advance(long target) {
    return END;
  }

  @Override
  public long cost() {
    return 0;
  }

  @Override
  public String toString() {
    return "Postings.empty()";
  }
}
