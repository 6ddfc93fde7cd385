package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.http.ListenAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer and Grafana see: Hearth started with no {@code --config.file} (the README's
 * first command) scrapes itself, and the requests Grafana's Prometheus data source makes, in the
 * form it makes them (form-encoded POSTs, {@code start}/{@code end} in seconds, an integer {@code
 * step}, gzip accepted), answer with the shapes it reads.
 */
class GrafanaRequestsTest {
  @TempDir static Path dir;
  private static Server server;
  private static URI base;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static long now;

  @BeforeAll
  static void startWithTheEmbeddedConfigAndWaitForTheFirstSelfScrape() throws Exception {
    server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 4, null));
    base = URI.create("http://127.0.0.1:" + server.address().getPort());
    // The embedded job scrapes every 15 s from a stable offset: the first scrape comes within one interval.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (true) {
      JsonNode r = post("/api/v1/query", "query=" + enc("up{job=\"hearth\"}"));
      if (r.at("/data/result").size() == 1) {
        assertThat(r.at("/data/result/0/value/1").asText()).isEqualTo("1");
        break;
      }
      assertThat(System.nanoTime()).as("Hearth scraped itself within 40 s").isLessThan(deadline);
      Thread.sleep(250);
    }
    now = System.currentTimeMillis() / 1000;
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void healthCheckAndFeatureDetection() throws Exception {
    JsonNode build = get("/api/v1/status/buildinfo");
    assertThat(build.at("/data/version").asText()).matches("3\\.\\d+\\.\\d+");
    JsonNode one = post("/api/v1/query", "query=1%2B1&time=" + now);
    assertThat(one.at("/data/resultType").asText()).isEqualTo("scalar");
    assertThat(one.at("/data/result/1").asText()).isEqualTo("2");
  }

  @Test
  void aDashboardPanelRangeQuery() throws Exception {
    JsonNode r = post("/api/v1/query_range", "query=" + enc("sum by (job) (rate(prometheus_http_requests_total[1m]))")
        + "&start=" + (now - 3600) + "&end=" + now + "&step=15");
    assertThat(r.at("/status").asText()).isEqualTo("success");
    assertThat(r.at("/data/resultType").asText()).isEqualTo("matrix");
    JsonNode self = post("/api/v1/query_range", "query=" + enc("prometheus_tsdb_head_series")
        + "&start=" + (now - 60) + "&end=" + (now + 15) + "&step=15");
    assertThat(self.at("/data/result/0/metric/job").asText()).isEqualTo("hearth");
    assertThat(self.at("/data/result/0/values").size()).isPositive();
  }

  @Test
  void theLabelBrowser() throws Exception {
    String range = "start=" + (now - 3600) + "&end=" + (now + 60);
    assertThat(texts(post("/api/v1/labels", range))).contains("__name__", "instance", "job");
    assertThat(texts(get("/api/v1/label/__name__/values?" + range)))
        .contains("up", "scrape_duration_seconds", "prometheus_tsdb_head_series", "jvm_memory_used_bytes");
    assertThat(texts(get("/api/v1/label/job/values?match[]=" + enc("{__name__=\"up\"}") + "&" + range)))
        .containsExactly("hearth");
    JsonNode series = post("/api/v1/series", "match[]=" + enc("{__name__=\"up\"}") + "&" + range);
    assertThat(series.at("/data/0/__name__").asText()).isEqualTo("up");
    assertThat(series.at("/data/0/instance").asText()).isEqualTo("127.0.0.1:" + server.address().getPort());
  }

  @Test
  void metricMetadataForTheQueryEditor() throws Exception {
    JsonNode md = get("/api/v1/metadata");
    assertThat(md.at("/data/prometheus_tsdb_head_series/0/type").asText()).isEqualTo("gauge");
    assertThat(md.at("/data/prometheus_tsdb_head_series/0/help").asText()).isNotEmpty();
  }

  @Test
  void exemplarsForAPanel() throws Exception {
    JsonNode ex = post("/api/v1/query_exemplars", "query=" + enc("rate(prometheus_http_requests_total[1m])")
        + "&start=" + (now - 3600) + "&end=" + now);
    assertThat(ex.at("/status").asText()).isEqualTo("success");
    assertThat(ex.at("/data").isArray()).isTrue();
  }

  @Test
  void answersAreGzipWhenAccepted() throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/label/__name__/values"))
        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      assertThat(JSON.readTree(in).at("/status").asText()).isEqualTo("success");
    }
  }

  private static java.util.List<String> texts(JsonNode r) {
    java.util.List<String> out = new java.util.ArrayList<>();
    r.at("/data").forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .header("Accept", "application/json, text/plain, */*").timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode post(String path, String form) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json, text/plain, */*")
        .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + "?" + form + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
