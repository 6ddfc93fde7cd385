package io.hearth.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads a stream of bits, most significant bit first, from a slice of a byte array. Not
 * thread-safe; reusable through {@link #reset(byte[], int, int)}.
 *
 * <p>The reader keeps up to 64 not yet consumed bits in a {@code long} and refills it a whole
 * big-endian word at a time, so a read is a comparison and two shifts, with no call or bounds
 * check per bit. Reading past the end of the slice throws {@link CorruptChunkException}; it never
 * reads outside the slice, whatever the bytes hold.
 */
public final class BitReader {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final byte[] EMPTY = new byte[0];

  private byte[] buf = EMPTY;
  private int start; // offset of the slice, for error messages
  private int pos; // next byte to load into word
  private int end; // end of the slice, exclusive
  // Not yet consumed bits, left-aligned. The bits after the first `valid` ones are either zero or
  // the stream's next bits, so a refill may OR the same bits in again without harm.
  private long word;
  private int valid;

  /** Starts reading {@code len} bytes of {@code buf} from {@code off}. */
  public BitReader reset(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    this.buf = buf;
    this.start = off;
    this.pos = off;
    this.end = off + len;
    this.word = 0;
    this.valid = 0;
    return this;
  }

  /** Reads one bit and returns it as 0 or 1. */
  public int readBit() {
    if (valid == 0) {
      fill(1);
    }
    int bit = (int) (word >>> 63);
    word <<= 1;
    valid--;
    return bit;
  }

  /**
   * Reads {@code n} bits and returns them in the low bits of the result, the other bits zero.
   *
   * @param n between 1 and 64
   */
  public long readBits(int n) {
    assert n >= 1 && n <= 64 : n;
    // Kept tiny so that it inlines into the decoder; refills and wide reads are out of line.
    if (valid < n) {
      return readBitsRefilling(n);
    }
    long bits = word >>> (64 - n);
    // Two shifts, because a single shift by 64 would be a shift by 0 in Java.
    word = (word << (n - 1)) << 1;
    valid -= n;
    return bits;
  }

  private long readBitsRefilling(int n) {
    refill();
    if (valid < n) {
      if (pos >= end) {
        throw truncated(n);
      }
      // Refills leave at least 57 bits unless the stream ends, so a wider read takes two halves.
      long high = readBits(n - 32);
      return (high << 32) | readBits(32);
    }
    return readBits(n);
  }

  /**
   * Reads a unary code: one bits ended by a zero bit, or {@code max} one bits with no zero after
   * them. Returns the number of one bits. The XOR encoding uses it for its control prefixes.
   *
   * @param max between 1 and 56
   */
  public int readOnes(int max) {
    assert max >= 1 && max <= 56 : max;
    if (valid <= max) {
      refill();
    }
    // Bits past the end of the stream are zero, so this never counts them as ones.
    int ones = Math.min(Long.numberOfLeadingZeros(~word), max);
    int n = ones < max ? ones + 1 : ones;
    if (n > valid) {
      throw truncated(n);
    }
    word <<= n;
    valid -= n;
    return ones;
  }

  /**
   * Makes at least {@code n} bits available to {@link #peek()}, refilling if needed. Returns false
   * if the stream ends first; then fewer are available, and the word holds zeros after them.
   *
   * @param n at most 57, what a refill guarantees
   */
  public boolean ensure(int n) {
    assert n >= 0 && n <= 57 : n;
    if (valid < n) {
      refill();
      return valid >= n;
    }
    return true;
  }

  /**
   * Returns the next 64 bits of the stream without consuming them, the next bit as the most
   * significant. Only as many as {@link #ensure(int)} made available are meaningful. Together with
   * {@link #skip(int)} it lets a decoder take several small fields apart with plain shifts.
   */
  public long peek() {
    return word;
  }

  /** Consumes {@code n} bits, which must be available. */
  public void skip(int n) {
    assert n >= 0 && n <= valid : n + " of " + valid;
    word = n == 64 ? 0 : word << n;
    valid -= n;
  }

  /** Reads an unsigned LEB128 varint (Go's {@code binary.ReadUvarint}). */
  public long readUvarint() {
    long x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      long b = readBits(8);
      if (b < 0x80) {
        if (shift == 63 && b > 1) {
          break;
        }
        return x | (b << shift);
      }
      x |= (b & 0x7f) << shift;
    }
    throw new CorruptChunkException("varint overflows 64 bits at byte " + (bytePosition() - 1));
  }

  /** Reads a zig-zag encoded signed varint (Go's {@code binary.ReadVarint}). */
  public long readVarint() {
    long ux = readUvarint();
    return (ux >>> 1) ^ -(ux & 1);
  }

  /** The offset, relative to the slice's start, of the byte holding the next unread bit. */
  public int bytePosition() {
    return ((pos - start) * 8 - valid) >>> 3;
  }

  /** Moves bits from the slice into the word until it holds at least 57 bits or the slice ends. */
  private void refill() {
    if (end - pos >= Long.BYTES) {
      long next = (long) LONG_BE.get(buf, pos);
      word |= next >>> valid; // valid < 64 here, so the shift is exact
      int bytes = (64 - valid) >>> 3;
      pos += bytes;
      valid += bytes << 3;
    } else {
      refillTail();
    }
  }

  // Out of line: it runs only for the last 8 bytes, and keeps refill() small enough to inline.
  private void refillTail() {
    while (valid <= 56 && pos < end) {
      word |= (buf[pos++] & 0xFFL) << (56 - valid);
      valid += 8;
    }
  }

  private void fill(int n) {
    refill();
    if (valid < n) {
      throw truncated(n);
    }
  }

  private CorruptChunkException truncated(int n) {
    return new CorruptChunkException(
        "truncated bit stream: need " + n + " bits at byte " + bytePosition() + " of " + (end - start)
            + ", only " + valid + " left");
  }
}
