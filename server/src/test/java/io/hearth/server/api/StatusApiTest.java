package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hearth.labels.Labels;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.Server;
import io.hearth.server.WebOptions;
import io.hearth.server.http.ListenAddress;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.storage.Appender;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status, target, admin and lifecycle endpoints on a real server scraping a local target:
 * what 3.x has and the differential test against 2.42 cannot cover, byte for byte.
 */
class StatusApiTest {
  @TempDir Path dir;
  private HttpServer target;
  private Server server;
  private URI base;
  private Path config;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/metrics", ex -> {
      byte[] b = """
          # HELP a_total A.
          # TYPE a_total counter
          a_total 1
          # HELP b B, first.
          # TYPE b gauge
          b 1
          """.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    target.start();
    config = dir.resolve("prometheus.yml");
    writeConfig();
    TreeMap<String, String> flags = new TreeMap<>();
    flags.put("web.enable-lifecycle", "true");
    flags.put("query.timeout", "2m");
    server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 2, config, ConfigFile.Defaults.PROMETHEUS,
        new WebOptions(URI.create("http://hearth.example:9090/"), "", ".*", true, false, null, false), flags));
    base = URI.create("http://127.0.0.1:" + server.address().getPort());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.scrapes().allActiveTargets().size() < 2
        || server.scrapes().allActiveTargets().stream().anyMatch(t -> t.metadata().isEmpty())) {
      assertThat(System.nanoTime()).as("scraped in time").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private void writeConfig() throws Exception {
    Files.writeString(config, """
        global: {scrape_interval: 1s, scrape_timeout: 500ms}
        scrape_configs:
          - job_name: one
            static_configs: [{targets: ['127.0.0.1:%1$d']}]
          - job_name: two
            static_configs: [{targets: ['127.0.0.1:%1$d', 'drop.me:1']}]
            relabel_configs: [{source_labels: [__address__], regex: 'drop.*', action: drop}]
        """.formatted(target.getAddress().getPort()));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    target.stop(0);
  }

  record Reply(int status, String contentType, String body) {}

  private Reply send(String method, String pathAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  private String get(String pathAndQuery) throws Exception {
    Reply r = send("GET", pathAndQuery);
    assertThat(r.status()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void metadataLimitsPerMetricAndInTotal() throws Exception {
    assertThat(get("/api/v1/metadata")).isEqualTo("{\"status\":\"success\",\"data\":{"
        + "\"a_total\":[{\"type\":\"counter\",\"unit\":\"\",\"help\":\"A.\"}],"
        + "\"b\":[{\"type\":\"gauge\",\"unit\":\"\",\"help\":\"B, first.\"}]}}");
    assertThat(get("/api/v1/metadata?limit=1")).isEqualTo("{\"status\":\"success\",\"data\":{"
        + "\"a_total\":[{\"type\":\"counter\",\"unit\":\"\",\"help\":\"A.\"}]}}");
    assertThat(get("/api/v1/metadata?limit_per_metric=1&metric=b")).isEqualTo("{\"status\":\"success\",\"data\":{"
        + "\"b\":[{\"type\":\"gauge\",\"unit\":\"\",\"help\":\"B, first.\"}]}}");
    assertThat(send("GET", "/api/v1/metadata?limit_per_metric=y").body()).isEqualTo(
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"limit_per_metric must be a number\"}");
  }

  @Test
  void targetsCountDroppedTargetsPerPoolAndNameTheirPool() throws Exception {
    String body = get("/api/v1/targets?state=dropped");
    assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":{\"activeTargets\":[],\"droppedTargets\":["
        + "{\"discoveredLabels\":{\"__address__\":\"drop.me:1\",\"__always_scrape_classic_histograms__\":\"false\","
        + "\"__convert_classic_histograms_to_nhcb__\":\"false\",\"__metrics_path__\":\"/metrics\","
        + "\"__scheme__\":\"http\",\"__scrape_interval__\":\"1s\",\"__scrape_native_histograms__\":\"false\","
        + "\"__scrape_timeout__\":\"500ms\",\"job\":\"two\"},\"scrapePool\":\"two\"}],"
        + "\"droppedTargetCounts\":{\"one\":0,\"two\":1}}}");
    assertThat(get("/api/v1/targets?state=active")).contains("\"droppedTargets\":[],\"droppedTargetCounts\":null}");
  }

  @Test
  void aLocalTargetLinksThroughTheExternalHost() throws Exception {
    int port = target.getAddress().getPort();
    assertThat(get("/api/v1/targets?scrapePool=one"))
        .contains("\"scrapeUrl\":\"http://127.0.0.1:" + port + "/metrics\"")
        .contains("\"globalUrl\":\"http://hearth.example:" + port + "/metrics\"")
        .contains("\"health\":\"up\"")
        .contains("\"scrapeInterval\":\"1s\",\"scrapeTimeout\":\"500ms\"");
  }

  @Test
  void statusPagesAnswerWithPrometheusFields() throws Exception {
    assertThat(get("/api/v1/status/buildinfo")).startsWith(
        "{\"status\":\"success\",\"data\":{\"version\":\"3.14.0\",\"revision\":\"hearth-")
        .contains("\"goVersion\":\"java");
    assertThat(get("/api/v1/status/flags")).isEqualTo(
        "{\"status\":\"success\",\"data\":{\"query.timeout\":\"2m\",\"web.enable-lifecycle\":\"true\"}}");
    assertThat(get("/api/v1/status/runtimeinfo")).matches(
        "\\{\"status\":\"success\",\"data\":\\{\"startTime\":\"20\\d\\d-[^\"]+Z\",\"CWD\":\"[^\"]+\",\"hostname\":\"[^\"]+\","
            + "\"serverTime\":\"[^\"]+\",\"reloadConfigSuccess\":true,\"lastConfigTime\":\"20[^\"]+\","
            + "\"corruptionCount\":0,\"goroutineCount\":\\d+,\"GOMAXPROCS\":\\d+,\"GOMEMLIMIT\":\\d+,"
            + "\"GOGC\":\"\",\"GODEBUG\":\"\",\"storageRetention\":\"\"}}");
    assertThat(get("/api/v1/status/walreplay")).matches(
        "\\{\"status\":\"success\",\"data\":\\{\"min\":\\d+,\"max\":\\d+,\"current\":\\d+}}");
  }

  @Test
  void configShowsTheRunningConfigurationWithDefaults() throws Exception {
    String body = get("/api/v1/status/config");
    assertThat(body).startsWith("{\"status\":\"success\",\"data\":{\"yaml\":\"global:\\n  scrape_interval: 1s\\n")
        .contains("- job_name: one\\n  honor_timestamps: true\\n")
        .contains("    regex: drop.*\\n    replacement: $1\\n    action: drop\\n");
  }

  @Test
  void tsdbStatusCountsTheHeadsCardinality() throws Exception {
    Appender app = server.db().appender();
    for (int i = 0; i < 3; i++) {
      app.append(0, Labels.of("__name__", "many", "i", Integer.toString(i)), System.currentTimeMillis(), i);
    }
    app.commit();
    String body = get("/api/v1/status/tsdb?limit=1");
    assertThat(body).startsWith("{\"status\":\"success\",\"data\":{\"headStats\":{\"numSeries\":")
        .contains("\"seriesCountByMetricName\":[{\"name\":\"many\",\"value\":3}]")
        .contains("\"labelValueCountByLabelName\":[{\"name\":\"__name__\",\"value\":");
    for (String bad : new String[] {"0", "x", "-1"}) {
      assertThat(send("GET", "/api/v1/status/tsdb?limit=" + bad).body()).isEqualTo(
          "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"limit must be a positive number\"}");
    }
    assertThat(send("GET", "/api/v1/status/tsdb?limit=10001").body()).isEqualTo(
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"limit must not exceed 10000\"}");
  }

  @Test
  void adminEndpointsSayTheyAreDisabled() throws Exception {
    for (String op : new String[] {"delete_series", "clean_tombstones", "snapshot"}) {
      for (String method : new String[] {"POST", "PUT"}) {
        Reply r = send(method, "/api/v1/admin/tsdb/" + op);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo(
            "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}");
      }
    }
  }

  @Test
  void reloadAppliesANewConfigAndRefusesABadOneKeepingTheOld() throws Exception {
    assertThat(send("GET", "/-/reload")).isEqualTo(
        new Reply(405, "text/plain; charset=utf-8", "Only POST or PUT requests allowed"));
    Files.writeString(config, "scrape_configs: [{job_name: solo, static_configs: [{targets: ['127.0.0.1:1']}]}]\n");
    assertThat(send("POST", "/-/reload").status()).isEqualTo(200);
    assertThat(server.scrapes().activeTargets().keySet()).containsExactly("solo");

    Files.writeString(config, "scrape_configs: [{job_name: solo, scrape_interval: soon}]\n");
    Reply bad = send("PUT", "/-/reload");
    assertThat(bad.status()).isEqualTo(500);
    assertThat(bad.body()).startsWith("failed to reload config: ").contains("scrape_interval").endsWith("\n");
    assertThat(server.scrapes().activeTargets().keySet()).containsExactly("solo");
    assertThat(get("/api/v1/status/runtimeinfo")).contains("\"reloadConfigSuccess\":false");
  }

  @Test
  void quitAnswersThenAsksTheProcessToStop() throws Exception {
    assertThat(server.quitRequested()).isNotDone();
    assertThat(send("POST", "/-/quit").body()).isEqualTo("Requesting termination... Goodbye!");
    // The answer goes out first, so the request may land a moment after the client has it.
    server.quitRequested().get(10, TimeUnit.SECONDS);
    assertThat(send("PUT", "/-/quit").body()).isEqualTo("Termination already in progress.");
  }
}
