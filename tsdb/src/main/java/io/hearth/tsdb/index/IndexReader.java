package io.hearth.tsdb.index;

import io.hearth.labels.Labels;
import java.util.List;

/**
 * The read side of a series index, as the querier sees it; the head and on-disk blocks both
 * implement it. Implementations are thread-safe. Postings returned are single-use iterators owned
 * by the caller; lists returned must not be modified by the caller.
 */
public interface IndexReader {
  /** The series with label {@code name="value"}, or {@link Postings#empty()} if there are none. */
  Postings postings(String name, String value);

  /** Every series in the index. */
  Postings allPostings();

  /**
   * Every value the label takes, sorted in {@link String#compareTo} order (regex matchers binary
   * search it for their literal prefix); empty if no series has the label.
   */
  List<String> labelValues(String name);

  /** Every label name in use, sorted in {@link String#compareTo} order. */
  List<String> labelNames();

  /** The labels of one series, or {@code null} if the ref is unknown (for example, deleted). */
  Labels series(long ref);
}
