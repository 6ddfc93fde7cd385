package io.hearth.tsdb.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A whole file mapped read-only into memory as one {@link MemorySegment}, of any size (no 2 GiB
 * limit), with the big-endian reads and checksums that Prometheus's formats need.
 *
 * <p>The mapping lives in a shared {@link Arena}: any thread may read it, and {@link #close()}
 * unmaps it. Reading after close throws {@link IllegalStateException} rather than crashing the
 * JVM. Out-of-range reads throw {@link CorruptBlockException} naming the file and offset.
 */
public final class MappedFile implements AutoCloseable {
  /** Big-endian and unaligned, as the files are. */
  public static final ValueLayout.OfInt BE_INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  public static final ValueLayout.OfLong BE_LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final Path path;
  private final Arena arena;
  private final MemorySegment segment;

  private MappedFile(Path path, Arena arena, MemorySegment segment) {
    this.path = path;
    this.arena = arena;
    this.segment = segment;
  }

  /** Maps the whole file. */
  public static MappedFile open(Path path) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      MemorySegment seg =
          size == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      return new MappedFile(path, arena, seg);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  public long size() {
    return segment.byteSize();
  }

  /** The mapped bytes; valid until {@link #close()}. */
  public MemorySegment segment() {
    return segment;
  }

  /** Fails with a {@link CorruptBlockException} unless {@code [off, off + len)} is in the file. */
  public void check(long off, long len, String what) {
    if (off < 0 || len < 0 || off > size() - len) {
      throw new CorruptBlockException(
          path, off, what + " of " + len + " bytes runs past the end of the file at " + size());
    }
  }

  public int byteAt(long off) {
    check(off, 1, "byte");
    return segment.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
  }

  public int be32(long off) {
    check(off, 4, "32-bit integer");
    return segment.get(BE_INT, off);
  }

  public long be64(long off) {
    check(off, 8, "64-bit integer");
    return segment.get(BE_LONG, off);
  }

  /** The CRC32 (Castagnoli) of {@code [off, off + len)}, as an unsigned value. */
  public long crc32c(long off, long len) {
    check(off, len, "checksummed range");
    CRC32C crc = new CRC32C();
    long end = off + len;
    for (long at = off; at < end; ) {
      int n = (int) Math.min(end - at, 1 << 30);
      crc.update(segment.asSlice(at, n).asByteBuffer());
      at += n;
    }
    return crc.getValue();
  }

  /**
   * Checks that the 4 bytes at {@code crcAt} hold the CRC32C of {@code [off, off + len)}.
   *
   * @throws CorruptBlockException naming {@code what} if they do not
   */
  public void verifyCrc(long off, long len, long crcAt, String what) {
    long expected = be32(crcAt) & 0xFFFFFFFFL;
    long actual = crc32c(off, len);
    if (expected != actual) {
      throw new CorruptBlockException(path, off, what + ": checksum mismatch: expected "
          + Long.toHexString(expected) + ", actual " + Long.toHexString(actual));
    }
  }

  /** A cursor over {@code [off, end)} of this file. */
  public FileDecoder decoder(long off, long end) {
    return new FileDecoder().reset(this, off, end);
  }

  @Override
  public void close() {
    if (arena.scope().isAlive()) {
      arena.close();
    }
  }
}
