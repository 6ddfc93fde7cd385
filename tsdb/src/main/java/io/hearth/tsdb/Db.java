package io.hearth.tsdb;

import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appendable;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.block.Block;
import io.hearth.tsdb.block.Ulid;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadReplay;
import io.hearth.tsdb.head.ReplayReport;
import io.hearth.tsdb.query.MergeQuerier;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A data directory opened for reading and writing: the persistent blocks found at open, read-only,
 * and the head, rebuilt from the WAL on open. A query reads the blocks its range overlaps and the
 * head as one ({@link MergeQuerier}). Thread-safe. Only one process may hold a directory open; the
 * {@code lock} file, as Prometheus uses it, enforces that.
 *
 * <pre>
 * dir/
 *   lock      held with an OS file lock while open
 *   01H.../   blocks: meta.json, index, chunks/, tombstones (see docs/format/blocks.md)
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
  /** Sorted by minimum time, then ULID. */
  private final List<Block> blocks;

  private Db(Path dir, FileChannel lockChannel, FileLock lock, Wal wal, Head head, ReplayReport replay,
      List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
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
    List<Block> blocks = new ArrayList<>();
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
      openBlocks(dir, blocks);
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
      return new Db(dir, lockChannel, lock, wal, head, report, blocks);
    } catch (IOException | RuntimeException | Error e) {
      for (Block b : blocks) {
        b.close();
      }
      closeQuietly(head, wal, lock, lockChannel, e);
      throw e;
    }
  }

  /**
   * Opens every block directory ({@code <ULID>/} with a {@code meta.json}). Leftovers of an
   * interrupted creation or deletion ({@code *.tmp-for-creation}, {@code *.tmp-for-deletion}) are
   * removed, as Prometheus removes them: they were never complete or are already replaced. A block
   * that fails to open is renamed {@code <ULID>.corrupt} and reported, so the rest of the data
   * still serves and nothing is deleted.
   */
  private static void openBlocks(Path dir, List<Block> out) throws IOException {
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!Files.isDirectory(p)) {
          continue;
        }
        if (name.endsWith(".tmp-for-creation") || name.endsWith(".tmp-for-deletion")) {
          LOG.log(System.Logger.Level.INFO, "removing leftover block directory " + p);
          deleteTree(p);
        } else if (Ulid.isValid(name)) {
          candidates.add(p);
        }
      }
    }
    Collections.sort(candidates);
    for (Path p : candidates) {
      try {
        out.add(Block.open(p));
      } catch (IOException | RuntimeException e) {
        Path aside = p.resolveSibling(p.getFileName() + ".corrupt");
        LOG.log(System.Logger.Level.ERROR, "cannot open block " + p + " (" + e.getMessage()
            + "); moved aside to " + aside + ", its data is not served");
        Files.move(p, aside);
      }
    }
    out.sort(Comparator.comparingLong((Block b) -> b.meta().minT()).thenComparing(b -> b.meta().ulid()));
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }

  /**
   * A Prometheus data directory can hold, besides blocks, memory-mapped head chunks, WAL
   * checkpoints, an out-of-order WAL and chunk snapshots. Hearth does not read those yet; opening
   * the directory anyway would hide that data and write a WAL that no longer matches it, so it is
   * refused.
   */
  private static void refuseWhatIsNotUnderstoodYet(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (name.equals("chunks_head") || name.equals("wbl") || name.startsWith("chunk_snapshot.")) {
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
          + ", which this version of Hearth cannot read yet (head chunk files and WAL checkpoints arrive"
          + " with the rest of the blocks work); refusing to start rather than ignore that data");
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
    if (blocks.isEmpty()) {
      return head.querier(minT, maxT);
    }
    List<Querier> parts = new ArrayList<>();
    try {
      for (Block b : blocks) {
        // A block covers [minT, maxT): its maxT is exclusive.
        if (b.meta().minT() <= maxT && b.meta().maxT() > minT) {
          parts.add(b.querier(minT, maxT));
        }
      }
      parts.add(head.querier(minT, maxT));
    } catch (RuntimeException e) {
      new MergeQuerier(parts).close();
      throw e;
    }
    return MergeQuerier.of(parts);
  }

  /** The persistent blocks opened at start, by minimum time. */
  public List<Block> blocks() {
    return blocks;
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

  /** Syncs and closes the WAL, frees the head, unmaps the blocks and releases the directory lock. */
  @Override
  public void close() throws IOException {
    try {
      wal.close();
    } finally {
      head.close();
      for (Block b : blocks) {
        b.close();
      }
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }
}
