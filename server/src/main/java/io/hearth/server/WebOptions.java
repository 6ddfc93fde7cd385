package io.hearth.server;

import java.net.URI;
import java.nio.file.Path;

/**
 * The {@code --web.*} settings that shape the HTTP listener and which endpoints it offers, under
 * Prometheus's flag names.
 *
 * @param externalUrl {@code --web.external-url}; null derives it as Prometheus does (the host's
 *     name and the listen port)
 * @param routePrefix {@code --web.route-prefix}: "" or a path starting with '/' and not ending in one;
 *     every endpoint is served under it
 * @param corsOrigin {@code --web.cors.origin}, a regex anchored at both ends
 * @param enableLifecycle {@code --web.enable-lifecycle}: {@code /-/reload} and {@code /-/quit}
 * @param enableAdminApi {@code --web.enable-admin-api}
 * @param webConfigFile {@code --web.config.file} (TLS, basic auth), or null for plain open HTTP
 * @param enableRemoteWriteReceiver {@code --web.enable-remote-write-receiver}
 */
public record WebOptions(
    URI externalUrl,
    String routePrefix,
    String corsOrigin,
    boolean enableLifecycle,
    boolean enableAdminApi,
    Path webConfigFile,
    boolean enableRemoteWriteReceiver) {
  /** Prometheus's defaults. */
  public static WebOptions defaults() {
    return new WebOptions(null, "", ".*", false, false, null, false);
  }
}
