package io.hearth.server;

import io.hearth.tsdb.Db;
import io.hearth.tsdb.head.HeadStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Supplier;

/**
 * Hearth's own metrics registry: JVM and process metrics from client_java, and the head's series
 * and appended samples under Prometheus's names, read from the head when scraped (nothing is
 * added to the append path). Before the TSDB is open the head's metrics are absent.
 */
final class SelfMetrics {
  private SelfMetrics() {}

  static PrometheusRegistry create(Supplier<Db> db) {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    GaugeWithCallback.builder()
        .name("prometheus_tsdb_head_series")
        .help("Total number of series in the head block.")
        .callback(cb -> {
          Db d = db.get();
          if (d != null) {
            cb.call(d.head().numSeries());
          }
        })
        .register(registry);
    CounterWithCallback.builder()
        .name("prometheus_tsdb_head_samples_appended_total")
        .help("Total number of appended samples.")
        .labelNames("type")
        .callback(cb -> {
          Db d = db.get();
          if (d != null) {
            HeadStats s = d.head().stats();
            // Prometheus counts commits, not WAL replay; Hearth has no native histograms yet.
            cb.call(s.samplesCommitted(), "float");
            cb.call(0, "histogram");
          }
        })
        .register(registry);
    return registry;
  }
}
