package io.hearth.tsdb;

import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appendable;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadReplay;
import io.hearth.tsdb.head.ReplayReport;
import io.hearth.tsdb.wal.Wal;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * A data directory opened for reading and writing: the head, rebuilt from the WAL on open.
 * Thread-safe. Only one process may hold a directory open; the {@code lock} file, as Prometheus
 * uses it, enforces that.
 *
 * <pre>
 * dir/
 *   lock      held with an OS file lock while open
 *   wal/      00000000, 00000001, ... (see docs/format/wal.md)
 * </pre>
 */
public final class Db implements Queryable, Appendable, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Db.class.getName());

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Wal wal;
  private final Head head;
  private final ReplayReport replay;

  private Db(Path dir, FileChannel lockChannel, FileLock lock, Wal wal, Head head, ReplayReport replay) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.wal = wal;
    this.head = head;
    this.replay = replay;
  }

  /**
   * Opens (creating if needed) the data directory, replays its WAL, and starts a new WAL segment.
   * A torn or corrupt WAL tail is cut at the last good record and reported, not refused.
   *
   * @throws IOException if the directory cannot be used or is locked by another process
   */
  public static Db open(Path dir, DbOptions opts) throws IOException {
    Files.createDirectories(dir);
    FileChannel lockChannel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = null;
    Wal wal = null;
    Head head = null;
    try {
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IOException("cannot open data directory " + dir + ": it is locked by another process ("
            + dir.resolve("lock") + ")");
      }
      refuseWhatIsNotUnderstoodYet(dir);
      Path walDir = dir.resolve("wal");
      SymbolTable symbols = new SymbolTable();
      head = new Head(opts.head(), symbols);
      ReplayReport report = HeadReplay.replay(head, walDir);
      if (report.isRepaired()) {
        LOG.log(System.Logger.Level.WARNING, report.toString());
      } else {
        LOG.log(System.Logger.Level.INFO, report.toString());
      }
      wal = Wal.open(walDir, opts.wal());
      head.startLogging(wal);
      return new Db(dir, lockChannel, lock, wal, head, report);
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(head, wal, lock, lockChannel, e);
      throw e;
    }
  }

  /**
   * A Prometheus data directory can hold blocks, memory-mapped head chunks, WAL checkpoints, an
   * out-of-order WAL and chunk snapshots. Hearth does not read those yet; opening the directory
   * anyway would hide that data and write a WAL that no longer matches it, so it is refused.
   */
  private static void refuseWhatIsNotUnderstoodYet(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && Files.exists(p.resolve("meta.json"))) {
          found.add("block " + name);
        } else if (name.equals("chunks_head") || name.equals("wbl") || name.startsWith("chunk_snapshot.")) {
          found.add(name + "/");
        }
      }
    }
    Path wal = dir.resolve("wal");
    if (Files.isDirectory(wal)) {
      try (Stream<Path> entries = Files.list(wal)) {
        for (Path p : (Iterable<Path>) entries::iterator) {
          if (p.getFileName().toString().startsWith("checkpoint.")) {
            found.add("wal/" + p.getFileName());
          }
        }
      }
    }
    if (!found.isEmpty()) {
      Collections.sort(found);
      throw new IOException("cannot open data directory " + dir + ": it holds " + String.join(", ", found)
          + ", which this version of Hearth cannot read yet (persistent blocks, head chunk files and WAL"
          + " checkpoints arrive with the blocks work); refusing to start rather than ignore that data");
    }
  }

  private static void closeQuietly(Head head, Wal wal, FileLock lock, FileChannel ch, Throwable cause) {
    try {
      if (head != null) {
        head.close();
      }
      if (wal != null) {
        wal.close();
      }
      if (lock != null) {
        lock.release();
      }
      ch.close();
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public Appender appender() {
    return head.appender();
  }

  @Override
  public Querier querier(long minT, long maxT) {
    return head.querier(minT, maxT);
  }

  public Head head() {
    return head;
  }

  /** The write-ahead log the head logs to. */
  public Wal wal() {
    return wal;
  }

  public Path dir() {
    return dir;
  }

  /** What replaying the WAL found at open. */
  public ReplayReport replayReport() {
    return replay;
  }

  /** Syncs and closes the WAL, frees the head and releases the directory lock. */
  @Override
  public void close() throws IOException {
    try {
      wal.close();
    } finally {
      head.close();
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }
}
