package io.hearth.tsdb.chunk;

import io.hearth.storage.SampleIterator;
import java.util.Arrays;

/**
 * An immutable chunk of float samples in Prometheus's XOR encoding (Gorilla, adapted to
 * millisecond timestamps), byte for byte as Prometheus writes it. Thread-safe.
 *
 * <p>The chunk owns the array given to its constructor, and {@link #bytes()} returns that same
 * array: neither side may modify it afterwards. Build chunks with {@link XorAppender} or
 * {@link #encode}; decode them with {@link XorIterator}.
 *
 * <h2>Format</h2>
 *
 * This is the grammar; <a href="../../../../../../../../docs/format/chunks.md">docs/format/chunks.md</a>
 * (in the repository's {@code docs/format/}) has the box diagrams and a worked example. Bits are
 * written most significant first.
 *
 * <pre>
 * Chunk        --&gt; NumSamples, [Sample0, [Sample1, SampleN*]], Padding
 * NumSamples   --&gt; uint16, big-endian
 * Sample0      --&gt; T0, V0           (byte-aligned)
 * T0           --&gt; signed zig-zag varint
 * V0           --&gt; 64 bits, the float's raw IEEE 754 bits
 * Sample1      --&gt; TDelta1, VXor    (TDelta1 byte-aligned)
 * TDelta1      --&gt; unsigned varint of t1 - t0 (two's complement if negative)
 * SampleN      --&gt; Dod, VXor        (bit-aligned from here on)
 * Dod          --&gt; '0'                        dod == 0
 *                | '10'   Bits14              -(2^13 - 1) &lt;= dod &lt;= 2^13
 *                | '110'  Bits17              -(2^16 - 1) &lt;= dod &lt;= 2^16
 *                | '1110' Bits20              -(2^19 - 1) &lt;= dod &lt;= 2^19
 *                | '1111' Bits64              otherwise
 * VXor         --&gt; '0'                        value bits unchanged
 *                | '10' Meaningful            the xor fits the previous window
 *                | '11' Leading5 Sig6 Meaningful   a new window
 * Padding      --&gt; '0'*  up to the next byte boundary, [Spare]
 * Spare        --&gt; one zero byte, only if the last field is V0 or a Meaningful of 8, 16, ... 64
 *                  bits and it ends on a byte boundary (an artifact of Prometheus's bit writer)
 * </pre>
 *
 * <ul>
 *   <li>{@code dod} is {@code (t[n] - t[n-1]) - (t[n-1] - t[n-2])} in 64-bit wrapping arithmetic.
 *       {@code BitsK} holds its low K bits; a reader takes values above {@code 2^(K-1)} as
 *       {@code value - 2^K}. The ranges are Prometheus's: shifted up by one from two's complement.
 *   <li>{@code xor} is the raw bits of the value XOR those of the previous value. {@code Leading5}
 *       is its count of leading zero bits, capped at 31; {@code Sig6} is {@code 64 - leading -
 *       trailing} with 64 written as 0; {@code Meaningful} is the xor shifted right by the trailing
 *       zeros, in exactly {@code Sig6} bits (or the previous window's width when reused).
 *   <li>A window is reused when the xor has at least as many leading and trailing zeros as the
 *       current window. The first changed value always opens a new window.
 * </ul>
 */
public final class XorChunk implements Chunk {
  private final byte[] bytes;

  /**
   * Wraps encoded chunk bytes, taking ownership of the array.
   *
   * @throws IllegalArgumentException if the array is too short for the header
   */
  public XorChunk(byte[] bytes) {
    if (bytes.length < XorAppender.HEADER_BYTES) {
      throw new IllegalArgumentException("an XOR chunk needs at least its 2-byte header, got " + bytes.length + " bytes");
    }
    this.bytes = bytes;
  }

  /** Encodes the first {@code n} samples of {@code ts} and {@code vs} into a new chunk. */
  public static XorChunk encode(long[] ts, double[] vs, int n) {
    if (n < 0 || n > ts.length || n > vs.length) {
      throw new IllegalArgumentException(
          "n must be in [0, " + Math.min(ts.length, vs.length) + "], got " + n);
    }
    XorAppender app = new XorAppender();
    for (int i = 0; i < n; i++) {
      app.append(ts[i], vs[i]);
    }
    return new XorChunk(app.toByteArray());
  }

  @Override
  public Encoding encoding() {
    return Encoding.XOR;
  }

  @Override
  public int numSamples() {
    return ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
  }

  @Override
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public SampleIterator iterator(SampleIterator reuse) {
    XorIterator it = reuse instanceof XorIterator x ? x : new XorIterator();
    return it.reset(bytes, 0, bytes.length);
  }

  /** Two chunks are equal when their bytes are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof XorChunk other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "XorChunk[" + numSamples() + " samples, " + bytes.length + " bytes]";
  }
}
