package io.hearth.tsdb;

import io.hearth.tsdb.head.HeadOptions;
import io.hearth.tsdb.wal.WalOptions;

/**
 * How a {@link Db} is opened.
 *
 * @param head chunk cutting in the head
 * @param wal WAL segment size and compression
 */
public record DbOptions(HeadOptions head, WalOptions wal) {
  public static DbOptions defaults() {
    return new DbOptions(HeadOptions.defaults(), WalOptions.defaults());
  }
}
