package io.hearth.tsdb.head;

import io.hearth.tsdb.wal.ReplaySummary;

/**
 * What rebuilding the head from the WAL found.
 *
 * @param wal what was read, and the repair of a damaged tail if one was needed
 * @param unknownRefs samples whose series record was missing (skipped)
 * @param rejected samples not newer than their series' newest one (skipped, as Prometheus does)
 * @param numSeries series in the head afterwards
 * @param millis how long replay took
 */
public record ReplayReport(ReplaySummary wal, long unknownRefs, long rejected, long numSeries, long millis) {
  public boolean isRepaired() {
    return wal.repair().isPresent();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder()
        .append("replayed ").append(wal.records()).append(" WAL records (")
        .append(wal.series()).append(" series, ").append(wal.samples()).append(" samples) in ")
        .append(millis).append(" ms; ").append(numSeries).append(" series in the head");
    if (unknownRefs > 0) {
      sb.append("; ").append(unknownRefs).append(" samples of unknown series skipped");
    }
    if (rejected > 0) {
      sb.append("; ").append(rejected).append(" out-of-order samples skipped");
    }
    wal.repair().ifPresent(r -> sb.append("; repaired a damaged tail: ").append(r));
    return sb.toString();
  }
}
