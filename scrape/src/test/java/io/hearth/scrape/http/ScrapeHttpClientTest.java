package io.hearth.scrape.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.scrape.config.Authorization;
import io.hearth.scrape.config.BasicAuth;
import io.hearth.scrape.config.HttpClientConfig;
import io.hearth.scrape.config.OAuth2Config;
import io.hearth.scrape.config.TlsConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeHttpClientTest {
  private static final String BODY = "up 1\n";

  @TempDir Path dir;
  private final TestServer server;
  private final ScrapeBuffer buffer = new ScrapeBuffer();

  ScrapeHttpClientTest() throws IOException {
    server = TestServer.http();
    server.handle("/metrics", TestServer.text(200, BODY));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Scrapes {@code /metrics} {@code times} times with one client; returns what the server saw. */
  private List<TestServer.Seen> scrape(HttpClientConfig config, int times) throws Exception {
    try (ScrapeHttpClient client = ScrapeHttpClient.create(config);
        TargetScraper s = scraper(client, server.uri("/metrics"))) {
      for (int i = 0; i < times; i++) {
        s.scrape(buffer);
      }
    }
    return server.seen;
  }

  private static TargetScraper scraper(ScrapeHttpClient client, URI url) {
    return new TargetScraper(client, url, "*/*", true, 0, Duration.ofSeconds(5), "Prometheus/3");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void basicAuthInline() throws Exception {
    TestConfig c = new TestConfig();
    c.basicAuth = new BasicAuth("user", "", "pa:ss", "");
    assertThat(scrape(c.build(), 1).getLast().header("Authorization"))
        .isEqualTo(basic("user", "pa:ss"));
  }

  @Test
  void basicAuthFilesAreReadPerRequestAndTrimmed() throws Exception {
    Path user = write("user", "alice\n");
    Path password = write("password", "  first\n");
    TestConfig c = new TestConfig();
    c.basicAuth = new BasicAuth("", user.toString(), "", password.toString());
    try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
        TargetScraper s = scraper(client, server.uri("/metrics"))) {
      s.scrape(buffer);
      assertThat(server.last().header("Authorization")).isEqualTo(basic("alice", "first"));
      Files.writeString(password, "second");
      s.scrape(buffer);
      assertThat(server.last().header("Authorization")).isEqualTo(basic("alice", "second"));
      Files.delete(password);
      assertThatThrownBy(() -> s.scrape(buffer))
          .hasMessage(
              "Get \""
                  + server.uri("/metrics")
                  + "\": unable to read basic auth password: unable to read file "
                  + password
                  + ": open "
                  + password
                  + ": no such file or directory");
    }
  }

  @Test
  void bearerTokenFileRotationIsPickedUpByTheNextScrape() throws Exception {
    Path token = write("token", "token-1\n");
    TestConfig c = new TestConfig();
    c.authorization = new Authorization("", "", token.toString());
    try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
        TargetScraper s = scraper(client, server.uri("/metrics"))) {
      s.scrape(buffer);
      assertThat(server.last().header("Authorization")).isEqualTo("Bearer token-1");
      Files.writeString(token, "token-2");
      s.scrape(buffer);
      assertThat(server.last().header("Authorization")).isEqualTo("Bearer token-2");
    }
  }

  @Test
  void authorizationWithCustomType() throws Exception {
    TestConfig c = new TestConfig();
    c.authorization = new Authorization("Token", "secret", "");
    assertThat(scrape(c.build(), 1).getLast().header("Authorization")).isEqualTo("Token secret");
  }

  @Test
  void httpHeadersFromValuesSecretsAndFiles() throws Exception {
    Path file = write("tenant", "team-a\n");
    TestConfig c = new TestConfig();
    c.headers.put("X-Scope", new HttpClientConfig.Header(List.of("v1"), List.of("s1"), List.of()));
    c.headers.put(
        "x-tenant", new HttpClientConfig.Header(List.of(), List.of(), List.of(file.toString())));
    TestServer.Seen seen = scrape(c.build(), 1).getLast();
    assertThat(seen.headers().get("X-scope")).containsExactly("v1", "s1");
    assertThat(seen.header("X-tenant")).isEqualTo("team-a");
  }

  @Test
  void configErrorsUsePrometheusWording() {
    checkInvalid(
        c -> {
          c.basicAuth = new BasicAuth("u", "", "p", "");
          c.authorization = new Authorization("Bearer", "t", "");
        },
        "at most one of basic_auth, oauth2 & authorization must be configured");
    checkInvalid(
        c -> c.authorization = new Authorization("basic", "t", ""),
        "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
    checkInvalid(
        c -> c.authorization = new Authorization("", "t", "/f"),
        "at most one of authorization credentials & credentials_file must be configured");
    checkInvalid(
        c -> c.headers.put("user-agent", new HttpClientConfig.Header(List.of("x"), null, null)),
        "setting header \"User-Agent\" is not allowed");
    checkInvalid(
        c -> c.proxyUrl = "socks5://127.0.0.1:1080",
        "unsupported proxy scheme \"socks5\" in proxy_url: only http:// proxies are supported"
            + " (https, socks5 and socks5h are not)");
    checkInvalid(
        c -> c.noProxy = "example.com",
        "if no_proxy is configured, proxy_url must also be configured");
    checkInvalid(
        c -> c.tls = TestConfig.tls("", "", "", "", false, "TLS13", "TLS12"),
        "tls_config.max_version must be greater than or equal to tls_config.min_version if both"
            + " are specified");
    checkInvalid(
        c -> c.tls = TestConfig.tls("", "", "", "", false, "TLS14", ""),
        "unknown TLS version: TLS14");
    checkInvalid(
        c -> c.tls = TestConfig.tls("", "cert.pem", "", "", false, "", ""),
        "exactly one of key or key_file must be configured when a client certificate is"
            + " configured");
    checkInvalid(
        c ->
            c.oauth2 =
                new OAuth2Config(
                    "", "s", "", List.of(), "http://x/token", Map.of(), TlsConfig.DEFAULT, ""),
        "oauth2 client_id must be configured");
    checkInvalid(
        c -> c.tls = new TlsConfig("not a pem", "", "", "", "", "", "", false, "", ""),
        "unable to use specified CA cert inline");
  }

  private static void checkInvalid(java.util.function.Consumer<TestConfig> edit, String want) {
    TestConfig c = new TestConfig();
    edit.accept(c);
    assertThatThrownBy(() -> ScrapeHttpClient.create(c.build()).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(want);
  }

  @Test
  void oauth2TokenIsFetchedCachedAndRefetchedOnExpiry() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    Path secret = write("secret", "s3cret\n");
    server.handle(
        "/token",
        e -> {
          int n = issued.incrementAndGet();
          String json =
              "{\"access_token\":\"tok-" + n + "\",\"token_type\":\"bearer\",\"expires_in\":11}";
          TestServer.reply(e, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        });
    TestConfig c = new TestConfig();
    c.oauth2 =
        new OAuth2Config(
            "client id",
            "",
            secret.toString(),
            List.of("read", "write"),
            server.uri("/token").toString(),
            Map.of("audience", "metrics"),
            TlsConfig.DEFAULT,
            "");
    try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
        TargetScraper s = scraper(client, server.uri("/metrics"))) {
      s.scrape(buffer);
      s.scrape(buffer);
      assertThat(issued).as("a valid token is cached").hasValue(1);
      assertThat(server.last().header("Authorization")).isEqualTo("Bearer tok-1");
      TestServer.Seen tokenRequest =
          server.seen.stream().filter(r -> r.uri().equals("/token")).findFirst().orElseThrow();
      assertThat(tokenRequest.method()).isEqualTo("POST");
      assertThat(tokenRequest.header("Content-Type"))
          .isEqualTo("application/x-www-form-urlencoded");
      assertThat(tokenRequest.header("Authorization")).isEqualTo(basic("client+id", "s3cret"));
      assertThat(tokenRequest.body())
          .isEqualTo("audience=metrics&grant_type=client_credentials&scope=read+write");
      assertThat(tokenRequest.header("User-Agent")).isEqualTo("Prometheus/3");

      // expires_in 11 s minus Go's 10 s early-expiry margin: stale after a second.
      Thread.sleep(1100);
      s.scrape(buffer);
      assertThat(issued).hasValue(2);
      assertThat(server.last().header("Authorization")).isEqualTo("Bearer tok-2");

      Files.writeString(secret, "rotated");
      s.scrape(buffer);
      assertThat(issued).as("a new client secret drops the cached token").hasValue(3);
    }
  }

  @Test
  void oauth2FallsBackToCredentialsInTheForm() throws Exception {
    server.handle(
        "/token",
        e -> {
          String auth = e.getRequestHeaders().getFirst("Authorization");
          if (auth != null) {
            TestServer.reply(e, 401, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
            return;
          }
          TestServer.reply(
              e,
              200,
              "application/x-www-form-urlencoded",
              "access_token=form-token&token_type=mac".getBytes(StandardCharsets.UTF_8));
        });
    TestConfig c = new TestConfig();
    c.oauth2 =
        new OAuth2Config(
            "id",
            "pw",
            "",
            List.of(),
            server.uri("/token").toString(),
            Map.of(),
            TlsConfig.DEFAULT,
            "");
    List<TestServer.Seen> seen = scrape(c.build(), 2);
    assertThat(seen.getLast().header("Authorization")).isEqualTo("MAC form-token");
    assertThat(seen.stream().filter(r -> r.uri().equals("/token")).map(TestServer.Seen::body))
        .containsExactly(
            "grant_type=client_credentials",
            "client_id=id&client_secret=pw&grant_type=client_credentials");
  }

  @Test
  void oauth2ErrorResponseFailsTheScrape() throws Exception {
    server.handle(
        "/token",
        e ->
            TestServer.reply(
                e,
                400,
                "application/json",
                "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}"
                    .getBytes(StandardCharsets.UTF_8)));
    TestConfig c = new TestConfig();
    c.oauth2 =
        new OAuth2Config(
            "id",
            "pw",
            "",
            List.of(),
            server.uri("/token").toString(),
            Map.of(),
            TlsConfig.DEFAULT,
            "");
    assertThatThrownBy(() -> scrape(c.build(), 1))
        .hasMessage(
            "Get \"" + server.uri("/metrics") + "\": oauth2: \"invalid_client\" \"bad secret\"");
  }

  @Test
  void oauth2TokenWithoutExpiryIsKept() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    server.handle(
        "/token",
        e -> {
          issued.incrementAndGet();
          TestServer.reply(
              e,
              200,
              "application/json",
              "{\"access_token\":\"t\"}".getBytes(StandardCharsets.UTF_8));
        });
    TestConfig c = new TestConfig();
    c.oauth2 =
        new OAuth2Config(
            "id",
            "pw",
            "",
            List.of(),
            server.uri("/token").toString(),
            Map.of(),
            TlsConfig.DEFAULT,
            "");
    assertThat(scrape(c.build(), 3).getLast().header("Authorization")).isEqualTo("Bearer t");
    assertThat(issued).hasValue(1);
  }

  @Test
  void unreachableTokenEndpointNamesBothUrls() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String tokenUrl = "http://127.0.0.1:" + port + "/token";
    TestConfig c = new TestConfig();
    c.oauth2 =
        new OAuth2Config("id", "pw", "", List.of(), tokenUrl, Map.of(), TlsConfig.DEFAULT, "");
    assertThatThrownBy(() -> scrape(c.build(), 1))
        .hasMessage(
            "Get \""
                + server.uri("/metrics")
                + "\": Post \""
                + tokenUrl
                + "\": dial tcp 127.0.0.1:"
                + port
                + ": connect: connection refused");
  }

  @Test
  void credentialsAreDroppedWhenARedirectLeavesTheHost() throws Exception {
    // 127.0.0.1 and localhost are different hosts to Go's redirect check.
    URI elsewhere = URI.create("http://localhost:" + server.port() + "/metrics");
    server.handle(
        "/same",
        e -> {
          e.getResponseHeaders().set("Location", "/metrics");
          TestServer.reply(e, 302, null, new byte[0]);
        });
    server.handle(
        "/away",
        e -> {
          e.getResponseHeaders().set("Location", elsewhere.toString());
          TestServer.reply(e, 302, null, new byte[0]);
        });
    TestConfig c = new TestConfig();
    c.authorization = new Authorization("Bearer", "t", "");
    c.headers.put("Cookie", new HttpClientConfig.Header(List.of("a=b"), null, null));
    c.headers.put("X-Kept", new HttpClientConfig.Header(List.of("yes"), null, null));
    try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build())) {
      try (TargetScraper s = scraper(client, server.uri("/same"))) {
        s.scrape(buffer);
      }
      assertThat(server.last().header("Authorization")).isEqualTo("Bearer t");
      assertThat(server.last().header("Cookie")).isEqualTo("a=b");
      try (TargetScraper s = scraper(client, server.uri("/away"))) {
        s.scrape(buffer);
      }
      assertThat(server.last().header("Authorization")).isEmpty();
      assertThat(server.last().header("Cookie")).isEmpty();
      assertThat(server.last().header("X-Kept")).isEqualTo("yes");
    }
  }

  @Test
  void proxyUrlForwardsPlainHttpScrapes() throws Exception {
    try (TestServer proxy = TestServer.http();
        HttpClient forwarder = HttpClient.newHttpClient()) {
      proxy.handle(
          "/",
          e -> {
            URI target = e.getRequestURI();
            HttpRequest.Builder b = HttpRequest.newBuilder(target);
            b.header("Accept", e.getRequestHeaders().getFirst("Accept"));
            try {
              HttpResponse<byte[]> r =
                  forwarder.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
              TestServer.reply(e, r.statusCode(), "text/plain", r.body());
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
            }
          });
      TestConfig c = new TestConfig();
      c.proxyUrl = "http://user:pw@127.0.0.1:" + proxy.port();
      try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
          TargetScraper s = scraper(client, server.uri("/metrics"))) {
        s.scrape(buffer);
      }
      assertThat(new String(buffer.array(), 0, buffer.length(), StandardCharsets.UTF_8))
          .isEqualTo(BODY);
      assertThat(proxy.seen).hasSize(1);
      assertThat(proxy.last().uri()).isEqualTo(server.uri("/metrics").toString());

      // With no_proxy, Go's rules send loopback targets direct.
      c.noProxy = "example.com";
      try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
          TargetScraper s = scraper(client, server.uri("/metrics"))) {
        s.scrape(buffer);
      }
      assertThat(proxy.seen).hasSize(1);
    }
  }

  @Test
  void noProxyRulesFollowGo() {
    ScrapeProxySelector p =
        ScrapeProxySelector.of(
            "http://proxy:3128",
            "example.com,.internal,10.0.0.0/8,192.168.1.1:8080",
            false,
            Map.of());
    checkProxied(p, "http://example.com/", false);
    checkProxied(p, "http://a.example.com/", false);
    checkProxied(p, "http://notexample.com/", true);
    checkProxied(p, "http://x.internal/", false);
    checkProxied(p, "http://internal/", true);
    checkProxied(p, "http://10.1.2.3:9100/", false);
    checkProxied(p, "http://192.168.1.1:8080/", false);
    checkProxied(p, "http://192.168.1.1:9090/", true);
    checkProxied(p, "http://localhost:9090/", false);
    checkProxied(p, "https://node:9100/", true);
    ScrapeProxySelector env =
        ScrapeProxySelector.of("", "", true, Map.of("https_proxy", "proxy:3128"));
    checkProxied(env, "https://node:9100/", true);
    checkProxied(env, "http://node:9100/", false);
  }

  private static void checkProxied(ScrapeProxySelector p, String url, boolean want) {
    boolean proxied = p.select(URI.create(url)).getFirst().type() != java.net.Proxy.Type.DIRECT;
    assertThat(proxied).as(url).isEqualTo(want);
  }
}
