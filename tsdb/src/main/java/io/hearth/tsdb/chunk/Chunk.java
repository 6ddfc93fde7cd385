package io.hearth.tsdb.chunk;

import io.hearth.storage.SampleIterator;

/**
 * An immutable, encoded run of samples of one series. Thread-safe: several readers may iterate one
 * chunk at the same time, each with its own iterator.
 */
public sealed interface Chunk permits XorChunk {
  Encoding encoding();

  /** The number of samples, read from the chunk's header. */
  int numSamples();

  /**
   * The encoded bytes, exactly as Prometheus writes them (header included, no slack). The array is
   * shared, not copied: callers must not modify it.
   */
  byte[] bytes();

  /**
   * Returns an iterator positioned before the first sample. If {@code reuse} is an iterator of the
   * right kind it is reset and returned, so a loop over many chunks allocates nothing; otherwise a
   * new one is created. The caller must not use {@code reuse} through any other reference afterwards.
   */
  SampleIterator iterator(SampleIterator reuse);
}
