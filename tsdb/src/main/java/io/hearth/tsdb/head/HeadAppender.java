package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.storage.Appender;
import io.hearth.storage.SampleRejectedException;
import io.hearth.tsdb.io.ByteSlice;
import io.hearth.tsdb.record.RecordEncoder;
import io.hearth.tsdb.wal.Wal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The head's transaction: buffers samples in primitive arrays, logs them to the WAL at commit,
 * then appends them to their series. Pooled by the head and reused, so steady-state scrapes
 * allocate nothing per sample. Not thread-safe.
 */
final class HeadAppender implements Appender {
  private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

  private final Head head;
  /** Identifies this appender's pending samples in the series it touches; never 0. */
  private final long id = IDS.incrementAndGet();
  private final RecordEncoder seriesEncoder = new RecordEncoder();
  private final RecordEncoder samplesEncoder = new RecordEncoder();

  private MemSeries[] series = new MemSeries[256];
  private long[] ts = new long[256];
  private double[] vs = new double[256];
  private long[] refs = new long[256];
  private int n;

  // Series of this commit still to be logged, each once; touched only while a commit has new
  // series (first scrapes, bulk writes), so steady scrapes never pay for it.
  private final Set<MemSeries> pendingLog = Collections.newSetFromMap(new IdentityHashMap<>());
  private MemSeries[] unlogged = new MemSeries[16];
  private long[] unloggedRefs = new long[16];
  private Labels[] unloggedLabels = new Labels[16];

  private boolean isOpen;

  HeadAppender(Head head) {
    this.head = head;
  }

  void open() {
    isOpen = true;
  }

  @Override
  public long append(long ref, Labels labels, long t, double v) {
    checkOpen();
    MemSeries s = ref > 0 ? head.byRef(ref) : null;
    if (s == null) {
      if (labels == null || labels.isEmpty()) {
        throw new IllegalArgumentException("cannot append: empty label set, got " + labels);
      }
      s = head.getOrCreate(labels);
    }
    switch (s.admit(id, t, v)) {
      case 0 -> buffer(s, t, v);
      case 1 -> {} // an exact duplicate of the newest sample: accepted and ignored, as Prometheus does
      case -1 -> {
        head.outOfOrder.increment();
        throw SampleRejectedException.OUT_OF_ORDER;
      }
      default -> {
        head.duplicates.increment();
        throw SampleRejectedException.DUPLICATE_SAMPLE;
      }
    }
    return s.ref;
  }

  private void buffer(MemSeries s, long t, double v) {
    if (n == series.length) {
      int cap = n * 2;
      series = Arrays.copyOf(series, cap);
      ts = Arrays.copyOf(ts, cap);
      vs = Arrays.copyOf(vs, cap);
      refs = Arrays.copyOf(refs, cap);
    }
    series[n] = s;
    ts[n] = t;
    vs[n] = v;
    n++;
  }

  @Override
  public void commit() {
    checkOpen();
    Wal wal = head.wal();
    if (n > 0 && wal != null) {
      try {
        log(wal);
      } catch (RuntimeException | Error e) {
        // Nothing reached the head; the transaction ends as if rolled back.
        rollback();
        throw e;
      }
    }
    apply();
    release();
  }

  /** Writes a series record for series never logged before, then the samples record. */
  private void log(Wal wal) {
    int u = 0;
    for (int i = 0; i < n; i++) {
      MemSeries s = series[i];
      refs[i] = s.ref;
      if (!s.isLogged && pendingLog.add(s)) {
        if (u == unlogged.length) {
          unlogged = Arrays.copyOf(unlogged, u * 2);
          unloggedRefs = Arrays.copyOf(unloggedRefs, u * 2);
          unloggedLabels = Arrays.copyOf(unloggedLabels, u * 2);
        }
        unlogged[u] = s;
        unloggedRefs[u] = s.ref;
        unloggedLabels[u] = s.labels;
        u++;
      }
    }
    try {
      ByteSlice samples = samplesEncoder.samples(refs, ts, vs, n);
      if (u > 0) {
        wal.log(seriesEncoder.series(unloggedRefs, unloggedLabels, u), samples);
      } else {
        wal.log(samples);
      }
      for (int i = 0; i < u; i++) {
        unlogged[i].isLogged = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit: writing the WAL failed", e);
    } finally {
      // Whether or not the write succeeded: the appender is pooled, so it must forget this batch.
      if (u > 0) {
        pendingLog.clear();
        Arrays.fill(unlogged, 0, u, null);
        Arrays.fill(unloggedLabels, 0, u, null);
      }
    }
  }

  private void apply() {
    HeadOptions opts = head.opts;
    ChunkArena arena = head.arena;
    long minT = Long.MAX_VALUE;
    long maxT = Long.MIN_VALUE;
    int appended = 0;
    for (int i = 0; i < n; i++) {
      long t = ts[i];
      // A commit racing on the same series may have appended newer samples since this one was
      // admitted; Prometheus drops such a sample at commit and counts it, and so do we.
      if (series[i].append(t, vs[i], opts, arena, id)) {
        appended++;
        minT = Math.min(minT, t);
        maxT = Math.max(maxT, t);
      } else {
        head.outOfOrder.increment();
      }
    }
    if (appended > 0) {
      head.samplesAppended.add(appended);
      head.observeTimes(minT, maxT);
    }
  }

  @Override
  public void rollback() {
    checkOpen();
    for (int i = 0; i < n; i++) {
      series[i].release(id);
    }
    release();
  }

  private void release() {
    Arrays.fill(series, 0, n, null);
    n = 0;
    isOpen = false;
    head.recycle(this);
  }

  private void checkOpen() {
    if (!isOpen) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
  }
}
