package io.hearth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.testdata.PrometheusProcess;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code prometheus_*} and {@code process_*} family Hearth exposes is one a real Prometheus
 * (Debian's 2.42) exposes too, with the same type, help text and label names, so a misspelt name
 * cannot pass; both servers run the same self-scraping configuration and answer the same queries.
 * The families Prometheus added after 2.42 are listed, and checked to be absent from 2.42.
 */
class PrometheusNamesTest {
  /** Families of Prometheus 3.x (read from its source) that 2.42 does not have. */
  static final Set<String> SINCE_3X = Set.of(
      "prometheus_engine_query_duration_histogram_seconds",
      "prometheus_engine_query_samples_total",
      "prometheus_target_interval_length_histogram_seconds",
      "prometheus_target_scrape_pool_target_limit",
      "prometheus_target_sync_length_histogram_seconds",
      "prometheus_tsdb_head_appenders_created_total",
      "prometheus_tsdb_wal_storage_size_bytes");

  /** Label names 3.x added to a family 2.42 has. */
  static final Map<String, Set<String>> LABELS_SINCE_3X = Map.of("prometheus_build_info", Set.of("tags"));

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  @Test
  void everyPrometheusFamilyOfHearthIsOneOfPrometheus242() throws Exception {
    assertThat(PrometheusProcess.available()).as("prometheus and promtool on the PATH (apt-get install prometheus)")
        .isTrue();
    MetricsText hearth;
    MetricsText prometheus;
    int hearthPort = SelfMetricsTest.freePort();
    Path hearthDir = dir.resolve("hearth");
    Files.createDirectories(hearthDir);
    Path hearthConfig = writeConfig(hearthDir, hearthPort);
    try (Server server = Server.start(new Server.Config(hearthDir.resolve("data"),
        new ListenAddress("127.0.0.1", hearthPort), EngineOptions.defaults(), 4, hearthConfig))) {
      hearth = exercise(URI.create("http://127.0.0.1:" + server.address().getPort()));
    }
    int promPort = SelfMetricsTest.freePort();
    Path promDir = dir.resolve("prometheus");
    Files.createDirectories(promDir);
    Path promConfig = writeConfig(promDir, promPort);
    Process p = new ProcessBuilder("prometheus", "--config.file=" + promConfig,
        "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort,
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(promDir.resolve("prometheus.log").toFile())
        .start();
    try {
      prometheus = exercise(URI.create("http://127.0.0.1:" + promPort));
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }

    List<String> problems = new ArrayList<>();
    Set<String> compared = new TreeSet<>();
    for (MetricsText.Family h : hearth.families.values()) {
      if (!h.name.startsWith("prometheus_") && !h.name.startsWith("process_")) {
        continue; // jvm_* are client_java's own
      }
      MetricsText.Family theirs = prometheus.families.get(h.name);
      if (SINCE_3X.contains(h.name)) {
        if (theirs != null) {
          problems.add(h.name + " is listed as new in 3.x but 2.42 has it");
        }
        continue;
      }
      if (theirs == null) {
        problems.add(h.name + " (" + h.type + ") is not a Prometheus 2.42 metric");
        continue;
      }
      compared.add(h.name);
      if (!h.type.equals(theirs.type)) {
        problems.add(h.name + ": type " + h.type + ", Prometheus " + theirs.type);
      }
      if (!h.help.equals(theirs.help)) {
        problems.add(h.name + ": help \"" + h.help + "\", Prometheus \"" + theirs.help + "\"");
      }
      Set<String> labels = new TreeSet<>(h.labelNames());
      labels.removeAll(LABELS_SINCE_3X.getOrDefault(h.name, Set.of()));
      if (!theirs.samples.isEmpty() && !labels.equals(theirs.labelNames())) {
        problems.add(h.name + ": labels " + labels + ", Prometheus " + theirs.labelNames());
      }
    }
    assertThat(problems).isEmpty();
    // The comparison covered the families that matter for dashboards, not an empty set.
    assertThat(compared).contains("prometheus_tsdb_head_series", "prometheus_engine_query_duration_seconds",
        "prometheus_target_interval_length_seconds", "prometheus_http_request_duration_seconds",
        "prometheus_sd_discovered_targets", "prometheus_build_info", "process_cpu_seconds_total");
  }

  private static Path writeConfig(Path dir, int port) throws IOException {
    Path sd = dir.resolve("sd.json");
    Files.writeString(sd, "[{\"targets\": [\"127.0.0.1:" + port + "\"]}]");
    return Files.writeString(dir.resolve("prometheus.yml"), SelfMetricsTest.selfScrapingConfig(port, sd));
  }

  /**
   * Waits for the server at {@code base} to have scraped itself at least twice per job, runs an
   * instant and a range query, and returns its {@code /metrics}.
   */
  private static MetricsText exercise(URI base) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String body = get(base, "/metrics");
      if (body != null) {
        MetricsText m = MetricsText.parse(body);
        if (m.value("prometheus_target_interval_length_seconds_count", "interval", "1s") >= 4) {
          break;
        }
      }
      assertThat(System.nanoTime()).as(base + " did not scrape itself within 30 s").isLessThan(deadline);
      Thread.sleep(200);
    }
    get(base, "/api/v1/query?query=" + URLEncoder.encode("sum(up)", StandardCharsets.UTF_8));
    get(base, "/api/v1/query_range?query=" + URLEncoder.encode("up", StandardCharsets.UTF_8)
        + "&start=0&end=60&step=15");
    return MetricsText.parse(get(base, "/metrics"));
  }

  /** The body of a 200 answer, or null while the server is not up. */
  private static String get(URI base, String pathAndQuery) throws InterruptedException {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
          .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
