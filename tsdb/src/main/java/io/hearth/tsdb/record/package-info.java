/**
 * What goes inside a WAL record: series, float samples and tombstones, encoded byte for byte as
 * Prometheus encodes them, plus the type codes of the record kinds we do not decode yet.
 *
 * <p>The layouts are drawn in {@code docs/format/wal.md}; the framing that carries records on disk
 * lives in {@code io.hearth.tsdb.wal}.
 */
package io.hearth.tsdb.record;
