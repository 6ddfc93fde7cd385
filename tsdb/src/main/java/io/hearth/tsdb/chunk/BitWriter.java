package io.hearth.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes a stream of bits, most significant bit first, into a growable byte array. Not thread-safe.
 *
 * <p>Bits collect in a 64-bit accumulator that is stored as one big-endian word whenever it fills,
 * so writing costs a few shifts rather than a loop per bit or per byte. Because whole words are
 * stored, the array always keeps room for one word at the accumulator's position, that is up to 8
 * bytes after {@link #length()}. The array grows, when a word is stored, only as far as that needs,
 * so a writer's slack stays under a word plus the last growth step.
 *
 * <p>The bytes before {@code start} (given to the constructor) are the caller's, for a header; the
 * writer never touches them but keeps them when it grows the array.
 *
 * <p>Not final: {@link XorEncoder} extends it so that a head series holds the bit stream's state in
 * its own fields rather than behind two more objects. The methods are final and package-private so
 * that they are inlined and stay out of the subclasses' API.
 */
class BitWriter {
  private static final byte[] NONE = new byte[0];
  // Prometheus's head cuts an XOR chunk before it passes 1024 bytes; with the word of room that
  // is the array a head series needs at most. Growing by a quarter from 64 bytes would step over
  // it to 1,096 and waste 64 bytes in every series whose chunks reach the cap.
  static final int HEAD_CHUNK_ROOM = 1024 + Long.BYTES;
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buf;
  private long acc; // pending bits, left-aligned: bit 63 is the first pending bit
  private int used; // number of pending bits in acc, 0..63
  private int wordPos; // byte offset in buf where acc will be stored

  /**
   * @param start the byte offset where the bit stream begins; the bytes before it are a header
   * @param initialCapacity the initial array size; grown by a quarter at a time
   */
  BitWriter(int start, int initialCapacity) {
    if (start < 0 || initialCapacity < start + Long.BYTES) {
      throw new IllegalArgumentException(
          "initial capacity must hold the start plus 8 bytes, got start " + start + " and capacity " + initialCapacity);
    }
    this.buf = new byte[initialCapacity];
    this.wordPos = start;
  }

  /** A writer without an array: {@link #reset(int, int)} must give it one before anything is written. */
  BitWriter() {
    this.buf = NONE;
  }

  /**
   * Discards everything written and starts again at {@code start}, keeping the array if it holds
   * the start plus one word and otherwise allocating one of {@code capacity} bytes.
   */
  final void reset(int start, int capacity) {
    if (start < 0 || capacity < start + Long.BYTES) {
      throw new IllegalArgumentException("capacity must hold the start plus 8 bytes, got start " + start + " and capacity " + capacity);
    }
    if (start + Long.BYTES > buf.length) {
      buf = new byte[capacity];
    }
    wordPos = start;
    acc = 0;
    used = 0;
  }

  /**
   * Makes sure {@code bytes} more bytes can be written without growing the array on the way. Only
   * an optimisation: the write methods grow the array themselves when they need to.
   */
  final void ensureCapacity(int bytes) {
    int need = wordPos + Long.BYTES + bytes;
    if (need > buf.length) {
      grow(need);
    }
  }

  /**
   * Grows the array to at least {@code need} bytes, and by a quarter. A head keeps one writer per
   * series for good, so the slack left after growing is memory paid a million times over: a
   * quarter, not the usual doubling, rounded to the 8 bytes the heap allocates in anyway, and a
   * stop at {@link #HEAD_CHUNK_ROOM} on the way, the most a head's XOR chunk ever needs.
   */
  private void grow(int need) {
    int size = buf.length + (buf.length >> 2);
    if (buf.length < HEAD_CHUNK_ROOM && size > HEAD_CHUNK_ROOM) {
      size = HEAD_CHUNK_ROOM;
    }
    buf = Arrays.copyOf(buf, (Math.max(need, size) + 7) & ~7);
  }

  /** Writes one bit: 1 if {@code bit} is true. */
  final void writeBit(boolean bit) {
    writeBits(bit ? 1 : 0, 1);
  }

  /**
   * Writes the low {@code n} bits of {@code bits}, the most significant of them first; the other
   * bits of {@code bits} are ignored.
   *
   * @param n between 1 and 64
   */
  final void writeBits(long bits, int n) {
    assert n >= 1 && n <= 64 : n;
    bits &= -1L >>> (64 - n);
    int free = 64 - used;
    if (n < free) {
      acc |= bits << (free - n);
      used += n;
      return;
    }
    int rest = n - free; // bits that spill into the next word, 0..63
    acc |= bits >>> rest;
    LONG_BE.set(buf, wordPos, acc);
    wordPos += Long.BYTES;
    // Keep room for the next word. Checking here, once per 64 bits written, rather than before
    // every write lets the array end a word after the data instead of a worst-case write after it.
    if (wordPos + Long.BYTES > buf.length) {
      grow(wordPos + Long.BYTES);
    }
    // Two shifts, because a single shift by 64 would be a shift by 0 in Java.
    acc = (bits << (63 - rest)) << 1;
    used = rest;
  }

  /** Writes {@code x} as an unsigned LEB128 varint (Go's {@code PutUvarint}), 1 to 10 bytes. */
  final void writeUvarint(long x) {
    while (Long.compareUnsigned(x, 0x80) >= 0) {
      writeBits((x & 0x7f) | 0x80, 8);
      x >>>= 7;
    }
    writeBits(x, 8);
  }

  /** Writes {@code x} zig-zag encoded as an unsigned varint (Go's {@code PutVarint}). */
  final void writeVarint(long x) {
    writeUvarint((x << 1) ^ (x >> 63));
  }

  /**
   * Stores the pending bits so that {@code buffer()[0, length())} holds everything written so far,
   * with the unused low bits of the last byte zero. Writing may continue afterwards.
   */
  final void flush() {
    LONG_BE.set(buf, wordPos, acc);
  }

  /** The number of bytes written so far, counting the header and a partly written last byte. */
  final int length() {
    return wordPos + ((used + 7) >>> 3);
  }

  /** Whether the bits written so far end on a byte boundary. */
  final boolean isByteAligned() {
    return (used & 7) == 0;
  }

  /** The backing array; replaced when the writer grows, so do not hold on to it across writes. */
  final byte[] buffer() {
    return buf;
  }
}
