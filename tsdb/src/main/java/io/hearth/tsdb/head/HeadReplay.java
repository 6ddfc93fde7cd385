package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.tsdb.record.RecordType;
import io.hearth.tsdb.wal.RecordHandler;
import io.hearth.tsdb.wal.ReplaySummary;
import io.hearth.tsdb.wal.WalReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Rebuilds a head from a WAL directory: series records recreate series under their references,
 * samples records re-append in log order. Records Hearth cannot represent yet (native histograms,
 * exemplars, metadata, tombstones) make replay fail with a message naming them, rather than be
 * dropped.
 *
 * <p>As in Prometheus, one thread reads and decodes the log while worker threads append: samples
 * are sharded by series, so each series' samples keep their log order and no two workers contend
 * for a series. Appending, not decoding, is what costs (a cache miss or more per series touched).
 * The postings index is built once at the end, in reference order (see {@link Head#indexReplayed}).
 */
public final class HeadReplay {
  static final int BATCH = 4096;
  private static final int QUEUED_BATCHES = 4;

  private HeadReplay() {}

  /** Replays {@code walDir} (which may not exist) into {@code head}, before the head starts logging. */
  public static ReplayReport replay(Head head, Path walDir) throws IOException {
    return replay(head, walDir, Runtime.getRuntime().availableProcessors());
  }

  static ReplayReport replay(Head head, Path walDir, int workers) throws IOException {
    long started = System.nanoTime();
    Handler h = new Handler(head, Math.max(1, workers));
    ReplaySummary summary;
    try {
      summary = WalReplay.replay(walDir, head.symbols, h);
    } finally {
      h.finish();
    }
    head.indexReplayed();
    return new ReplayReport(summary, h.unknownRefs, h.rejected, head.numSeries(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Samples for one worker, reused through a pool. */
  private static final class Batch {
    final MemSeries[] series = new MemSeries[BATCH];
    final long[] ts = new long[BATCH];
    final double[] vs = new double[BATCH];
    int n;
  }

  private static final Batch STOP = new Batch();

  /** Appends the batches of one shard. Counts are read after the thread is joined. */
  private static final class Worker extends Thread {
    final BlockingQueue<Batch> in = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final BlockingQueue<Batch> pool;
    private final Head head;
    long appended;
    long rejected;
    long minT = Long.MAX_VALUE;
    long maxT = Long.MIN_VALUE;
    Throwable failure;

    Worker(Head head, BlockingQueue<Batch> pool, int id) {
      super("hearth-wal-replay-" + id);
      setDaemon(true);
      this.head = head;
      this.pool = pool;
    }

    @Override
    public void run() {
      try {
        for (Batch b = in.take(); b != STOP; b = in.take()) {
          if (failure == null) {
            apply(b);
          }
          Arrays.fill(b.series, 0, b.n, null);
          b.n = 0;
          pool.put(b);
        }
      } catch (InterruptedException e) {
        failure = e;
      }
    }

    private void apply(Batch b) {
      try {
        for (int i = 0; i < b.n; i++) {
          long t = b.ts[i];
          if (b.series[i].append(t, b.vs[i], head.opts, head.arena, 0)) {
            appended++;
            minT = Math.min(minT, t);
            maxT = Math.max(maxT, t);
          } else {
            rejected++;
          }
        }
      } catch (RuntimeException | Error e) {
        failure = e; // reported by finish(); the remaining batches are drained, not applied
      }
    }
  }

  private static final class Handler implements RecordHandler {
    private final Head head;
    private final Worker[] workers;
    private final Batch[] filling;
    private final BlockingQueue<Batch> pool;
    // A WAL can name one series under two references (Prometheus writes a new record when a
    // series is recreated); the later reference maps to the series the first one created.
    private final Map<Long, MemSeries> aliases = new HashMap<>();
    long unknownRefs;
    long rejected;
    private boolean isFinished;

    Handler(Head head, int n) {
      this.head = head;
      this.workers = new Worker[n];
      this.filling = new Batch[n];
      this.pool = new ArrayBlockingQueue<>(n * (QUEUED_BATCHES + 2));
      for (int i = 0; i < n * (QUEUED_BATCHES + 2); i++) {
        pool.add(new Batch());
      }
      for (int i = 0; i < n; i++) {
        workers[i] = new Worker(head, pool, i);
        workers[i].start();
      }
    }

    @Override
    public void series(long ref, Labels labels) {
      MemSeries s = head.createForReplay(ref, labels);
      s.isLogged = true;
      if (s.ref != ref) {
        aliases.put(ref, s);
      }
    }

    @Override
    public void sample(long ref, long t, double v) {
      MemSeries s = head.byRef(ref);
      if (s == null && !aliases.isEmpty()) {
        s = aliases.get(ref);
      }
      if (s == null) {
        unknownRefs++;
        return;
      }
      int shard = (int) (s.ref % workers.length);
      Batch b = filling[shard];
      if (b == null) {
        b = filling[shard] = take(pool);
      }
      b.series[b.n] = s;
      b.ts[b.n] = t;
      b.vs[b.n] = v;
      if (++b.n == BATCH) {
        put(workers[shard].in, b);
        filling[shard] = null;
      }
    }

    @Override
    public void tombstone(long ref, long minT, long maxT) {
      throw new UncheckedIOException(new IOException("cannot replay the WAL: it holds deletions (tombstones),"
          + " which Hearth does not apply yet; refusing to start rather than bring deleted samples back"));
    }

    @Override
    public void unhandled(RecordType type, int segment, long offset) throws IOException {
      throw new IOException(String.format(
          "cannot replay the WAL: segment %08d at offset %d holds a %s record, which Hearth does not"
              + " support yet; refusing to start rather than drop it", segment, offset, type));
    }

    /** Hands over the last batches, waits for the workers and adds up what they did. */
    void finish() {
      if (isFinished) {
        return;
      }
      isFinished = true;
      for (int i = 0; i < workers.length; i++) {
        if (filling[i] != null) {
          put(workers[i].in, filling[i]);
          filling[i] = null;
        }
        put(workers[i].in, STOP);
      }
      long appended = 0;
      long minT = Long.MAX_VALUE;
      long maxT = Long.MIN_VALUE;
      Throwable failure = null;
      for (Worker w : workers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while replaying the WAL", e);
        }
        appended += w.appended;
        rejected += w.rejected;
        minT = Math.min(minT, w.minT);
        maxT = Math.max(maxT, w.maxT);
        if (failure == null) {
          failure = w.failure;
        }
      }
      if (failure != null) {
        throw new IllegalStateException("replaying the WAL failed: " + failure, failure);
      }
      head.samplesAppended.add(appended);
      head.samplesReplayed.add(appended);
      if (appended > 0) {
        head.observeTimes(minT, maxT);
      }
    }

    private static Batch take(BlockingQueue<Batch> q) {
      try {
        return q.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while replaying the WAL", e);
      }
    }

    private static void put(BlockingQueue<Batch> q, Batch b) {
      try {
        q.put(b);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while replaying the WAL", e);
      }
    }
  }
}
