package io.hearth.scrape.loop;

import io.hearth.scrape.config.HttpClientConfig;
import io.hearth.labels.NameEscaping;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.parse.ScrapeProtocol;
import io.hearth.scrape.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A scrape config with Prometheus's defaults, changed one field at a time by tests. */
final class TestConfig {
  String job = "test";
  boolean honorLabels;
  boolean honorTimestamps = true;
  boolean trackTimestampsStaleness;
  Map<String, List<String>> params = Map.of();
  Duration interval = Duration.ofSeconds(15);
  Duration timeout = Duration.ofSeconds(10);
  List<ScrapeProtocol> protocols =
      List.of(
          ScrapeProtocol.OPENMETRICS_TEXT_1_0_0,
          ScrapeProtocol.OPENMETRICS_TEXT_0_0_1,
          ScrapeProtocol.PROMETHEUS_TEXT_1_0_0,
          ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);
  ScrapeProtocol fallback;
  String failureLog = "";
  String metricsPath = "/metrics";
  String scheme = "http";
  boolean compression = true;
  long bodySizeLimit;
  long sampleLimit;
  long targetLimit;
  long labelLimit;
  long labelNameLengthLimit;
  long labelValueLengthLimit;
  long keepDroppedTargets;
  NameValidation validation = NameValidation.UTF8;
  NameEscaping escaping = NameEscaping.ALLOW_UTF8;
  boolean extraMetrics;
  HttpClientConfig http = HttpClientConfig.DEFAULT;
  List<DiscoveryConfig> discovery = List.of();
  List<RelabelConfig> relabel = List.of();
  List<RelabelConfig> metricRelabel = List.of();

  ScrapeConfig build() {
    return new ScrapeConfig(
        job,
        honorLabels,
        honorTimestamps,
        trackTimestampsStaleness,
        params,
        interval,
        timeout,
        protocols,
        fallback,
        false,
        failureLog,
        metricsPath,
        scheme,
        compression,
        bodySizeLimit,
        sampleLimit,
        targetLimit,
        labelLimit,
        labelNameLengthLimit,
        labelValueLengthLimit,
        keepDroppedTargets,
        validation,
        escaping,
        extraMetrics,
        http,
        discovery,
        relabel,
        metricRelabel);
  }
}
