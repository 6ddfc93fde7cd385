package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.http.ListenAddress;
import io.hearth.storage.Appender;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on 127.0.0.1: golden JSON of every result type and every error type of the query
 * API, byte for byte as Prometheus writes them, plus health, readiness and self-metrics.
 */
class ServerTest {
  @TempDir static Path dir;
  private static Server server;
  private static URI base;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults().withMaxSamples(1000), 2, NoScrapes.file(dir)));
    base = URI.create("http://127.0.0.1:" + server.address().getPort());
    Appender app = server.db().appender();
    for (int i = 0; i < 10; i++) {
      long t = 1_000_000L + i * 15_000L;
      app.append(0, Labels.of("__name__", "up", "job", "a<b", "instance", "x"), t, 1);
      app.append(0, Labels.of("__name__", "up", "job", "a<b", "instance", "y"), t, i == 9 ? 0 : 1);
      app.append(0, Labels.of("__name__", "tiny"), t, 1e-7 * i);
    }
    app.commit();
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  record Reply(int status, String body) {}

  private static Reply get(String pathAndQuery) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void check(String pathAndQuery, int status, String body) {
    assertThat(get(pathAndQuery)).as(pathAndQuery).isEqualTo(new Reply(status, body));
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void resultTypesAreEncodedAsPrometheusEncodesThem() {
    check("/api/v1/query?query=1.5&time=1000.5", 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1000.5,\"1.5\"]}}");
    check("/api/v1/query?query=" + q("\"<b>\"") + "&time=1000", 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1000,\"\\u003cb\\u003e\"]}}");
    check("/api/v1/query?query=" + q("sort(up)") + "&time=1135", 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"y\",\"job\":\"a<b\"},\"value\":[1135,\"0\"]},"
            + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"x\",\"job\":\"a<b\"},\"value\":[1135,\"1\"]}]}}");
    check("/api/v1/query?query=" + q("tiny[31s]") + "&time=1135.5", 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
            + "{\"metric\":{\"__name__\":\"tiny\"},\"values\":[[1105,\"7e-07\"],[1120,\"8e-07\"],[1135,\"9e-07\"]]}]}}");
    check("/api/v1/query_range?query=" + q("tiny * 10") + "&start=1105&end=1135.5&step=15.25", 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
            + "{\"metric\":{},\"values\":[[1105,\"0.000007\"],[1120.250,\"0.000008\"],[1135.500,\"0.000009\"]]}]}}");
  }

  @Test
  void errorTypesHaveTheirStatusCodes() {
    check("/api/v1/query?query=" + q("up{"), 400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
            + "\"invalid parameter \\\"query\\\": 1:4: parse error: unexpected end of input inside braces\"}");
    check("/api/v1/query_range?query=up&start=0&end=11001&step=1", 400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"exceeded maximum resolution of 11,000 points"
            + " per timeseries. Try decreasing the query resolution (?step=XX)\"}");
    check("/api/v1/query?query=" + q("label_replace(up, \"instance\", \"\", \"\", \"\")") + "&time=1100", 422,
        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":"
            + "\"vector cannot contain metrics with the same labelset\"}");
    check("/api/v1/query_range?query=" + q("vector(1)") + "&start=0&end=10000&step=1", 422,
        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":"
            + "\"query processing would load too many samples into memory in query execution\"}");
    check("/api/v1/query?query=up&timeout=0.0001", 503,
        "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query queue\"}");
  }

  @Test
  void limitTruncatesAndWarns() {
    check("/api/v1/query?query=" + q("sort(up)") + "&time=1135&limit=1", 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"y\",\"job\":\"a<b\"},\"value\":[1135,\"0\"]}]},"
            + "\"warnings\":[\"results truncated due to limit\"]}");
    check("/api/v1/query?query=up&limit=x", 400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
            + "\"invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"x\\\": invalid syntax\"}");
  }

  @Test
  void lookbackDeltaAndStatsAreHonoured() {
    // 10 s after the last sample: found with the default 5m lookback, not with a 5s one.
    assertThat(get("/api/v1/query?query=tiny&time=1145").body()).contains("\"value\":[1145,");
    check("/api/v1/query?query=tiny&time=1145&lookback_delta=5s", 200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    assertThat(get("/api/v1/query?query=tiny&time=1145&stats=true").body())
        .contains("\"stats\":{\"timings\":{\"evalTotalTime\":")
        .contains("\"samples\":{\"totalQueryableSamples\":1,\"peakSamples\":");
  }

  @Test
  void healthAndReadinessUsePrometheusBodies() {
    check("/-/healthy", 200, "Prometheus Server is Healthy.\n");
    check("/-/ready", 200, "Prometheus Server is Ready.\n");
    check("/api/v1/nothing", 404, "404 page not found\n");
  }

  @Test
  void metricsExposeTheHeadAndTheApi() {
    get("/api/v1/query?query=1");
    Reply r = get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .contains("prometheus_tsdb_head_series 3")
        .contains("prometheus_tsdb_head_samples_appended_total{type=\"float\"} 30")
        .contains("prometheus_http_requests_total{code=\"200\",handler=\"/api/v1/query\"}")
        .contains("prometheus_http_requests_total{code=\"200\",handler=\"/api/v1/query_range\"}")
        .contains("prometheus_http_request_duration_seconds_bucket{handler=\"/api/v1/query\",le=\"0.1\"}")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_seconds_total");
  }
}
