package io.hearth.tsdb.head;

/**
 * How the head cuts chunks.
 *
 * @param chunkRange the chunk range in milliseconds: no chunk spans a multiple of it (Prometheus
 *     uses the minimum block duration, 2h by default)
 * @param samplesPerChunk the target number of samples per chunk (Prometheus's default is 120)
 */
public record HeadOptions(long chunkRange, int samplesPerChunk) {
  public static final long DEFAULT_CHUNK_RANGE = 2 * 60 * 60 * 1000L;
  public static final int DEFAULT_SAMPLES_PER_CHUNK = 120;

  public HeadOptions {
    if (chunkRange <= 0) {
      throw new IllegalArgumentException("chunk range must be positive, got " + chunkRange);
    }
    if (samplesPerChunk < 4) {
      throw new IllegalArgumentException("samples per chunk must be at least 4, got " + samplesPerChunk);
    }
  }

  public static HeadOptions defaults() {
    return new HeadOptions(DEFAULT_CHUNK_RANGE, DEFAULT_SAMPLES_PER_CHUNK);
  }
}
