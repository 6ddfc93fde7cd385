package io.hearth.tsdb.wal;

import io.hearth.labels.Labels;
import io.hearth.tsdb.record.RecordType;
import java.io.IOException;

/** Receives what {@link WalReplay} decodes, in log order. */
public interface RecordHandler {
  void series(long ref, Labels labels);

  void sample(long ref, long t, double v);

  /** Series {@code ref} lost its samples in {@code [minT, maxT]}. */
  void tombstone(long ref, long minT, long maxT);

  /**
   * Called once for each record replay does not decode: exemplars, metadata, histogram samples,
   * unknown codes. Throw to refuse the WAL (replay stops and rethrows); return to skip the record.
   */
  void unhandled(RecordType type, int segment, long offset) throws IOException;
}
