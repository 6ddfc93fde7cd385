package io.hearth.scrape.config;

import java.util.List;
import java.util.Map;

/**
 * The HTTP client settings Prometheus inlines into scrape configs (and remote write, alerting,
 * …). At most one of {@code basicAuth}, {@code authorization} and {@code oauth2} is non-null.
 *
 * @param httpHeaders {@code http_headers}: header name to its values (inline secrets and files
 *     already read are not distinguished here: files are re-read per request, see {@link Header})
 */
public record HttpClientConfig(
    BasicAuth basicAuth,
    Authorization authorization,
    OAuth2Config oauth2,
    TlsConfig tlsConfig,
    String proxyUrl,
    String noProxy,
    boolean proxyFromEnvironment,
    Map<String, List<String>> proxyConnectHeader,
    boolean followRedirects,
    boolean enableHttp2,
    Map<String, Header> httpHeaders) {

  /** One {@code http_headers} entry: plain values, secret values and files read per request. */
  public record Header(List<String> values, List<String> secrets, List<String> files) {}

  public static final HttpClientConfig DEFAULT =
      new HttpClientConfig(
          null, null, null, TlsConfig.DEFAULT, "", "", false, Map.of(), true, true, Map.of());
}
