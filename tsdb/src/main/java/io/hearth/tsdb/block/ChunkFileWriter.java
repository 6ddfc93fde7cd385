package io.hearth.tsdb.block;

import io.hearth.tsdb.chunk.Chunk;
import io.hearth.tsdb.io.ByteArrayBuilder;
import io.hearth.tsdb.io.OutputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes a block's chunk segment files, {@code chunks/000001}, {@code 000002}, ..., as Prometheus
 * does (the format is in {@code docs/format/chunks.md}): an 8-byte header, then chunks back to
 * back, each {@code uvarint len, encoding byte, data, CRC32C(encoding, data)}. A chunk's reference
 * is the segment's index (from 0) in its upper 32 bits and its offset in the lower 32.
 *
 * <p>One series' chunks stay in one segment when they fit, and a segment is cut before it would
 * pass the segment size, with Prometheus's reckoning (5 bytes assumed for every length), so the
 * same chunks land at the same references. Not thread-safe.
 */
public final class ChunkFileWriter implements AutoCloseable {
  public static final int MAGIC = 0x85BD40DD;
  public static final int HEADER_BYTES = 8;
  /** Prometheus's segment size: 512 MiB. */
  public static final long DEFAULT_SEGMENT_SIZE = 512L * 1024 * 1024;
  private static final int MAX_LENGTH_BYTES = 5;

  private final Path dir;
  private final long segmentSize;
  private final ByteArrayBuilder buf = new ByteArrayBuilder(16);
  private final CRC32C crc = new CRC32C();
  private OutputFile tail;
  private int seq = -1;

  /** Writes segments into {@code dir}, which must exist and be empty. */
  public ChunkFileWriter(Path dir, long segmentSize) {
    if (segmentSize <= HEADER_BYTES || segmentSize > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("segment size must be in (8, 2^32 - 1], got " + segmentSize);
    }
    this.dir = dir;
    this.segmentSize = segmentSize;
  }

  /** Writes one series' chunks, in order, and returns their references. */
  public long[] write(List<? extends Chunk> chunks) throws IOException {
    int n = chunks.size();
    long[] refs = new long[n];
    if (n == 0) {
      return refs;
    }
    // Split into batches as Prometheus does: a batch that would overflow the current segment
    // starts a new one, and so does any later batch that would overflow a fresh segment.
    int[] batchEnds = new int[n + 1];
    int batches = 1;
    long batchSize = 0;
    boolean isFirstBatch = true;
    long written = tail == null ? 0 : tail.position();
    for (int i = 0; i < n; i++) {
      long size = MAX_LENGTH_BYTES + 1 + chunks.get(i).bytes().length + 4;
      batchSize += size;
      boolean cut = i != 0 && batchSize + HEADER_BYTES > segmentSize;
      if (isFirstBatch && written > HEADER_BYTES) {
        cut = batchSize + written > segmentSize;
        if (cut) {
          isFirstBatch = false;
        }
      }
      if (cut) {
        batches++;
        batchSize = size;
      }
      batchEnds[batches - 1] = i + 1;
    }
    if (tail == null) {
      cut();
    }
    int start = 0;
    for (int b = 0; b < batches; b++) {
      int end = Math.max(batchEnds[b], start);
      for (int i = start; i < end; i++) {
        refs[i] = writeChunk(chunks.get(i));
      }
      start = end;
      if (b < batches - 1) {
        cut();
      }
    }
    return refs;
  }

  private long writeChunk(Chunk c) throws IOException {
    long off = tail.position();
    byte[] data = c.bytes();
    byte enc = c.encoding().code();
    buf.reset().putUvarint(data.length).putByte(enc);
    tail.write(buf);
    tail.write(data);
    crc.reset();
    crc.update(enc);
    crc.update(data, 0, data.length);
    buf.reset().putBE32((int) crc.getValue());
    tail.write(buf);
    return ((long) seq << 32) | off;
  }

  private void cut() throws IOException {
    finishTail();
    seq++;
    tail = new OutputFile(dir.resolve(segmentName(seq)), 1 << 20);
    buf.reset().putBE32(MAGIC).putByte(1).putByte(0).putByte(0).putByte(0);
    tail.write(buf);
  }

  /** The file name of the segment with index {@code seq}, counting from 0: {@code 000001} for 0. */
  public static String segmentName(int seq) {
    return String.format("%06d", seq + 1);
  }

  private void finishTail() throws IOException {
    if (tail != null) {
      tail.finish();
      tail.close();
      tail = null;
    }
  }

  /** Syncs and closes the last segment. */
  public void finish() throws IOException {
    finishTail();
  }

  @Override
  public void close() throws IOException {
    if (tail != null) {
      tail.close();
      tail = null;
    }
  }
}
