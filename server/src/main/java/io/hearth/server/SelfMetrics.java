package io.hearth.server;

import io.hearth.server.http.HttpMetrics;
import io.hearth.server.http.Readiness;
import io.hearth.server.metrics.QueryMetrics;
import io.hearth.server.metrics.ReservedNameMetrics;
import io.hearth.server.metrics.ScrapeMetrics;
import io.hearth.server.metrics.ServerMetrics;
import io.hearth.server.metrics.TsdbMetrics;
import io.hearth.tsdb.Db;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Supplier;

/**
 * Hearth's own metrics registry, served at {@code /metrics}: client_java's {@code jvm_*} and
 * {@code process_*} collectors, and Prometheus's own metrics for the parts Hearth has (see the
 * {@link io.hearth.server.metrics} package). Parts that start later (the TSDB, scraping) are read
 * through suppliers and have no samples until they run.
 */
final class SelfMetrics {
  final PrometheusRegistry registry = new PrometheusRegistry();
  final ReservedNameMetrics reserved = new ReservedNameMetrics();
  final HttpMetrics http;
  final QueryMetrics query;
  final TsdbMetrics tsdb;
  final ScrapeMetrics scrape;
  final ServerMetrics server;

  SelfMetrics(Supplier<Db> db, Supplier<Scraping> scraping, int maxConcurrency, Readiness readiness) {
    JvmMetrics.builder().register(registry);
    http = new HttpMetrics(registry);
    query = new QueryMetrics(registry, maxConcurrency);
    tsdb = new TsdbMetrics(registry, reserved, db);
    scrape = new ScrapeMetrics(registry,
        () -> {
          Scraping s = scraping.get();
          return s == null ? null : s.scrapes();
        },
        () -> {
          Scraping s = scraping.get();
          return s == null ? null : s.discovery();
        });
    server = new ServerMetrics(registry, reserved, Main.VERSION, () -> readiness.get() == Readiness.State.READY,
        System::currentTimeMillis);
  }
}
