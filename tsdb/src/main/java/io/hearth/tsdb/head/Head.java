package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appendable;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.index.MemPostings;
import io.hearth.tsdb.wal.Wal;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory block that takes all new samples: series, their chunks and the postings index.
 * Thread-safe: any number of appenders and queriers may run at once.
 *
 * <p>Once {@link #startLogging} has given it a WAL, every commit is logged before it becomes
 * visible; {@link HeadReplay} rebuilds a head from that log on start. Without one (tests,
 * benchmarks) the head lives in memory only.
 */
public final class Head implements Queryable, Appendable, AutoCloseable {
  /** Prometheus's default stripe count: enough that scrapes on all cores rarely meet. */
  static final int STRIPES = 1 << 14;

  final HeadOptions opts;
  final SeriesTable series = new SeriesTable(STRIPES);
  final MemPostings postings = new MemPostings();
  final SymbolTable symbols;
  final ChunkArena arena = new ChunkArena();
  private volatile Wal wal; // null: memory only

  private final AtomicLong numSeries = new AtomicLong();
  private final AtomicLong minTime = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
  final LongAdder samplesAppended = new LongAdder();
  /** The part of {@link #samplesAppended} that came from replaying the WAL, not from commits. */
  final LongAdder samplesReplayed = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  /** Appenders handed out and not yet committed or rolled back. */
  final LongAdder activeAppenders = new LongAdder();
  final LongAdder appendersCreated = new LongAdder();
  private final ArrayBlockingQueue<HeadAppender> idleAppenders = new ArrayBlockingQueue<>(64);

  /** Creates an empty head that lives in memory only until {@link #startLogging} is called. */
  public Head(HeadOptions opts, SymbolTable symbols) {
    this.opts = opts;
    this.symbols = symbols;
  }

  /**
   * From now on, every commit is written to {@code wal} before it becomes visible. Called once,
   * after the WAL has been replayed into this head.
   */
  public void startLogging(Wal wal) {
    if (this.wal != null) {
      throw new IllegalStateException("head already logs to " + this.wal.dir());
    }
    this.wal = wal;
  }

  Wal wal() {
    return wal;
  }

  /** A new transaction. Appenders are pooled: one that committed or rolled back is reused. */
  @Override
  public Appender appender() {
    HeadAppender a = idleAppenders.poll();
    if (a == null) {
      a = new HeadAppender(this);
    }
    a.open();
    appendersCreated.increment();
    activeAppenders.increment();
    return a;
  }

  void recycle(HeadAppender a) {
    activeAppenders.decrement();
    idleAppenders.offer(a);
  }

  @Override
  public Querier querier(long minT, long maxT) {
    return new HeadQuerier(this, minT, maxT);
  }

  /** The table that interns every label string the head holds; share it to share the strings. */
  public SymbolTable symbols() {
    return symbols;
  }

  /** The series with these labels, created (with interned strings) if new. */
  MemSeries getOrCreate(Labels labels) {
    MemSeries s = series.get(labels);
    if (s != null) {
      return s;
    }
    return series.getOrCreate(labels.intern(symbols), 0, this::indexNew);
  }

  /**
   * Creates a series under the reference a WAL record gave it. If the labels already have a
   * series (a WAL may hold the same series twice, under two references), that one is returned,
   * and the second reference is still reserved: a new series reusing it would make a later replay
   * give it the old series' samples. The series joins the postings index at {@link #indexReplayed}.
   */
  MemSeries createForReplay(long ref, Labels labels) {
    MemSeries s = series.getOrCreate(labels, ref, this::countNew);
    series.reserve(ref);
    return s;
  }

  /**
   * Puts the series {@link #createForReplay} created into the postings index, in reference order.
   * Replay defers this because a WAL holds series records in commit order, not reference order:
   * concurrent scrapes create their series interleaved, so nearly every ref would land deep inside
   * the lists it joins (the all-series list most of all), and a deep insert copies the whole list
   * to keep earlier snapshots valid. In reference order every add is an append. Called once,
   * after replay and before the head serves queries.
   */
  void indexReplayed() {
    series.forEachInRefOrder(s -> postings.add(s.ref, s.labels));
  }

  private void indexNew(MemSeries s) {
    postings.add(s.ref, s.labels);
    numSeries.incrementAndGet();
  }

  private void countNew(MemSeries s) {
    numSeries.incrementAndGet();
  }

  MemSeries byRef(long ref) {
    return series.byRef(ref);
  }

  void observeTimes(long minT, long maxT) {
    minTime.accumulateAndGet(minT, Math::min);
    maxTime.accumulateAndGet(maxT, Math::max);
  }

  public long numSeries() {
    return numSeries.get();
  }

  /** The oldest sample's timestamp, or {@link Long#MAX_VALUE} when the head is empty. */
  public long minTime() {
    return minTime.get();
  }

  /** The newest sample's timestamp, or {@link Long#MIN_VALUE} when the head is empty. */
  public long maxTime() {
    return maxTime.get();
  }

  /**
   * The head index's cardinality statistics, the {@code limit} largest of each kind (see {@link
   * io.hearth.tsdb.index.PostingsStats}); {@code byLabel} is usually {@code __name__}. A pass over
   * the whole index: for status pages, not for queries.
   */
  public io.hearth.tsdb.index.PostingsStats postingsStats(String byLabel, int limit) {
    return postings.stats(byLabel, limit);
  }

  public HeadStats stats() {
    return new HeadStats(
        numSeries.get(),
        samplesAppended.sum(),
        outOfOrder.sum(),
        duplicates.sum(),
        arena.bytesUsed(),
        arena.bytesReserved(),
        samplesReplayed.sum(),
        arena.chunksStarted(),
        activeAppenders.sum(),
        appendersCreated.sum());
  }

  /** Frees the off-heap chunk memory. Queriers must be closed first. Does not close the WAL. */
  @Override
  public void close() {
    arena.close();
  }
}
