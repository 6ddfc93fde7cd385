package io.hearth.storage;

/**
 * A forward-only cursor over series. {@link #at()} is valid after {@link #next()} returned true,
 * until the next call to {@link #next()}. Not thread-safe.
 */
public interface SeriesSet {
  boolean next();

  Series at();

  SeriesSet EMPTY = new SeriesSet() {
    @Override
    public boolean next() {
      return false;
    }

    @Override
    public Series at() {
      throw new IllegalStateException("empty series set");
    }
  };
}
