package io.hearth.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.scrape.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading and checking web config files at start: every field of the toolkit's schema, its
 * defaults, and a clear error (file, line where known, field path, the toolkit's reason) for each
 * way a file can be wrong.
 */
class WebSecurityTest {
  @TempDir static Path dir;
  private static TestPki pki;
  private static final String HASH = "$2y$10$JOPj0fZNB9iK0WLwnllFNOX5tytzqxaAAt9Hkpj7D2j2/PG3Tx8mm";

  @BeforeAll
  static void pki() throws Exception {
    pki = new TestPki(dir);
  }

  private static Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("web.yml"), yaml);
  }

  /** Opening a file with {@code yaml} fails with {@code want}, "DIR" standing for the directory. */
  private static void fails(String yaml, String want) throws IOException {
    Path f = write(yaml);
    assertThatThrownBy(() -> WebSecurity.open(f))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> e.getMessage().replace(dir.toString(), "DIR"))
        .isEqualTo(want);
  }

  private static final String TLS = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";

  @Test
  void unknownFieldsAndWrongTypesAreRejectedWithLineAndPath() throws IOException {
    fails("junk: 1\n", "DIR/web.yml:1:1: junk: field junk not found in type web.Config");
    fails("tls_server_config:\n  cert_filse: server.crt\n",
        "DIR/web.yml:2:3: tls_server_config.cert_filse: field cert_filse not found in type web.TLSConfig");
    fails("http_server_config:\n  http2: \"yes\"\n",
        "DIR/web.yml:2:10: http_server_config.http2: cannot unmarshal !!str `yes` into bool");
    fails("http_server_config:\n  http3: true\n",
        "DIR/web.yml:2:3: http_server_config.http3: field http3 not found in type web.HTTPConfig");
    fails("rate_limit:\n  interval: 1d\n",
        "DIR/web.yml:2:13: rate_limit.interval: time: unknown unit \"d\" in duration \"1d\"");
    fails("basic_auth_users: [alice]\n", "DIR/web.yml:1:19: basic_auth_users: cannot unmarshal !!seq into a mapping");
    fails("tls_server_config: [\n", "DIR/web.yml:2:1: yaml: while parsing a flow node: expected the node content, but found '<stream end>'");
  }

  @Test
  void tlsNamesAreTheToolkits() throws IOException {
    fails(TLS + "  min_version: TLS14\n", "DIR/web.yml:4:16: tls_server_config.min_version: unknown TLS version: TLS14");
    fails(TLS + "  cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]\n",
        "DIR/web.yml:4:19: tls_server_config.cipher_suites[0]: unknown cipher: TLS_RSA_WITH_RC4_128_SHA");
    fails(TLS + "  curve_preferences: [CurveP224]\n",
        "DIR/web.yml:4:23: tls_server_config.curve_preferences[0]: unknown curve: CurveP224");
    fails(TLS + "  client_auth_type: RequireCert\n",
        "DIR/web.yml: tls_server_config.client_auth_type: invalid ClientAuth: RequireCert");
  }

  @Test
  void tlsNeedsACertificateAndAKeyThatBelongTogether() throws IOException {
    fails("tls_server_config:\n  key_file: server.key\n", "DIR/web.yml: tls_server_config: missing one of cert or cert_file");
    fails("tls_server_config:\n  cert_file: server.crt\n", "DIR/web.yml: tls_server_config: missing one of key or key_file");
    fails("tls_server_config:\n  client_auth_type: RequireAndVerifyClientCert\n",
        "DIR/web.yml: tls_server_config: missing one of cert or cert_file");
    fails("tls_server_config:\n  cert_file: nope.crt\n  key_file: server.key\n",
        "DIR/web.yml: tls_server_config.cert_file: failed to read cert_file (DIR/nope.crt): open DIR/nope.crt:"
            + " no such file or directory");
    fails("tls_server_config:\n  cert_file: server.crt\n  key_file: server-ec.key\n",
        "DIR/web.yml: tls_server_config.key_file: failed to load X509KeyPair: tls: private key does not match public key");
    fails("tls_server_config:\n  cert_file: server.key\n  key_file: server.key\n",
        "DIR/web.yml: tls_server_config.cert_file: failed to load X509KeyPair: tls: failed to find any PEM data in"
            + " certificate input");
    fails("tls_server_config:\n  cert_file: server.crt\n  key_file: server.crt\n",
        "DIR/web.yml: tls_server_config.key_file: failed to load X509KeyPair: tls: failed to find PEM block with type"
            + " ending in \"PRIVATE KEY\" in key input");
    fails(TLS + "  client_ca_file: ca.crt\n",
        "DIR/web.yml: tls_server_config.client_auth_type: client CA's have been configured without a Client Auth Policy");
    fails(TLS + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: nope.crt\n",
        "DIR/web.yml: tls_server_config.client_ca_file: open DIR/nope.crt: no such file or directory");
  }

  @Test
  void http2NeedsAnApprovedCipherWhenCiphersAreListed() throws IOException {
    fails(TLS + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n",
        "DIR/web.yml: tls_server_config.cipher_suites: http2: TLSConfig.CipherSuites is missing an HTTP/2-required"
            + " AES_128_GCM_SHA256 cipher (need at least one of TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 or"
            + " TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)");
    assertThat(WebSecurity.open(write(TLS + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n"
        + "http_server_config:\n  http2: false\n")).isTls()).isTrue();
  }

  @Test
  void headersAreLimitedToTheToolkitsList() throws IOException {
    fails("http_server_config:\n  headers:\n    Server: hearth\n",
        "DIR/web.yml:3:13: http_server_config.headers.Server: HTTP header \"Server\" can not be configured");
    fails("http_server_config:\n  headers:\n    X-Frame-Options: allow\n",
        "DIR/web.yml:3:22: http_server_config.headers.X-Frame-Options: invalid value for X-Frame-Options. Expected"
            + " one of: [\"deny\" \"sameorigin\"], but got: \"allow\"");
    fails("http_server_config:\n  headers:\n    X-Content-Type-Options: sniff\n",
        "DIR/web.yml:3:29: http_server_config.headers.X-Content-Type-Options: invalid value for X-Content-Type-Options."
            + " Expected one of: [\"nosniff\"], but got: \"sniff\"");
  }

  @Test
  void usersNeedBcryptHashes() throws IOException {
    fails("basic_auth_users:\n  alice: secret\n",
        "DIR/web.yml: basic_auth_users.alice: crypto/bcrypt: hashedSecret too short to be a bcrypted password");
    fails("basic_auth_users:\n  alice: " + HASH.replace("$2y$10$", "$3y$10$") + "\n",
        "DIR/web.yml: basic_auth_users.alice: crypto/bcrypt: bcrypt algorithm version '3' requested is newer than"
            + " current version '2'");
    fails("basic_auth_users:\n  alice: " + HASH.replace("$2y$10$", "$2y$99$") + "\n",
        "DIR/web.yml: basic_auth_users.alice: crypto/bcrypt: cost 99 is outside allowed inclusive range 4..31");
  }

  @Test
  void aMissingFileSaysSo() {
    Path f = dir.resolve("none.yml");
    assertThatThrownBy(() -> WebSecurity.open(f))
        .hasMessage(f + ": open " + f + ": no such file or directory");
    assertThatThrownBy(() -> WebSecurity.load(f))
        .isInstanceOf(IOException.class)
        .hasMessage("Unable to validate web configuration file: " + f + ": open " + f + ": no such file or directory");
  }

  @Test
  void everyFieldIsRead() throws IOException {
    Path f = write("""
        tls_server_config:
          cert: |
        %s
          key: |
        %s
          client_auth_type: VerifyClientCertIfGiven
          client_ca_file: ca.crt
          min_version: TLS13
          max_version: TLS13
          cipher_suites: [TLS_AES_128_GCM_SHA256]
          curve_preferences: [X25519, CurveP256]
          prefer_server_cipher_suites: false
          client_allowed_sans: [scraper.test]
        http_server_config:
          http2: false
          headers:
            Strict-Transport-Security: max-age=31536000
            X-Frame-Options: deny
        rate_limit:
          interval: 1.5s
          burst: 3
        basic_auth_users:
          alice: %s
        """.formatted(indent(pki.read("server.crt")), indent(pki.read("server-pkcs1.key")), HASH));
    WebSecurity w = WebSecurity.open(f);
    WebConfig c = w.current();
    assertThat(w.isTls()).isTrue();
    assertThat(w.isHttp2()).isFalse();
    assertThat(c.tls().clientCaFile()).isEqualTo(dir.resolve("ca.crt").toString());
    assertThat(c.tls().curvePreferences()).containsExactly("X25519", "CurveP256");
    assertThat(c.tls().clientAllowedSans()).containsExactly("scraper.test");
    assertThat(c.tls().preferServerCipherSuites()).isFalse();
    assertThat(c.http().headers()).containsExactly(
        Map.entry("Strict-Transport-Security", "max-age=31536000"), Map.entry("X-Frame-Options", "deny"));
    assertThat(c.rateLimit()).isEqualTo(new WebConfig.RateLimit(Duration.ofMillis(1500), 3));
    assertThat(c.users()).containsExactly(Map.entry("alice", HASH));
    assertThat(w.limiter()).isNotNull();
  }

  @Test
  void defaultsAreTheToolkits() throws IOException {
    WebSecurity w = WebSecurity.open(write(""));
    assertThat(w.isEnabled()).isTrue();
    assertThat(w.isTls()).isFalse();
    assertThat(w.current()).isEqualTo(WebConfig.NONE);
    assertThat(WebSecurity.open(write(TLS)).current().tls()).isEqualTo(new WebConfig.TlsServerConfig("", "", "",
        dir.resolve("server.crt").toString(), dir.resolve("server.key").toString(), "", "", List.of(), List.of(),
        "TLS12", "TLS13", true, null));
    assertThat(WebSecurity.open(write(TLS)).isHttp2()).isTrue();
  }

  @Test
  void keysComeInPkcs8Pkcs1AndSec1() throws IOException {
    assertThat(WebSecurity.open(write(TLS)).isTls()).isTrue();
    assertThat(WebSecurity.open(write("tls_server_config:\n  cert_file: server.crt\n  key_file: server-pkcs1.key\n"))
        .isTls()).isTrue();
    assertThat(WebSecurity.open(write("tls_server_config:\n  cert_file: server-ec.crt\n  key_file: server-ec.key\n"))
        .isTls()).isTrue();
  }

  @Test
  void theFileIsReReadOnEveryCallAndParsedOnlyWhenItChanged() throws IOException {
    Path f = write("basic_auth_users:\n  alice: " + HASH + "\n");
    WebSecurity w = WebSecurity.open(f);
    WebConfig first = w.current();
    assertThat(w.current()).isSameAs(first);
    Files.writeString(f, "basic_auth_users:\n  bob: " + HASH + "\n");
    assertThat(w.current().users()).containsOnlyKeys("bob");
    Files.writeString(f, "junk: 1\n");
    assertThatThrownBy(w::current).hasMessageContaining("field junk not found in type web.Config");
  }

  /** Debian's promtool (2.42) and Hearth accept and refuse the same files. */
  @Test
  void promtoolCheckWebConfigAgrees() throws Exception {
    for (String yaml : List.of("", TLS, TLS + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n",
        "junk: 1\n", TLS + "  cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]\n", TLS + "  client_ca_file: ca.crt\n",
        "http_server_config:\n  headers:\n    X-Frame-Options: allow\n", "basic_auth_users:\n  alice: secret\n",
        "basic_auth_users:\n  alice: " + HASH + "\n", "tls_server_config:\n  cert_file: server.crt\n")) {
      Path f = write(yaml);
      boolean hearth;
      try {
        WebSecurity.open(f);
        hearth = true;
      } catch (ConfigException e) {
        hearth = false;
      }
      Process p = new ProcessBuilder("promtool", "check", "web-config", f.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(hearth).as(yaml + "\npromtool: " + out).isEqualTo(p.exitValue() == 0);
    }
  }

  private static String indent(String pem) {
    return pem.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }
}
