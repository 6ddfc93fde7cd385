package io.hearth.tsdb.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Reads big-endian integers, Go varints and length-prefixed strings from a range of a
 * {@link MappedFile}, moving forward as it goes: the mapped-file counterpart of
 * {@link ByteDecoder}. Reading past the range, or a malformed varint, throws
 * {@link CorruptBlockException} naming the file and the absolute offset. Not thread-safe;
 * reusable through {@link #reset}.
 */
public final class FileDecoder {
  private MappedFile file;
  private MemorySegment seg;
  private long pos;
  private long end;

  public FileDecoder reset(MappedFile file, long off, long end) {
    file.check(off, end - off, "section");
    this.file = file;
    this.seg = file.segment();
    this.pos = off;
    this.end = end;
    return this;
  }

  /** The absolute offset of the next byte to read. */
  public long position() {
    return pos;
  }

  public long remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  private void require(long n, String what) {
    if (end - pos < n) {
      throw new CorruptBlockException(file.path(), pos,
          "cannot read " + what + ": only " + (end - pos) + " bytes left in the section");
    }
  }

  public int getByte() {
    require(1, "byte");
    return seg.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF;
  }

  public int getBE32() {
    require(4, "32-bit integer");
    int v = seg.get(MappedFile.BE_INT, pos);
    pos += 4;
    return v;
  }

  public long getBE64() {
    require(8, "64-bit integer");
    long v = seg.get(MappedFile.BE_LONG, pos);
    pos += 8;
    return v;
  }

  /** Reads an unsigned varint as Go's {@code binary.Uvarint}; values above 2^63 come back negative. */
  public long getUvarint() {
    long at = pos;
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at == end) {
        throw new CorruptBlockException(file.path(), pos, "cannot read varint: the section ends inside it");
      }
      int x = seg.get(ValueLayout.JAVA_BYTE, at++) & 0xFF;
      if (x < 0x80) {
        if (shift == 63 && x > 1) {
          break;
        }
        pos = at;
        return v | ((long) x << shift);
      }
      v |= (long) (x & 0x7F) << shift;
    }
    throw new CorruptBlockException(file.path(), pos, "cannot read varint: overflows 64 bits");
  }

  public long getVarint() {
    long u = getUvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** Reads a uvarint that must lie in {@code [0, max]}, such as a count, length or symbol id. */
  public long getUvarint(long max, String what) {
    long at = pos;
    long v = getUvarint();
    if (v < 0 || v > max) {
      throw new CorruptBlockException(file.path(), at, what + " " + Long.toUnsignedString(v) + " is out of range [0, " + max + "]");
    }
    return v;
  }

  /** Reads a uvarint byte count, then that many bytes as UTF-8. */
  public String getUvarintString() {
    long at = pos;
    int n = (int) getUvarint(Integer.MAX_VALUE, "string length");
    if (end - pos < n) {
      throw new CorruptBlockException(file.path(), at, "string of " + n + " bytes runs past the section end");
    }
    String s;
    if (n == 0) {
      s = "";
    } else {
      byte[] b = new byte[n];
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, b, 0, n);
      s = new String(b, StandardCharsets.UTF_8);
    }
    pos += n;
    return s;
  }

  /** Skips a uvarint-prefixed string without decoding it. */
  public void skipUvarintString() {
    long at = pos;
    long n = getUvarint(Integer.MAX_VALUE, "string length");
    if (end - pos < n) {
      throw new CorruptBlockException(file.path(), at, "string of " + n + " bytes runs past the section end");
    }
    pos += n;
  }

  public void skip(long n) {
    require(n, n + " bytes");
    pos += n;
  }
}
