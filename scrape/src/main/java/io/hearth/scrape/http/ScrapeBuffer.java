package io.hearth.scrape.http;

import java.util.Arrays;

/**
 * A growable byte buffer that one target's scrapes are written into, reused from scrape to scrape
 * so that a steady target allocates its body buffer once.
 *
 * <p>Not thread-safe: one scrape writes it at a time. The bytes {@code array()[0, length())} are
 * valid until the next scrape into the same buffer; {@link #array()} may return a different array
 * after a scrape that had to grow it.
 */
public final class ScrapeBuffer {
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

  private byte[] array;
  private int length;

  public ScrapeBuffer() {
    this(8192);
  }

  public ScrapeBuffer(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initial capacity must be >= 0, got " + initialCapacity);
    }
    array = new byte[initialCapacity];
  }

  /** The backing array; only {@code [0, length())} holds the body. */
  public byte[] array() {
    return array;
  }

  public int length() {
    return length;
  }

  /** Forgets the content but keeps the capacity. */
  public void reset() {
    length = 0;
  }

  /** Grows the array, if needed, so that at least {@code n} more bytes fit after the content. */
  void ensureFree(int n) {
    long need = (long) length + n;
    if (need <= array.length) {
      return;
    }
    if (need > MAX_CAPACITY) {
      throw new IllegalStateException("scrape body does not fit in a byte array, got " + need);
    }
    long grown = Math.max(need, Math.min((long) array.length * 2, MAX_CAPACITY));
    array = Arrays.copyOf(array, (int) Math.max(grown, 1024));
  }

  /** Free bytes after the content, without growing. */
  int free() {
    return array.length - length;
  }

  void append(byte[] src, int off, int len) {
    ensureFree(len);
    System.arraycopy(src, off, array, length, len);
    length += len;
  }

  /** Marks {@code n} bytes written directly into {@code array()} after the content. */
  void advance(int n) {
    assert n >= 0 && length + n <= array.length;
    length += n;
  }
}
