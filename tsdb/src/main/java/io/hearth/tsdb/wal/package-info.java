/**
 * The write-ahead log, byte-compatible with Prometheus's {@code wlog}: numbered segment files of
 * 32 KiB pages carrying records as checksummed, optionally snappy-compressed fragments.
 *
 * <p>{@link io.hearth.tsdb.wal.Wal} writes, {@link io.hearth.tsdb.wal.WalReader} reads and
 * {@link io.hearth.tsdb.wal.Wal#repair} cuts a damaged tail. These know nothing of what records
 * contain; {@link io.hearth.tsdb.wal.WalReplay} is the one bridge to {@code io.hearth.tsdb.record}.
 * The format is drawn in {@code docs/format/wal.md}.
 */
package io.hearth.tsdb.wal;
