package io.hearth.tsdb.head;

/**
 * A point-in-time view of the head's counters.
 *
 * @param numSeries series in the head
 * @param samplesAppended samples committed since start (replayed ones included)
 * @param outOfOrder samples rejected as older than their series' newest sample
 * @param duplicates samples rejected for repeating their series' newest timestamp with another value
 * @param closedChunkBytes bytes of closed chunks held off-heap
 * @param closedChunkReserved off-heap bytes reserved for closed chunks
 * @param samplesReplayed the part of {@code samplesAppended} replayed from the WAL at start-up;
 *     Prometheus's {@code prometheus_tsdb_head_samples_appended_total} counts only the rest
 * @param chunksCreated chunks the series started, open ones included; the head removes none yet,
 *     so this is also the number of chunks it holds
 * @param activeAppenders transactions handed out and not yet committed or rolled back
 * @param appendersCreated transactions handed out since start
 */
public record HeadStats(
    long numSeries,
    long samplesAppended,
    long outOfOrder,
    long duplicates,
    long closedChunkBytes,
    long closedChunkReserved,
    long samplesReplayed,
    long chunksCreated,
    long activeAppenders,
    long appendersCreated) {
  /** Samples appended by commits since start: what Prometheus's appended-samples counter counts. */
  public long samplesCommitted() {
    return samplesAppended - samplesReplayed;
  }
}
