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
 */
public record HeadStats(
    long numSeries,
    long samplesAppended,
    long outOfOrder,
    long duplicates,
    long closedChunkBytes,
    long closedChunkReserved) {}
