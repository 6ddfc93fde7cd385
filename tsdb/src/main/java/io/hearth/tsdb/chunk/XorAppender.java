package io.hearth.tsdb.chunk;

import java.util.Arrays;

/**
 * Builds one XOR chunk sample by sample (the format is in {@link XorChunk}). Not thread-safe.
 *
 * <p>After every {@link #append} returns, {@code buffer()[0, length())} is a complete chunk that
 * decodes to all samples appended so far, so a head can publish a copy of that prefix to readers
 * while it keeps appending. Appending allocates nothing except when the array grows.
 *
 * <p>Timestamps are not checked: like Prometheus, the encoding round-trips any sequence of
 * {@code long}s, even a decreasing one, and ordering is the caller's job. The encoding itself is
 * {@link XorEncoder}'s, which a head series embeds instead of holding one of these.
 */
public final class XorAppender {
  /** The most samples a chunk can hold, as its header count is an unsigned 16-bit number. */
  public static final int MAX_SAMPLES = XorEncoder.MAX_SAMPLES;

  static final int HEADER_BYTES = XorEncoder.HEADER_BYTES;

  private final XorEncoder enc = new XorEncoder();

  /** Creates an appender for an empty chunk. */
  public XorAppender() {
    enc.startChunk();
  }

  /**
   * Starts a new, empty chunk in the same array, so that cutting chunks allocates nothing but
   * the copies taken with {@link #toByteArray()}. The bytes of the previous chunk in
   * {@link #buffer()} are overwritten.
   */
  public void reset() {
    enc.startChunk();
  }

  /**
   * Appends one sample.
   *
   * @throws IllegalStateException if the chunk already holds {@link #MAX_SAMPLES} samples
   */
  public void append(long t, double v) {
    enc.encode(t, v);
  }

  /** See {@link XorEncoder#fitsIn}. */
  static boolean fitsIn(long x, int n) {
    return XorEncoder.fitsIn(x, n);
  }

  public int numSamples() {
    return enc.chunkSamples();
  }

  /**
   * The number of bytes used, header included; sometimes one more than the bits need, as
   * Prometheus's are (see {@link XorEncoder#chunkLength()}).
   */
  public int length() {
    return enc.chunkLength();
  }

  /**
   * The backing array, holding the chunk in {@code [0, length())}. It is replaced when it grows,
   * so fetch it again after each append.
   */
  public byte[] buffer() {
    return enc.chunkBuffer();
  }

  /** Returns a copy of the chunk's bytes, exactly {@link #length()} long. */
  public byte[] toByteArray() {
    return Arrays.copyOf(enc.chunkBuffer(), enc.chunkLength());
  }

  /** The last appended timestamp; undefined while the chunk is empty. */
  public long lastT() {
    return enc.lastT();
  }
}
