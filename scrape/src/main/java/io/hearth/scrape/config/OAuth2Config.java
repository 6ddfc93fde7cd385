package io.hearth.scrape.config;

import java.util.List;
import java.util.Map;

/** {@code oauth2}: the client-credentials grant, with its own TLS and proxy settings. */
public record OAuth2Config(
    String clientId,
    String clientSecret,
    String clientSecretFile,
    List<String> scopes,
    String tokenUrl,
    Map<String, String> endpointParams,
    TlsConfig tlsConfig,
    String proxyUrl) {}
