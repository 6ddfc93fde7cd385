package io.hearth.server.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One reading of a {@code --web.config.file}: the exporter toolkit's {@code web.Config}, with its
 * defaults filled in and relative file names already resolved against the file's directory.
 * Immutable.
 *
 * @param tls {@code tls_server_config}
 * @param http {@code http_server_config}
 * @param rateLimit {@code rate_limit}
 * @param users {@code basic_auth_users}: user name to bcrypt hash, in file order; empty means no
 *     authentication
 */
public record WebConfig(
    TlsServerConfig tls, HttpServerConfig http, RateLimit rateLimit, Map<String, String> users) {

  /** The configuration of a server started without {@code --web.config.file}. */
  public static final WebConfig NONE =
      new WebConfig(TlsServerConfig.DEFAULT, HttpServerConfig.DEFAULT, RateLimit.NONE, Map.of());

  /**
   * {@code tls_server_config}. Empty strings mean unset. The version, cipher and curve fields hold
   * the toolkit's names, checked when the file is read ("TLS12", Go's cipher suite names,
   * "CurveP256").
   *
   * @param clientAllowedSans null when absent (no check); an empty list lets no certificate in, as
   *     the toolkit's explicit empty list does
   */
  public record TlsServerConfig(
      String cert,
      String key,
      String clientCa,
      String certFile,
      String keyFile,
      String clientAuthType,
      String clientCaFile,
      List<String> cipherSuites,
      List<String> curvePreferences,
      String minVersion,
      String maxVersion,
      boolean preferServerCipherSuites,
      List<String> clientAllowedSans) {
    public static final TlsServerConfig DEFAULT =
        new TlsServerConfig("", "", "", "", "", "", "", List.of(), List.of(), "TLS12", "TLS13", true,
            null);

    /**
     * Whether any TLS field is set: then the listener speaks TLS (and the rest must be complete),
     * otherwise plain HTTP. The toolkit's {@code IsEnabled}.
     */
    public boolean isEnabled() {
      return !certFile.isEmpty() || !cert.isEmpty() || !keyFile.isEmpty() || !key.isEmpty()
          || !clientCaFile.isEmpty() || !clientCa.isEmpty() || !clientAuthType.isEmpty();
    }
  }

  /**
   * {@code http_server_config}.
   *
   * @param http2 offer HTTP/2 over TLS (ALPN {@code h2}); fixed at start as in the toolkit
   * @param headers extra response headers, only the toolkit's allowed names and values
   */
  public record HttpServerConfig(boolean http2, Map<String, String> headers) {
    public static final HttpServerConfig DEFAULT = new HttpServerConfig(true, Map.of());
  }

  /**
   * {@code rate_limit}: a token bucket refilled one request per {@code interval}, holding at most
   * {@code burst}. A zero interval turns it off; it is read once, at start, as the toolkit does.
   */
  public record RateLimit(Duration interval, long burst) {
    public static final RateLimit NONE = new RateLimit(Duration.ZERO, 0);
  }
}
