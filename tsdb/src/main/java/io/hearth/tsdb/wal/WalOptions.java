package io.hearth.tsdb.wal;

/**
 * How a {@link Wal} writes: the size at which it starts a new segment, and whether it compresses
 * records with snappy (records that do not shrink are stored as they are, either way).
 *
 * @param segmentSize a positive multiple of the 32 KiB page size; a record larger than a whole
 *     segment still goes into one segment, which then grows past this size
 */
public record WalOptions(int segmentSize, boolean compress) {
  public static final int DEFAULT_SEGMENT_SIZE = 128 * 1024 * 1024;
  public static final int PAGE_SIZE = Fragment.PAGE_SIZE;

  public WalOptions {
    if (segmentSize <= 0 || segmentSize % PAGE_SIZE != 0) {
      throw new IllegalArgumentException("segment size must be a positive multiple of " + PAGE_SIZE + ", got " + segmentSize);
    }
  }

  /** 128 MiB segments, compression on: what Prometheus does. */
  public static WalOptions defaults() {
    return new WalOptions(DEFAULT_SEGMENT_SIZE, true);
  }

  public WalOptions withSegmentSize(int segmentSize) {
    return new WalOptions(segmentSize, compress);
  }

  public WalOptions withCompress(boolean compress) {
    return new WalOptions(segmentSize, compress);
  }
}
