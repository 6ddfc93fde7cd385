package io.hearth.scrape.config;

/**
 * {@code tls_config}. File fields are paths (already resolved against the config file's
 * directory); the inline {@code ca}, {@code cert} and {@code key} fields hold PEM text. Empty
 * strings mean unset. {@code minVersion}/{@code maxVersion} are "TLS10" … "TLS13" or empty.
 */
public record TlsConfig(
    String ca,
    String caFile,
    String cert,
    String certFile,
    String key,
    String keyFile,
    String serverName,
    boolean insecureSkipVerify,
    String minVersion,
    String maxVersion) {
  public static final TlsConfig DEFAULT =
      new TlsConfig("", "", "", "", "", "", "", false, "", "");
}
