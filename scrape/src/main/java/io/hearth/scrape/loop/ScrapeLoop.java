package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.parse.Entry;
import io.hearth.scrape.parse.ExpositionException;
import io.hearth.scrape.parse.ExpositionParser;
import io.hearth.storage.Appendable;
import io.hearth.storage.Appender;
import io.hearth.storage.SampleRejectedException;
import io.hearth.storage.StaleMarker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scrapes one target on its schedule and appends what it finds, as Prometheus's scrape loop does:
 * one transaction per scrape holding the samples, the staleness markers for series that went
 * away, and the synthetic {@code up}/{@code scrape_*} series. A scrape that fails in any way (the
 * request, a parse error, a limit) commits no sample of the target's own, only the markers and
 * the report with {@code up 0}.
 *
 * <p>Runs on its own virtual thread. {@link #stop(boolean)} ends it; with end-of-run staleness the
 * thread lingers just over two intervals and then marks every series stale, unless the target came
 * back under a new loop meanwhile (the markers then fall out of order and are ignored).
 */
final class ScrapeLoop implements Runnable {
  private static final Logger LOG = Logger.getLogger(ScrapeLoop.class.getName());

  /** Prometheus snaps a scrape's timestamp onto the interval grid when within this (and 1%). */
  static final long TIMESTAMP_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final Target target;
  private final ScrapeConfig config;
  private final TargetFetcher fetcher;
  private final Appendable storage;
  private final SymbolTable symbols;
  private final ParserSet parsers;
  private final ScrapeCache cache = new ScrapeCache();
  private final ScrapeReport report;
  private final long offsetNanos;
  private final ScrapeFailureLog failureLog;
  private final ScrapeStats stats;

  private final LabelsBuilder builder = new LabelsBuilder();
  private volatile boolean stopping;
  private volatile boolean staleOnStop;
  private volatile String forcedError;
  private volatile Thread thread;

  /** Counters over the loop's life, for self-metrics and tests. */
  long outOfOrder;
  long duplicates;

  ScrapeLoop(
      Target target,
      ScrapeConfig config,
      TargetFetcher fetcher,
      Appendable storage,
      SymbolTable symbols,
      long offsetNanos,
      ScrapeFailureLog failureLog) {
    this(target, config, fetcher, storage, symbols, offsetNanos, failureLog, new ScrapeStats(ScrapeObserver.NONE));
  }

  ScrapeLoop(
      Target target,
      ScrapeConfig config,
      TargetFetcher fetcher,
      Appendable storage,
      SymbolTable symbols,
      long offsetNanos,
      ScrapeFailureLog failureLog,
      ScrapeStats stats) {
    this.stats = stats;
    this.target = target;
    this.symbols = symbols;
    this.config = config;
    this.fetcher = fetcher;
    this.storage = storage;
    this.parsers = new ParserSet(config.fallbackProtocol());
    this.offsetNanos = offsetNanos;
    this.failureLog = failureLog;
    this.report = new ScrapeReport(target.labels(), config.extraScrapeMetrics());
    target.attachCache(cache);
  }

  Target target() {
    return target;
  }

  ScrapeCache cache() {
    return cache;
  }

  /** Starts the loop on a new virtual thread. */
  void start() {
    thread = Thread.ofVirtual().name("scrape " + target).start(this);
  }

  /**
   * Stops the loop and waits for its current scrape to finish.
   *
   * @param markStale whether to write end-of-run staleness markers (not on shutdown or when the
   *     target continues under a new loop)
   */
  void stop(boolean markStale) {
    staleOnStop = markStale;
    stopping = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Waits until the loop's thread, including any end-of-run staleness wait, has ended. */
  void awaitTermination(long timeoutMillis) throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.join(timeoutMillis);
    }
  }

  /** Makes every later scrape fail with {@code error} (e.g. the pool's target limit), or not. */
  void forceError(String error) {
    forcedError = error;
  }

  @Override
  public void run() {
    long intervalNanos = config.scrapeInterval().toNanos();
    long next = System.nanoTime() + offsetNanos;
    if (!sleepUntil(next)) {
      return;
    }
    long alignedWall = wallNanos();
    long lastAppend = Long.MIN_VALUE;
    long lastStart = 0;
    boolean isFirst = true;
    while (!stopping) {
      long startNanos = System.nanoTime();
      if (!isFirst) {
        stats.observer.scrapeInterval(config.scrapeInterval(), startNanos - lastStart);
      }
      isFirst = false;
      lastStart = startNanos;
      long wall = wallNanos();
      alignedWall = gridPoint(wall, alignedWall, intervalNanos);
      lastAppend = Math.floorDiv(alignedNanos(wall, alignedWall, intervalNanos), 1_000_000L);
      scrapeAndReport(lastAppend);
      next += intervalNanos;
      long now = System.nanoTime();
      if (next < now) {
        // Skipped ticks are dropped, as a Go ticker drops them: the next scrape stays on the grid.
        next += ((now - next) / intervalNanos + 1) * intervalNanos;
      }
      if (!sleepUntil(next)) {
        break;
      }
    }
    if (staleOnStop && lastAppend != Long.MIN_VALUE) {
      endOfRunStaleness(next, intervalNanos);
    }
  }

  /** The latest point of the grid through {@code aligned} (step {@code interval}) not after {@code wall}. */
  static long gridPoint(long wall, long aligned, long interval) {
    if (wall - aligned >= interval) {
      aligned += (wall - aligned) / interval * interval;
    }
    return aligned;
  }

  /**
   * The timestamp a scrape starting at {@code wall} gets: the grid point when it is within
   * Prometheus's tolerance (2 ms, at most 1% of the interval), else the wall time itself. Jitter of a
   * few ms would otherwise double the size of the timestamp encoding of every series.
   */
  static long alignedNanos(long wall, long aligned, long interval) {
    long point = gridPoint(wall, aligned, interval);
    long tolerance = Math.min(interval / 100, TIMESTAMP_TOLERANCE_NANOS);
    return wall - point <= tolerance ? point : wall;
  }

  /** Sleeps until {@code deadline} (nanoTime); false if the loop was stopped meanwhile. */
  private boolean sleepUntil(long deadline) {
    while (!stopping) {
      long wait = deadline - System.nanoTime();
      if (wait <= 0) {
        return true;
      }
      LockSupport.parkNanos(this, wait);
    }
    return false;
  }

  private void endOfRunStaleness(long nextTick, long intervalNanos) {
    // Wait for the next tick and take its time, then one more interval plus 10%: if the target
    // was recreated under a new loop, its samples are in by then and these markers are refused.
    long staleAt = nextTick;
    long staleWall = wallNanos() + Math.max(0, staleAt - System.nanoTime());
    long until = staleAt + intervalNanos + intervalNanos / 10;
    long wait;
    while ((wait = until - System.nanoTime()) > 0) {
      LockSupport.parkNanos(this, wait);
      if (!staleOnStop) {
        return;
      }
    }
    long t = Math.floorDiv(staleWall, 1_000_000L);
    Appender app = storage.appender();
    try {
      markAllStale(app, t);
      report.appendStale(app, t);
      app.commit();
    } catch (RuntimeException e) {
      app.rollback();
      LOG.log(Level.WARNING, "end-of-run staleness markers failed for " + target, e);
    }
  }

  /** One scrape: fetch, parse and append, then report. Package-private so tests can drive it. */
  void scrapeAndReport(long appendTimeMillis) {
    try {
      scrapeAppendAndReport(appendTimeMillis);
    } finally {
      fetcher.release();
    }
  }

  private void scrapeAppendAndReport(long appendTimeMillis) {
    long startNanos = System.nanoTime();
    long startWall = System.currentTimeMillis();
    String error = forcedError;
    int bodyBytes = 0;
    String contentType = null;
    boolean fetched = false;
    if (error == null) {
      try {
        contentType = fetcher.fetch();
        bodyBytes = fetcher.bodyLength();
        fetched = true;
      } catch (Exception e) {
        error = message(e);
        if (TargetFetcher.isBodySizeLimit(e)) {
          bodyBytes = -1;
          stats.exceededBodySizeLimit.increment();
        }
      } catch (Throwable t) {
        error = message(t);
      }
    }
    Appender app = storage.appender();
    AppendResult result = AppendResult.EMPTY;
    try {
      if (fetched) {
        try {
          result = append(app, fetcher.body(), bodyBytes, contentType, appendTimeMillis);
        } catch (ScrapeFailure | ExpositionException e) {
          app.rollback();
          app = storage.appender();
          error = e.getMessage();
          result = new AppendResult(e instanceof ScrapeFailure f ? f.total : 0, 0, 0);
          markAllStale(app, appendTimeMillis);
          cache.iterationDone(false);
        }
      } else {
        markAllStale(app, appendTimeMillis);
        cache.iterationDone(false);
      }
      double duration = (System.nanoTime() - startNanos) / 1e9;
      report.append(
          app,
          appendTimeMillis,
          error == null,
          duration,
          result,
          config.scrapeTimeout().toNanos() / 1e9,
          config.sampleLimit(),
          bodyBytes);
      app.commit();
      target.report(startWall, duration, error);
    } catch (RuntimeException e) {
      app.rollback();
      target.report(startWall, (System.nanoTime() - startNanos) / 1e9, "commit failed: " + message(e));
      LOG.log(Level.WARNING, "scrape commit failed for " + target, e);
      return;
    }
    if (error != null && failureLog != null) {
      failureLog.log(target, startWall, error);
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
  }

  /** Counts of one scrape's samples, as the synthetic series report them. */
  record AppendResult(int total, int added, int seriesAdded) {
    static final AppendResult EMPTY = new AppendResult(0, 0, 0);
  }

  /** A scrape that must fail as a whole; carries how many samples were read before. */
  static final class ScrapeFailure extends RuntimeException {
    final int total;

    ScrapeFailure(String message, int total) {
      super(message, null, false, false);
      this.total = total;
    }
  }

  /**
   * Appends one scrape's samples and the staleness markers for series it no longer has.
   *
   * @throws ScrapeFailure or ExpositionException when the scrape must fail as a whole; the caller
   *     rolls back
   */
  AppendResult append(Appender app, byte[] body, int length, String contentType, long defTime) {
    ExpositionParser p = parsers.select(contentType, body, length);
    long sampleLimit = config.sampleLimit();
    boolean honorTimestamps = config.honorTimestamps();
    boolean trackTsStaleness = config.trackTimestampsStaleness();
    int total = 0;
    int added = 0;
    int seriesAdded = 0;
    long appended = 0;
    boolean sampleLimitHit = false;
    for (Entry et = p.next(); et != Entry.EOF; et = p.next()) {
      switch (et) {
        case TYPE, HELP, UNIT -> cache.setMetadata(p, et);
        case COMMENT, EOF -> {}
        case SERIES -> {
          total++;
          boolean ownTimestamp = honorTimestamps && p.hasTimestamp();
          long t = ownTimestamp ? p.timestamp() : defTime;
          byte[] buf = p.seriesBytes();
          int off = p.seriesOffset();
          int len = p.seriesLength();
          int ce = cache.get(buf, off, len);
          boolean repeat = ce != ScrapeCache.NONE && cache.seenBefore;
          if (ce != ScrapeCache.NONE && cache.dropped(ce)) {
            continue;
          }
          Labels lset;
          long ref;
          if (ce != ScrapeCache.NONE) {
            lset = cache.labels(ce);
            ref = cache.ref(ce);
          } else {
            builder.reset();
            p.labels(builder);
            lset = sampleLabels(builder.build(), p, total);
            if (lset == null) {
              cache.addDropped(buf, off, len);
              continue;
            }
            ref = 0;
          }
          if (repeat && !ownTimestamp) {
            // The same line twice in one scrape: Prometheus refuses the second as a duplicate.
            duplicates++;
            stats.sampleDuplicate.increment();
            added++;
            continue;
          }
          if (sampleLimit > 0 && appended >= sampleLimit) {
            sampleLimitHit = true;
            added++;
            continue;
          }
          boolean ok = true;
          try {
            ref = app.append(ref, lset, t, p.value());
            appended++;
          } catch (SampleRejectedException e) {
            ok = false;
            if (e.reason() == SampleRejectedException.Reason.OUT_OF_ORDER) {
              outOfOrder++;
              stats.sampleOutOfOrder.increment();
            } else {
              duplicates++;
              stats.sampleDuplicate.increment();
            }
          }
          if (ok) {
            if (ce == ScrapeCache.NONE) {
              // lset was interned through the storage's symbol table, so the head kept this very
              // instance: the cache and the head share one copy of every series' labels.
              ce = cache.add(buf, off, len, ref, lset);
              seriesAdded++;
            } else {
              cache.setRef(ce, ref);
            }
            if (!ownTimestamp || trackTsStaleness) {
              cache.track(ce);
            }
          }
          added++;
        }
      }
    }
    if (sampleLimitHit) {
      stats.exceededSampleLimit.increment();
      throw new ScrapeFailure("sample limit exceeded", total);
    }
    markStale(app, defTime);
    cache.iterationDone(true);
    return new AppendResult(total, added, seriesAdded);
  }

  /** Target labels, honor_labels and metric relabeling on a cache miss; null if dropped. */
  private Labels sampleLabels(Labels exposed, ExpositionParser p, int total) {
    Labels lset =
        SampleLabels.mutate(
            exposed,
            p::exposesLabel,
            target.labels(),
            config.honorLabels(),
            config.metricRelabelConfigs(),
            config.nameValidation());
    if (lset == null || lset.isEmpty()) {
      return null;
    }
    String invalid = SampleLabels.validate(lset, config.nameValidation());
    if (invalid != null) {
      throw new ScrapeFailure(invalid, total);
    }
    String limitError = SampleLabels.checkLimits(lset, config);
    if (limitError != null) {
      throw new ScrapeFailure(limitError, total);
    }
    // The cache keeps these labels as long as the series is scraped: share the storage's strings.
    return lset.intern(symbols);
  }

  /** Staleness markers for the series the previous scrape wrote and this one did not. */
  private void markStale(Appender app, long t) {
    cache.forEachStale((ref, labels) -> appendStale(app, ref, labels, t));
  }

  /** After a failed scrape: every series the previous scrape wrote is now stale. */
  private void markAllStale(Appender app, long t) {
    cache.untrackCurrent();
    markStale(app, t);
  }

  private static void appendStale(Appender app, long ref, Labels labels, long t) {
    try {
      app.append(ref, labels, t, StaleMarker.VALUE);
    } catch (SampleRejectedException e) {
      // The series got a newer sample meanwhile (the target came back under a new loop): the
      // marker would be wrong, and the storage rightly refuses it.
    }
  }

  private static long wallNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
