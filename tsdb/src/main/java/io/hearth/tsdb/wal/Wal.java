package io.hearth.tsdb.wal;

import static io.hearth.tsdb.wal.Fragment.FIRST;
import static io.hearth.tsdb.wal.Fragment.FULL;
import static io.hearth.tsdb.wal.Fragment.HEADER_SIZE;
import static io.hearth.tsdb.wal.Fragment.LAST;
import static io.hearth.tsdb.wal.Fragment.MIDDLE;
import static io.hearth.tsdb.wal.Fragment.PAGE_SIZE;
import static io.hearth.tsdb.wal.Fragment.SNAPPY;

import io.hearth.tsdb.io.ByteSlice;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;

/**
 * The writing end of the write-ahead log: appends records to numbered segment files in
 * Prometheus's {@code wlog} format (see {@code docs/format/wal.md} and {@link Fragment}).
 *
 * <p>A record is split into fragments that never cross a 32 KiB page, and never spans two
 * segments. A page is filled in memory and written to the file as it fills and at the end of
 * every {@link #log} call; the rest of a page too small for a fragment header is zero padding.
 * Opening always starts a new segment after the last one in the directory, as Prometheus does, so
 * an existing torn tail is never written over. Replay (and, if needed, {@link #repair}) must
 * therefore happen before opening.
 *
 * <p>Thread-safe: one lock serialises writers. In steady state {@link #log} allocates nothing
 * beyond what snappy-java's native call needs. If a write fails the log is left unusable, since the
 * file may end in a partial record; later calls throw and the owner must reopen (and replay).
 */
public final class Wal implements Closeable {
  private static final System.Logger LOG = System.getLogger(Wal.class.getName());
  private static final byte[] ZEROS = new byte[PAGE_SIZE];

  private final Path dir;
  private final WalOptions options;
  private final int pagesPerSegment;
  private final int firstSegment;
  private final ReentrantLock lock = new ReentrantLock();
  private final ByteBuffer page = ByteBuffer.allocateDirect(PAGE_SIZE); // big-endian by default
  private final CRC32C crc = new CRC32C();

  // Written under lock; volatile so that lastSegment() can read it without.
  private volatile int segment;
  // All below are guarded by lock.
  private FileChannel channel;
  private int alloc; // bytes of the page in use
  private int flushed; // bytes of the page already written to the file
  private int donePages; // complete pages in the segment
  private byte[] compressed = new byte[0];
  private IOException failure;
  private boolean closed;

  // Self-metrics, written under lock and read without it.
  private volatile long pageFlushes;
  private volatile long completedPages;
  private volatile long writesFailed;
  private volatile java.util.function.LongConsumer fsyncObserver;

  private Wal(Path dir, WalOptions options, int firstSegment, int segment, FileChannel channel) {
    this.dir = dir;
    this.options = options;
    this.pagesPerSegment = options.segmentSize() / PAGE_SIZE;
    this.firstSegment = firstSegment;
    this.segment = segment;
    this.channel = channel;
  }

  /** Opens the WAL in {@code dir} (created if missing) for appending, in a new segment. */
  public static Wal open(Path dir, WalOptions options) throws IOException {
    try {
      Files.createDirectories(dir);
      int[] segments = SegmentFiles.list(dir);
      int first = segments.length == 0 ? 0 : segments[0];
      int next = segments.length == 0 ? 0 : segments[segments.length - 1] + 1;
      return new Wal(dir, options, first, next, createSegment(dir, next));
    } catch (IOException e) {
      throw new IOException("cannot open WAL in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static FileChannel createSegment(Path dir, int segment) throws IOException {
    FileChannel ch = FileChannel.open(SegmentFiles.path(dir, segment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      SegmentFiles.syncDir(dir);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return ch;
  }

  public Path dir() {
    return dir;
  }

  /** The lowest segment number in the directory when the WAL was opened. */
  public int firstSegment() {
    return firstSegment;
  }

  /** The number of the segment being written. */
  public int lastSegment() {
    return segment;
  }

  /**
   * Logs the records in order as one batch, and hands the bytes to the OS (a file write, no fsync)
   * before returning, so a process crash after this returns loses nothing; an OS crash may lose
   * what was not {@linkplain #sync() synced}. The records' bytes are not kept after the call.
   * To stay allocation-free, pass a reused array rather than a fresh varargs array.
   */
  public void log(ByteSlice... records) throws IOException {
    lock.lock();
    try {
      checkUsable("log");
      try {
        for (int i = 0; i < records.length; i++) {
          logOne(records[i], i == records.length - 1);
        }
      } catch (IOException e) {
        failure = e;
        writesFailed++;
        throw new IOException("cannot log to WAL segment " + SegmentFiles.path(dir, segment) + ": " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Forces what was logged so far in the current segment to disk. Earlier segments were synced when they were finished. */
  public void sync() throws IOException {
    lock.lock();
    try {
      checkUsable("sync");
      force(channel);
    } finally {
      lock.unlock();
    }
  }

  /** Pads the current page, syncs the segment and closes it. Calling it again does nothing. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        // An empty page is not written: padding it would only waste a page.
        if (failure == null && alloc > 0) {
          flushPage(true);
        }
        if (failure == null) {
          force(channel);
        }
      } finally {
        channel.close();
      }
    } finally {
      lock.unlock();
    }
  }

  private void checkUsable(String op) throws IOException {
    if (closed) {
      throw new IllegalStateException("cannot " + op + ": WAL in " + dir + " is closed");
    }
    if (failure != null) {
      throw new IOException("cannot " + op + ": WAL in " + dir + " failed earlier and must be reopened", failure);
    }
  }

  private boolean isPageFull() {
    return PAGE_SIZE - alloc < HEADER_SIZE;
  }

  private void logOne(ByteSlice rec, boolean isFinal) throws IOException {
    if (isPageFull()) {
      flushPage(true);
    }
    byte[] data = rec.array();
    int off = rec.offset();
    int len = rec.length();
    int flags = 0;
    if (options.compress()) {
      int max = Snappy.maxCompressedLength(len);
      if (compressed.length < max) {
        compressed = new byte[Math.max(max, compressed.length * 2)];
      }
      int n = Snappy.compress(data, off, len, compressed, 0);
      // Small records often grow under snappy; like Prometheus, store those uncompressed.
      if (n < len) {
        data = compressed;
        off = 0;
        len = n;
        flags = SNAPPY;
      }
    }

    // Room left in this segment counting one header per page; a record that does not fit starts
    // a new segment, so that finished segments can be dropped whole.
    long left = (PAGE_SIZE - alloc - HEADER_SIZE) + (long) (PAGE_SIZE - HEADER_SIZE) * (pagesPerSegment - donePages - 1);
    if (len > left && (donePages > 0 || alloc > 0)) {
      nextSegment();
    }

    int pos = 0;
    // One pass at least, so that an empty record is logged too.
    for (int i = 0; i == 0 || pos < len; i++) {
      int n = Math.min(len - pos, PAGE_SIZE - alloc - HEADER_SIZE);
      boolean isLastPart = pos + n == len;
      int kind = i == 0 ? (isLastPart ? FULL : FIRST) : (isLastPart ? LAST : MIDDLE);
      crc.reset();
      crc.update(data, off + pos, n);
      page.put(alloc, (byte) (kind | flags));
      page.putShort(alloc + 1, (short) n);
      page.putInt(alloc + 3, (int) crc.getValue());
      page.put(alloc + HEADER_SIZE, data, off + pos, n);
      alloc += HEADER_SIZE + n;
      if (isPageFull()) {
        flushPage(true);
      }
      pos += n;
    }
    if (isFinal && alloc > 0) {
      flushPage(false);
    }
  }

  /**
   * Writes the unwritten part of the page. When {@code clear} is set or no header fits any more,
   * the page is written to its end (the unused tail is zeros) and a fresh page begins.
   */
  private void flushPage(boolean clear) throws IOException {
    boolean isDone = clear || isPageFull();
    if (isDone) {
      alloc = PAGE_SIZE;
    }
    page.limit(alloc).position(flushed);
    while (page.hasRemaining()) {
      channel.write(page);
    }
    page.clear();
    flushed = alloc;
    pageFlushes++;
    if (isDone) {
      completedPages++;
      page.put(0, ZEROS);
      alloc = 0;
      flushed = 0;
      donePages++;
    }
  }

  private void nextSegment() throws IOException {
    if (alloc > 0) {
      flushPage(true);
    }
    FileChannel next = createSegment(dir, segment + 1);
    FileChannel prev = channel;
    channel = next;
    segment++;
    donePages = 0;
    // Synced here rather than in the background (as Prometheus does): it happens once per segment,
    // and it keeps the rule simple that every finished segment is durable.
    try (prev) {
      force(prev);
    }
  }

  /** fsyncs {@code ch}, timing it for the observer. */
  private void force(FileChannel ch) throws IOException {
    long start = System.nanoTime();
    ch.force(false);
    java.util.function.LongConsumer o = fsyncObserver;
    if (o != null) {
      o.accept(System.nanoTime() - start);
    }
  }

  /**
   * Has {@code observer} told the duration in nanoseconds of every later fsync of a segment (one
   * per finished segment, {@link #sync()} and {@link #close()}); it runs under the WAL's lock, so
   * it must be quick. Replaces any earlier observer.
   */
  public void observeFsyncs(java.util.function.LongConsumer observer) {
    fsyncObserver = observer;
  }

  /** Writes of a page, or of its newly filled part, to the segment file since open. */
  public long pageFlushes() {
    return pageFlushes;
  }

  /** Pages written out completely (filled or padded) since open. */
  public long completedPages() {
    return completedPages;
  }

  /** {@link #log} calls that failed to write since open. */
  public long writesFailed() {
    return writesFailed;
  }

  /** The bytes of every segment file in the directory now; 0 for files that vanish meanwhile. */
  public long storageSizeBytes() throws IOException {
    long total = 0;
    for (int seg : SegmentFiles.list(dir)) {
      try {
        total += Files.size(SegmentFiles.path(dir, seg));
      } catch (java.nio.file.NoSuchFileException e) {
        // deleted between the listing and the size: it no longer takes space
      }
    }
    return total;
  }

  /**
   * Cuts the damage {@code e} reports: truncates its segment to the end of the last good record and
   * deletes every later segment. Records before the damage are kept. No {@link Wal} may be open on
   * {@code dir} meanwhile.
   *
   * @return what was cut, which is also logged as a warning
   */
  public static WalRepair repair(Path dir, CorruptWalException e) throws IOException {
    int[] segments = SegmentFiles.list(dir);
    Path file = SegmentFiles.path(dir, e.segment());
    if (segments.length == 0 || e.segment() < segments[0] || e.segment() > segments[segments.length - 1]) {
      throw new IOException("cannot repair WAL in " + dir + ": corrupt segment " + file + " does not exist", e);
    }
    long size = Files.size(file);
    if (e.offset() < 0 || e.offset() > size) {
      throw new IOException("cannot repair WAL segment " + file + ": offset " + e.offset() + " is outside its " + size + " bytes", e);
    }
    long dropped = size - e.offset();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(e.offset());
      ch.force(true);
    }
    int deleted = 0;
    // Newest first, so that a crash halfway leaves a sequential run of segments.
    for (int i = segments.length - 1; i >= 0 && segments[i] > e.segment(); i--) {
      Path later = SegmentFiles.path(dir, segments[i]);
      dropped += Files.size(later);
      Files.delete(later);
      deleted++;
    }
    SegmentFiles.syncDir(dir);
    WalRepair r = new WalRepair(file, e.segment(), e.offset(), dropped, deleted, e.reason());
    LOG.log(System.Logger.Level.WARNING, "repaired WAL: {0}", r);
    return r;
  }
}
