package io.hearth.tsdb.wal;

import static io.hearth.tsdb.wal.Fragment.FIRST;
import static io.hearth.tsdb.wal.Fragment.FULL;
import static io.hearth.tsdb.wal.Fragment.HEADER_SIZE;
import static io.hearth.tsdb.wal.Fragment.KIND_MASK;
import static io.hearth.tsdb.wal.Fragment.LAST;
import static io.hearth.tsdb.wal.Fragment.MIDDLE;
import static io.hearth.tsdb.wal.Fragment.PAGE_SIZE;
import static io.hearth.tsdb.wal.Fragment.SNAPPY;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * Reads every record of every segment in a WAL directory, oldest first, in the format of {@link
 * Wal} and Prometheus (see {@code docs/format/wal.md}); compressed and uncompressed records may be
 * mixed.
 *
 * <p>The segments are those present at {@link #open}. A segment may end inside a page (the rest of
 * the page counts as padding), but not inside a record. Anything that is not a valid continuation
 * of the log throws {@link CorruptWalException} at the end of the last good record. Non-zero flag
 * bits other than snappy's (zstd, from Prometheus 3.x) throw a plain {@link IOException}: those are
 * valid records this reader cannot decompress, which must not be repaired away.
 *
 * <p>Not thread-safe. {@link #record()} is a reused buffer, valid until the next {@link #next()}.
 */
public final class WalReader implements Closeable {
  private final Path dir;
  private final int[] segments;
  private final CRC32C crc = new CRC32C();
  private final byte[] page = new byte[PAGE_SIZE];
  private final ByteBuffer pageBuffer = ByteBuffer.wrap(page);

  private int segmentIndex = -1; // into segments
  private FileChannel channel;
  private long pageStart; // file offset of page[0]
  private int pageLength; // valid bytes in page; less than PAGE_SIZE only at the end of the file
  private int pagePos;
  private long lastGoodEnd; // where the last complete record of this segment ends

  private byte[] fragments = new byte[PAGE_SIZE]; // the record's fragment data, concatenated
  private int fragmentsLength;
  private byte[] uncompressed = new byte[PAGE_SIZE];
  private byte[] record = fragments;
  private int recordLength;
  private boolean isCompressed;
  private long recordOffset;
  private boolean closed;

  private WalReader(Path dir, int[] segments) {
    this.dir = dir;
    this.segments = segments;
  }

  public static WalReader open(Path dir) throws IOException {
    return new WalReader(dir, SegmentFiles.list(dir));
  }

  /**
   * Moves to the next record.
   *
   * @return false at the clean end of the log, and on every call after that
   * @throws CorruptWalException if the log is damaged before the next record is complete; the
   *     reader cannot go on after it
   */
  public boolean next() throws IOException {
    if (closed) {
      throw new IllegalStateException("cannot read: WAL reader for " + dir + " is closed");
    }
    fragmentsLength = 0;
    int count = 0; // fragments of this record so far
    int recordFlags = 0;
    while (true) {
      if (pagePos >= pageLength && readPage() == false) {
        if (count > 0) {
          throw corrupt("the segment ends inside the record that starts at offset " + recordOffset + " (torn last write)");
        }
        if (nextSegment() == false) {
          return false;
        }
        continue;
      }
      int at = pagePos;
      long fileAt = pageStart + at;
      int type = page[at] & 0xFF;
      if (type == 0) {
        checkPadding(at + 1);
        pagePos = pageLength;
        continue;
      }
      boolean isEndOfFile = pageLength < PAGE_SIZE;
      if (pageLength - at < HEADER_SIZE) {
        throw corrupt(
            isEndOfFile
                ? "fragment header at offset " + fileAt + " is cut off after " + (pageLength - at) + " bytes (torn write)"
                : "fragment header at offset " + fileAt + " crosses the page boundary");
      }
      int kind = type & KIND_MASK;
      if (kind > LAST || kind == 0) {
        throw corrupt("invalid fragment type 0x" + Integer.toHexString(type) + " at offset " + fileAt);
      }
      int length = ((page[at + 1] & 0xFF) << 8) | (page[at + 2] & 0xFF);
      int want = ((page[at + 3] & 0xFF) << 24) | ((page[at + 4] & 0xFF) << 16) | ((page[at + 5] & 0xFF) << 8) | (page[at + 6] & 0xFF);
      int data = at + HEADER_SIZE;
      if (data + length > pageLength) {
        throw corrupt(
            isEndOfFile && data + length <= PAGE_SIZE
                ? "fragment at offset " + fileAt + " is cut off: it has " + length + " data bytes but the segment ends after "
                    + (pageLength - data) + " (torn write)"
                : "fragment at offset " + fileAt + " has " + length + " data bytes, more than the rest of its page");
      }
      crc.reset();
      crc.update(page, data, length);
      int actual = (int) crc.getValue();
      if (actual != want) {
        throw corrupt("checksum mismatch in fragment at offset " + fileAt + ": expected " + hex(want) + ", actual " + hex(actual));
      }
      if (count == 0 && (kind == MIDDLE || kind == LAST)) {
        throw corrupt("unexpected " + Fragment.kindName(kind) + " fragment at offset " + fileAt + ": no record is open");
      }
      if (count > 0 && (kind == FULL || kind == FIRST)) {
        throw corrupt(
            "unexpected " + Fragment.kindName(kind) + " fragment at offset " + fileAt + ": the record that starts at offset "
                + recordOffset + " has not ended");
      }
      int flags = type & ~KIND_MASK;
      if ((flags & ~SNAPPY) != 0) {
        throw new IOException(
            "cannot read WAL segment " + file() + ": fragment at offset " + fileAt + " has flags 0x" + Integer.toHexString(flags)
                + "; only snappy compression is supported");
      }
      if (count == 0) {
        recordOffset = fileAt;
        recordFlags = flags;
      } else if (flags != recordFlags) {
        throw corrupt("compression flag changes inside the record that starts at offset " + recordOffset);
      }
      append(data, length);
      count++;
      pagePos = data + length;
      if (kind == FULL || kind == LAST) {
        finishRecord(recordFlags == SNAPPY);
        lastGoodEnd = pageStart + pagePos;
        return true;
      }
    }
  }

  /** The current record's bytes, from offset 0; a reused buffer, valid until the next {@link #next()}. */
  public byte[] record() {
    return record;
  }

  public int recordLength() {
    return recordLength;
  }

  /** Whether the current record was stored snappy-compressed. */
  public boolean isCompressed() {
    return isCompressed;
  }

  /** The number of the segment holding the current record. */
  public int segment() {
    if (segmentIndex < 0 || segments.length == 0) {
      return -1;
    }
    return segments[Math.min(segmentIndex, segments.length - 1)];
  }

  /** Where the current record's first fragment starts in its segment. */
  public long offset() {
    return recordOffset;
  }

  /** Where the current record's last fragment ends in its segment. */
  public long endOffset() {
    return lastGoodEnd;
  }

  /** The segment file holding the current record. */
  public Path file() {
    return SegmentFiles.path(dir, segment());
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** Reads the next page of the current segment; false when there is none (or no segment is open). */
  private boolean readPage() throws IOException {
    if (channel == null) {
      return false;
    }
    pageStart += pageLength;
    pageBuffer.clear();
    while (pageBuffer.hasRemaining() && channel.read(pageBuffer) >= 0) {
      // A file read returns less than asked only at its end; loop to be sure of it.
    }
    pageLength = pageBuffer.position();
    pagePos = 0;
    return pageLength > 0;
  }

  private boolean nextSegment() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
    if (segmentIndex + 1 >= segments.length) {
      segmentIndex = segments.length;
      return false;
    }
    segmentIndex++;
    channel = FileChannel.open(file(), StandardOpenOption.READ);
    pageStart = 0;
    pageLength = 0;
    pagePos = 0;
    lastGoodEnd = 0;
    return true;
  }

  private void checkPadding(int from) throws CorruptWalException {
    for (int i = from; i < pageLength; i++) {
      if (page[i] != 0) {
        throw corrupt("non-zero byte 0x" + Integer.toHexString(page[i] & 0xFF) + " at offset " + (pageStart + i) + " in page padding");
      }
    }
  }

  private void append(int from, int length) {
    if (fragments.length - fragmentsLength < length) {
      fragments = Arrays.copyOf(fragments, Math.max(fragmentsLength + length, 2 * fragments.length));
    }
    System.arraycopy(page, from, fragments, fragmentsLength, length);
    fragmentsLength += length;
  }

  private void finishRecord(boolean isSnappy) throws CorruptWalException {
    isCompressed = isSnappy;
    if (isSnappy == false) {
      record = fragments;
      recordLength = fragmentsLength;
      return;
    }
    try {
      int n = Snappy.uncompressedLength(fragments, 0, fragmentsLength);
      // A snappy element expands at most 64 bytes from 3, so a larger claim cannot be true; checking
      // it keeps a bad length from allocating gigabytes.
      if (n < 0 || n > 22L * fragmentsLength + 64) {
        throw new IOException("length header claims " + Integer.toUnsignedString(n) + " bytes from " + fragmentsLength);
      }
      if (uncompressed.length < n) {
        uncompressed = new byte[Math.max(n, 2 * uncompressed.length)];
      }
      recordLength = Snappy.uncompress(fragments, 0, fragmentsLength, uncompressed, 0);
      record = uncompressed;
    } catch (IOException | RuntimeException e) {
      throw new CorruptWalException(
          file(), segment(), lastGoodEnd, "cannot decompress the snappy record at offset " + recordOffset + ": " + e.getMessage(), e);
    }
  }

  private CorruptWalException corrupt(String reason) {
    return new CorruptWalException(file(), segment(), lastGoodEnd, reason);
  }

  private static String hex(int v) {
    return String.format("%08x", v);
  }
}
