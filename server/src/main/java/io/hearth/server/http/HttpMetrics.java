package io.hearth.server.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's HTTP metrics (web/web.go), under its names, help texts and buckets: {@code
 * prometheus_http_requests_total{handler,code}}, {@code
 * prometheus_http_request_duration_seconds{handler}} (classic buckets plus a native histogram of
 * factor 1.1, at most 100 buckets, reset hourly, as upstream) and {@code
 * prometheus_http_response_size_bytes{handler}} (body bytes before compression). Thread-safe.
 */
public final class HttpMetrics {
  private final Counter requests;
  private final Histogram duration;
  private final Histogram responseSize;

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
        .classicUpperBounds(.1, .2, .4, 1, 3, 8, 20, 60, 120)
        // Go's NativeHistogramBucketFactor 1.1 is the largest schema whose factor stays under it: 3.
        .nativeInitialSchema(3)
        .nativeMaxNumberOfBuckets(100)
        .nativeResetDuration(1, TimeUnit.HOURS)
        .register(registry);
    responseSize = Histogram.builder()
        .name("prometheus_http_response_size_bytes")
        .help("Histogram of response size for HTTP requests.")
        .labelNames("handler")
        .classicOnly()
        .classicExponentialUpperBounds(100, 10, 8)
        .register(registry);
  }

  /** Creates the request counter of {@code handler} at zero, code 200, as Prometheus does for every route. */
  public void init(String handler) {
    requests.labelValues(handler, "200");
  }

  void observe(String handler, int code, long nanos, long bodyBytes) {
    requests.labelValues(handler, Integer.toString(code)).inc();
    duration.labelValues(handler).observe(nanos / 1e9);
    responseSize.labelValues(handler).observe(bodyBytes);
  }
}
