package io.hearth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
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
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running Hearth scraping itself every second: {@code /metrics} carries Prometheus's metric
 * names with their types and labels, and they move when queries run, scrapes happen and the
 * configuration is reloaded.
 */
class SelfMetricsTest {
  @TempDir static Path dir;
  private static Server server;
  private static URI base;
  private static Path config;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    int port = freePort();
    Files.writeString(dir.resolve("sd.json"), "[{\"targets\": [\"127.0.0.1:" + port + "\"]}]");
    config = dir.resolve("prometheus.yml");
    Files.writeString(config, selfScrapingConfig(port, dir.resolve("sd.json")));
    server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", port),
        EngineOptions.defaults(), 3, config));
    base = URI.create("http://127.0.0.1:" + port);
    get("/api/v1/query?query=" + q("up"));
    get("/api/v1/query_range?query=" + q("rate(up[1m])") + "&start=0&end=60&step=15");
    // Two scrapes of each job at least: the first interval is observed at the second scrape.
    awaitMetrics(m -> m.value("prometheus_target_interval_length_seconds_count", "interval", "1s") >= 2);
  }

  /** A configuration scraping {@code port} every second, statically and through file discovery. */
  static String selfScrapingConfig(int port, Path sdFile) {
    return """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: self
            static_configs:
              - targets: ['127.0.0.1:%d']
          - job_name: files
            file_sd_configs:
              - files: ['%s']
        """.formatted(port, sdFile);
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void exposesPrometheusNamesWithTheirTypesAndLabels() {
    MetricsText m = metrics();
    // tsdb/head.go, tsdb/db.go, tsdb/wlog/wlog.go, cmd/prometheus/main.go
    check(m, "prometheus_tsdb_head_series", "gauge");
    check(m, "prometheus_tsdb_head_series_created_total", "counter");
    check(m, "prometheus_tsdb_head_chunks", "gauge");
    check(m, "prometheus_tsdb_head_chunks_created_total", "counter");
    check(m, "prometheus_tsdb_head_active_appenders", "gauge");
    check(m, "prometheus_tsdb_head_appenders_created_total", "counter");
    check(m, "prometheus_tsdb_head_samples_appended_total", "counter", "type");
    check(m, "prometheus_tsdb_out_of_order_samples_total", "counter", "type");
    check(m, "prometheus_tsdb_head_min_time", "gauge");
    check(m, "prometheus_tsdb_head_max_time", "gauge");
    check(m, "prometheus_tsdb_head_min_time_seconds", "gauge");
    check(m, "prometheus_tsdb_head_max_time_seconds", "gauge");
    check(m, "prometheus_tsdb_lowest_timestamp", "gauge");
    check(m, "prometheus_tsdb_lowest_timestamp_seconds", "gauge");
    check(m, "prometheus_tsdb_data_replay_duration_seconds", "gauge");
    check(m, "prometheus_tsdb_wal_corruptions_total", "counter");
    check(m, "prometheus_tsdb_blocks_loaded", "gauge");
    check(m, "prometheus_tsdb_storage_blocks_bytes", "gauge");
    check(m, "prometheus_tsdb_symbol_table_size_bytes", "gauge");
    check(m, "prometheus_tsdb_wal_fsync_duration_seconds", "summary");
    check(m, "prometheus_tsdb_wal_page_flushes_total", "counter");
    check(m, "prometheus_tsdb_wal_completed_pages_total", "counter");
    check(m, "prometheus_tsdb_wal_writes_failed_total", "counter");
    check(m, "prometheus_tsdb_wal_segment_current", "gauge");
    check(m, "prometheus_tsdb_wal_storage_size_bytes", "gauge");
    // promql/engine.go
    check(m, "prometheus_engine_queries", "gauge");
    check(m, "prometheus_engine_queries_concurrent_max", "gauge");
    check(m, "prometheus_engine_query_log_enabled", "gauge");
    check(m, "prometheus_engine_query_samples_total", "counter");
    check(m, "prometheus_engine_query_duration_seconds", "summary", "slice");
    check(m, "prometheus_engine_query_duration_histogram_seconds", "histogram", "slice");
    // scrape/metrics.go, discovery/metrics.go
    check(m, "prometheus_target_interval_length_seconds", "summary", "interval");
    check(m, "prometheus_target_interval_length_histogram_seconds", "histogram", "interval");
    check(m, "prometheus_target_sync_length_seconds", "summary", "scrape_job");
    check(m, "prometheus_target_sync_length_histogram_seconds", "histogram", "scrape_job");
    check(m, "prometheus_target_scrape_pool_sync_total", "counter", "scrape_job");
    check(m, "prometheus_target_sync_failed_total", "counter", "scrape_job");
    check(m, "prometheus_target_scrape_pool_targets", "gauge", "scrape_job");
    check(m, "prometheus_target_scrape_pool_target_limit", "gauge", "scrape_job");
    check(m, "prometheus_target_scrape_pools_total", "counter");
    check(m, "prometheus_target_scrape_pools_failed_total", "counter");
    check(m, "prometheus_target_scrape_pool_reloads_total", "counter");
    check(m, "prometheus_target_scrape_pool_reloads_failed_total", "counter");
    check(m, "prometheus_target_scrape_pool_exceeded_target_limit_total", "counter");
    check(m, "prometheus_target_scrapes_exceeded_sample_limit_total", "counter");
    check(m, "prometheus_target_scrapes_exceeded_body_size_limit_total", "counter");
    check(m, "prometheus_target_scrapes_sample_out_of_order_total", "counter");
    check(m, "prometheus_target_scrapes_sample_duplicate_timestamp_total", "counter");
    check(m, "prometheus_sd_discovered_targets", "gauge", "config", "name");
    check(m, "prometheus_sd_received_updates_total", "counter", "name");
    check(m, "prometheus_sd_updates_total", "counter", "name");
    // web/web.go, cmd/prometheus/main.go
    check(m, "prometheus_http_requests_total", "counter", "code", "handler");
    check(m, "prometheus_http_request_duration_seconds", "histogram", "handler");
    check(m, "prometheus_http_response_size_bytes", "histogram", "handler");
    check(m, "prometheus_ready", "gauge");
    check(m, "prometheus_config_last_reload_successful", "gauge");
    check(m, "prometheus_config_last_reload_success_timestamp_seconds", "gauge");
    check(m, "prometheus_build_info", "gauge", "branch", "goarch", "goos", "goversion", "revision", "tags", "version");
    // client_java's process and JVM collectors
    check(m, "process_cpu_seconds_total", "counter");
    check(m, "process_resident_memory_bytes", "gauge");
    check(m, "process_start_time_seconds", "gauge");
    check(m, "process_open_fds", "gauge");
    check(m, "jvm_memory_used_bytes", "gauge", "area");
  }

  private static void check(MetricsText m, String name, String type, String... labelNames) {
    MetricsText.Family f = m.families.get(name);
    assertThat(f).as(name).isNotNull();
    assertThat(f.type).as(name + " type").isEqualTo(type);
    assertThat(f.help).as(name + " help").isNotEmpty();
    assertThat(f.samples).as(name + " samples").isNotEmpty();
    assertThat(f.labelNames()).as(name + " labels").containsExactlyInAnyOrder(labelNames);
  }

  @Test
  void labelValuesAreThoseOfPrometheus() {
    MetricsText m = metrics();
    assertThat(m.value("prometheus_tsdb_head_samples_appended_total", "type", "float")).isPositive();
    assertThat(m.value("prometheus_tsdb_head_samples_appended_total", "type", "histogram")).isZero();
    assertThat(m.value("prometheus_engine_queries_concurrent_max")).isEqualTo(3);
    assertThat(m.value("prometheus_engine_query_log_enabled")).isZero();
    assertThat(m.value("prometheus_ready")).isEqualTo(1);
    assertThat(m.value("prometheus_target_scrape_pool_targets", "scrape_job", "self")).isEqualTo(1);
    assertThat(m.value("prometheus_target_scrape_pool_targets", "scrape_job", "files")).isEqualTo(1);
    assertThat(m.value("prometheus_target_scrape_pools_total")).isEqualTo(2);
    assertThat(m.value("prometheus_sd_discovered_targets", "config", "files", "name", "scrape")).isEqualTo(1);
    assertThat(m.value("prometheus_sd_discovered_targets", "config", "self", "name", "scrape")).isEqualTo(1);
    assertThat(m.value("prometheus_http_requests_total", "code", "200", "handler", "/metrics")).isPositive();
    assertThat(m.value("prometheus_tsdb_head_series")).isPositive()
        .isEqualTo(m.value("prometheus_tsdb_head_series_created_total"));
    assertThat(m.value("prometheus_tsdb_head_chunks")).isGreaterThanOrEqualTo(m.value("prometheus_tsdb_head_series"));
    assertThat(m.value("prometheus_tsdb_wal_page_flushes_total")).isPositive();
    // Go's integer division of the milliseconds, then the float.
    assertThat(m.value("prometheus_tsdb_head_max_time_seconds"))
        .isEqualTo(Math.floor(m.value("prometheus_tsdb_head_max_time") / 1000));
  }

  @Test
  void aQueryMovesTheEngineMetrics() {
    MetricsText before = metrics();
    get("/api/v1/query?query=" + q("sum(up)"));
    get("/api/v1/query_range?query=" + q("up") + "&start=0&end=60&step=15");
    MetricsText after = metrics();
    for (String slice : List.of("queue_time", "prepare_time", "inner_eval")) {
      assertThat(count(after, "prometheus_engine_query_duration_seconds", slice)
          - count(before, "prometheus_engine_query_duration_seconds", slice)).as(slice).isEqualTo(2);
      assertThat(count(after, "prometheus_engine_query_duration_histogram_seconds", slice)
          - count(before, "prometheus_engine_query_duration_histogram_seconds", slice)).as(slice).isEqualTo(2);
    }
    // As in Prometheus, only the range query's result is sorted and timed.
    assertThat(count(after, "prometheus_engine_query_duration_seconds", "result_sort")
        - count(before, "prometheus_engine_query_duration_seconds", "result_sort")).isEqualTo(1);
    assertThat(after.value("prometheus_engine_query_samples_total"))
        .isGreaterThan(before.value("prometheus_engine_query_samples_total"));
    assertThat(after.value("prometheus_http_requests_total", "code", "200", "handler", "/api/v1/query"))
        .isEqualTo(before.value("prometheus_http_requests_total", "code", "200", "handler", "/api/v1/query") + 1);
    assertThat(after.value("prometheus_http_response_size_bytes_count", "handler", "/api/v1/query_range"))
        .isEqualTo(before.value("prometheus_http_response_size_bytes_count", "handler", "/api/v1/query_range") + 1);
    assertThat(after.value("prometheus_engine_queries")).isZero();
  }

  private static double count(MetricsText m, String name, String slice) {
    double v = m.value(name + "_count", "slice", slice);
    return Double.isNaN(v) ? 0 : v;
  }

  @Test
  void scrapesMoveTheIntervalSummary() {
    MetricsText before = metrics();
    double n = before.value("prometheus_target_interval_length_seconds_count", "interval", "1s");
    double appended = before.value("prometheus_tsdb_head_samples_appended_total", "type", "float");
    // The interval is observed when a scrape starts, its samples counted when it commits: wait for both.
    MetricsText after = awaitMetrics(m -> m.value("prometheus_target_interval_length_seconds_count", "interval", "1s") > n
        && m.value("prometheus_tsdb_head_samples_appended_total", "type", "float") > appended);
    double sum = after.value("prometheus_target_interval_length_seconds_sum", "interval", "1s");
    double count = after.value("prometheus_target_interval_length_seconds_count", "interval", "1s");
    // Every observed interval is close to the configured second.
    assertThat(sum / count).isBetween(0.5, 1.5);
    assertThat(after.value("prometheus_target_interval_length_seconds", "interval", "1s", "quantile", "0.5"))
        .isBetween(0.5, 1.5);
  }

  @Test
  void aReloadFlipsTheLastReloadMetrics() throws IOException {
    MetricsText m = metrics();
    assertThat(m.value("prometheus_config_last_reload_successful")).isEqualTo(1);
    double loadedAt = m.value("prometheus_config_last_reload_success_timestamp_seconds");
    assertThat(loadedAt).isPositive();
    String good = Files.readString(config);
    try {
      Files.writeString(config, "scrape_configs: [");
      assertThat(server.reload()).isNotNull();
      m = metrics();
      assertThat(m.value("prometheus_config_last_reload_successful")).isZero();
      // A failed reload keeps the time of the last good one.
      assertThat(m.value("prometheus_config_last_reload_success_timestamp_seconds")).isEqualTo(loadedAt);
    } finally {
      Files.writeString(config, good);
    }
    assertThat(server.reload()).isNull();
    m = metrics();
    assertThat(m.value("prometheus_config_last_reload_successful")).isEqualTo(1);
    assertThat(m.value("prometheus_config_last_reload_success_timestamp_seconds")).isGreaterThanOrEqualTo(loadedAt);
  }

  @Test
  void openMetricsEndsWithEofAfterEveryFamily() {
    String om = get("/metrics", "application/openmetrics-text;version=1.0.0");
    assertThat(om).endsWith("\n# EOF\n");
    assertThat(om.indexOf("# EOF")).isEqualTo(om.length() - "# EOF\n".length());
    assertThat(om)
        .contains("# TYPE prometheus_tsdb_head_series_created counter\n")
        .contains("\nprometheus_tsdb_head_series_created_total ")
        .contains("# TYPE prometheus_build_info gauge\n");
  }

  static MetricsText metrics() {
    return MetricsText.parse(get("/metrics"));
  }

  /** Polls {@code /metrics} every 100 ms, for at most 15 s, until {@code done} holds. */
  private static MetricsText awaitMetrics(Predicate<MetricsText> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    MetricsText m = metrics();
    while (!done.test(m)) {
      assertThat(System.nanoTime()).as("metrics did not reach the wanted state in 15 s").isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      m = metrics();
    }
    return m;
  }

  private static String get(String pathAndQuery) {
    return get(pathAndQuery, "text/plain");
  }

  private static String get(String pathAndQuery, String accept) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
          .header("Accept", accept).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
