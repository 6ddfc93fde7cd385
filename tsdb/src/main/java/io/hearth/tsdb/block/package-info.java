/**
 * Persistent blocks in Prometheus's on-disk format: {@link io.hearth.tsdb.block.BlockWriter}
 * writes a block directory (chunk segments, index, meta file, tombstones) atomically, and
 * {@link io.hearth.tsdb.block.Block} opens one through memory mappings and queries it. The layout
 * is described in {@code docs/format/blocks.md}.
 */
package io.hearth.tsdb.block;
