package io.hearth.storage;

import io.hearth.labels.Labels;

/** One series of a {@link SeriesSet}: its labels and its samples within the querier's range. */
public interface Series {
  Labels labels();

  /**
   * Returns an iterator over the samples. {@code reuse} is an iterator this series' querier handed
   * out before and the caller no longer needs; the implementation may reset and return it instead
   * of allocating. Pass {@code null} when there is none.
   */
  SampleIterator iterator(SampleIterator reuse);
}
