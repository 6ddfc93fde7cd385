package io.hearth.scrape.http;

import io.hearth.scrape.config.Authorization;
import io.hearth.scrape.config.BasicAuth;
import io.hearth.scrape.config.HttpClientConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP client of one scrape pool, built from its {@link HttpClientConfig} with the semantics of
 * Prometheus's {@code config.NewClientFromConfig}: TLS ({@code tls_config}, with CA and client
 * certificate files reloaded when they change), {@code basic_auth}, {@code authorization}, {@code
 * oauth2} (client credentials), {@code http_headers}, {@code proxy_url} / {@code no_proxy} / {@code
 * proxy_from_environment}, {@code follow_redirects} and {@code enable_http2}.
 *
 * <p>Credential files (password, username, bearer token, client secret, header files) are read on
 * every request, as Prometheus does, so rotated credentials apply from the next scrape. One client
 * is shared by all of a pool's {@link TargetScraper}s and keeps their connections alive between
 * scrapes. Thread-safe. {@link #close()} lets in-flight scrapes finish and then frees the
 * connections.
 */
public final class ScrapeHttpClient implements AutoCloseable {
  /** Go's {@code ReservedHeaders}: http_headers may not set these. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "Authorization",
          "Host",
          "Content-Encoding",
          "Content-Length",
          "Content-Type",
          "User-Agent",
          "Connection",
          "Keep-Alive",
          "Proxy-Authenticate",
          "Proxy-Authorization",
          "Www-Authenticate",
          "Accept-Encoding",
          "X-Prometheus-Remote-Write-Version",
          "X-Prometheus-Remote-Read-Version",
          "X-Prometheus-Scrape-Timeout-Seconds",
          "X-Amz-Date",
          "X-Amz-Security-Token",
          "X-Amz-Content-Sha256");

  /** Headers the JDK client sets itself and refuses from callers (beyond the reserved ones). */
  private static final Set<String> JDK_RESTRICTED_HEADERS = Set.of("Expect", "Upgrade");

  /** Headers Go drops when a redirect leaves the original host. */
  private static final Set<String> SENSITIVE_ON_REDIRECT =
      Set.of(
          "Authorization",
          "Www-Authenticate",
          "Cookie",
          "Cookie2",
          "Proxy-Authorization",
          "Proxy-Authenticate");

  private record ConfiguredHeader(
      String name, List<String> values, List<String> files, boolean isSensitive) {}

  private final Transport transport;
  private final boolean followRedirects;
  private final String authorizationType;
  private final Secret authorizationCredentials;
  private final boolean hasBasicAuth;
  private final Secret basicUsername;
  private final Secret basicPassword;
  private final OAuth2TokenSource oauth2;
  private final List<ConfiguredHeader> headers;

  private ScrapeHttpClient(HttpClientConfig config, Map<String, String> environment) {
    validate(config);
    followRedirects = config.followRedirects();
    Authorization authorization = config.authorization();
    if (authorization != null) {
      String type = authorization.type() == null ? "" : authorization.type().strip();
      authorizationType = type.isEmpty() ? "Bearer" : type;
      authorizationCredentials =
          Secret.of(authorization.credentials(), authorization.credentialsFile());
    } else {
      authorizationType = null;
      authorizationCredentials = null;
    }
    BasicAuth basic = config.basicAuth();
    hasBasicAuth = basic != null;
    basicUsername = basic == null ? null : Secret.of(basic.username(), basic.usernameFile());
    basicPassword = basic == null ? null : Secret.of(basic.password(), basic.passwordFile());
    headers = new ArrayList<>();
    if (config.httpHeaders() != null) {
      for (Map.Entry<String, HttpClientConfig.Header> e : config.httpHeaders().entrySet()) {
        HttpClientConfig.Header h = e.getValue();
        List<String> values = new ArrayList<>();
        if (h.values() != null) {
          values.addAll(h.values());
        }
        if (h.secrets() != null) {
          values.addAll(h.secrets());
        }
        String canonical = canonicalHeaderKey(e.getKey());
        headers.add(
            new ConfiguredHeader(
                e.getKey(),
                List.copyOf(values),
                h.files() == null ? List.of() : List.copyOf(h.files()),
                SENSITIVE_ON_REDIRECT.contains(canonical)));
      }
    }
    ScrapeProxySelector proxy =
        ScrapeProxySelector.of(
            config.proxyUrl(), config.noProxy(), config.proxyFromEnvironment(), environment);
    OAuth2TokenSource tokens =
        config.oauth2() == null ? null : new OAuth2TokenSource(config.oauth2());
    try {
      transport =
          new Transport(
              config.tlsConfig(),
              proxy,
              ProxyAuthenticator.of(proxy),
              config.enableHttp2(),
              HttpClient.Redirect.NEVER);
    } catch (RuntimeException e) {
      if (tokens != null) {
        tokens.close();
      }
      throw e;
    }
    oauth2 = tokens;
  }

  /**
   * Builds the client for a scrape pool.
   *
   * @throws IllegalArgumentException if the config is invalid or its TLS material unusable; the
   *     message is Prometheus's (which prefixes it with "error creating HTTP client: ")
   */
  public static ScrapeHttpClient create(HttpClientConfig config) {
    return new ScrapeHttpClient(config, System.getenv());
  }

  /**
   * As {@link #create(HttpClientConfig)}, with the environment {@code proxy_from_environment}
   * reads.
   */
  static ScrapeHttpClient create(HttpClientConfig config, Map<String, String> environment) {
    return new ScrapeHttpClient(config, environment);
  }

  private static void validate(HttpClientConfig c) {
    int auths =
        (c.basicAuth() != null ? 1 : 0)
            + (c.authorization() != null ? 1 : 0)
            + (c.oauth2() != null ? 1 : 0);
    if (auths > 1) {
      throw new IllegalArgumentException(
          "at most one of basic_auth, oauth2 & authorization must be configured");
    }
    BasicAuth b = c.basicAuth();
    if (b != null) {
      if (isSet(b.username()) && isSet(b.usernameFile())) {
        throw new IllegalArgumentException(
            "at most one of basic_auth username, username_file & username_ref must be configured");
      }
      if (isSet(b.password()) && isSet(b.passwordFile())) {
        throw new IllegalArgumentException(
            "at most one of basic_auth password, password_file & password_ref must be configured");
      }
    }
    Authorization a = c.authorization();
    if (a != null) {
      if (isSet(a.credentials()) && isSet(a.credentialsFile())) {
        throw new IllegalArgumentException(
            "at most one of authorization credentials & credentials_file must be configured");
      }
      if (a.type() != null && a.type().strip().equalsIgnoreCase("basic")) {
        throw new IllegalArgumentException(
            "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
      }
    }
    if (c.httpHeaders() != null) {
      for (String name : c.httpHeaders().keySet()) {
        String canonical = canonicalHeaderKey(name);
        if (RESERVED_HEADERS.contains(canonical)) {
          throw new IllegalArgumentException("setting header \"" + canonical + "\" is not allowed");
        }
        if (JDK_RESTRICTED_HEADERS.contains(canonical)) {
          throw new IllegalArgumentException(
              "setting header \"" + canonical + "\" is not supported by the JDK HTTP client");
        }
      }
    }
    boolean hasProxyUrl = isSet(c.proxyUrl());
    if (c.proxyConnectHeader() != null && c.proxyConnectHeader().isEmpty() == false) {
      if (c.proxyFromEnvironment() == false && hasProxyUrl == false) {
        throw new IllegalArgumentException(
            "if proxy_connect_header is configured, proxy_url or proxy_from_environment must"
                + " also be configured");
      }
      // The JDK client builds the CONNECT request itself and takes no extra headers for it.
      throw new IllegalArgumentException(
          "proxy_connect_header is not supported: the JDK HTTP client cannot add headers to"
              + " proxy CONNECT requests");
    }
    if (c.proxyFromEnvironment() && hasProxyUrl) {
      throw new IllegalArgumentException(
          "if proxy_from_environment is configured, proxy_url must not be configured");
    }
    if (c.proxyFromEnvironment() && isSet(c.noProxy())) {
      throw new IllegalArgumentException(
          "if proxy_from_environment is configured, no_proxy must not be configured");
    }
    if (hasProxyUrl == false && isSet(c.noProxy())) {
      throw new IllegalArgumentException(
          "if no_proxy is configured, proxy_url must also be configured");
    }
  }

  private static boolean isSet(String s) {
    return s != null && s.isEmpty() == false;
  }

  /** Go's {@code http.CanonicalHeaderKey}: "x-foo-bar" becomes "X-Foo-Bar". */
  static String canonicalHeaderKey(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = c < 127 && c > 32 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (token == false) {
        return name; // Go leaves keys with invalid bytes alone.
      }
    }
    StringBuilder b = new StringBuilder(name.length());
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return b.toString();
  }

  boolean followRedirects() {
    return followRedirects;
  }

  /** The JDK client to send the next request with (rebuilt if the TLS files changed). */
  HttpClient httpClient() throws ScrapeException {
    return transport.client();
  }

  HttpClient.Version version() {
    return transport.version();
  }

  /**
   * Adds {@code http_headers} and the configured credentials to a request, reading credential files
   * now. On a redirect that left the original host ({@code isCrossHost}) credentials and sensitive
   * headers are left out, as Prometheus does.
   */
  void decorate(HttpRequest.Builder request, boolean isCrossHost, String userAgent, long deadline)
      throws ScrapeException, InterruptedException {
    for (ConfiguredHeader h : headers) {
      if (isCrossHost && h.isSensitive()) {
        continue;
      }
      for (String v : h.values()) {
        request.header(h.name(), v);
      }
      for (String file : h.files()) {
        try {
          request.header(
              h.name(), new String(Secret.readFile(file), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          throw new ScrapeException(
              "unable to read headers file " + file + ": " + causeOf(e.getMessage(), file), e);
        }
      }
    }
    if (isCrossHost) {
      return;
    }
    if (oauth2 != null) {
      request.setHeader("Authorization", oauth2.authorization(userAgent, deadline));
    } else if (hasBasicAuth) {
      String user;
      String password;
      try {
        user = basicUsername == null ? "" : basicUsername.read();
      } catch (IOException e) {
        throw new ScrapeException("unable to read basic auth username: " + e.getMessage(), e);
      }
      try {
        password = basicPassword == null ? "" : basicPassword.read();
      } catch (IOException e) {
        throw new ScrapeException("unable to read basic auth password: " + e.getMessage(), e);
      }
      byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
      request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair));
    } else if (authorizationType != null) {
      String credentials;
      try {
        credentials = authorizationCredentials == null ? "" : authorizationCredentials.read();
      } catch (IOException e) {
        throw new ScrapeException("unable to read authorization credentials: " + e.getMessage(), e);
      }
      request.setHeader("Authorization", authorizationType + " " + credentials);
    }
  }

  /** Go's headers round tripper wraps the os error itself, not the "unable to read file" text. */
  private static String causeOf(String message, String file) {
    String prefix = "unable to read file " + file + ": ";
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length())
        : message;
  }

  @Override
  public void close() {
    try {
      transport.close();
    } finally {
      if (oauth2 != null) {
        oauth2.close();
      }
    }
  }

  @Override
  public String toString() {
    return "ScrapeHttpClient{followRedirects=" + followRedirects + ", http2=" + version() + "}";
  }
}
