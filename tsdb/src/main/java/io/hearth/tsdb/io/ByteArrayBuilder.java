package io.hearth.tsdb.io;

import java.util.Arrays;

/**
 * A growable byte buffer for encoding: big-endian integers, Go-compatible varints and
 * length-prefixed UTF-8 strings, appended at the end.
 *
 * <p>The array only grows, so after {@link #reset()} a builder that has reached its working size
 * encodes without allocating. Not thread-safe. {@link #array()} and {@link #slice()} expose the
 * internal array, which is valid until the next put or reset.
 */
public final class ByteArrayBuilder {
  /** The most bytes a 64-bit varint takes. */
  public static final int MAX_VARINT_LEN = 10;

  private byte[] buf;
  private int len;
  private final ByteSlice slice;

  public ByteArrayBuilder() {
    this(256);
  }

  public ByteArrayBuilder(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initial capacity must not be negative, got " + initialCapacity);
    }
    buf = new byte[initialCapacity];
    slice = ByteSlice.of(buf, 0, 0);
  }

  /** Forgets the content but keeps the array. */
  public ByteArrayBuilder reset() {
    len = 0;
    return this;
  }

  /** The number of bytes written since the last reset. */
  public int length() {
    return len;
  }

  /** The internal array; bytes {@code [0, length())} are the content. */
  public byte[] array() {
    return buf;
  }

  /** This builder's view of its content; see {@link ByteSlice} for how long it stays valid. */
  public ByteSlice slice() {
    slice.set(buf, 0, len);
    return slice;
  }

  /** A copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Makes room for {@code n} more bytes. */
  public void ensureCapacity(int n) {
    long need = (long) len + n;
    if (need > buf.length) {
      if (need > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("cannot grow buffer beyond 2 GiB, need " + need + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * buf.length)));
    }
  }

  public ByteArrayBuilder putByte(int b) {
    ensureCapacity(1);
    buf[len++] = (byte) b;
    return this;
  }

  public ByteArrayBuilder putBytes(byte[] src, int off, int n) {
    ensureCapacity(n);
    System.arraycopy(src, off, buf, len, n);
    len += n;
    return this;
  }

  public ByteArrayBuilder putBE16(int v) {
    ensureCapacity(2);
    buf[len] = (byte) (v >>> 8);
    buf[len + 1] = (byte) v;
    len += 2;
    return this;
  }

  public ByteArrayBuilder putBE32(int v) {
    ensureCapacity(4);
    writeBE32(buf, len, v);
    len += 4;
    return this;
  }

  public ByteArrayBuilder putBE64(long v) {
    ensureCapacity(8);
    for (int i = 0; i < 8; i++) {
      buf[len + i] = (byte) (v >>> (56 - 8 * i));
    }
    len += 8;
    return this;
  }

  /** Overwrites the four bytes at {@code at}, e.g. a length or checksum known only afterwards. */
  public ByteArrayBuilder setBE32(int at, int v) {
    if (at < 0 || at > len - 4) {
      throw new IndexOutOfBoundsException("cannot set 4 bytes at " + at + ": length is " + len);
    }
    writeBE32(buf, at, v);
    return this;
  }

  private static void writeBE32(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** Appends {@code v}, read as unsigned, in Go's {@code binary.PutUvarint} form (LEB128). */
  public ByteArrayBuilder putUvarint(long v) {
    ensureCapacity(MAX_VARINT_LEN);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
    return this;
  }

  /** Appends {@code v} zig-zag encoded, as Go's {@code binary.PutVarint} does. */
  public ByteArrayBuilder putVarint(long v) {
    return putUvarint((v << 1) ^ (v >> 63));
  }

  /**
   * Appends the UTF-8 bytes of {@code s} after their count as a uvarint. Unpaired surrogates become
   * {@code '?'}, as in {@code String.getBytes(UTF_8)}; unlike that, no array is allocated.
   */
  public ByteArrayBuilder putUvarintString(String s) {
    int n = Utf8.encodedLength(s);
    putUvarint(n);
    ensureCapacity(n);
    len = Utf8.encode(s, buf, len);
    return this;
  }
}
