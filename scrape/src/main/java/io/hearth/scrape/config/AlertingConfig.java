package io.hearth.scrape.config;

import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;

/**
 * {@code alerting}: where alerts would go and how they would be relabeled, read and checked as
 * Prometheus reads it. Hearth evaluates no rules yet, so a configuration that names an
 * Alertmanager to send to is refused; one that only carries the empty skeleton of Prometheus's
 * sample {@code prometheus.yml} loads.
 */
public record AlertingConfig(List<RelabelConfig> alertRelabelConfigs, List<Alertmanager> alertmanagers) {
  public static final AlertingConfig EMPTY = new AlertingConfig(List.of(), List.of());

  public AlertingConfig {
    alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
    alertmanagers = List.copyOf(alertmanagers);
  }

  /**
   * One {@code alertmanagers} entry, with Prometheus's defaults ({@code http}, 10s, {@code v2}).
   *
   * @param discovery the service discovery configs that find the Alertmanagers
   */
  public record Alertmanager(
      List<DiscoveryConfig> discovery,
      HttpClientConfig http,
      String scheme,
      String pathPrefix,
      Duration timeout,
      String apiVersion,
      List<RelabelConfig> relabelConfigs,
      List<RelabelConfig> alertRelabelConfigs) {
    public Alertmanager {
      discovery = List.copyOf(discovery);
      relabelConfigs = List.copyOf(relabelConfigs);
      alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
    }
  }
}
