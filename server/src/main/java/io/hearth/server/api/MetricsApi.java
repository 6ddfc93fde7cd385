package io.hearth.server.api;

import io.hearth.server.http.ChunkedBodyStream;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET /metrics}: Hearth's own metrics from a client_java registry, in OpenMetrics text when
 * the {@code Accept} header asks for it, else in Prometheus text 0.0.4. Collection runs on {@code
 * worker}, never on the event loop. Thread-safe.
 */
public final class MetricsApi {
  private final PrometheusRegistry registry;
  private final Executor worker;
  private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
  private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();

  public MetricsApi(PrometheusRegistry registry, Executor worker) {
    this.registry = registry;
    this.worker = worker;
  }

  public void handle(Request req, Responder res) {
    String accept = req.headers().get("Accept");
    try {
      worker.execute(() -> write(accept, res));
    } catch (RejectedExecutionException e) {
      res.sendText(503, "Service Unavailable");
    }
  }

  private void write(String accept, Responder res) {
    ExpositionFormatWriter w = openMetrics.accepts(accept) ? openMetrics : text;
    MetricSnapshots snapshots;
    try {
      snapshots = registry.scrape();
    } catch (RuntimeException e) {
      // A collector failed: say so rather than leave the scrape hanging.
      res.sendText(500, "error gathering metrics: " + e + "\n");
      return;
    }
    ChunkedBodyStream body = res.stream(200, w.getContentType());
    try {
      w.write(body, snapshots, EscapingScheme.fromAcceptHeader(accept));
      body.close();
    } catch (IOException | RuntimeException e) {
      body.abort();
    }
  }
}
