package io.hearth.scrape.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.scrape.config.HttpClientConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetScraperTest {
  private static final String ACCEPT =
      "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,*/*;q=0.1";
  private static final String BODY = "# TYPE up gauge\nup 1\n";

  private final TestServer server;
  private final ScrapeBuffer buffer = new ScrapeBuffer(16);

  TargetScraperTest() throws IOException {
    server = TestServer.http();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static TargetScraper scraper(
      ScrapeHttpClient client, URI url, boolean gzip, long limit, Duration timeout) {
    return new TargetScraper(client, url, ACCEPT, gzip, limit, timeout, "Prometheus/3.5.0");
  }

  private String scrape(HttpClientConfig config, String path, boolean gzip, long limit)
      throws Exception {
    try (ScrapeHttpClient client = ScrapeHttpClient.create(config);
        TargetScraper s = scraper(client, server.uri(path), gzip, limit, Duration.ofSeconds(5))) {
      String contentType = s.scrape(buffer);
      assertThat(contentType).isNotNull();
      return body();
    }
  }

  private String body() {
    return new String(buffer.array(), 0, buffer.length(), StandardCharsets.UTF_8);
  }

  @Test
  void sendsPrometheusHeaders() throws Exception {
    server.handle("/metrics", TestServer.text(200, BODY));
    try (ScrapeHttpClient client = ScrapeHttpClient.create(HttpClientConfig.DEFAULT);
        TargetScraper s =
            scraper(client, server.uri("/metrics"), true, 0, Duration.ofMillis(1500))) {
      assertThat(s.scrape(buffer)).isEqualTo("text/plain; version=0.0.4");
    }
    assertThat(body()).isEqualTo(BODY);
    TestServer.Seen seen = server.last();
    assertThat(seen.method()).isEqualTo("GET");
    assertThat(seen.header("Accept")).isEqualTo(ACCEPT);
    assertThat(seen.header("Accept-Encoding")).isEqualTo("gzip");
    assertThat(seen.header("User-Agent")).isEqualTo("Prometheus/3.5.0");
    assertThat(seen.header("X-Prometheus-Scrape-Timeout-Seconds")).isEqualTo("1.5");
    assertThat(seen.header("Authorization")).isEmpty();
  }

  @Test
  void withoutCompressionAsksForIdentity() throws Exception {
    server.handle("/metrics", TestServer.text(200, BODY));
    assertThat(scrape(HttpClientConfig.DEFAULT, "/metrics", false, 0)).isEqualTo(BODY);
    assertThat(server.last().header("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void timeoutHeaderIsFormattedAsGoFormatsFloats() {
    check(Duration.ofSeconds(10), "10");
    check(Duration.ofMillis(500), "0.5");
    check(Duration.ofMillis(1250), "1.25");
    check(Duration.ofSeconds(120), "120");
    check(Duration.ofNanos(1), "0.000000001");
  }

  private static void check(Duration timeout, String want) {
    assertThat(TargetScraper.formatSeconds(timeout)).as(timeout.toString()).isEqualTo(want);
  }

  @Test
  void decodesGzipIntoTheBufferAndReusesIt() throws Exception {
    byte[] raw = new byte[300_000];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) ('a' + (i * 31 + i / 7) % 26);
    }
    server.handle("/metrics", TestServer.gzipped(TestServer.gzip(raw)));
    try (ScrapeHttpClient client = ScrapeHttpClient.create(HttpClientConfig.DEFAULT);
        TargetScraper s = scraper(client, server.uri("/metrics"), true, 0, Duration.ofSeconds(5))) {
      s.scrape(buffer);
      byte[] first = buffer.array();
      assertThat(Arrays.copyOf(buffer.array(), buffer.length())).isEqualTo(raw);
      s.scrape(buffer);
      assertThat(Arrays.copyOf(buffer.array(), buffer.length())).isEqualTo(raw);
      assertThat(buffer.array()).as("a steady body needs no new array").isSameAs(first);
    }
  }

  @Test
  void decodesConcatenatedGzipMembers() throws Exception {
    byte[] a = TestServer.gzip("up 1\n".getBytes(StandardCharsets.UTF_8));
    byte[] b = TestServer.gzip("down 0\n".getBytes(StandardCharsets.UTF_8));
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    server.handle("/metrics", TestServer.gzipped(both));
    assertThat(scrape(HttpClientConfig.DEFAULT, "/metrics", true, 0)).isEqualTo("up 1\ndown 0\n");
  }

  @Test
  void gzipErrorsUseGoWording() throws Exception {
    byte[] good = TestServer.gzip(BODY.getBytes(StandardCharsets.UTF_8));
    byte[] badChecksum = good.clone();
    badChecksum[good.length - 6] ^= 1;
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    server.handle("/plain-as-gzip", TestServer.gzipped(BODY.getBytes(StandardCharsets.UTF_8)));
    server.handle("/bad-checksum", TestServer.gzipped(badChecksum));
    server.handle("/truncated", TestServer.gzipped(truncated));
    server.handle("/empty", TestServer.gzipped(new byte[0]));
    checkError("/plain-as-gzip", "gzip: invalid header");
    checkError("/bad-checksum", "gzip: invalid checksum");
    checkError("/truncated", "unexpected EOF");
    checkError("/empty", "EOF");
  }

  private void checkError(String path, String want) {
    assertThatThrownBy(() -> scrape(HttpClientConfig.DEFAULT, path, true, 0))
        .as(path)
        .isInstanceOf(ScrapeException.class)
        .hasMessage(want);
  }

  @Test
  void contentEncodingOtherThanGzipIsPassedThrough() throws Exception {
    server.handle(
        "/metrics",
        e -> {
          e.getResponseHeaders().set("Content-Encoding", "GZIP");
          TestServer.reply(e, 200, null, BODY.getBytes(StandardCharsets.UTF_8));
        });
    assertThat(scrape(HttpClientConfig.DEFAULT, "/metrics", true, 0)).isEqualTo(BODY);
  }

  @Test
  void bodySizeLimitAppliesToTheDecodedBody() throws Exception {
    byte[] raw = new byte[10_000];
    Arrays.fill(raw, (byte) 'x');
    server.handle("/identity", e -> TestServer.reply(e, 200, null, raw));
    server.handle("/gzip", TestServer.gzipped(TestServer.gzip(raw)));
    for (String path : new String[] {"/identity", "/gzip"}) {
      assertThat(scrape(HttpClientConfig.DEFAULT, path, true, 10_001)).hasSize(10_000);
      // Prometheus fails a body that reaches the limit exactly.
      assertThatThrownBy(() -> scrape(HttpClientConfig.DEFAULT, path, true, 10_000))
          .as(path)
          .isInstanceOfSatisfying(
              ScrapeException.class, e -> assertThat(e.isBodySizeLimitExceeded()).isTrue())
          .hasMessage("body size limit exceeded");
    }
    assertThat(TestServer.gzip(raw).length)
        .as("compressed size is far below the limit")
        .isLessThan(1000);
  }

  @Test
  void nonOkStatusFailsWithGoStatusText() throws Exception {
    server.handle("/missing", TestServer.text(404, "nope"));
    server.handle("/broken", TestServer.text(503, "later"));
    server.handle("/empty", e -> TestServer.reply(e, 204, null, new byte[0]));
    checkError("/missing", "server returned HTTP status 404 Not Found");
    checkError("/broken", "server returned HTTP status 503 Service Unavailable");
    checkError("/empty", "server returned HTTP status 204 No Content");
  }

  @Test
  void timeoutBeforeHeadersNamesTheUrl() throws Exception {
    server.handle("/slow", e -> sleep(3000));
    try (ScrapeHttpClient client = ScrapeHttpClient.create(HttpClientConfig.DEFAULT);
        TargetScraper s = scraper(client, server.uri("/slow"), true, 0, Duration.ofMillis(200))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> s.scrape(buffer))
          .isInstanceOfSatisfying(
              ScrapeException.class,
              e -> assertThat(e.kind()).isEqualTo(ScrapeException.Kind.TIMEOUT))
          .hasMessage("Get \"" + server.uri("/slow") + "\": context deadline exceeded");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void timeoutWhileReadingTheBody() throws Exception {
    server.handle(
        "/trickle",
        e -> {
          e.sendResponseHeaders(200, 0);
          try (OutputStream out = e.getResponseBody()) {
            out.write("up 1\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(3000);
          }
        });
    try (ScrapeHttpClient client = ScrapeHttpClient.create(HttpClientConfig.DEFAULT);
        TargetScraper s =
            scraper(client, server.uri("/trickle"), false, 0, Duration.ofMillis(300))) {
      assertThatThrownBy(() -> s.scrape(buffer)).hasMessage("context deadline exceeded");
    }
  }

  @Test
  void bodyCutShortIsAnUnexpectedEof() throws Exception {
    server.handle(
        "/cut",
        e -> {
          e.sendResponseHeaders(200, 1000);
          OutputStream out = e.getResponseBody();
          out.write("up 1\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          e.getHttpContext().getServer().stop(0);
        });
    checkError("/cut", "unexpected EOF");
  }

  @Test
  void followsRedirectsUnlessDisabled() throws Exception {
    server.handle("/metrics", TestServer.text(200, BODY));
    server.handle(
        "/old",
        e -> {
          e.getResponseHeaders().set("Location", "/metrics");
          TestServer.reply(e, 302, null, new byte[0]);
        });
    assertThat(scrape(HttpClientConfig.DEFAULT, "/old", true, 0)).isEqualTo(BODY);
    assertThat(server.last().uri()).isEqualTo("/metrics");
    assertThat(server.last().header("Referer")).isEqualTo(server.uri("/old").toString());
    assertThat(server.last().header("Accept")).isEqualTo(ACCEPT);

    TestConfig noRedirects = new TestConfig();
    noRedirects.followRedirects = false;
    assertThatThrownBy(() -> scrape(noRedirects.build(), "/old", true, 0))
        .hasMessage("server returned HTTP status 302 Found");
  }

  @Test
  void stopsAfterTenRedirects() throws Exception {
    AtomicInteger hops = new AtomicInteger();
    server.handle(
        "/loop",
        e -> {
          e.getResponseHeaders().set("Location", "/loop?n=" + hops.incrementAndGet());
          TestServer.reply(e, 301, null, new byte[0]);
        });
    assertThatThrownBy(() -> scrape(HttpClientConfig.DEFAULT, "/loop", true, 0))
        .hasMessage("Get \"/loop?n=10\": stopped after 10 redirects");
    assertThat(hops).hasValue(10);
  }

  @Test
  void connectionRefusedUsesGoWording() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/metrics");
    try (ScrapeHttpClient client = ScrapeHttpClient.create(HttpClientConfig.DEFAULT);
        TargetScraper s = scraper(client, url, true, 0, Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> s.scrape(buffer))
          .hasMessage(
              "Get \"" + url + "\": dial tcp 127.0.0.1:" + port + ": connect: connection refused");
    }
  }

  @Test
  void reusesConnectionsAcrossScrapes() throws Exception {
    server.handle("/metrics", TestServer.text(200, BODY));
    try (ScrapeHttpClient client = ScrapeHttpClient.create(HttpClientConfig.DEFAULT);
        TargetScraper a = scraper(client, server.uri("/metrics"), true, 0, Duration.ofSeconds(5));
        TargetScraper b = scraper(client, server.uri("/metrics"), true, 0, Duration.ofSeconds(5))) {
      for (int i = 0; i < 5; i++) {
        a.scrape(buffer);
        b.scrape(buffer);
      }
    }
    assertThat(server.seen).hasSize(10);
    long connections =
        server.seen.stream().mapToInt(TestServer.Seen::remotePort).distinct().count();
    assertThat(connections).as("keep-alive connections, not one per scrape").isLessThanOrEqualTo(2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
