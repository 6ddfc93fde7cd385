/**
 * Compressed chunks of samples: Prometheus's Gorilla-style XOR encoding, bit for bit.
 *
 * <p>A chunk holds up to a few hundred samples of one series. {@link io.hearth.tsdb.chunk.XorAppender}
 * builds one ({@link io.hearth.tsdb.chunk.XorEncoder} is its encoder, which head series embed by
 * extending it), {@link io.hearth.tsdb.chunk.XorChunk} is the sealed, immutable result and
 * {@link io.hearth.tsdb.chunk.XorIterator} decodes it from heap arrays or off-heap memory.
 */
package io.hearth.tsdb.chunk;
