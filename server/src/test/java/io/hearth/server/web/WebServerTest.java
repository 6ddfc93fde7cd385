package io.hearth.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.NoScrapes;
import io.hearth.server.Server;
import io.hearth.server.WebOptions;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Hearth behind {@code --web.config.file}, called by real clients: the JDK's HTTP client
 * (HTTP/1.1 and HTTP/2 over TLS, with and without a client certificate), curl, and Debian's
 * promtool. Certificates are made fresh in a temporary directory for each run.
 */
class WebServerTest {
  @TempDir static Path dir;
  private static TestPki pki;
  private static String aliceHash;

  private final List<Server> servers = new ArrayList<>();

  @BeforeAll
  static void pki() throws Exception {
    pki = new TestPki(dir);
    aliceHash = BCrypt.withDefaults().hashToString(4, "wonderland".toCharArray());
  }

  @AfterEach
  void stop() throws IOException {
    for (Server s : servers) {
      s.close();
    }
  }

  private Server start(String webConfig) throws IOException {
    return start(webConfig, new ListenAddress("127.0.0.1", 0));
  }

  private Server start(String webConfig, ListenAddress listen) throws IOException {
    Path file = Files.writeString(dir.resolve("web.yml"), webConfig);
    Path data = Files.createTempDirectory(dir, "data");
    WebOptions web = new WebOptions(null, "", ".*", false, false, file, false);
    Server s = Server.start(new Server.Config(data, listen, EngineOptions.defaults(), 2,
        NoScrapes.file(dir)).withWeb(web));
    servers.add(s);
    return s;
  }

  private static URI https(Server s, String path) {
    return URI.create("https://127.0.0.1:" + s.address().getPort() + path);
  }

  private static HttpClient client(SSLContext tls, HttpClient.Version version) {
    return HttpClient.newBuilder().sslContext(tls).version(version).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static HttpResponse<String> get(HttpClient c, URI uri, String user, String password) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final String TLS = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";

  private String tlsWithAlice() {
    return TLS + "http_server_config:\n  headers:\n    X-Frame-Options: deny\n"
        + "basic_auth_users:\n  alice: " + aliceHash + "\n";
  }

  @Test
  void everyEndpointNeedsBasicAuthOverTls() throws Exception {
    Server s = start(tlsWithAlice());
    HttpClient c = client(pki.clientContext("ca", null), HttpClient.Version.HTTP_1_1);

    for (String path : List.of("/-/healthy", "/-/ready", "/metrics", "/api/v1/query?query=1")) {
      HttpResponse<String> r = get(c, https(s, path), null, null);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.body()).isEqualTo("Unauthorized\n");
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic");
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("deny");
    }
    assertThat(get(c, https(s, "/-/healthy"), "alice", "wrong").statusCode()).isEqualTo(401);
    assertThat(get(c, https(s, "/-/healthy"), "mallory", "wonderland").statusCode()).isEqualTo(401);

    HttpResponse<String> ok = get(c, https(s, "/api/v1/query?query=1%2B1&time=10"), "alice", "wonderland");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[10,\"2\"]}}");
    assertThat(ok.headers().firstValue("X-Frame-Options")).hasValue("deny");
    // The cached verdict answers the same way.
    assertThat(get(c, https(s, "/-/healthy"), "alice", "wonderland").body()).isEqualTo("Prometheus Server is Healthy.\n");
    assertThat(get(c, https(s, "/-/healthy"), "alice", "wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void http2IsOfferedThroughAlpnUnlessTurnedOff() throws Exception {
    Server s = start(tlsWithAlice());
    HttpResponse<String> r = get(client(pki.clientContext("ca", null), HttpClient.Version.HTTP_2),
        https(s, "/api/v1/query?query=3&time=1"), "alice", "wonderland");
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"3\"]}}");
    assertThat(get(client(pki.clientContext("ca", null), HttpClient.Version.HTTP_2),
        https(s, "/-/healthy"), null, null).statusCode()).isEqualTo(401);

    Server h1 = start(TLS + "http_server_config:\n  http2: false\n");
    HttpResponse<String> r1 = get(client(pki.clientContext("ca", null), HttpClient.Version.HTTP_2),
        https(h1, "/-/healthy"), null, null);
    assertThat(r1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(r1.body()).isEqualTo("Prometheus Server is Healthy.\n");
  }

  @Test
  void plainHttpToTheTlsPortGetsGosAnswer() throws Exception {
    Server s = start(TLS);
    try (Socket sock = new Socket("127.0.0.1", s.address().getPort())) {
      sock.setSoTimeout(10_000);
      sock.getOutputStream().write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(sock.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");
    }
  }

  @Test
  void requireAndVerifyClientCertLetsOnlyTheCasClientsIn() throws Exception {
    Server s = start(TLS + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n"
        + "  client_allowed_sans: [spiffe://hearth/scraper]\n");
    HttpResponse<String> r = get(client(pki.clientContext("ca", "client"), HttpClient.Version.HTTP_1_1),
        https(s, "/-/healthy"), null, null);
    assertThat(r.statusCode()).isEqualTo(200);

    assertThatThrownBy(() -> get(client(pki.clientContext("ca", null), HttpClient.Version.HTTP_1_1),
        https(s, "/-/healthy"), null, null)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get(client(pki.clientContext("ca", "stranger"), HttpClient.Version.HTTP_1_1),
        https(s, "/-/healthy"), null, null)).isInstanceOf(IOException.class);

    Server picky = start(TLS + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n"
        + "  client_allowed_sans: [someone.else]\n");
    assertThatThrownBy(() -> get(client(pki.clientContext("ca", "client"), HttpClient.Version.HTTP_1_1),
        https(picky, "/-/healthy"), null, null)).isInstanceOf(IOException.class);
  }

  @Test
  void requireAnyClientCertTakesACertFromAnyone() throws Exception {
    Server s = start(TLS + "  client_auth_type: RequireAnyClientCert\n");
    assertThat(get(client(pki.clientContext("ca", "stranger"), HttpClient.Version.HTTP_1_1),
        https(s, "/-/healthy"), null, null).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> get(client(pki.clientContext("ca", null), HttpClient.Version.HTTP_1_1),
        https(s, "/-/healthy"), null, null)).isInstanceOf(IOException.class);
  }

  @Test
  void aRotatedCertificateIsServedOnTheNextConnection() throws Exception {
    Files.copy(dir.resolve("server.crt"), dir.resolve("live.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(dir.resolve("server.key"), dir.resolve("live.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Server s = start("tls_server_config:\n  cert_file: live.crt\n  key_file: live.key\n");
    assertThat(peerSubject(s)).isEqualTo("CN=server");
    Files.copy(dir.resolve("server-ec.key"), dir.resolve("live.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(dir.resolve("server-ec.crt"), dir.resolve("live.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(peerSubject(s)).isEqualTo("CN=server-ec");
  }

  private static String peerSubject(Server s) throws Exception {
    HttpResponse<String> r = get(client(pki.clientContext("ca", null), HttpClient.Version.HTTP_1_1),
        https(s, "/-/healthy"), null, null);
    return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0])
        .getSubjectX500Principal().getName();
  }

  @Test
  void aFileBrokenAfterStartAnswers500AndAFixedOneRecovers() throws Exception {
    Server s = start("basic_auth_users:\n  alice: " + aliceHash + "\n");
    HttpClient c = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + s.address().getPort() + "/-/healthy");
    assertThat(get(c, uri, "alice", "wonderland").statusCode()).isEqualTo(200);
    Files.writeString(dir.resolve("web.yml"), "basic_auth_users: [\n");
    HttpResponse<String> broken = get(c, uri, "alice", "wonderland");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.body()).isEqualTo("Internal Server Error\n");
    Files.writeString(dir.resolve("web.yml"), "basic_auth_users: {}\n");
    assertThat(get(c, uri, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void theRateLimitAnswers429() throws Exception {
    Server s = start("rate_limit:\n  interval: 1h\n  burst: 2\n");
    HttpClient c = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + s.address().getPort() + "/-/healthy");
    assertThat(get(c, uri, null, null).statusCode()).isEqualTo(200);
    assertThat(get(c, uri, null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = get(c, uri, null, null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).isEqualTo("Too Many Requests\n");
  }

  @Test
  void aBadWebConfigStopsTheStartAndLeavesThePortClosed() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    assertThatThrownBy(() -> start(TLS.replace("server.key", "missing.key"), new ListenAddress("127.0.0.1", port)))
        .isInstanceOf(IOException.class)
        .hasMessage("Unable to validate web configuration file: " + dir.resolve("web.yml")
            + ": tls_server_config.key_file: failed to read key_file (" + dir.resolve("missing.key") + "): open "
            + dir.resolve("missing.key") + ": no such file or directory");
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void curlTalksTlsAndBasicAuth() throws Exception {
    Server s = start(tlsWithAlice());
    String url = https(s, "/api/v1/query?query=2&time=5").toString();
    assertThat(run("curl", "-sS", "--cacert", pki.path("ca.crt"), "-u", "alice:wonderland", url))
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[5,\"2\"]}}");
    assertThat(run("curl", "-sS", "--http1.1", "--cacert", pki.path("ca.crt"), "-u", "alice:wonderland", url))
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[5,\"2\"]}}");
    assertThat(run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", pki.path("ca.crt"),
        "-u", "alice:nope", url)).isEqualTo("401");
  }

  @Test
  void promtoolQueriesATlsAndBasicAuthHearth() throws Exception {
    Server s = start(tlsWithAlice());
    // promtool 2.42 has no --http.config.file (2.43 added it): it takes the credentials from the
    // URL and the CA from Go's SSL_CERT_FILE.
    String url = "https://alice:wonderland@127.0.0.1:" + s.address().getPort();
    assertThat(run(List.of("SSL_CERT_FILE=" + pki.path("ca.crt")), "promtool", "query", "instant", url, "6*7"))
        .contains("42");
    String wrong = url.replace("wonderland", "nope");
    assertThatThrownBy(() -> run(List.of("SSL_CERT_FILE=" + pki.path("ca.crt")), "promtool", "query", "instant",
        wrong, "6*7")).hasMessageContaining("401");
  }

  private static String run(String... command) throws Exception {
    return run(List.of(), command);
  }

  /** Runs {@code command} with extra environment {@code env}; its stdout, or an exception with its output. */
  private static String run(List<String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    for (String e : env) {
      int eq = e.indexOf('=');
      pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command[0] + " timed out");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(command[0] + " exited " + p.exitValue() + ": " + text);
    }
    return text;
  }
}
