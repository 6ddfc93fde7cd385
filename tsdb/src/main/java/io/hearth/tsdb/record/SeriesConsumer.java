package io.hearth.tsdb.record;

import io.hearth.labels.Labels;

/** Receives the series of a decoded series record, in record order. */
@FunctionalInterface
public interface SeriesConsumer {
  void accept(long ref, Labels labels);
}
