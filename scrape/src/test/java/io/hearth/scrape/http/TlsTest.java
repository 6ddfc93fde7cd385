package io.hearth.scrape.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import io.hearth.scrape.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS scrapes against JDK servers presenting openssl-made certificates. */
class TlsTest {
  @TempDir static Path dir;
  private static TestPki pki;

  private final ScrapeBuffer buffer = new ScrapeBuffer();

  /** Client certificate subjects and SNI names the servers saw, one entry per request. */
  private final List<String> peers = new CopyOnWriteArrayList<>();

  private final List<String> sniNames = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void makeCertificates() throws Exception {
    pki = new TestPki(dir);
  }

  /** An HTTPS server for {@code cert}; {@code clientCa} non-null demands a client certificate. */
  private TestServer server(String cert, String clientCa, String... protocols) throws Exception {
    SSLContext context = pki.serverContext(cert, clientCa);
    HttpsConfigurator configurator =
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = context.getDefaultSSLParameters();
            if (protocols.length > 0) {
              p.setProtocols(protocols);
            }
            p.setNeedClientAuth(clientCa != null);
            params.setSSLParameters(p);
          }
        };
    TestServer server = TestServer.https(context, configurator);
    server.handle(
        "/metrics",
        e -> {
          var session = ((HttpsExchange) e).getSSLSession();
          if (clientCa != null) {
            peers.add(
                ((X509Certificate) session.getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName());
          }
          if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
              sniNames.add(((SNIHostName) name).getAsciiName());
            }
          }
          TestServer.text(200, "up 1\n").handle(e);
        });
    return server;
  }

  private String scrape(TestServer server, TlsConfig tls) throws Exception {
    TestConfig c = new TestConfig();
    c.tls = tls;
    try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
        TargetScraper s =
            new TargetScraper(
                client, server.uri("/metrics"), "*/*", true, 0, Duration.ofSeconds(10), "t")) {
      s.scrape(buffer);
      return new String(buffer.array(), 0, buffer.length());
    }
  }

  private static TlsConfig tls(String caFile, String serverName, boolean insecure) {
    return TestConfig.tls(caFile, "", "", serverName, insecure, "", "");
  }

  @Test
  void verifiesTheServerAgainstTheCaFile() throws Exception {
    try (TestServer server = server("server", null)) {
      assertThat(scrape(server, tls(pki.path("ca.crt"), "", false))).isEqualTo("up 1\n");
      assertThatThrownBy(() -> scrape(server, tls(pki.path("other-ca.crt"), "", false)))
          .hasMessage(
              "Get \""
                  + server.uri("/metrics")
                  + "\": tls: failed to verify certificate: x509: certificate signed by unknown"
                  + " authority");
    }
  }

  @Test
  void caFileMayHoldSeveralCertificates() throws Exception {
    Path bundle = dir.resolve("bundle.crt");
    Files.writeString(bundle, pki.read("other-ca.crt") + pki.read("ca.crt"));
    try (TestServer server = server("server", null)) {
      assertThat(scrape(server, tls(bundle.toString(), "", false))).isEqualTo("up 1\n");
    }
  }

  @Test
  void inlineCa() throws Exception {
    try (TestServer server = server("server", null)) {
      TlsConfig inline = new TlsConfig(pki.read("ca.crt"), "", "", "", "", "", "", false, "", "");
      assertThat(scrape(server, inline)).isEqualTo("up 1\n");
    }
  }

  @Test
  void insecureSkipVerifyAcceptsAnUnknownCa() throws Exception {
    try (TestServer server = server("other-server", null)) {
      assertThatThrownBy(() -> scrape(server, tls(pki.path("ca.crt"), "", false)))
          .hasMessageEndingWith("x509: certificate signed by unknown authority");
      assertThat(scrape(server, tls("", "", true))).isEqualTo("up 1\n");
    }
  }

  @Test
  void serverNameIsVerifiedAndSentAsSni() throws Exception {
    try (TestServer server = server("server", null)) {
      assertThat(scrape(server, tls(pki.path("ca.crt"), "scrape.test", false))).isEqualTo("up 1\n");
      assertThat(sniNames).containsExactly("scrape.test");
      assertThatThrownBy(() -> scrape(server, tls(pki.path("ca.crt"), "other.test", false)))
          .hasMessage(
              "Get \""
                  + server.uri("/metrics")
                  + "\": tls: failed to verify certificate: x509: certificate is valid for"
                  + " localhost, scrape.test, not other.test");
    }
  }

  @Test
  void clientCertificateForMutualTls() throws Exception {
    try (TestServer server = server("server", "ca")) {
      check(server, "client.crt", "client.key", "CN=scraper"); // PKCS#8 EC
      check(server, "client.crt", "client-sec1.key", "CN=scraper"); // SEC1 EC
      check(server, "client-rsa.crt", "client-rsa-pkcs1.key", "CN=rsa-scraper"); // PKCS#1 RSA
      check(server, "client-rsa.crt", "client-rsa.key", "CN=rsa-scraper"); // PKCS#8 RSA
      assertThatThrownBy(() -> scrape(server, tls(pki.path("ca.crt"), "", false)))
          .as("no client certificate")
          .isInstanceOf(ScrapeException.class);
    }
  }

  private void check(TestServer server, String cert, String key, String want) throws Exception {
    peers.clear();
    TlsConfig tls =
        TestConfig.tls(pki.path("ca.crt"), pki.path(cert), pki.path(key), "", false, "", "");
    assertThat(scrape(server, tls)).as(key).isEqualTo("up 1\n");
    assertThat(peers).as(key).containsExactly(want);
  }

  @Test
  void minVersionIsEnforced() throws Exception {
    try (TestServer server = server("server", null, "TLSv1.2")) {
      TlsConfig tls12 = TestConfig.tls(pki.path("ca.crt"), "", "", "", false, "TLS12", "");
      TlsConfig tls13 = TestConfig.tls(pki.path("ca.crt"), "", "", "", false, "TLS13", "");
      assertThat(scrape(server, tls12)).isEqualTo("up 1\n");
      assertThatThrownBy(() -> scrape(server, tls13))
          .isInstanceOf(ScrapeException.class)
          .hasMessage(
              "Get \""
                  + server.uri("/metrics")
                  + "\": remote error: tls: protocol version not supported");
    }
  }

  @Test
  void changedCaFileIsReloadedByTheNextScrape() throws Exception {
    Path ca = dir.resolve("rotating-ca.crt");
    Files.writeString(ca, pki.read("other-ca.crt"));
    TestConfig c = new TestConfig();
    c.tls = tls(ca.toString(), "", false);
    try (TestServer server = server("server", null);
        ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
        TargetScraper s =
            new TargetScraper(
                client, server.uri("/metrics"), "*/*", true, 0, Duration.ofSeconds(10), "t")) {
      assertThatThrownBy(() -> s.scrape(buffer))
          .hasMessageEndingWith("certificate signed by unknown authority");
      Files.writeString(ca, pki.read("ca.crt"));
      s.scrape(buffer);
      assertThat(new String(buffer.array(), 0, buffer.length())).isEqualTo("up 1\n");
      Files.writeString(ca, "garbage");
      assertThatThrownBy(() -> s.scrape(buffer))
          .hasMessage(
              "Get \"" + server.uri("/metrics") + "\": unable to use specified CA cert file " + ca);
    }
  }

  @Test
  void httpsThroughAProxyTunnel() throws Exception {
    try (TestServer server = server("server", null);
        ConnectProxy proxy = new ConnectProxy()) {
      TestConfig c = new TestConfig();
      c.tls = tls(pki.path("ca.crt"), "", false);
      c.proxyUrl = "http://127.0.0.1:" + proxy.port();
      try (ScrapeHttpClient client = ScrapeHttpClient.create(c.build());
          TargetScraper s =
              new TargetScraper(
                  client, server.uri("/metrics"), "*/*", true, 0, Duration.ofSeconds(10), "t")) {
        s.scrape(buffer);
        s.scrape(buffer);
      }
      assertThat(new String(buffer.array(), 0, buffer.length())).isEqualTo("up 1\n");
      assertThat(proxy.requests)
          .as("one tunnel, kept alive for the second scrape")
          .containsExactly("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1");
    }
  }

  @Test
  void unreadableClientKeyFailsClientCreation() {
    TestConfig c = new TestConfig();
    c.tls =
        TestConfig.tls(
            pki.path("ca.crt"), pki.path("client.crt"), pki.path("ca.crt"), "", false, "", "");
    assertThatThrownBy(() -> ScrapeHttpClient.create(c.build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unable to use specified client cert (file "
                + pki.path("client.crt")
                + ") & key (file "
                + pki.path("ca.crt")
                + "): tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key"
                + " input");
  }
}
