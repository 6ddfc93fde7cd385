package io.hearth.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.testdata.PrometheusProcess;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/targets}, {@code /api/v1/targets/metadata} and {@code /api/v1/metadata} of Hearth
 * and of Debian's Prometheus 2.42 scraping the same target with the same configuration, compared as
 * JSON. What differs by nature is normalised: each server's own scrape timing ({@code lastScrape},
 * {@code lastScrapeDuration}, the text of a failed scrape's error) and the {@code globalUrl} host
 * (the machine's name as each derives it). So is the order of {@code targets/metadata}, which
 * Prometheus takes from Go maps.
 *
 * <p>What 3.x added and 2.42 lacks is removed from Hearth's answer before comparing (and checked
 * by {@code TargetsApiTest}): the histogram switch labels among the discovered labels ({@code
 * __scrape_native_histograms__} and its two siblings), {@code droppedTargetCounts}, a dropped
 * target's {@code scrapePool}, and the {@code limit_per_metric} parameter. A positive {@code limit} on
 * either metadata endpoint is left out: Prometheus applies it in Go map order, so what it keeps is
 * random.
 */
class ScrapeApiDifferentialTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static HttpServer target;
  private static Server hearth;
  private static Process prometheus;
  private static URI hearthBase;
  private static URI promBase;

  static final String EXPOSITION = """
      # HELP jobs_done_total Jobs done.
      # TYPE jobs_done_total counter
      jobs_done_total{queue="a"} 7
      jobs_done_total{queue="b"} 9
      # HELP temperature_celsius Temperature "inside", in \\\\ degrees.
      # TYPE temperature_celsius gauge
      temperature_celsius 21.5
      untyped_thing 1
      """;

  @BeforeAll
  static void start() throws Exception {
    assertThat(PrometheusProcess.available()).as("prometheus on the PATH (apt-get install prometheus)").isTrue();
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/metrics", ex -> {
      byte[] b = EXPOSITION.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    target.start();
    Path work = Path.of("target", "scrape-api-differential").toAbsolutePath();
    PrometheusProcess.deleteTree(work);
    Files.createDirectories(work);
    String config = """
        global:
          scrape_interval: 1s
          scrape_timeout: 500ms
        scrape_configs:
          - job_name: app
            static_configs:
              - targets: ['127.0.0.1:%d']
                labels: {env: test}
          - job_name: down
            static_configs:
              - targets: ['127.0.0.1:%d']
          - job_name: filtered
            static_configs:
              - targets: ['127.0.0.1:%d', 'skip.invalid:1']
            relabel_configs:
              - source_labels: [__address__]
                regex: skip.*
                action: drop
        """.formatted(target.getAddress().getPort(), closedPort(), target.getAddress().getPort());
    Path file = work.resolve("prometheus.yml");
    Files.writeString(file, config);
    int promPort = freePort();
    prometheus = new ProcessBuilder("prometheus", "--config.file=" + file,
        "--storage.tsdb.path=" + work.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + promPort,
        "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
    promBase = URI.create("http://127.0.0.1:" + promPort);
    hearth = Server.start(new Server.Config(work.resolve("hearth-data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 2, file));
    hearthBase = URI.create("http://127.0.0.1:" + hearth.address().getPort());
    // Both have scraped every target at least once.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(scrapedAll(hearthBase) && scrapedAll(promBase))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("targets were not scraped in time");
      }
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (hearth != null) {
      hearth.close();
    }
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
    if (target != null) {
      target.stop(0);
    }
  }

  @Test
  void targetsAnswerAsPrometheus() {
    List<String> mismatches = new ArrayList<>();
    for (String q : List.of("", "state=active", "state=dropped", "state=any", "state=Active", "scrapePool=app",
        "scrapePool=filtered&state=dropped", "scrapePool=nothing")) {
      compare("/api/v1/targets", q, mismatches);
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void metadataAnswersAsPrometheus() {
    List<String> mismatches = new ArrayList<>();
    for (String q : List.of("", "metric=jobs_done_total", "metric=nothing", "limit=0", "limit=x")) {
      compare("/api/v1/metadata", q, mismatches);
    }
    for (String q : List.of("", "metric=temperature_celsius", "match_target=" + enc("{job=\"app\"}"),
        "match_target=" + enc("{job=\"app\"}") + "&metric=jobs_done_total", "limit=0", "limit=z",
        "match_target=" + enc("{job="))) {
      compare("/api/v1/targets/metadata", q, mismatches);
    }
    assertThat(mismatches).isEmpty();
  }

  private static boolean scrapedAll(URI base) {
    Object json = get(base, "/api/v1/targets", "state=active");
    if (!(json instanceof Map<?, ?> m) || !(m.get("data") instanceof Map<?, ?> data)
        || !(data.get("activeTargets") instanceof List<?> active) || active.size() < 3) {
      return false;
    }
    return active.stream().allMatch(t -> !"unknown".equals(((Map<?, ?>) t).get("health")));
  }

  private static void compare(String path, String query, List<String> mismatches) {
    Object want = normalise(get(promBase, path, query));
    Object got = normalise(without3x(get(hearthBase, path, query)));
    if (!Objects.equals(want, got)) {
      mismatches.add(path + "?" + query + "\n  prometheus: " + want + "\n  hearth:     " + got);
    }
  }

  private static final java.util.Set<String> SWITCH_LABELS = java.util.Set.of("__scrape_native_histograms__",
      "__always_scrape_classic_histograms__", "__convert_classic_histograms_to_nhcb__");

  /** Hearth's answer without what only 3.x has; see the class comment. */
  private static Object without3x(Object json) {
    if (json instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      boolean dropped = m.containsKey("discoveredLabels") && !m.containsKey("health");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = (String) e.getKey();
        if (k.equals("droppedTargetCounts") || SWITCH_LABELS.contains(k) || (dropped && k.equals("scrapePool"))) {
          continue;
        }
        out.put(k, without3x(e.getValue()));
      }
      return out;
    }
    if (json instanceof List<?> l) {
      return l.stream().map(ScrapeApiDifferentialTest::without3x).toList();
    }
    return json;
  }

  /** Blanks what each server measures for itself; see the class comment. */
  @SuppressWarnings("unchecked")
  private static Object normalise(Object json) {
    if (json instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = (String) e.getKey();
        Object v = e.getValue();
        switch (k) {
          case "lastScrape", "lastScrapeDuration" -> v = "<measured>";
          case "globalUrl" -> v = String.valueOf(v).replaceFirst("//[^:/]+", "//<host>");
          case "lastError" -> v = String.valueOf(v).isEmpty() ? "" : "<error>";
          default -> v = normalise(v);
        }
        out.put(k, v);
      }
      return out;
    }
    if (json instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.stream().map(ScrapeApiDifferentialTest::normalise).toList());
      if (out.stream().allMatch(o -> o instanceof Map<?, ?> m && m.containsKey("target"))) {
        out.sort(java.util.Comparator.comparing(Object::toString));
      }
      return out;
    }
    return json;
  }

  private static Object get(URI base, String path, String query) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path + "?" + query))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return List.of(r.statusCode(), r.body().startsWith("{") ? CanonicalJson.parse(r.body()) : r.body())
          .get(r.statusCode() == 200 ? 1 : 0) instanceof Integer code
          ? Map.of("status", code, "body", CanonicalJson.parse(r.body()))
          : CanonicalJson.parse(r.body());
    } catch (IOException e) {
      return "unreachable: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A port nothing listens on: bound, then released. */
  private static int closedPort() throws IOException {
    return freePort();
  }
}
