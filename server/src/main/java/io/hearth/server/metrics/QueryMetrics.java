package io.hearth.server.metrics;

import io.hearth.promql.engine.QueryStats;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The PromQL engine's metrics, as Prometheus's {@code promql/engine.go} defines them: queries
 * running or waiting, the concurrency limit, the time of each phase of a query ({@code
 * slice="queue_time|prepare_time|inner_eval|result_sort"}) as a summary and as a histogram, and
 * the samples queries loaded. The query API reports each query here once. Thread-safe.
 */
public final class QueryMetrics {
  private final Gauge queries;
  private final Counter samples;
  private final Slice queue;
  private final Slice prepare;
  private final Slice innerEval;
  private final Slice resultSort;

  /** One phase of a query, observed into both the summary and the histogram. */
  private record Slice(DistributionDataPoint summary, DistributionDataPoint histogram) {
    void observe(long nanos) {
      double s = nanos / 1e9;
      summary.observe(s);
      histogram.observe(s);
    }
  }

  /** @param maxConcurrency queries evaluated at once ({@code --query.max-concurrency}) */
  public QueryMetrics(PrometheusRegistry registry, int maxConcurrency) {
    queries = Gauge.builder()
        .name("prometheus_engine_queries")
        .help("The current number of queries being executed or waiting.")
        .register(registry);
    Gauge.builder()
        .name("prometheus_engine_queries_concurrent_max")
        .help("The max number of concurrent queries.")
        .register(registry)
        .set(maxConcurrency);
    // Hearth has no query log (global.query_log_file), so it is never enabled.
    Gauge.builder()
        .name("prometheus_engine_query_log_enabled")
        .help("State of the query log.")
        .register(registry)
        .set(0);
    samples = Counter.builder()
        .name("prometheus_engine_query_samples_total")
        .help("The total number of samples loaded by all queries (full window per step for range-vector).")
        .register(registry);
    Summary summary = Summary.builder()
        .name("prometheus_engine_query_duration_seconds")
        .help("Query timings")
        .labelNames("slice")
        .quantile(0.5, 0.05)
        .quantile(0.9, 0.01)
        .quantile(0.99, 0.001)
        .register(registry);
    Histogram histogram = Histogram.builder()
        .name("prometheus_engine_query_duration_histogram_seconds")
        .help("The duration of various parts of PromQL query execution.")
        .labelNames("slice")
        .classicUpperBounds(.01, .1, 1, 10)
        .nativeInitialSchema(3)
        .nativeMaxNumberOfBuckets(100)
        .nativeResetDuration(1, TimeUnit.HOURS)
        .register(registry);
    queue = slice(summary, histogram, "queue_time");
    prepare = slice(summary, histogram, "prepare_time");
    innerEval = slice(summary, histogram, "inner_eval");
    resultSort = slice(summary, histogram, "result_sort");
  }

  private static Slice slice(Summary s, Histogram h, String name) {
    return new Slice(s.labelValues(name), h.labelValues(name));
  }

  /** A query was accepted and waits for, or holds, an executor thread. */
  public void queryStarted() {
    queries.inc();
  }

  /** A query {@link #queryStarted() started} has answered, failed or been refused. */
  public void queryEnded() {
    queries.dec();
  }

  /** The time a query waited for an executor thread. */
  public void queued(long nanos) {
    queue.observe(nanos);
  }

  /**
   * The phases of an evaluated query. As in Prometheus, only a range query's result is sorted and
   * timed as {@code result_sort}.
   */
  public void evaluated(QueryStats stats, boolean isRange) {
    prepare.observe(stats.queryPreparationNanos());
    innerEval.observe(stats.innerEvalNanos());
    if (isRange) {
      resultSort.observe(stats.resultSortNanos());
    }
    samples.inc(stats.totalQueryableSamples());
  }
}
