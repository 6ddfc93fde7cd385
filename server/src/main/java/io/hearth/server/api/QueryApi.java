package io.hearth.server.api;

import io.hearth.promql.PromqlException;
import io.hearth.promql.engine.Annotations;
import io.hearth.promql.engine.Engine;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Query;
import io.hearth.promql.engine.QueryStats;
import io.hearth.promql.engine.Result;
import io.hearth.promql.engine.Value;
import io.hearth.promql.engine.Vector;
import io.hearth.server.http.ChunkedBodyStream;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import io.hearth.server.metrics.QueryMetrics;
import io.hearth.storage.Queryable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range}, as Prometheus's {@code api.query} and
 * {@code api.queryRange} (v3.9): the same parameters ({@code query}, {@code time}, {@code start},
 * {@code end}, {@code step}, {@code timeout}, {@code limit}, {@code lookback_delta}, {@code stats})
 * checked in the same order with the same messages, the 11,000-points-per-series cap, and
 * evaluation errors mapped to their error types.
 *
 * <p>Parameters are checked on the event loop (cheap); the query runs on the bounded {@code
 * queries} executor ({@code --query.max-concurrency} threads), which also writes the streamed
 * answer. A client that disconnects cancels its query. Thread-safe.
 */
public final class QueryApi {
  /** Prometheus's cap on a range query's resolution. */
  static final long MAX_POINTS_PER_SERIES = 11_000;
  /** Prometheus renders at most this many warnings and infos each ({@code AsStrings(query, 10, 10)}). */
  private static final int MAX_ANNOTATIONS = 10;

  private final EngineOptions options;
  private final Supplier<? extends Queryable> storage;
  private final Executor queries;
  private final LongSupplier nowMs;
  private final QueryMetrics metrics;

  /**
   * @param storage the storage to query, read at each query (the TSDB opens after the listener)
   * @param queries runs queries; its bound is the query concurrency
   * @param nowMs the default time of an instant query
   */
  public QueryApi(EngineOptions options, Supplier<? extends Queryable> storage, Executor queries, LongSupplier nowMs) {
    this(options, storage, queries, nowMs, null);
  }

  /** As the other constructor, with every query's phases timed in {@code metrics} (null: not timed). */
  public QueryApi(EngineOptions options, Supplier<? extends Queryable> storage, Executor queries, LongSupplier nowMs,
      QueryMetrics metrics) {
    this.options = options;
    this.storage = storage;
    this.queries = queries;
    this.nowMs = nowMs;
    this.metrics = metrics;
  }

  /** A parsed request: everything checked before the query text is parsed. */
  private record Params(String query, long start, long end, long step, long timeoutNanos,
      long lookbackMs, int limit, boolean stats) {}

  /** {@code GET|POST /api/v1/query}. */
  public void instant(Request req, Responder res) {
    Params p;
    try {
      int limit = limit(req);
      long t;
      try {
        t = ApiParams.parseTimeParam("time", req.formValue("time"), nowMs.getAsLong());
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidParam("time", e.getMessage());
      }
      long timeout = timeout(req);
      long lookback = lookback(req);
      p = new Params(req.formValue("query"), t, t, 0, timeout, lookback, limit, !req.formValue("stats").isEmpty());
    } catch (ApiException e) {
      sendError(res, e.type(), e.getMessage());
      return;
    }
    submit(p, req, res);
  }

  /** {@code GET|POST /api/v1/query_range}. */
  public void range(Request req, Responder res) {
    Params p;
    try {
      int limit = limit(req);
      long start = time(req, "start");
      long end = time(req, "end");
      if (end < start) {
        throw ApiException.invalidParam("end", "end timestamp must not be before start time");
      }
      long stepNanos;
      try {
        stepNanos = ApiParams.parseDurationNanos(req.formValue("step"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidParam("step", e.getMessage());
      }
      if (stepNanos <= 0) {
        throw ApiException.invalidParam("step",
            "zero or negative query resolution step widths are not accepted. Try a positive integer");
      }
      // end.Sub(start) saturates at the largest Duration (MinTime..MaxTime overflows a long of ms).
      long diff = end - start;
      long spanNanos = diff < 0 || diff > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : diff * 1_000_000L;
      if (spanNanos / stepNanos > MAX_POINTS_PER_SERIES) {
        throw new ApiException(ErrorType.BAD_DATA,
            "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
      }
      long timeout = timeout(req);
      long lookback = lookback(req);
      p = new Params(req.formValue("query"), start, end, ApiParams.nanosToMillis(stepNanos), timeout, lookback,
          limit, !req.formValue("stats").isEmpty());
    } catch (ApiException e) {
      sendError(res, e.type(), e.getMessage());
      return;
    }
    submit(p, req, res);
  }

  private static int limit(Request req) {
    try {
      return ApiParams.parseLimit(req.formValue("limit"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParam("limit", e.getMessage());
    }
  }

  private static long time(Request req, String name) {
    try {
      return ApiParams.parseTime(req.formValue(name));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParam(name, e.getMessage());
    }
  }

  /** The {@code timeout} parameter in nanoseconds, or -1 when absent. */
  private static long timeout(Request req) {
    String to = req.formValue("timeout");
    if (to.isEmpty()) {
      return -1;
    }
    try {
      long ns = ApiParams.parseDurationNanos(to);
      return Math.max(ns, 0);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParam("timeout", e.getMessage());
    }
  }

  /** The {@code lookback_delta} parameter in milliseconds, 0 for the engine's own. */
  private static long lookback(Request req) {
    String s = req.formValue("lookback_delta");
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, ApiParams.nanosToMillis(ApiParams.parseDurationNanos(s)));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorType.BAD_DATA, "error parsing lookback delta duration: " + e.getMessage());
    }
  }

  private void submit(Params p, Request req, Responder res) {
    long submitted = System.nanoTime();
    if (metrics != null) {
      metrics.queryStarted();
    }
    try {
      queries.execute(() -> {
        try {
          run(p, res, submitted);
        } catch (RuntimeException e) {
          // A bug or a store closing under the query: answer if nothing was answered yet.
          try {
            sendError(res, ErrorType.INTERNAL, "unexpected error: " + e);
          } catch (IllegalStateException alreadyAnswered) {
            // the stream was already started; RuntimeExceptions there abort it
          }
        } finally {
          if (metrics != null) {
            metrics.queryEnded();
          }
        }
      });
    } catch (RejectedExecutionException e) {
      if (metrics != null) {
        metrics.queryEnded();
      }
      sendError(res, ErrorType.UNAVAILABLE, "too many queries waiting to run");
    }
  }

  /** Runs on the query executor: evaluates, then streams the answer. */
  private void run(Params p, Responder res, long submitted) {
    long queuedNanos = System.nanoTime() - submitted;
    if (metrics != null) {
      metrics.queued(queuedNanos);
    }
    if (res.isClientGone()) {
      return;
    }
    // The request's timeout only shortens the engine's (Prometheus applies both deadlines), and
    // the wait for an executor thread counts against it, as the wait in Prometheus's query queue.
    long timeoutNanos = options.timeoutMs() * 1_000_000L;
    if (p.timeoutNanos() >= 0) {
      timeoutNanos = Math.min(timeoutNanos, p.timeoutNanos());
    }
    long remainingMs = (timeoutNanos - queuedNanos) / 1_000_000L;
    if (remainingMs <= 0) {
      sendError(res, ErrorType.TIMEOUT, "query timed out in query queue");
      return;
    }
    EngineOptions opts = options.withTimeout(remainingMs);
    if (p.lookbackMs() > 0) {
      opts = opts.withLookbackDelta(p.lookbackMs());
    }
    Engine engine = new Engine(opts);
    Query q;
    try {
      q = p.step() == 0
          ? engine.newInstantQuery(storage.get(), p.query(), p.start())
          : engine.newRangeQuery(storage.get(), p.query(), p.start(), p.end(), p.step());
    } catch (PromqlException e) {
      sendError(res, ErrorType.BAD_DATA, "invalid parameter \"query\": " + e.getMessage());
      return;
    }
    try (q) {
      res.onClientGone(q::cancel);
      Result r;
      try {
        r = q.exec();
      } catch (PromqlException e) {
        sendError(res, ErrorType.of(e.kind()), e.getMessage());
        return;
      }
      if (metrics != null) {
        metrics.evaluated(q.stats(), p.step() != 0);
      }
      Value value = r.value();
      List<String> warnings = new ArrayList<>();
      List<String> infos = new ArrayList<>();
      annotations(r.annotations(), warnings, infos);
      if (p.limit() > 0) {
        Value truncated = truncate(value, p.limit());
        if (truncated != value) {
          value = truncated;
          // Prometheus adds this after the engine's annotations, as an unlimited warning.
          warnings.add("results truncated due to limit");
        }
      }
      JsonWriter.StatsJson stats = p.stats() ? stats(q.stats(), queuedNanos) : null;
      respond(res, value, new JsonWriter.Extras(warnings, infos, stats));
    }
  }

  private static void annotations(Annotations a, List<String> warnings, List<String> infos) {
    capped(a.warnings(), warnings, "warning");
    capped(a.infos(), infos, "info");
  }

  private static void capped(List<String> in, List<String> out, String kind) {
    int n = Math.min(in.size(), MAX_ANNOTATIONS);
    out.addAll(in.subList(0, n));
    if (in.size() > n) {
      out.add((in.size() - n) + " more " + kind + " annotations omitted");
    }
  }

  /** Prometheus's {@code truncateResults}: the first {@code limit} samples or series. */
  static Value truncate(Value v, int limit) {
    return switch (v) {
      case Vector vec when vec.samples().size() > limit -> new Vector(vec.samples().subList(0, limit));
      case Matrix m when m.series().size() > limit -> new Matrix(m.series().subList(0, limit));
      default -> v;
    };
  }

  private static JsonWriter.StatsJson stats(QueryStats s, long queuedNanos) {
    // Prometheus's evalTotalTime covers preparation, evaluation and sorting; execTotalTime adds
    // the time spent waiting in the query queue.
    return new JsonWriter.StatsJson(s.execTotalNanos(), s.resultSortNanos(), s.queryPreparationNanos(),
        s.innerEvalNanos(), queuedNanos, s.execTotalNanos() + queuedNanos, s.totalQueryableSamples(),
        s.peakSamples());
  }

  private static void respond(Responder res, Value value, JsonWriter.Extras extras) {
    ChunkedBodyStream body = res.stream(200, "application/json");
    try {
      try (JsonWriter w = new JsonWriter(body)) {
        w.querySuccess(value, extras);
      }
      body.close();
    } catch (IOException | RuntimeException e) {
      body.abort();
    }
  }

  /** An error envelope with the status code of its type. */
  static void sendError(Responder res, ErrorType type, String message) {
    res.send(type.status(), "application/json", JsonWriter.errorBytes(type, message));
  }
}
