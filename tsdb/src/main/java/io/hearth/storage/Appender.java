package io.hearth.storage;

import io.hearth.labels.Labels;

/**
 * Adds samples in one transaction: nothing appended is visible to queriers, or written to the
 * WAL, until {@link #commit()}; {@link #rollback()} discards it all. Single-use and not
 * thread-safe: take one appender per scrape or batch. Appenders from different threads may run
 * at once.
 */
public interface Appender {
  /**
   * Appends a sample.
   *
   * @param ref the reference this appender returned for the same labels earlier, or 0 when unknown
   * @param labels the series' labels; read only when {@code ref} is 0 or unknown
   * @return the series reference to pass next time for the same labels (valid across appenders)
   * @throws SampleRejectedException if the sample is out of order, a duplicate with another value,
   *     or outside the accepted time bounds; the transaction stays usable
   */
  long append(long ref, Labels labels, long t, double v);

  /**
   * The label set the storage keeps for the series {@code ref} (a reference {@link #append}
   * returned), equal to the labels it was created with; null if the storage cannot say (the
   * default). A caller that keeps labels per series, such as the scrape cache, holds this
   * instance rather than its own equal copy, so each series' label strings exist once in memory.
   */
  default Labels storedLabels(long ref) {
    return null;
  }

  /** Makes every appended sample durable in the WAL, then visible to queriers. */
  void commit();

  /** Discards every sample appended since the appender was opened. */
  void rollback();
}
