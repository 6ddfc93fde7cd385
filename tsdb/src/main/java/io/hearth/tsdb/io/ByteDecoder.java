package io.hearth.tsdb.io;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads big-endian integers, Go-compatible varints and length-prefixed strings from a byte range,
 * moving forward as it goes; the reading counterpart of {@link ByteArrayBuilder}.
 *
 * <p>Every read is bounds-checked against the range given to {@link #reset}, and reading past its
 * end, or a malformed varint, throws {@link DecodeException} naming the offset (from the start of
 * the range). Nothing is allocated except the strings returned by {@link #getUvarintString()}.
 * Not thread-safe; reusable through {@link #reset}.
 */
public final class ByteDecoder {
  private byte[] b = new byte[0];
  private int start;
  private int pos;
  private int end;

  public ByteDecoder() {}

  public ByteDecoder(byte[] b, int off, int len) {
    reset(b, off, len);
  }

  /** Starts decoding {@code b[off, off + len)}. */
  public ByteDecoder reset(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    this.b = b;
    this.start = off;
    this.pos = off;
    this.end = off + len;
    return this;
  }

  /** The current read position, counted from the start of the range. */
  public int position() {
    return pos - start;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  private void require(int n, String what) {
    if (end - pos < n) {
      throw new DecodeException(
          position(), "cannot read " + what + " at offset " + position() + ": only " + (end - pos) + " bytes left");
    }
  }

  /** Reads one byte as an unsigned value. */
  public int getByte() {
    require(1, "byte");
    return b[pos++] & 0xFF;
  }

  /** Reads two bytes as an unsigned big-endian value. */
  public int getBE16() {
    require(2, "BE16");
    int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  public int getBE32() {
    require(4, "BE32");
    int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public long getBE64() {
    require(8, "BE64");
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[pos + i] & 0xFF);
    }
    pos += 8;
    return v;
  }

  /** Reads an unsigned LEB128 varint as Go's {@code binary.Uvarint} does; values above 2^63 come back negative. */
  public long getUvarint() {
    int at = pos;
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at == end) {
        throw new DecodeException(
            position(), "cannot read uvarint at offset " + position() + ": input ends after " + (at - pos) + " bytes");
      }
      int x = b[at++] & 0xFF;
      if (x < 0x80) {
        // The tenth byte carries only bit 63; anything more overflows, as Go reports.
        if (shift == 63 && x > 1) {
          break;
        }
        pos = at;
        return v | ((long) x << shift);
      }
      v |= (long) (x & 0x7F) << shift;
    }
    throw new DecodeException(position(), "cannot read uvarint at offset " + position() + ": overflows 64 bits");
  }

  /** Reads a zig-zag varint as Go's {@code binary.Varint} does. */
  public long getVarint() {
    long u = getUvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** Reads a uvarint that must fit a non-negative {@code int}, such as a count or a length. */
  public int getUvarintInt(String what) {
    int at = position();
    long v = getUvarint();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new DecodeException(at, "cannot read " + what + " at offset " + at + ": " + Long.toUnsignedString(v) + " is too large");
    }
    return (int) v;
  }

  /** Reads a uvarint byte count, then that many bytes as UTF-8. */
  public String getUvarintString() {
    int at = position();
    int n = getUvarintInt("string length");
    if (end - pos < n) {
      throw new DecodeException(at, "cannot read string at offset " + at + ": length " + n + " but only " + (end - pos) + " bytes left");
    }
    String s = new String(b, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  public void skip(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot skip a negative count, got " + n);
    }
    if (end - pos < n) {
      // The message is built only here: require(n, n + " bytes") would allocate on every skip.
      require(n, n + " bytes");
    }
    pos += n;
  }
}
