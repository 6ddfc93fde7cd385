package io.hearth.tsdb.record;

/** Receives the deleted intervals of a decoded tombstones record: {@code [minT, maxT]}, both inclusive. */
@FunctionalInterface
public interface TombstoneConsumer {
  void accept(long ref, long minT, long maxT);
}
