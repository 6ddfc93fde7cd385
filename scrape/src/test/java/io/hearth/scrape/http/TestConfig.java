package io.hearth.scrape.http;

import io.hearth.scrape.config.Authorization;
import io.hearth.scrape.config.BasicAuth;
import io.hearth.scrape.config.HttpClientConfig;
import io.hearth.scrape.config.OAuth2Config;
import io.hearth.scrape.config.TlsConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mutable stand-in for the YAML binding: builds {@link HttpClientConfig}s in tests. */
final class TestConfig {
  BasicAuth basicAuth;
  Authorization authorization;
  OAuth2Config oauth2;
  TlsConfig tls = TlsConfig.DEFAULT;
  String proxyUrl = "";
  String noProxy = "";
  boolean proxyFromEnvironment;
  Map<String, List<String>> proxyConnectHeader = Map.of();
  boolean followRedirects = true;
  boolean enableHttp2 = true;
  Map<String, HttpClientConfig.Header> headers = new LinkedHashMap<>();

  HttpClientConfig build() {
    return new HttpClientConfig(
        basicAuth,
        authorization,
        oauth2,
        tls,
        proxyUrl,
        noProxy,
        proxyFromEnvironment,
        proxyConnectHeader,
        followRedirects,
        enableHttp2,
        headers);
  }

  static TlsConfig tls(
      String caFile,
      String certFile,
      String keyFile,
      String serverName,
      boolean insecure,
      String min,
      String max) {
    return new TlsConfig("", caFile, "", certFile, "", keyFile, serverName, insecure, min, max);
  }
}
