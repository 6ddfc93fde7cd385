package io.hearth.storage;

/** Something that can be queried over a time range: the head, a block, the whole database. */
public interface Queryable {
  /** Opens a querier over {@code [minT, maxT]}, inclusive, in milliseconds since the epoch. */
  Querier querier(long minT, long maxT);
}
