package io.hearth.storage;

import io.hearth.labels.Matcher;
import java.util.List;

/**
 * Reads series over the fixed time range {@code [minT, maxT]} (inclusive) it was opened for.
 * Series and iterators it returns are valid until {@link #close()}. Not thread-safe; open one
 * querier per query.
 */
public interface Querier extends AutoCloseable {
  /**
   * Selects the series matching all matchers that have at least one sample in range.
   *
   * @param sorted whether series must come in {@link io.hearth.labels.Labels} order
   * @param matchers at least one; a query that would select every series is the caller's to refuse
   */
  SeriesSet select(boolean sorted, Matcher... matchers);

  /** Sorted distinct values of the label across series matching all matchers (all series if none). */
  List<String> labelValues(String name, Matcher... matchers);

  /** Sorted distinct label names across series matching all matchers (all series if none). */
  List<String> labelNames(Matcher... matchers);

  @Override
  void close();
}
