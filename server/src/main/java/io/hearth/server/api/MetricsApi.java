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
import io.hearth.server.metrics.ReservedNameMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code GET /metrics}: Hearth's own metrics from a client_java registry, in OpenMetrics text when
 * the {@code Accept} header asks for it, else in Prometheus text 0.0.4. Collection runs on {@code
 * worker}, never on the event loop. Thread-safe.
 */
public final class MetricsApi {
  private final PrometheusRegistry registry;
  private final ReservedNameMetrics reserved;
  private final Executor worker;
  private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
  private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();

  public MetricsApi(PrometheusRegistry registry, Executor worker) {
    this(registry, new ReservedNameMetrics(), worker);
  }

  /** @param reserved families written after the registry's, whose names client_java refuses */
  public MetricsApi(PrometheusRegistry registry, ReservedNameMetrics reserved, Executor worker) {
    this.registry = registry;
    this.reserved = reserved;
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

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.UTF_8);

  private static boolean endsWith(byte[] b, byte[] suffix) {
    return b.length >= suffix.length
        && Arrays.equals(b, b.length - suffix.length, b.length, suffix, 0, suffix.length);
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
      boolean isOpenMetrics = w == openMetrics;
      if (isOpenMetrics) {
        // The hand-written families must come before OpenMetrics' closing "# EOF" line.
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
        w.write(buf, snapshots, EscapingScheme.fromAcceptHeader(accept));
        byte[] bytes = buf.toByteArray();
        int end = endsWith(bytes, EOF) ? bytes.length - EOF.length : bytes.length;
        body.write(bytes, 0, end);
        reserved.write(body, true);
        body.write(EOF);
      } else {
        w.write(body, snapshots, EscapingScheme.fromAcceptHeader(accept));
        reserved.write(body, false);
      }
      body.close();
    } catch (IOException | RuntimeException e) {
      body.abort();
    }
  }
}
