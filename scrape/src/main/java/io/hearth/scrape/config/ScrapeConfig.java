package io.hearth.scrape.config;

import io.hearth.labels.NameValidation;
import io.hearth.labels.NameEscaping;

import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.parse.ScrapeProtocol;
import io.hearth.scrape.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs} entry with the global defaults already applied. Limits use 0 for
 * "no limit", as Prometheus does. Equal records mean an unchanged job, which is how a reload
 * decides which scrape pools to keep.
 *
 * @param fallbackProtocol null when unset: a target with a missing or unknown Content-Type then
 *     fails the scrape
 * @param params {@code params}: URL query parameters, each name to its values
 */
public record ScrapeConfig(
    String jobName,
    boolean honorLabels,
    boolean honorTimestamps,
    boolean trackTimestampsStaleness,
    Map<String, List<String>> params,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    List<ScrapeProtocol> scrapeProtocols,
    ScrapeProtocol fallbackProtocol,
    boolean alwaysScrapeClassicHistograms,
    String scrapeFailureLogFile,
    String metricsPath,
    String scheme,
    boolean enableCompression,
    long bodySizeLimit,
    long sampleLimit,
    long targetLimit,
    long labelLimit,
    long labelNameLengthLimit,
    long labelValueLengthLimit,
    long keepDroppedTargets,
    NameValidation nameValidation,
    NameEscaping nameEscaping,
    boolean extraScrapeMetrics,
    HttpClientConfig httpClientConfig,
    List<DiscoveryConfig> discoveryConfigs,
    List<RelabelConfig> relabelConfigs,
    List<RelabelConfig> metricRelabelConfigs) {
  public ScrapeConfig {
    params = Map.copyOf(params);
    scrapeProtocols = List.copyOf(scrapeProtocols);
    discoveryConfigs = List.copyOf(discoveryConfigs);
    relabelConfigs = List.copyOf(relabelConfigs);
    metricRelabelConfigs = List.copyOf(metricRelabelConfigs);
  }
}
