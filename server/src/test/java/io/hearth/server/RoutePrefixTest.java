package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
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
 * {@code --web.route-prefix} and {@code --web.cors.origin} on a real server: every endpoint lives
 * under the prefix, the root redirects to it as Prometheus's does, and the API's CORS answer
 * follows the origin regex.
 */
class RoutePrefixTest {
  @TempDir static Path dir;
  private static Server server;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws IOException {
    // Trailing and doubled slashes are trimmed, as Prometheus trims the flag.
    WebOptions web = new WebOptions(null, "/hearth/", "https?://grafana\\.example", false, false, null, false);
    server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 2, NoScrapes.file(dir)).withWeb(web));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static HttpResponse<String> get(String path, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .timeout(Duration.ofSeconds(30));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void check(String path, int status, String location) throws Exception {
    HttpResponse<String> r = get(path, null);
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    assertThat(r.headers().firstValue("Location").orElse(null)).as(path).isEqualTo(location);
  }

  @Test
  void everyRouteIsServedUnderThePrefixOnly() throws Exception {
    check("/hearth/api/v1/query?query=1", 200, null);
    check("/hearth/-/healthy", 200, null);
    check("/hearth/-/ready", 200, null);
    check("/hearth/metrics", 200, null);
    check("/api/v1/query?query=1", 404, null);
    check("/-/healthy", 404, null);
    check("/hearthx/-/healthy", 404, null);
    assertThat(get("/hearth/api/v1/query?query=1%2B1&time=2", null).body())
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[2,\"2\"]}}");
  }

  @Test
  void theRootRedirectsToThePrefixAndThePrefixGainsItsSlash() throws Exception {
    check("/", 302, "/hearth");
    check("/hearth", 301, "/hearth/");
    check("/hearth?x=1", 301, "/hearth/?x=1");
    assertThat(get("/", null).body()).isEqualTo("<a href=\"/hearth\">Found</a>.\n\n");
  }

  @Test
  void corsFollowsTheOriginRegex() throws Exception {
    HttpResponse<String> allowed = get("/hearth/api/v1/query?query=1", "https://grafana.example");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://grafana.example");
    HttpResponse<String> other = get("/hearth/api/v1/query?query=1", "https://grafana.example.evil");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(other.headers().firstValue("Vary")).hasValue("Origin");
  }
}
