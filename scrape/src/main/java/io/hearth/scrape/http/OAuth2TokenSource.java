package io.hearth.scrape.http;

import io.hearth.scrape.config.OAuth2Config;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OAuth2 client-credentials grant as Prometheus runs it through {@code golang.org/x/oauth2}:
 * the token is fetched from {@code token_url} with the client id and secret (first as HTTP basic
 * authentication, then, if the server refuses that, as form parameters, remembering which one
 * worked), cached, and fetched again when it is within 10 seconds of its expiry. A secret read from
 * a file is re-read on every request; when it changes the cached token is dropped.
 *
 * <p>Thread-safe: concurrent scrapes share one token and at most one fetch runs at a time.
 */
final class OAuth2TokenSource implements AutoCloseable {
  private static final long EXPIRY_DELTA_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int MAX_BODY = 1 << 20;

  private enum AuthStyle {
    UNKNOWN,
    IN_HEADER,
    IN_PARAMS
  }

  /** A token; {@code expiresAtNanos} is a {@link System#nanoTime()} instant, 0 for never. */
  private record Token(String header, long expiresAtNanos) {
    boolean isValid(long now) {
      return expiresAtNanos == 0 || expiresAtNanos - EXPIRY_DELTA_NANOS - now > 0;
    }
  }

  private final OAuth2Config config;
  private final Secret secret;
  private final Transport transport;
  private final URI tokenUrl;
  private final ReentrantLock lock = new ReentrantLock();
  private AuthStyle authStyle = AuthStyle.UNKNOWN;
  private String lastSecret;
  private volatile Token token;

  /** Validates the config; fails with Prometheus's message. */
  OAuth2TokenSource(OAuth2Config config) {
    this.config = config;
    if (config.clientId() == null || config.clientId().isEmpty()) {
      throw new IllegalArgumentException("oauth2 client_id must be configured");
    }
    if (config.tokenUrl() == null || config.tokenUrl().isEmpty()) {
      throw new IllegalArgumentException("oauth2 token_url must be configured");
    }
    if (config.clientSecret() != null
        && config.clientSecret().isEmpty() == false
        && config.clientSecretFile() != null
        && config.clientSecretFile().isEmpty() == false) {
      throw new IllegalArgumentException(
          "at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be"
              + " configured using grant-type=client_credentials");
    }
    try {
      tokenUrl = new URI(config.tokenUrl());
    } catch (Exception e) {
      throw new IllegalArgumentException("invalid oauth2 token_url: " + e.getMessage(), e);
    }
    secret = Secret.of(config.clientSecret(), config.clientSecretFile());
    ScrapeProxySelector proxy = ScrapeProxySelector.of(config.proxyUrl(), "", false, Map.of());
    // Go's default client follows the token endpoint's redirects.
    transport =
        new Transport(
            config.tlsConfig(),
            proxy,
            ProxyAuthenticator.of(proxy),
            true,
            HttpClient.Redirect.NORMAL);
  }

  /** The {@code Authorization} header value, fetching a token if none is valid. */
  String authorization(String userAgent, long deadlineNanos)
      throws ScrapeException, InterruptedException {
    String currentSecret;
    try {
      currentSecret = secret == null ? "" : secret.read();
    } catch (IOException e) {
      throw new ScrapeException("unable to read oauth2 client secret: " + e.getMessage(), e);
    }
    Token t = token;
    if (t != null && t.isValid(System.nanoTime()) && currentSecret.equals(lastSecret)) {
      return t.header();
    }
    long wait = deadlineNanos - System.nanoTime();
    if (wait <= 0 || lock.tryLock(wait, TimeUnit.NANOSECONDS) == false) {
      throw TargetScraper.deadlineExceeded(null);
    }
    try {
      if (currentSecret.equals(lastSecret) == false) {
        token = null;
        lastSecret = currentSecret;
      }
      t = token;
      if (t != null && t.isValid(System.nanoTime())) {
        return t.header();
      }
      t = fetch(currentSecret, userAgent, deadlineNanos);
      token = t;
      return t.header();
    } finally {
      lock.unlock();
    }
  }

  private Token fetch(String clientSecret, String userAgent, long deadlineNanos)
      throws ScrapeException, InterruptedException {
    if (authStyle != AuthStyle.UNKNOWN) {
      return request(authStyle, clientSecret, userAgent, deadlineNanos);
    }
    Token t;
    try {
      t = request(AuthStyle.IN_HEADER, clientSecret, userAgent, deadlineNanos);
      authStyle = AuthStyle.IN_HEADER;
    } catch (ScrapeException e) {
      if (e.kind() == ScrapeException.Kind.TIMEOUT) {
        throw e;
      }
      t = request(AuthStyle.IN_PARAMS, clientSecret, userAgent, deadlineNanos);
      authStyle = AuthStyle.IN_PARAMS;
    }
    return t;
  }

  private Token request(AuthStyle style, String clientSecret, String userAgent, long deadline)
      throws ScrapeException, InterruptedException {
    Map<String, String> form = new TreeMap<>();
    form.put("grant_type", "client_credentials");
    List<String> scopes = config.scopes() == null ? List.of() : config.scopes();
    if (scopes.isEmpty() == false) {
      form.put("scope", String.join(" ", scopes));
    }
    if (config.endpointParams() != null) {
      for (Map.Entry<String, String> e : config.endpointParams().entrySet()) {
        if (form.containsKey(e.getKey()) && e.getKey().equals("grant_type") == false) {
          throw new ScrapeException("oauth2: cannot overwrite parameter \"" + e.getKey() + "\"");
        }
        form.put(e.getKey(), e.getValue());
      }
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(tokenUrl)
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (userAgent != null && userAgent.isEmpty() == false) {
      b.header("User-Agent", userAgent);
    }
    if (style == AuthStyle.IN_PARAMS) {
      form.put("client_id", config.clientId());
      if (clientSecret.isEmpty() == false) {
        form.put("client_secret", clientSecret);
      }
    } else {
      String pair = queryEscape(config.clientId()) + ":" + queryEscape(clientSecret);
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    b.POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    HttpClient client = transport.client();
    CompletableFuture<HttpResponse<byte[]>> f =
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw TargetScraper.deadlineExceeded(e);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      // x/oauth2 passes the client's url.Error through unwrapped.
      throw new ScrapeException(
          "Post \""
              + TargetScraper.redacted(tokenUrl)
              + "\": "
              + TargetScraper.describe(e.getCause(), tokenUrl),
          e);
    }
    return parse(response);
  }

  private static Token parse(HttpResponse<byte[]> response) throws ScrapeException {
    byte[] raw = response.body();
    String body = new String(raw, 0, Math.min(raw.length, MAX_BODY), StandardCharsets.UTF_8);
    int status = response.statusCode();
    boolean failed = status < 200 || status > 299;
    String retrieveError =
        "oauth2: cannot fetch token: " + HttpStatusText.status(status) + "\nResponse: " + body;
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    int semicolon = contentType.indexOf(';');
    String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    Map<String, String> values;
    if (mediaType.equalsIgnoreCase("application/x-www-form-urlencoded")
        || mediaType.equalsIgnoreCase("text/plain")) {
      values = parseForm(body);
    } else {
      try {
        values = FlatJson.parseObject(body);
      } catch (IllegalArgumentException e) {
        if (failed) {
          throw new ScrapeException(retrieveError);
        }
        throw new ScrapeException("oauth2: cannot parse json: " + e.getMessage(), e);
      }
    }
    String errorCode = values.getOrDefault("error", "");
    if (errorCode.isEmpty() == false) {
      StringBuilder s = new StringBuilder("oauth2: \"").append(errorCode).append('"');
      String description = values.getOrDefault("error_description", "");
      if (description.isEmpty() == false) {
        s.append(" \"").append(description).append('"');
      }
      String uri = values.getOrDefault("error_uri", "");
      if (uri.isEmpty() == false) {
        s.append(" \"").append(uri).append('"');
      }
      throw new ScrapeException(s.toString());
    }
    if (failed) {
      throw new ScrapeException(retrieveError);
    }
    String accessToken = values.getOrDefault("access_token", "");
    if (accessToken.isEmpty() || accessToken.equals("null")) {
      throw new ScrapeException("oauth2: server response missing access_token");
    }
    long expiresIn = expiresIn(values.get("expires_in"));
    long expiresAt = expiresIn > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(expiresIn) : 0;
    if (expiresAt == 0 && expiresIn > 0) {
      expiresAt = 1; // 0 means "never"; keep an expiring token expiring.
    }
    return new Token(type(values.getOrDefault("token_type", "")) + " " + accessToken, expiresAt);
  }

  private static long expiresIn(String value) throws ScrapeException {
    if (value == null || value.isEmpty() || value.equals("null")) {
      return 0;
    }
    try {
      return Math.min(Long.parseLong(value.strip()), Integer.MAX_VALUE);
    } catch (NumberFormatException e) {
      throw new ScrapeException("oauth2: cannot parse json: invalid expires_in " + value, e);
    }
  }

  /** {@code oauth2.Token.Type}: the canonical spelling of well-known types, Bearer if none. */
  private static String type(String tokenType) {
    if (tokenType.equalsIgnoreCase("bearer") || tokenType.isEmpty()) {
      return "Bearer";
    }
    if (tokenType.equalsIgnoreCase("mac")) {
      return "MAC";
    }
    if (tokenType.equalsIgnoreCase("basic")) {
      return "Basic";
    }
    return tokenType;
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> out = new TreeMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            java.net.URLDecoder.decode(k, StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // Go's url.ParseQuery skips a pair it cannot decode.
      }
    }
    return out;
  }

  /** Go's {@code url.Values.Encode}: keys sorted, values query-escaped. */
  static String encode(Map<String, String> sorted) {
    List<String> parts = new ArrayList<>(sorted.size());
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      parts.add(queryEscape(e.getKey()) + "=" + queryEscape(e.getValue()));
    }
    return String.join("&", parts);
  }

  /** Go's {@code url.QueryEscape}: unreserved bytes kept, space as '+', the rest %XX. */
  static String queryEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append((char) c);
      } else if (c == ' ') {
        b.append('+');
      } else {
        b.append('%')
            .append("0123456789ABCDEF".charAt(c >> 4))
            .append("0123456789ABCDEF".charAt(c & 15));
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    transport.close();
  }
}
