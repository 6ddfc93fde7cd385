package io.hearth.tsdb.chunk;

import io.hearth.storage.SampleIterator;
import io.hearth.storage.ValueType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Decodes an XOR chunk (the format is in {@link XorChunk}). Not thread-safe; reusable through the
 * {@code reset} methods, and allocation-free per sample.
 *
 * <p>The iterator reads the bytes it was reset on lazily, so they must not change while it is in
 * use. Off-heap chunks are first copied into a scratch array the iterator owns. Chunks are a few
 * hundred bytes, so the copy cost 0-3% in {@code XorChunkBenchmark}, while a decoder reading the
 * segment directly was 5-10% slower on native segments and about 20% slower on heap ones; one
 * decoder over {@code byte[]} is also simpler.
 *
 * <p>Corrupt input: if the stream ends before the header's sample count, or a value window is
 * impossible, {@link #next()} or {@link #seek(long)} throws {@link CorruptChunkException} naming
 * the sample and byte, and the iterator is exhausted afterwards. Samples before the damage are
 * returned normally. It never reads outside the given bytes and never loops: every sample consumes
 * at least two bits, and the count is at most 65535.
 */
public final class XorIterator implements SampleIterator {
  // The widest sample part readSampleFast decodes from one peek: a 1110 prefix, 20 dod bits, an 11
  // prefix and the 5 + 6 bits of a window.
  private static final int FAST_BITS = 4 + 20 + 2 + 5 + 6;

  private final BitReader in = new BitReader();
  private byte[] scratch = new byte[256];
  private int total;
  private int read;
  private boolean isExhausted;
  private long t;
  private long tDelta;
  private long vBits;
  private int leading;
  private int trailing;

  public XorIterator() {
    reset(new byte[XorAppender.HEADER_BYTES], 0, XorAppender.HEADER_BYTES);
  }

  /**
   * Starts decoding the chunk in {@code buf[off, off + len)}, header included.
   *
   * @throws CorruptChunkException if {@code len} is too short for the header
   */
  public XorIterator reset(byte[] buf, int off, int len) {
    if (len < XorAppender.HEADER_BYTES) {
      throw new CorruptChunkException("XOR chunk needs at least a 2-byte header, got " + len + " bytes");
    }
    total = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
    in.reset(buf, off + XorAppender.HEADER_BYTES, len - XorAppender.HEADER_BYTES);
    read = 0;
    isExhausted = false;
    t = Long.MIN_VALUE;
    tDelta = 0;
    vBits = 0;
    leading = 0;
    trailing = 0;
    return this;
  }

  /**
   * Starts decoding the chunk in {@code seg[off, off + len)}, header included. The bytes are copied
   * into a scratch array that grows to the largest chunk seen, so the segment may be unmapped or
   * reused as soon as this returns.
   */
  public XorIterator reset(MemorySegment seg, long off, int len) {
    if (len > scratch.length) {
      scratch = new byte[Math.max(len, scratch.length << 1)];
    }
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, scratch, 0, len);
    return reset(scratch, 0, len);
  }

  @Override
  public ValueType next() {
    int n = read;
    if (n >= total) {
      isExhausted = true;
      return ValueType.NONE;
    }
    try {
      if (n < 2) {
        readFirstTwo(n);
      } else if (in.ensure(FAST_BITS)) {
        readSampleFast();
      } else {
        readTimestamp();
        readValue();
      }
    } catch (CorruptChunkException e) {
      throw corrupt(e);
    }
    read = n + 1;
    return ValueType.FLOAT;
  }

  /**
   * Decodes a sample from the peeked word while at least FAST_BITS bits are available: that covers
   * the timestamp field unless it is the rare 64-bit one, and the value's prefix and window. Only
   * the value's meaningful bits are read separately. Same result as readTimestamp and readValue,
   * but with one refill check instead of one per field; that halved the time per sample.
   */
  private void readSampleFast() {
    long w = in.peek();
    int ones = Math.min(Long.numberOfLeadingZeros(~w), 4);
    if (ones == 4) {
      in.skip(4);
      tDelta += in.readBits(64);
      t += tDelta;
      readValue();
      return;
    }
    int used = 1;
    if (ones != 0) {
      // The prefix 10, 110 or 1110 announces 14, 17 or 20 bits.
      int width = 11 + 3 * ones;
      long dod = (w << (ones + 1)) >>> (64 - width);
      if (dod > (1L << (width - 1))) {
        dod -= 1L << width; // the encoder's range is shifted by one: see XorAppender.fitsIn
      }
      tDelta += dod;
      used = ones + 1 + width;
    }
    t += tDelta;

    w <<= used;
    if (w >= 0) { // '0': the value repeats
      in.skip(used + 1);
      return;
    }
    if (w << 1 < 0) { // '11': a new window
      int lead = (int) (w >>> 57) & 0x1F;
      int significant = (int) (w >>> 51) & 0x3F;
      in.skip(used + 13);
      setWindow(lead, significant);
    } else { // '10': reuse the window
      in.skip(used + 2);
    }
    vBits ^= in.readBits(64 - leading - trailing) << trailing;
  }

  // The first two samples are rare and byte-aligned; kept apart so next() stays small enough
  // for the JIT to inline it into the caller's loop.
  private void readFirstTwo(int n) {
    if (n == 0) {
      t = in.readVarint();
      vBits = in.readBits(64);
    } else {
      tDelta = in.readUvarint();
      t += tDelta;
      readValue();
    }
  }

  private void readTimestamp() {
    int ones = in.readOnes(4);
    if (ones != 0) {
      // The prefix 10, 110, 1110 or 1111 (1 to 4 ones) announces 14, 17, 20 or 64 bits.
      int n = ones == 4 ? 64 : 11 + 3 * ones;
      long dod = in.readBits(n);
      if (n < 64 && dod > (1L << (n - 1))) {
        dod -= 1L << n; // the encoder's range is shifted by one: see XorAppender.fitsIn
      }
      tDelta += dod;
    }
    t += tDelta;
  }

  private void readValue() {
    int ones = in.readOnes(2);
    if (ones == 0) {
      return; // the value repeats
    }
    if (ones == 2) {
      readWindow();
    }
    // A reused window before any was set is 64 bits wide (both counts are 0). Prometheus writes
    // that when it resumes appending to a chunk whose values never changed, so it is not corrupt.
    vBits ^= in.readBits(64 - leading - trailing) << trailing;
  }

  private void readWindow() {
    int lead = (int) in.readBits(5);
    setWindow(lead, (int) in.readBits(6));
  }

  private void setWindow(int lead, int significant) {
    if (significant == 0) {
      significant = 64;
    }
    if (lead + significant > 64) {
      throw new CorruptChunkException(
          "value window of " + lead + " leading zeros and " + significant + " significant bits exceeds 64 bits");
    }
    leading = lead;
    trailing = 64 - lead - significant;
  }

  private CorruptChunkException corrupt(CorruptChunkException e) {
    int at = read;
    read = total;
    isExhausted = true;
    return new CorruptChunkException("cannot decode sample " + at + " of " + total + ": " + e.getMessage(), e);
  }

  @Override
  public ValueType seek(long t) {
    // Unlike Prometheus's Seek, an exhausted iterator stays exhausted even for an earlier t.
    if (isExhausted) {
      return ValueType.NONE;
    }
    // Before the first sample nothing is current, so at least one step is needed.
    if (read == 0 && next() == ValueType.NONE) {
      return ValueType.NONE;
    }
    while (this.t < t) {
      if (next() == ValueType.NONE) {
        return ValueType.NONE;
      }
    }
    return ValueType.FLOAT;
  }

  @Override
  public long t() {
    return t;
  }

  @Override
  public double v() {
    return Double.longBitsToDouble(vBits);
  }
}
