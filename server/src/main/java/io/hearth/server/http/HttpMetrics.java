package io.hearth.server.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Prometheus's HTTP metrics, under its names: {@code prometheus_http_requests_total{handler,code}}
 * and {@code prometheus_http_request_duration_seconds{handler}} with its buckets. Thread-safe.
 */
public final class HttpMetrics {
  private final Counter requests;
  private final Histogram duration;

  public HttpMetrics(PrometheusRegistry registry) {
    requests = Counter.builder()
        .name("prometheus_http_requests_total")
        .help("Counter of HTTP requests.")
        .labelNames("handler", "code")
        .register(registry);
    duration = Histogram.builder()
        .name("prometheus_http_request_duration_seconds")
        .help("Histogram of latencies for HTTP requests.")
        .labelNames("handler")
        .classicOnly()
        .classicUpperBounds(.1, .2, .4, 1, 3, 8, 20, 60, 120)
        .register(registry);
  }

  /** Creates the series of {@code handler} at zero, code 200, as Prometheus does for every route. */
  public void init(String handler) {
    requests.labelValues(handler, "200");
    duration.labelValues(handler);
  }

  void observe(String handler, int code, long nanos) {
    requests.labelValues(handler, Integer.toString(code)).inc();
    duration.labelValues(handler).observe(nanos / 1e9);
  }
}
