package io.hearth.scrape.discovery.file;

import io.hearth.scrape.discovery.Discoverer;
import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.parse.GoQuote;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code file_sd_configs}: file patterns (a glob only in the last path element, as Prometheus
 * allows; already resolved against the config file's directory) and the re-read interval. The
 * constructor refuses what Prometheus's config loading refuses, with its words.
 *
 * @param refreshInterval null means {@link #DEFAULT_REFRESH_INTERVAL}
 */
public record FileSdConfig(List<String> files, Duration refreshInterval) implements DiscoveryConfig {
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

  /** Upstream's {@code patFileSDName}: a '*' only in the last element, and a JSON or YAML suffix. */
  private static final Pattern VALID_NAME = Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

  public FileSdConfig {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("file service discovery config must contain at least one path name");
    }
    for (String name : files) {
      if (!VALID_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "path name " + GoQuote.quote(name) + " is not valid for file discovery");
      }
    }
    if (refreshInterval == null) {
      refreshInterval = DEFAULT_REFRESH_INTERVAL;
    }
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("file_sd_configs refresh_interval must be positive, got " + refreshInterval);
    }
  }

  public FileSdConfig(List<String> files) {
    this(files, DEFAULT_REFRESH_INTERVAL);
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
