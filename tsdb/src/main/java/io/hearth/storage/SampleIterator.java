package io.hearth.storage;

/**
 * Iterates the samples of one series in increasing time order, without boxing or allocating per
 * sample. Not thread-safe. {@link #t()} and {@link #v()} are valid only after {@link #next()} or
 * {@link #seek(long)} returned {@link ValueType#FLOAT}.
 */
public interface SampleIterator {
  /** Moves to the next sample; returns {@link ValueType#NONE} when there is none. */
  ValueType next();

  /**
   * Moves to the first sample with a timestamp at or after {@code t} and returns its type, or
   * {@link ValueType#NONE} if there is none. If the current sample is already at or after
   * {@code t}, it stays there. Never moves backwards.
   */
  ValueType seek(long t);

  /** The current sample's timestamp in milliseconds since the epoch. */
  long t();

  /** The current sample's value. */
  double v();

  /** An iterator over nothing. */
  SampleIterator EMPTY = new SampleIterator() {
    @Override
    public ValueType next() {
      return ValueType.NONE;
    }

    @Override
    public ValueType seek(long t) {
      return ValueType.NONE;
    }

    @Override
    public long t() {
      throw new IllegalStateException("empty iterator has no sample");
    }

    @Override
    public double v() {
      throw new IllegalStateException("empty iterator has no sample");
    }
  };
}
