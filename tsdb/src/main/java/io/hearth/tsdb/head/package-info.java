/**
 * The head: the in-memory block that takes every new sample. Series live in a lock-striped
 * {@link io.hearth.tsdb.head.SeriesTable}; each keeps one open XOR chunk on the heap and its closed
 * chunks off-heap in a {@link io.hearth.tsdb.head.ChunkArena}, so chunk bytes stay out of the
 * garbage collector's way. Appends are transactions logged to the WAL before they become visible.
 */
package io.hearth.tsdb.head;
