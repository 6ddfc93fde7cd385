package io.hearth.tsdb.wal;

import java.util.Optional;

/**
 * What {@link WalReplay#replay} did: counts of what it read, and the repair of a damaged tail if it
 * had to make one.
 */
public record ReplaySummary(
    long records, long series, long samples, long tombstones, long unhandledRecords, Optional<WalRepair> repair) {}
