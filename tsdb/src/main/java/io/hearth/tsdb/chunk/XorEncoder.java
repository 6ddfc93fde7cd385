package io.hearth.tsdb.chunk;

/**
 * The XOR chunk encoder (the format is in {@link XorChunk}) as state a subclass carries in its own
 * fields. A head series extends it, so that appending a sample touches the series object and its
 * byte array and nothing else: no encoder or bit writer objects to chase, and two object headers
 * and pointers less per series. {@link XorAppender} is the stand-alone form for everyone else.
 *
 * <p>After every {@link #encode} returns, {@code chunkBuffer()[0, chunkLength())} is a complete
 * chunk that decodes to all samples encoded since {@link #startChunk()}. Encoding allocates nothing
 * except when the array grows; the array is kept across chunks. Timestamps are not checked: like
 * Prometheus, the encoding round-trips any sequence of {@code long}s, and ordering is the caller's
 * job. Not thread-safe.
 */
public class XorEncoder extends BitWriter {
  /** The most samples a chunk can hold, as its header count is an unsigned 16-bit number. */
  public static final int MAX_SAMPLES = 0xFFFF;

  static final int HEADER_BYTES = 2;
  // Enough for a chunk of 120 unchanging samples (about 50 bytes and a word of room), the most
  // common kind; others grow as they need.
  private static final int INITIAL_CAPACITY = 64;
  // "No window yet": larger than any real leading-zero count (at most 31), so the first changed
  // value always writes a new window, as Prometheus's 0xff sentinel does; 64 fits in a byte.
  private static final byte NO_WINDOW = 64;

  private int numSamples;
  private long t;
  private long tDelta;
  private long vBits;
  // Bytes, not ints: with them the head's MemSeries, which extends this, packs into 8 bytes less.
  private byte leading = NO_WINDOW;
  private byte trailing;
  // Whether Prometheus's writer would end this sample's last field with a whole-byte write: see
  // chunkLength().
  private boolean isLastFieldWholeBytes;

  /** An encoder without a chunk or an array yet: call {@link #startChunk()} first. */
  protected XorEncoder() {}

  /**
   * Starts a new, empty chunk, in the array of the previous one if there was one, so that cutting
   * chunks allocates nothing. The previous chunk's bytes are overwritten; {@link #lastT()} and
   * {@link #lastValueBits()} still describe the last sample encoded until the next one is.
   */
  protected final void startChunk() {
    reset(HEADER_BYTES, INITIAL_CAPACITY);
    byte[] buf = buffer();
    buf[0] = 0;
    buf[1] = 0;
    flush();
    numSamples = 0;
    leading = NO_WINDOW;
    trailing = 0;
    isLastFieldWholeBytes = false;
  }

  /**
   * Appends one sample to the chunk.
   *
   * @throws IllegalStateException if the chunk already holds {@link #MAX_SAMPLES} samples
   */
  protected final void encode(long t, double v) {
    int n = numSamples;
    if (n == MAX_SAMPLES) {
      throw new IllegalStateException("an XOR chunk holds at most " + MAX_SAMPLES + " samples, got one more");
    }
    long bits = Double.doubleToRawLongBits(v);
    if (n == 0) {
      writeVarint(t);
      writeBits(bits, 64);
      isLastFieldWholeBytes = true;
    } else if (n == 1) {
      tDelta = t - this.t;
      writeUvarint(tDelta);
      writeValue(bits);
    } else {
      long delta = t - this.t;
      writeDeltaOfDelta(delta - tDelta);
      tDelta = delta;
      writeValue(bits);
    }
    this.t = t;
    this.vBits = bits;
    numSamples = ++n;
    byte[] buf = buffer();
    buf[0] = (byte) (n >>> 8);
    buf[1] = (byte) n;
    flush();
  }

  private void writeDeltaOfDelta(long dod) {
    // Each bucket's prefix and width are combined into one write: the prefix sits above the value.
    if (dod == 0) {
      writeBits(0b0, 1);
    } else if (fitsIn(dod, 14)) {
      writeBits((0b10L << 14) | (dod & 0x3FFF), 2 + 14);
    } else if (fitsIn(dod, 17)) {
      writeBits((0b110L << 17) | (dod & 0x1FFFF), 3 + 17);
    } else if (fitsIn(dod, 20)) {
      writeBits((0b1110L << 20) | (dod & 0xFFFFF), 4 + 20);
    } else {
      writeBits(0b1111, 4);
      writeBits(dod, 64);
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
      writeBits(0b0, 1);
      isLastFieldWholeBytes = false;
      return;
    }
    // At most 31, so that it fits the 5-bit field; the window then has a few spare bits.
    int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
    int trail = Long.numberOfTrailingZeros(xor);
    if (lead >= leading && trail >= trailing) {
      // The changed bits fit in the previous window: reuse it without repeating its size.
      int significant = 64 - leading - trailing;
      writeBits(0b10, 2);
      writeBits(xor >>> trailing, significant);
      isLastFieldWholeBytes = (significant & 7) == 0;
    } else {
      leading = (byte) lead;
      trailing = (byte) trail;
      int significant = 64 - lead - trail;
      // 64 significant bits do not fit in 6; they are written as 0, which is never needed
      // otherwise because an unchanged value takes the single-bit path above.
      writeBits((0b11L << 11) | ((long) lead << 6) | (significant & 0x3F), 2 + 5 + 6);
      writeBits(xor >>> trail, significant);
      isLastFieldWholeBytes = (significant & 7) == 0;
    }
  }

  /** Samples in the chunk. */
  protected final int chunkSamples() {
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
  protected final int chunkLength() {
    return length() + (isLastFieldWholeBytes && isByteAligned() ? 1 : 0);
  }

  /**
   * The backing array, holding the chunk in {@code [0, chunkLength())}. It is replaced when it
   * grows, so fetch it again after each {@link #encode}.
   */
  protected final byte[] chunkBuffer() {
    return buffer();
  }

  /** The last encoded timestamp; undefined before the first sample. */
  protected final long lastT() {
    return t;
  }

  /** The raw bits of the last encoded value; undefined before the first sample. */
  protected final long lastValueBits() {
    return vBits;
  }
}
