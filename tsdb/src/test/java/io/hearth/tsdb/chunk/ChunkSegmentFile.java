package io.hearth.tsdb.chunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A minimal reader of a block's chunk segment file ({@code chunks/000001}), for tests: it checks
 * the header and every checksum, and fails with the file and offset on anything unexpected. The
 * format is in {@code docs/format/chunks.md}.
 */
public final class ChunkSegmentFile {
  static final int MAGIC = 0x85BD40DD;
  static final int HEADER_BYTES = 8;

  /** One chunk as stored: where it starts, its encoding and its data. */
  public static final class StoredChunk {
    public final long offset;
    public final Encoding encoding;
    public final byte[] data;

    StoredChunk(long offset, Encoding encoding, byte[] data) {
      this.offset = offset;
      this.encoding = encoding;
      this.data = data;
    }
  }

  private ChunkSegmentFile() {}

  public static List<StoredChunk> read(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    if (b.length < HEADER_BYTES) {
      throw new IOException(file + ": " + b.length + " bytes is too short for the segment header");
    }
    int magic = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    if (magic != MAGIC) {
      throw new IOException(file + " at 0: magic mismatch: expected 85bd40dd, actual " + Integer.toHexString(magic));
    }
    if (b[4] != 1) {
      throw new IOException(file + " at 4: unsupported version " + b[4] + ", expected 1");
    }
    if (b[5] != 0 || b[6] != 0 || b[7] != 0) {
      throw new IOException(file + " at 5: padding is not zero");
    }
    List<StoredChunk> chunks = new ArrayList<>();
    int pos = HEADER_BYTES;
    while (pos < b.length) {
      int start = pos;
      long len = 0;
      for (int shift = 0; ; shift += 7) {
        if (pos >= b.length || shift > 28) {
          throw new IOException(file + " at " + start + ": bad chunk length varint");
        }
        int x = b[pos++] & 0xFF;
        len |= (long) (x & 0x7F) << shift;
        if (x < 0x80) {
          break;
        }
      }
      if (pos + 1 + len + 4 > b.length) {
        throw new IOException(file + " at " + start + ": chunk of " + len + " bytes runs past the end at " + b.length);
      }
      int encodingAt = pos;
      Encoding encoding = Encoding.fromCode(b[pos++] & 0xFF);
      byte[] data = new byte[(int) len];
      System.arraycopy(b, pos, data, 0, data.length);
      pos += data.length;
      CRC32C crc = new CRC32C();
      crc.update(b, encodingAt, 1 + data.length);
      long stored = ((b[pos] & 0xFFL) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
      if (crc.getValue() != stored) {
        throw new IOException(file + " at " + start + ": checksum mismatch: expected "
            + Long.toHexString(stored) + ", actual " + Long.toHexString(crc.getValue()));
      }
      pos += 4;
      chunks.add(new StoredChunk(start, encoding, data));
    }
    return chunks;
  }
}
