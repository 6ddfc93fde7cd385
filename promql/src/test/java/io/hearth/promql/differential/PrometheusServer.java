package io.hearth.promql.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.promql.testdata.BenchData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the {@code prometheus} and {@code promtool} on the PATH) serving an
 * OpenMetrics file: the file is imported with {@code promtool tsdb create-blocks-from
 * openmetrics}, the server runs on 127.0.0.1 on a free port with no scrape jobs, and queries go
 * through its HTTP API. {@link #close()} stops the process; nothing else is left running.
 */
final class PrometheusServer implements Evaluator, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private PrometheusServer(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** True if both binaries are on the PATH. */
  static boolean available() {
    return onPath("prometheus") && onPath("promtool");
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Imports {@code om} into a fresh TSDB under {@code work} and starts Prometheus on it, waiting
   * at most {@code readyTimeout} for {@code /-/ready}.
   */
  static PrometheusServer start(Path om, Path work, Duration readyTimeout) throws IOException {
    Path data = work.resolve("data");
    deleteTree(data);
    Files.createDirectories(work);
    BenchData.run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", om.toString(), data.toString()),
        work.resolve("promtool.log"), 300);
    Path config = work.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
    int port = freePort();
    Path log = work.resolve("prometheus.log");
    Process p = new ProcessBuilder(
            "prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + data,
            "--storage.tsdb.retention.time=3650d",
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PrometheusServer s = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port), log);
    try {
      s.awaitReady(readyTimeout);
    } catch (RuntimeException | IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void awaitReady(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest req = HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for prometheus", e);
      }
      sleep(50);
    }
    throw new IllegalStateException("prometheus not ready after " + timeout + ":\n" + Files.readString(log));
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Stops the server: SIGTERM, then at most 10 s to exit, then SIGKILL. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
