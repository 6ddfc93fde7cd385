package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.NoScrapes;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import io.hearth.storage.Appender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/labels}, {@code /api/v1/label/:name/values}, {@code /api/v1/series} and {@code
 * /api/v1/query_exemplars}: what the differential test against Prometheus 2.42 cannot cover
 * because it is 3.x's ({@code limit}, {@code U__}-escaped names), byte for byte as 3.x writes it.
 */
class MetadataApiTest {
  @TempDir static Path dir;
  private static Server server;
  private static URI base;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 2, NoScrapes.file(dir)));
    base = URI.create("http://127.0.0.1:" + server.address().getPort());
    Appender app = server.db().appender();
    app.append(0, Labels.of("__name__", "up", "job", "b", "instance", "x"), 1000, 1);
    app.append(0, Labels.of("__name__", "up", "job", "a", "instance", "y"), 1000, 1);
    app.append(0, Labels.of("__name__", "http.requests", "service.name", "café"), 1000, 1);
    app.commit();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static void check(String method, String pathAndQuery, int status, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    b.method(method, HttpRequest.BodyPublishers.noBody());
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(status);
    assertThat(r.body()).as(pathAndQuery).isEqualTo(body);
  }

  private static void check(String pathAndQuery, String body) throws Exception {
    check("GET", pathAndQuery, 200, body);
  }

  @Test
  void labelNamesAreSortedAndALimitTruncatesWithAWarning() throws Exception {
    check("/api/v1/labels", "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\",\"service.name\"]}");
    check("/api/v1/labels?limit=2",
        "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\"],\"warnings\":[\"results truncated due to limit\"]}");
    check("/api/v1/labels?limit=4", "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\",\"service.name\"]}");
    check("/api/v1/labels?match[]=up", "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}");
    check("GET", "/api/v1/labels?limit=-1", 400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"limit\\\": limit must be non-negative\"}");
  }

  @Test
  void labelValuesTakeEscapedNamesAndALimit() throws Exception {
    check("/api/v1/label/job/values?limit=1",
        "{\"status\":\"success\",\"data\":[\"a\"],\"warnings\":[\"results truncated due to limit\"]}");
    check("/api/v1/label/U__service_2e_name/values", "{\"status\":\"success\",\"data\":[\"café\"]}");
    check("/api/v1/label/__name__/values?match[]=up&match[]=" + enc("{\"service.name\"=\"café\"}"),
        "{\"status\":\"success\",\"data\":[\"http.requests\",\"up\"]}");
    check("/api/v1/label/nothing/values", "{\"status\":\"success\",\"data\":[]}");
    // A malformed escape stays as given, which is a valid (if unused) name.
    check("/api/v1/label/U__bad_zz_/values", "{\"status\":\"success\",\"data\":[]}");
    check("POST", "/api/v1/label/job/values", 405, "Method Not Allowed\n");
  }

  @Test
  void seriesTakeALimitAndMergeSeveralSelectorsInLabelOrderWithoutDuplicates() throws Exception {
    check("/api/v1/series?match[]=up&match[]=" + enc("{job=\"a\"}") + "&limit=1",
        "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"x\",\"job\":\"b\"}],"
            + "\"warnings\":[\"results truncated due to limit\"]}");
    check("/api/v1/series?match[]=up&match[]=" + enc("{job=\"a\"}"),
        "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"x\",\"job\":\"b\"},"
            + "{\"__name__\":\"up\",\"instance\":\"y\",\"job\":\"a\"}]}");
    check("/api/v1/series?match[]=" + enc("{\"http.requests\"}"),
        "{\"status\":\"success\",\"data\":[{\"__name__\":\"http.requests\",\"service.name\":\"café\"}]}");
    check("GET", "/api/v1/series", 400,
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"no match[] parameter provided\"}");
  }

  @Test
  void exemplarsAreEmptyUntilHearthStoresThem() throws Exception {
    check("/api/v1/query_exemplars?query=up", "{\"status\":\"success\",\"data\":[]}");
    check("GET", "/api/v1/query_exemplars?query=1", 204, "");
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
