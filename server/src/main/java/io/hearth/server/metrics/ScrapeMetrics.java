package io.hearth.server.metrics;

import io.hearth.scrape.discovery.DiscoveryManager;
import io.hearth.scrape.loop.ScrapeManager;
import io.hearth.scrape.loop.ScrapeObserver;
import io.hearth.scrape.loop.ScrapeStats;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The scraper's and discovery's metrics, as Prometheus's {@code scrape/metrics.go} and {@code
 * discovery/metrics.go} define them. Counters are the scrape manager's own {@link ScrapeStats},
 * read when scraped; the interval and sync timings arrive through {@link ScrapeObserver}, once per
 * scrape or sync. Thread-safe.
 */
public final class ScrapeMetrics implements ScrapeObserver {
  /** Prometheus's objectives for its scrape summaries. */
  private static final double[][] OBJECTIVES = {{0.01, 0.001}, {0.05, 0.005}, {0.5, 0.05}, {0.9, 0.01}, {0.99, 0.001}};

  private final Summary intervalLength;
  private final Histogram intervalLengthHistogram;
  private final Summary syncLength;
  private final Histogram syncLengthHistogram;
  private final Counter syncs;
  private final Counter syncFailed;
  /** Go's rendering of each interval seen, so a scrape formats none. */
  private final Map<Duration, String> intervalLabels = new ConcurrentHashMap<>();

  /**
   * @param scrapes the running scrape manager, or null before scraping starts
   * @param discovery the running discovery manager, or null before scraping starts
   */
  public ScrapeMetrics(PrometheusRegistry registry, Supplier<ScrapeManager> scrapes,
      Supplier<DiscoveryManager> discovery) {
    intervalLength = summary("prometheus_target_interval_length_seconds", "Actual intervals between scrapes.",
        "interval").register(registry);
    intervalLengthHistogram = histogram("prometheus_target_interval_length_histogram_seconds",
        "Actual intervals between scrapes.", "interval").register(registry);
    syncLength = summary("prometheus_target_sync_length_seconds", "Actual interval to sync the scrape pool.",
        "scrape_job").register(registry);
    syncLengthHistogram = histogram("prometheus_target_sync_length_histogram_seconds",
        "Actual interval to sync the scrape pool.", "scrape_job").register(registry);
    syncs = Counter.builder()
        .name("prometheus_target_scrape_pool_sync_total")
        .help("Total number of syncs that were executed on a scrape pool.")
        .labelNames("scrape_job")
        .register(registry);
    syncFailed = Counter.builder()
        .name("prometheus_target_sync_failed_total")
        .help("Total number of target sync failures.")
        .labelNames("scrape_job")
        .register(registry);

    counter(registry, scrapes, "prometheus_target_scrape_pools_total", "Total number of scrape pool creation attempts.",
        ScrapeStats::poolsCreated);
    counter(registry, scrapes, "prometheus_target_scrape_pools_failed_total",
        "Total number of scrape pool creations that failed.", ScrapeStats::poolsFailed);
    counter(registry, scrapes, "prometheus_target_scrape_pool_reloads_total", "Total number of scrape pool reloads.",
        ScrapeStats::poolReloads);
    counter(registry, scrapes, "prometheus_target_scrape_pool_reloads_failed_total",
        "Total number of failed scrape pool reloads.", ScrapeStats::poolReloadsFailed);
    counter(registry, scrapes, "prometheus_target_scrape_pool_exceeded_target_limit_total",
        "Total number of times scrape pools hit the target limit, during sync or config reload.",
        ScrapeStats::exceededTargetLimit);
    counter(registry, scrapes, "prometheus_target_scrapes_exceeded_sample_limit_total",
        "Total number of scrapes that hit the sample limit and were rejected.", ScrapeStats::exceededSampleLimit);
    counter(registry, scrapes, "prometheus_target_scrapes_exceeded_body_size_limit_total",
        "Total number of scrapes that hit the body size limit", ScrapeStats::exceededBodySizeLimit);
    counter(registry, scrapes, "prometheus_target_scrapes_sample_out_of_order_total",
        "Total number of samples rejected due to not being out of the expected order.", ScrapeStats::sampleOutOfOrder);
    counter(registry, scrapes, "prometheus_target_scrapes_sample_duplicate_timestamp_total",
        "Total number of samples rejected due to duplicate timestamps but different values.",
        ScrapeStats::sampleDuplicate);

    GaugeWithCallback.builder()
        .name("prometheus_target_scrape_pool_targets")
        .help("Current number of targets in this scrape pool.")
        .labelNames("scrape_job")
        .callback(cb -> {
          ScrapeManager m = scrapes.get();
          if (m != null) {
            m.activeTargetCounts().forEach((job, n) -> cb.call(n, job));
          }
        })
        .register(registry);
    GaugeWithCallback.builder()
        .name("prometheus_target_scrape_pool_target_limit")
        .help("Maximum number of targets allowed in this scrape pool.")
        .labelNames("scrape_job")
        .callback(cb -> {
          ScrapeManager m = scrapes.get();
          if (m != null) {
            m.targetLimits().forEach((job, n) -> cb.call(n, job));
          }
        })
        .register(registry);

    // Discovery (discovery/metrics.go). Hearth's one discovery manager is Prometheus's "scrape" one.
    GaugeWithCallback.builder()
        .name("prometheus_sd_discovered_targets")
        .help("Current number of discovered targets.")
        .labelNames("config", "name")
        .callback(cb -> {
          DiscoveryManager d = discovery.get();
          if (d != null) {
            d.discoveredTargetCounts().forEach((job, n) -> cb.call(n, job, "scrape"));
          }
        })
        .register(registry);
    discoveryCounter(registry, discovery, "prometheus_sd_received_updates_total",
        "Total number of update events received from the SD providers.", DiscoveryManager::receivedUpdates);
    discoveryCounter(registry, discovery, "prometheus_sd_updates_total",
        "Total number of update events sent to the SD consumers.", DiscoveryManager::sentUpdates);
  }

  @Override
  public void scrapeInterval(Duration interval, long nanos) {
    String label = intervalLabels.computeIfAbsent(interval, GoDuration::format);
    double s = nanos / 1e9;
    intervalLength.labelValues(label).observe(s);
    intervalLengthHistogram.labelValues(label).observe(s);
  }

  @Override
  public void poolSynced(String job, long nanos, int failedTargets) {
    double s = nanos / 1e9;
    syncLength.labelValues(job).observe(s);
    syncLengthHistogram.labelValues(job).observe(s);
    syncs.labelValues(job).inc();
    // Created at zero on the first sync, as Prometheus shows every pool's failure count.
    syncFailed.labelValues(job).inc(failedTargets);
  }

  private static Summary.Builder summary(String name, String help, String label) {
    Summary.Builder b = Summary.builder().name(name).help(help).labelNames(label);
    for (double[] o : OBJECTIVES) {
      b.quantile(o[0], o[1]);
    }
    return b;
  }

  private static Histogram.Builder histogram(String name, String help, String label) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .labelNames(label)
        .classicUpperBounds(.01, .1, 1, 10)
        .nativeInitialSchema(3)
        .nativeMaxNumberOfBuckets(100)
        .nativeResetDuration(1, TimeUnit.HOURS);
  }

  private static void counter(PrometheusRegistry r, Supplier<ScrapeManager> scrapes, String name, String help,
      ToLongFunction<ScrapeStats> f) {
    CounterWithCallback.builder().name(name).help(help).callback(cb -> {
      ScrapeManager m = scrapes.get();
      if (m != null) {
        cb.call(f.applyAsLong(m.stats()));
      }
    }).register(r);
  }

  private static void discoveryCounter(PrometheusRegistry r, Supplier<DiscoveryManager> discovery, String name,
      String help, ToLongFunction<DiscoveryManager> f) {
    CounterWithCallback.builder().name(name).help(help).labelNames("name").callback(cb -> {
      DiscoveryManager d = discovery.get();
      if (d != null) {
        cb.call(f.applyAsLong(d), "scrape");
      }
    }).register(r);
  }
}
