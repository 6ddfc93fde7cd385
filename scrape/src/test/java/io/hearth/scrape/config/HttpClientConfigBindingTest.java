package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpClientConfigBindingTest {
  private static HttpClientConfig bind(String yaml) {
    ConfigMapping m = ConfigFile.compose(yaml, new ConfigSource("h.yml", Path.of("/etc/p")))
        .asMapping("config.HTTPClientConfig");
    HttpClientConfig c = HttpClientConfigBinding.bindInline(m);
    m.finish();
    return c;
  }

  private static void fails(String yaml, String reason) {
    assertThatThrownBy(() -> bind(yaml)).as(yaml).isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).reason()).isEqualTo(reason);
  }

  @Test
  void defaults() {
    assertThat(bind("")).isEqualTo(HttpClientConfig.DEFAULT);
    assertThat(HttpClientConfig.DEFAULT.followRedirects()).isTrue();
    assertThat(HttpClientConfig.DEFAULT.enableHttp2()).isTrue();
  }

  @Test
  void bearerTokensBecomeBearerAuthorization() {
    assertThat(bind("bearer_token: abc").authorization())
        .isEqualTo(new Authorization("Bearer", "abc", ""));
    assertThat(bind("bearer_token_file: token").authorization())
        .isEqualTo(new Authorization("Bearer", "", "/etc/p/token"));
    assertThat(bind("authorization: {credentials: x}").authorization())
        .isEqualTo(new Authorization("Bearer", "x", ""));
    assertThat(bind("authorization: {type: ' Token ', credentials_file: /run/t}").authorization())
        .isEqualTo(new Authorization("Token", "", "/run/t"));
  }

  @Test
  void relativeFilesJoinTheConfigDirectory() {
    HttpClientConfig c = bind("""
        basic_auth: {username_file: u, password_file: ../secrets/p}
        tls_config: {ca_file: ca.pem, cert_file: /abs/c.pem, key_file: k.pem}
        http_headers:
          X-Token: {files: [t.txt], values: [a], secrets: [s]}
        """);
    assertThat(c.basicAuth()).isEqualTo(new BasicAuth("", "/etc/p/u", "", "/etc/secrets/p"));
    assertThat(c.tlsConfig().caFile()).isEqualTo("/etc/p/ca.pem");
    assertThat(c.tlsConfig().certFile()).isEqualTo("/abs/c.pem");
    assertThat(c.tlsConfig().keyFile()).isEqualTo("/etc/p/k.pem");
    assertThat(c.httpHeaders()).isEqualTo(Map.of("X-Token",
        new HttpClientConfig.Header(List.of("a"), List.of("s"), List.of("/etc/p/t.txt"))));
  }

  @Test
  void oauth2AndProxy() {
    HttpClientConfig c = bind("""
        oauth2:
          client_id: id
          client_secret_file: secret
          token_url: https://auth/token
          scopes: [a, b]
          endpoint_params: {aud: x}
          tls_config: {insecure_skip_verify: true, min_version: TLS12}
          proxy_url: http://proxy:3128
        proxy_url: http://proxy:8080
        no_proxy: localhost
        proxy_connect_header: {Proxy-Token: [x]}
        follow_redirects: false
        enable_http2: false
        """);
    assertThat(c.oauth2()).isEqualTo(new OAuth2Config("id", "", "/etc/p/secret", List.of("a", "b"),
        "https://auth/token", Map.of("aud", "x"),
        new TlsConfig("", "", "", "", "", "", "", true, "TLS12", ""), "http://proxy:3128"));
    assertThat(c.proxyUrl()).isEqualTo("http://proxy:8080");
    assertThat(c.noProxy()).isEqualTo("localhost");
    assertThat(c.proxyConnectHeader()).isEqualTo(Map.of("Proxy-Token", List.of("x")));
    assertThat(c.followRedirects()).isFalse();
    assertThat(c.enableHttp2()).isFalse();
  }

  @Test
  void exclusionsUseUpstreamWords() {
    fails("{bearer_token: a, bearer_token_file: b}",
        "at most one of bearer_token & bearer_token_file must be configured");
    fails("{basic_auth: {username: a}, bearer_token: b}",
        "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    fails("{oauth2: {client_id: a, token_url: b}, bearer_token_file: b}",
        "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    fails("basic_auth: {username: a, username_file: b}",
        "at most one of basic_auth username, username_file & username_ref must be configured");
    fails("basic_auth: {password: a, password_file: b}",
        "at most one of basic_auth password, password_file & password_ref must be configured");
    fails("{authorization: {credentials: a}, bearer_token: b}",
        "authorization is not compatible with bearer_token & bearer_token_file");
    fails("authorization: {credentials: a, credentials_file: b}",
        "at most one of authorization credentials & credentials_file must be configured");
    fails("authorization: {type: Basic}",
        "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
    fails("{authorization: {credentials: a}, basic_auth: {username: b}}",
        "at most one of basic_auth, oauth2 & authorization must be configured");
    fails("{authorization: {credentials: a}, oauth2: {client_id: a, token_url: b}}",
        "at most one of basic_auth, oauth2 & authorization must be configured");
    fails("{basic_auth: {username: b}, oauth2: {client_id: a, token_url: b}}",
        "at most one of basic_auth, oauth2 & authorization must be configured");
    fails("oauth2: {token_url: b}", "oauth2 client_id must be configured");
    fails("oauth2: {client_id: a}", "oauth2 token_url must be configured");
    fails("oauth2: {client_id: a, token_url: b, client_secret: c, client_secret_file: d}",
        "at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be"
            + " configured using grant-type=client_credentials");
    fails("proxy_connect_header: {A: [b]}", "if proxy_connect_header is configured, proxy_url or"
        + " proxy_from_environment must also be configured");
    fails("{proxy_from_environment: true, proxy_url: http://p}",
        "if proxy_from_environment is configured, proxy_url must not be configured");
    fails("{proxy_from_environment: true, no_proxy: x}",
        "if proxy_from_environment is configured, no_proxy must not be configured");
    fails("no_proxy: x", "if no_proxy is configured, proxy_url must also be configured");
    fails("http_headers: {user-agent: {values: [x]}}", "setting header \"User-Agent\" is not allowed");
    fails("http_headers: {authorization: {values: [x]}}",
        "setting header \"Authorization\" is not allowed");
  }

  @Test
  void tlsChecks() {
    fails("tls_config: {ca: x, ca_file: y}", "at most one of ca, ca_file & ca_ref must be configured");
    fails("tls_config: {cert: x, cert_file: y, key: z}",
        "at most one of cert, cert_file & cert_ref must be configured");
    fails("tls_config: {cert: x, key: y, key_file: z}",
        "at most one of key and key_file must be configured");
    fails("tls_config: {cert_file: x}", "exactly one of key or key_file must be configured when a"
        + " client certificate is configured");
    fails("tls_config: {key_file: x}", "exactly one of cert or cert_file must be configured when a"
        + " client key is configured");
    fails("tls_config: {min_version: TLS14}", "unknown TLS version: TLS14");
    fails("tls_config: {min_version: TLS13, max_version: TLS12}", "tls_config.max_version must be"
        + " greater than or equal to tls_config.min_version if both are specified");
  }

  @Test
  void whatHearthLacksFailsByName() {
    fails("authorization: {credentials_ref: x}", "credentials_ref is not supported by Hearth");
    fails("basic_auth: {password_ref: x}", "password_ref is not supported by Hearth");
    fails("tls_config: {ca_ref: x}", "ca_ref is not supported by Hearth");
    fails("oauth2: {client_id: a, token_url: b, grant_type:"
            + " 'urn:ietf:params:oauth:grant-type:jwt-bearer'}",
        "oauth2 grant_type \"urn:ietf:params:oauth:grant-type:jwt-bearer\" is not supported by"
            + " Hearth");
    fails("oauth2: {client_id: a, token_url: b, proxy_url: http://p, no_proxy: x}",
        "oauth2 no_proxy is not supported by Hearth");
  }

  @Test
  void canonicalHeaderKeys() {
    assertThat(HttpClientConfigBinding.canonicalHeaderKey("x-foo-BAR")).isEqualTo("X-Foo-Bar");
    assertThat(HttpClientConfigBinding.canonicalHeaderKey("www-authenticate"))
        .isEqualTo("Www-Authenticate");
    assertThat(HttpClientConfigBinding.canonicalHeaderKey("bad key")).isEqualTo("bad key");
  }
}
