package io.hearth.scrape.config;

import io.hearth.scrape.parse.GoQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The YAML of Prometheus's HTTP client settings ({@code prometheus/common}'s {@code
 * HTTPClientConfig}), which scrape configs (and later remote write and alerting) inline into their
 * own mapping. Checks the same combinations with the same words, turns {@code bearer_token(_file)}
 * into a Bearer {@link Authorization}, and resolves file paths against the config's directory.
 */
public final class HttpClientConfigBinding {
  /** Headers Prometheus sets itself or that change the connection; canonical form. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "Authorization", "Host", "Content-Encoding", "Content-Length", "Content-Type",
          "User-Agent", "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization",
          "Www-Authenticate", "Accept-Encoding", "X-Prometheus-Remote-Write-Version",
          "X-Prometheus-Remote-Read-Version", "X-Prometheus-Scrape-Timeout-Seconds", "X-Amz-Date",
          "X-Amz-Security-Token", "X-Amz-Content-Sha256");
  private static final List<String> TLS_VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");

  private HttpClientConfigBinding() {}

  /** Reads the HTTP client fields of {@code m}, leaving its other fields to the caller. */
  public static HttpClientConfig bindInline(ConfigMapping m) {
    ConfigSource src = m.node().source();
    BasicAuth basic = basicAuth(m.mapping("basic_auth", "config.BasicAuth"));
    Authorization authz = authorization(m.mapping("authorization", "config.Authorization"));
    OAuth2Config oauth2 = oauth2(m.mapping("oauth2", "config.OAuth2"));
    String bearerToken = m.string("bearer_token", "");
    String bearerTokenFile = m.string("bearer_token_file", "");
    ConfigMapping tlsMap = m.mapping("tls_config", "config.TLSConfig");
    TlsConfig tls = tlsMap == null ? TlsConfig.DEFAULT : tls(tlsMap);
    boolean followRedirects = m.bool("follow_redirects", true);
    boolean enableHttp2 = m.bool("enable_http2", true);
    Proxy proxy = proxy(m);
    Map<String, HttpClientConfig.Header> headers = headers(m.get("http_headers"));

    ConfigNode at = m.node();
    if (!bearerToken.isEmpty() && !bearerTokenFile.isEmpty()) {
      throw at.error("at most one of bearer_token & bearer_token_file must be configured");
    }
    boolean hasBearer = !bearerToken.isEmpty() || !bearerTokenFile.isEmpty();
    if ((basic != null || oauth2 != null) && hasBearer) {
      throw at.error(
          "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    }
    if (basic != null && count(basic.username(), basic.usernameFile()) > 1) {
      throw m.error("basic_auth",
          "at most one of basic_auth username, username_file & username_ref must be configured");
    }
    if (basic != null && count(basic.password(), basic.passwordFile()) > 1) {
      throw m.error("basic_auth",
          "at most one of basic_auth password, password_file & password_ref must be configured");
    }
    if (authz != null) {
      if (hasBearer) {
        throw at.error("authorization is not compatible with bearer_token & bearer_token_file");
      }
      if (count(authz.credentials(), authz.credentialsFile()) > 1) {
        throw m.error("authorization",
            "at most one of authorization credentials & credentials_file must be configured");
      }
      String type = authz.type().strip();
      if (type.isEmpty()) {
        type = "Bearer";
      }
      if (type.toLowerCase(Locale.ROOT).equals("basic")) {
        throw m.error("authorization",
            "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
      }
      if (basic != null || oauth2 != null) {
        throw at.error("at most one of basic_auth, oauth2 & authorization must be configured");
      }
      authz = new Authorization(type, authz.credentials(), authz.credentialsFile());
    } else if (!bearerToken.isEmpty()) {
      authz = new Authorization("Bearer", bearerToken, "");
    } else if (!bearerTokenFile.isEmpty()) {
      authz = new Authorization("Bearer", "", bearerTokenFile);
    }
    if (oauth2 != null) {
      if (basic != null) {
        throw at.error("at most one of basic_auth, oauth2 & authorization must be configured");
      }
      if (oauth2.clientId().isEmpty()) {
        throw m.error("oauth2", "oauth2 client_id must be configured");
      }
      if (oauth2.tokenUrl().isEmpty()) {
        throw m.error("oauth2", "oauth2 token_url must be configured");
      }
      if (count(oauth2.clientSecret(), oauth2.clientSecretFile()) > 1) {
        throw m.error("oauth2",
            "at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be"
                + " configured using grant-type=client_credentials");
      }
    }
    proxy.validate(at);
    for (String name : headers.keySet()) {
      String canonical = canonicalHeaderKey(name);
      if (RESERVED_HEADERS.contains(canonical)) {
        throw m.error("http_headers",
            "setting header " + GoQuote.quote(canonical) + " is not allowed");
      }
    }

    // Relative files are joined onto the config file's directory (SetDirectory).
    if (basic != null) {
      basic = new BasicAuth(basic.username(), src.resolve(basic.usernameFile()),
          basic.password(), src.resolve(basic.passwordFile()));
    }
    if (authz != null) {
      authz = new Authorization(authz.type(), authz.credentials(),
          src.resolve(authz.credentialsFile()));
    }
    if (oauth2 != null) {
      oauth2 = new OAuth2Config(oauth2.clientId(), oauth2.clientSecret(),
          src.resolve(oauth2.clientSecretFile()), oauth2.scopes(), oauth2.tokenUrl(),
          oauth2.endpointParams(), resolve(oauth2.tlsConfig(), src), oauth2.proxyUrl());
    }
    Map<String, HttpClientConfig.Header> resolvedHeaders = new LinkedHashMap<>();
    headers.forEach((name, h) -> {
      List<String> files = new ArrayList<>();
      for (String f : h.files()) {
        files.add(src.resolve(f));
      }
      resolvedHeaders.put(name, new HttpClientConfig.Header(h.values(), h.secrets(), List.copyOf(files)));
    });
    return new HttpClientConfig(basic, authz, oauth2, resolve(tls, src), proxy.url, proxy.noProxy,
        proxy.fromEnvironment, proxy.connectHeader, followRedirects, enableHttp2,
        Map.copyOf(resolvedHeaders));
  }

  /** A standalone {@code tls_config} mapping, validated, paths not yet resolved. */
  static TlsConfig tls(ConfigMapping m) {
    String ca = m.string("ca", "");
    String caFile = m.string("ca_file", "");
    unsupported(m, "ca_ref");
    String cert = m.string("cert", "");
    String certFile = m.string("cert_file", "");
    unsupported(m, "cert_ref");
    String key = m.string("key", "");
    String keyFile = m.string("key_file", "");
    unsupported(m, "key_ref");
    String serverName = m.string("server_name", "");
    boolean insecure = m.bool("insecure_skip_verify", false);
    String minVersion = tlsVersion(m, "min_version");
    String maxVersion = tlsVersion(m, "max_version");
    m.finish();
    ConfigNode at = m.node();
    if (count(ca, caFile) > 1) {
      throw at.error("at most one of ca, ca_file & ca_ref must be configured");
    }
    if (count(cert, certFile) > 1) {
      throw at.error("at most one of cert, cert_file & cert_ref must be configured");
    }
    if (count(key, keyFile) > 1) {
      throw at.error("at most one of key and key_file must be configured");
    }
    boolean hasCert = count(cert, certFile) > 0;
    boolean hasKey = count(key, keyFile) > 0;
    if (hasCert && !hasKey) {
      throw at.error(
          "exactly one of key or key_file must be configured when a client certificate is configured");
    }
    if (hasKey && !hasCert) {
      throw at.error(
          "exactly one of cert or cert_file must be configured when a client key is configured");
    }
    // Prometheus finds this only when it builds the client, which fails the reload all the same.
    if (!minVersion.isEmpty() && !maxVersion.isEmpty()
        && TLS_VERSIONS.indexOf(maxVersion) < TLS_VERSIONS.indexOf(minVersion)) {
      throw at.error("tls_config.max_version must be greater than or equal to"
          + " tls_config.min_version if both are specified");
    }
    return new TlsConfig(ca, caFile, cert, certFile, key, keyFile, serverName, insecure,
        minVersion, maxVersion);
  }

  private static String tlsVersion(ConfigMapping m, String field) {
    ConfigNode v = m.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    String s = v.asString();
    if (!TLS_VERSIONS.contains(s)) {
      throw v.error("unknown TLS version: " + s);
    }
    return s;
  }

  private static TlsConfig resolve(TlsConfig t, ConfigSource src) {
    return new TlsConfig(t.ca(), src.resolve(t.caFile()), t.cert(), src.resolve(t.certFile()),
        t.key(), src.resolve(t.keyFile()), t.serverName(), t.insecureSkipVerify(),
        t.minVersion(), t.maxVersion());
  }

  private static BasicAuth basicAuth(ConfigMapping m) {
    if (m == null) {
      return null;
    }
    BasicAuth b = new BasicAuth(m.string("username", ""), m.string("username_file", ""),
        m.string("password", ""), m.string("password_file", ""));
    unsupported(m, "username_ref");
    unsupported(m, "password_ref");
    m.finish();
    return b;
  }

  private static Authorization authorization(ConfigMapping m) {
    if (m == null) {
      return null;
    }
    Authorization a = new Authorization(m.string("type", ""), m.string("credentials", ""),
        m.string("credentials_file", ""));
    unsupported(m, "credentials_ref");
    m.finish();
    return a;
  }

  private static OAuth2Config oauth2(ConfigMapping m) {
    if (m == null) {
      return null;
    }
    String clientId = m.string("client_id", "");
    String secret = m.string("client_secret", "");
    String secretFile = m.string("client_secret_file", "");
    unsupported(m, "client_secret_ref");
    ConfigNode grant = m.get("grant_type");
    if (grant != null && !grant.asString().isEmpty()
        && !grant.asString().equals("client_credentials")) {
      throw grant.error("oauth2 grant_type " + GoQuote.quote(grant.asString())
          + " is not supported by Hearth");
    }
    for (String jwtField : List.of("client_certificate_key_id", "client_certificate_key",
        "client_certificate_key_file", "client_certificate_key_ref", "signature_algorithm", "iss",
        "audience", "claims")) {
      unsupported(m, jwtField);
    }
    List<String> scopes = List.copyOf(m.stringList("scopes"));
    String tokenUrl = m.string("token_url", "");
    Map<String, String> params = Map.copyOf(m.stringMap("endpoint_params"));
    ConfigMapping tlsMap = m.mapping("tls_config", "config.TLSConfig");
    TlsConfig tls = tlsMap == null ? TlsConfig.DEFAULT : tls(tlsMap);
    Proxy proxy = proxy(m);
    m.finish();
    // OAuth2's own UnmarshalYAML checks its proxy settings.
    proxy.validate(m.node());
    if (!proxy.noProxy.isEmpty() || proxy.fromEnvironment || !proxy.connectHeader.isEmpty()) {
      String field = !proxy.noProxy.isEmpty() ? "no_proxy"
          : proxy.fromEnvironment ? "proxy_from_environment" : "proxy_connect_header";
      throw m.error(field, "oauth2 " + field + " is not supported by Hearth");
    }
    return new OAuth2Config(clientId, secret, secretFile, scopes, tokenUrl, params, tls, proxy.url);
  }

  /** Secret-manager references: Hearth has no secret manager, so any value fails by name. */
  private static void unsupported(ConfigMapping m, String field) {
    ConfigNode v = m.get(field);
    if (v != null && !v.isEmpty()) {
      throw v.error(field + " is not supported by Hearth");
    }
  }

  /** The proxy settings ({@code ProxyConfig}), inlined into the HTTP client and into oauth2. */
  private record Proxy(boolean urlSet, String url, String noProxy, boolean fromEnvironment,
      Map<String, List<String>> connectHeader) {
    void validate(ConfigNode at) {
      if (!connectHeader.isEmpty() && !fromEnvironment && url.isEmpty()) {
        throw at.error("if proxy_connect_header is configured, proxy_url or"
            + " proxy_from_environment must also be configured");
      }
      if (fromEnvironment && !url.isEmpty()) {
        throw at.error("if proxy_from_environment is configured, proxy_url must not be configured");
      }
      if (fromEnvironment && !noProxy.isEmpty()) {
        throw at.error("if proxy_from_environment is configured, no_proxy must not be configured");
      }
      if (!urlSet && !noProxy.isEmpty()) {
        throw at.error("if no_proxy is configured, proxy_url must also be configured");
      }
    }
  }

  private static Proxy proxy(ConfigMapping m) {
    ConfigNode urlNode = m.get("proxy_url");
    String url = urlNode == null ? "" : urlNode.asString();
    String noProxy = m.string("no_proxy", "");
    boolean fromEnv = m.bool("proxy_from_environment", false);
    Map<String, List<String>> connect = new LinkedHashMap<>();
    ConfigNode ch = m.get("proxy_connect_header");
    if (ch != null) {
      ch.asNodeMap().forEach((name, values) -> connect.put(name, List.copyOf(values.asStringList())));
    }
    return new Proxy(urlNode != null && !urlNode.isNull(), url, noProxy, fromEnv, Map.copyOf(connect));
  }

  private static Map<String, HttpClientConfig.Header> headers(ConfigNode node) {
    Map<String, HttpClientConfig.Header> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    node.asNodeMap().forEach((name, h) -> {
      ConfigMapping hm = h.asMapping("config.Header");
      HttpClientConfig.Header header = new HttpClientConfig.Header(
          List.copyOf(hm.stringList("values")), List.copyOf(hm.stringList("secrets")),
          List.copyOf(hm.stringList("files")));
      hm.finish();
      out.put(name, header);
    });
    return out;
  }

  /** Go's {@code http.CanonicalHeaderKey}: "x-foo-bar" becomes "X-Foo-Bar". */
  static String canonicalHeaderKey(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean token = c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (!token) {
        return s; // Go leaves keys with invalid characters unchanged.
      }
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean upper = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (upper && c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      } else if (!upper && c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      b.append(c);
      upper = c == '-';
    }
    return b.toString();
  }

  private static int count(String... values) {
    int n = 0;
    for (String v : values) {
      if (!v.isEmpty()) {
        n++;
      }
    }
    return n;
  }
}
