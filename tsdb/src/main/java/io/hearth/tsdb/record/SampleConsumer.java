package io.hearth.tsdb.record;

/** Receives the float samples of a decoded samples record, in record order. */
@FunctionalInterface
public interface SampleConsumer {
  void accept(long ref, long t, double v);
}
