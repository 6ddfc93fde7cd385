package io.hearth.promql.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.promql.testdata.PrometheusProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus ({@link PrometheusProcess}) as an {@link Evaluator}: queries go through its
 * HTTP API. {@link #close()} stops the process; nothing else is left running.
 */
final class PrometheusServer implements Evaluator, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrometheusProcess process;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private PrometheusServer(PrometheusProcess process) {
    this.process = process;
    this.base = process.base();
  }

  /** True if both binaries are on the PATH. */
  static boolean available() {
    return PrometheusProcess.available();
  }

  /**
   * Imports {@code om} into a fresh TSDB under {@code work} and starts Prometheus on it, waiting
   * at most {@code readyTimeout} for {@code /-/ready}.
   */
  static PrometheusServer start(Path om, Path work, Duration readyTimeout) throws IOException {
    return new PrometheusServer(PrometheusProcess.start(om, work, readyTimeout));
  }

  @Override
  public Answer instant(String query, long timeMs) {
    return post("/api/v1/query", Map.of("query", query, "time", seconds(timeMs)));
  }

  @Override
  public Answer range(String query, long startMs, long endMs, long stepMs) {
    return post("/api/v1/query_range",
        Map.of("query", query, "start", seconds(startMs), "end", seconds(endMs), "step", seconds(stepMs)));
  }

  private Answer post(String path, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (!body.isEmpty()) {
        body.append('&');
      }
      body.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    try {
      HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
      return parse(JSON.readTree(resp.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot query prometheus at " + base + path + " with " + form, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted querying prometheus", e);
    }
  }

  /** Reduces an HTTP API response body ({@code {"status":..,"data":{"resultType":..}}}) to an answer. */
  static Answer parse(JsonNode root) {
    if (!"success".equals(root.path("status").asText())) {
      return Answer.error(root.path("errorType").asText() + ": " + root.path("error").asText());
    }
    JsonNode data = root.path("data");
    JsonNode result = data.path("result");
    return switch (data.path("resultType").asText()) {
      case "scalar" -> Answer.scalar(millis(result.get(0)), value(result.get(1)));
      case "string" -> Answer.string(millis(result.get(0)), result.get(1).asText());
      case "vector" -> {
        List<Answer.Curve> out = new ArrayList<>(result.size());
        for (JsonNode s : result) {
          JsonNode p = s.path("value");
          out.add(new Answer.Curve(labels(s.path("metric")), new long[] {millis(p.get(0))}, new double[] {value(p.get(1))}));
        }
        yield Answer.vector(out);
      }
      case "matrix" -> {
        List<Answer.Curve> out = new ArrayList<>(result.size());
        for (JsonNode s : result) {
          JsonNode values = s.path("values");
          long[] t = new long[values.size()];
          double[] v = new double[values.size()];
          for (int i = 0; i < t.length; i++) {
            t[i] = millis(values.get(i).get(0));
            v[i] = value(values.get(i).get(1));
          }
          out.add(new Answer.Curve(labels(s.path("metric")), t, v));
        }
        yield Answer.matrix(out);
      }
      default -> throw new IllegalArgumentException("unknown result type in " + root);
    };
  }

  private static Labels labels(JsonNode metric) {
    LabelsBuilder b = new LabelsBuilder();
    for (Map.Entry<String, JsonNode> e : metric.properties()) {
      b.set(e.getKey(), e.getValue().asText());
    }
    return b.build();
  }

  /** The API writes times as seconds with at most three decimals. */
  private static long millis(JsonNode n) {
    return Math.round(n.asDouble() * 1000);
  }

  /** The API writes values as Go's shortest float text, with "+Inf", "-Inf" and "NaN". */
  static double value(JsonNode n) {
    String s = n.asText();
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  /** Milliseconds as the API's decimal seconds, exactly. */
  static String seconds(long ms) {
    return java.math.BigDecimal.valueOf(ms, 3).toPlainString();
  }

  /** Stops the server. */
  @Override
  public void close() {
    process.close();
  }
}
