package io.hearth.promql.engine;

import io.hearth.promql.PromqlException;
import io.hearth.promql.ast.PositionRange;
import io.hearth.storage.Querier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one query execution shares across its evaluators: options, the querier, the sample budget,
 * cancellation and the annotations raised so far. Single-threaded except for {@link #cancel()}.
 */
final class QueryContext {
  static final String ENV = "expression evaluation";

  final EngineOptions opts;
  final Querier querier;
  final String query;
  /** The query's own start and end, which {@code @ start()} and {@code @ end()} refer to. */
  final long queryStart;

  final long queryEnd;
  /** The range query's step, 0 for an instant query. */
  final long queryStep;
  final StepInvariance invariance = new StepInvariance();
  private final long deadlineNanos;
  private volatile boolean canceled;

  private long currentSamples;
  private long peakSamples;
  private long totalSamples;
  private int checkCounter;

  // Keyed by the text without position: Prometheus keeps the first occurrence of each message.
  private final Map<String, String> warnings = new LinkedHashMap<>();
  private final Map<String, Object> infos = new LinkedHashMap<>();

  QueryContext(
      EngineOptions opts,
      Querier querier,
      String query,
      long queryStart,
      long queryEnd,
      long queryStep,
      long startNanos) {
    this.opts = opts;
    this.querier = querier;
    this.query = query;
    this.queryStart = queryStart;
    this.queryEnd = queryEnd;
    this.queryStep = queryStep;
    this.deadlineNanos = startNanos + opts.timeoutMs() * 1_000_000L;
  }

  void cancel() {
    canceled = true;
  }

  /** Fails with a timeout or cancel error if either happened. Cheap enough to call per series. */
  void checkInterrupted() {
    if (canceled) {
      throw new PromqlException(PromqlException.Kind.CANCELED, "query was canceled in " + ENV);
    }
    if ((++checkCounter & 63) == 0 || checkCounter == 1) {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new PromqlException(PromqlException.Kind.TIMEOUT, "query timed out in " + ENV);
      }
    }
  }

  /**
   * {@link #checkInterrupted()} for {@link QueryWorkers} threads: it shares no counter, so it
   * reads the clock on every call; call it per series, not per sample.
   */
  void checkInterruptedFromWorker() {
    if (canceled) {
      throw new PromqlException(PromqlException.Kind.CANCELED, "query was canceled in " + ENV);
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new PromqlException(PromqlException.Kind.TIMEOUT, "query timed out in " + ENV);
    }
  }

  /** Counts {@code n} more samples held in memory, failing when over the limit. */
  void addSamples(long n) {
    currentSamples += n;
    if (currentSamples > peakSamples) {
      peakSamples = currentSamples;
    }
    if (currentSamples > opts.maxSamples()) {
      throw tooManySamples();
    }
  }

  long currentSamples() {
    return currentSamples;
  }

  /**
   * After a node finished: its inputs are released and its output of {@code n} samples stays.
   * What the node held on the way (inputs, output built so far) already counted toward the peak
   * through {@link #addSamples}, which is also where an oversized node is stopped early.
   */
  void settle(long before, long n) {
    currentSamples = before;
    addSamples(n);
  }

  /** Counts samples read from storage, for {@link QueryStats#totalQueryableSamples()}. */
  void addQueryable(long n) {
    totalSamples += n;
  }

  long peakSamples() {
    return peakSamples;
  }

  long totalSamples() {
    return totalSamples;
  }

  static PromqlException tooManySamples() {
    return new PromqlException(
        PromqlException.Kind.EXECUTION,
        "query processing would load too many samples into memory in query execution");
  }

  static PromqlException error(String message) {
    return new PromqlException(PromqlException.Kind.EXECUTION, message);
  }

  void warn(String text, PositionRange pos) {
    warnings.putIfAbsent(text, "PromQL warning: " + text + " (" + pos.lineColumn(query) + ")");
  }

  void info(String text, PositionRange pos) {
    infos.putIfAbsent(text, "PromQL info: " + text + " (" + pos.lineColumn(query) + ")");
  }

  /**
   * The histogram_quantile monotonicity info, which upstream merges across steps and series into
   * one message summarizing the range of buckets, the largest fix and the time span.
   */
  void monotonicityInfo(String text, PositionRange pos, long t, double minB, double maxB, double diff) {
    Object prev = infos.get(text);
    if (prev instanceof Monotonicity m) {
      m.minT = Math.min(m.minT, t);
      m.maxT = Math.max(m.maxT, t);
      m.minBucket = Math.min(m.minBucket, minB);
      m.maxBucket = Math.max(m.maxBucket, maxB);
      m.maxDiff = Math.max(m.maxDiff, diff);
      m.count++;
      return;
    }
    infos.put(text, new Monotonicity(text, pos, t, minB, maxB, diff));
  }

  private final class Monotonicity {
    final String text;
    final PositionRange pos;
    long minT;
    long maxT;
    double minBucket;
    double maxBucket;
    double maxDiff;
    int count = 1;

    Monotonicity(String text, PositionRange pos, long t, double minB, double maxB, double diff) {
      this.text = text;
      this.pos = pos;
      this.minT = t;
      this.maxT = t;
      this.minBucket = minB;
      this.maxBucket = maxB;
      this.maxDiff = diff;
    }

    @Override
    public String toString() {
      return "PromQL info: "
          + text
          + ", from buckets "
          + Annotation.goG(minBucket)
          + " to "
          + Annotation.goG(maxBucket)
          + ", with a max diff of "
          + Annotation.goG2(maxDiff)
          + ", over "
          + count
          + " samples from "
          + rfc3339(minT)
          + " to "
          + rfc3339(maxT)
          + " ("
          + pos.lineColumn(query)
          + ")";
    }
  }

  private static String rfc3339(long ms) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        java.time.Instant.ofEpochSecond(ms / 1000));
  }

  Annotations annotations() {
    if (warnings.isEmpty() && infos.isEmpty()) {
      return Annotations.NONE;
    }
    List<String> in = new ArrayList<>(infos.size());
    for (Object o : infos.values()) {
      in.add(o.toString());
    }
    return new Annotations(new ArrayList<>(warnings.values()), in);
  }
}
