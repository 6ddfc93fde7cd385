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
 * {@code long}s, even a decreasing one, and ordering is the caller's job.
 */
public final class XorAppender {
  /** The most samples a chunk can hold, as its header count is an unsigned 16-bit number. */
  public static final int MAX_SAMPLES = 0xFFFF;

  static final int HEADER_BYTES = 2;
  // Room one append may need: at most 145 bits (a 10-byte varint and 64 value bits, or a 68-bit
  // timestamp field and a 77-bit value field), which together with the up to 63 bits pending in
  // the writer's accumulator fill at most three 8-byte words.
  private static final int MAX_SAMPLE_BYTES = 24;
  // Enough for a chunk of 120 unchanging samples, the most common kind; others grow as they need.
  private static final int INITIAL_CAPACITY = 64;
  // "No window yet": larger than any real leading-zero count (at most 31), so the first changed
  // value always writes a new window. Prometheus uses the same 0xff sentinel.
  private static final int NO_WINDOW = 0xFF;

  private final BitWriter out = new BitWriter(HEADER_BYTES, INITIAL_CAPACITY);
  private int numSamples;
  private long t;
  private long tDelta;
  private long vBits;
  private int leading = NO_WINDOW;
  private int trailing;
  // Whether Prometheus's writer would end this sample's last field with a whole-byte write: see
  // length().
  private boolean isLastFieldWholeBytes;

  /** Creates an appender for an empty chunk. */
  public XorAppender() {
    out.flush(); // the header (zero samples) is already in place: a new array is zeroed
  }

  /**
   * Starts a new, empty chunk in the same array, so that cutting chunks allocates nothing but
   * the copies taken with {@link #toByteArray()}. The bytes of the previous chunk in
   * {@link #buffer()} are overwritten.
   */
  public void reset() {
    out.reset(HEADER_BYTES);
    byte[] buf = out.buffer();
    buf[0] = 0;
    buf[1] = 0;
    out.flush();
    numSamples = 0;
    t = 0;
    tDelta = 0;
    vBits = 0;
    leading = NO_WINDOW;
    trailing = 0;
    isLastFieldWholeBytes = false;
  }

  /**
   * Appends one sample.
   *
   * @throws IllegalStateException if the chunk already holds {@link #MAX_SAMPLES} samples
   */
  public void append(long t, double v) {
    if (numSamples == MAX_SAMPLES) {
      throw new IllegalStateException("an XOR chunk holds at most " + MAX_SAMPLES + " samples, got one more");
    }
    out.ensureCapacity(MAX_SAMPLE_BYTES);
    long bits = Double.doubleToRawLongBits(v);
    if (numSamples == 0) {
      out.writeVarint(t);
      out.writeBits(bits, 64);
      isLastFieldWholeBytes = true;
    } else if (numSamples == 1) {
      tDelta = t - this.t;
      out.writeUvarint(tDelta);
      writeValue(bits);
    } else {
      long delta = t - this.t;
      writeDeltaOfDelta(delta - tDelta);
      tDelta = delta;
      writeValue(bits);
    }
    this.t = t;
    this.vBits = bits;
    numSamples++;
    byte[] buf = out.buffer();
    buf[0] = (byte) (numSamples >>> 8);
    buf[1] = (byte) numSamples;
    out.flush();
  }

  private void writeDeltaOfDelta(long dod) {
    // Each bucket's prefix and width are combined into one write: the prefix sits above the value.
    if (dod == 0) {
      out.writeBits(0b0, 1);
    } else if (fitsIn(dod, 14)) {
      out.writeBits((0b10L << 14) | (dod & 0x3FFF), 2 + 14);
    } else if (fitsIn(dod, 17)) {
      out.writeBits((0b110L << 17) | (dod & 0x1FFFF), 3 + 17);
    } else if (fitsIn(dod, 20)) {
      out.writeBits((0b1110L << 20) | (dod & 0xFFFFF), 4 + 20);
    } else {
      out.writeBits(0b1111, 4);
      out.writeBits(dod, 64);
    }
  }

  /**
   * Whether {@code x} lies in {@code [-(2^(n-1) - 1), 2^(n-1)]}. This is Prometheus's range, not
   * two's complement's: it is shifted up by one, and the decoder undoes it by reading values above
   * {@code 2^(n-1)} as negative.
   */
  static boolean fitsIn(long x, int n) {
    long half = 1L << (n - 1);
    return x >= -(half - 1) && x <= half;
  }

  private void writeValue(long bits) {
    long xor = bits ^ vBits;
    if (xor == 0) {
      out.writeBits(0b0, 1);
      isLastFieldWholeBytes = false;
      return;
    }
    // At most 31, so that it fits the 5-bit field; the window then has a few spare bits.
    int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
    int trail = Long.numberOfTrailingZeros(xor);
    if (lead >= leading && trail >= trailing) {
      // The changed bits fit in the previous window: reuse it without repeating its size.
      int significant = 64 - leading - trailing;
      out.writeBits(0b10, 2);
      out.writeBits(xor >>> trailing, significant);
      isLastFieldWholeBytes = (significant & 7) == 0;
    } else {
      leading = lead;
      trailing = trail;
      int significant = 64 - lead - trail;
      // 64 significant bits do not fit in 6; they are written as 0, which is never needed
      // otherwise because an unchanged value takes the single-bit path above.
      out.writeBits((0b11L << 11) | ((long) lead << 6) | (significant & 0x3F), 2 + 5 + 6);
      out.writeBits(xor >>> trail, significant);
      isLastFieldWholeBytes = (significant & 7) == 0;
    }
  }

  public int numSamples() {
    return numSamples;
  }

  /**
   * The number of bytes used, header included.
   *
   * <p>This is sometimes one more than the bits need. Prometheus's bit stream writes a field whose
   * width is a multiple of 8 as whole bytes, and writing a byte at a byte boundary leaves an empty
   * byte after it for the next bits. So when the chunk's last field is such a field (the first
   * value, or 8, 16, ... 64 meaningful bits) and it ends on a byte boundary, the chunk carries one
   * extra zero byte. It is reproduced here so that the bytes match Prometheus's exactly.
   */
  public int length() {
    return out.length() + (isLastFieldWholeBytes && out.isByteAligned() ? 1 : 0);
  }

  /**
   * The backing array, holding the chunk in {@code [0, length())}. It is replaced when it grows,
   * so fetch it again after each append.
   */
  public byte[] buffer() {
    return out.buffer();
  }

  /** Returns a copy of the chunk's bytes, exactly {@link #length()} long. */
  public byte[] toByteArray() {
    return Arrays.copyOf(out.buffer(), length());
  }

  /** The last appended timestamp; undefined while the chunk is empty. */
  public long lastT() {
    return t;
  }
}
