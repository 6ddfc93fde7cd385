package io.hearth.server;

import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.config.DiscoveryRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The configuration Hearth runs without {@code --config.file}: it scrapes its own {@code /metrics}
 * every 15 s as job {@code hearth}, so a first start shows data within a minute.
 */
final class DefaultConfig {
  static final String NAME = "<embedded default config>";

  private DefaultConfig() {}

  /** The embedded configuration, scraping the address the server actually listens on. */
  static String yaml(InetSocketAddress listening) {
    String host =
        listening.getAddress() == null || listening.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : listening.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return """
        global:
          scrape_interval: 15s
          scrape_timeout: 10s
        scrape_configs:
          - job_name: hearth
            static_configs:
              - targets: ['%s:%d']
        """
        .formatted(host, listening.getPort());
  }

  static Supplier<ConfigFile> source(InetSocketAddress listening, ConfigFile.Defaults defaults) {
    String yaml = yaml(listening);
    return () ->
        ConfigFile.parse(
            yaml, Path.of("").toAbsolutePath(), NAME, DiscoveryRegistry.defaults(), System::getenv,
            defaults);
  }
}
