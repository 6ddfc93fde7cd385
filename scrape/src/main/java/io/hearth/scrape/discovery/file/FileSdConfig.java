package io.hearth.scrape.discovery.file;

import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.Discoverer;
import java.time.Duration;
import java.util.List;

/**
 * {@code file_sd_configs}: file patterns (a glob only in the last path element, as Prometheus
 * allows; already resolved against the config file's directory) and the re-read interval.
 */
public record FileSdConfig(List<String> files, Duration refreshInterval) implements DiscoveryConfig {
  public FileSdConfig {
    files = List.copyOf(files);
  }

  @Override
  public String key() {
    return "file_sd_configs";
  }

  @Override
  public Discoverer newDiscoverer() {
    return new FileDiscoverer(this);
  }
}
