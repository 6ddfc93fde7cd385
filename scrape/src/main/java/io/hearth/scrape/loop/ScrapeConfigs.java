package io.hearth.scrape.loop;

import io.hearth.scrape.config.ScrapeConfig;
import java.time.Duration;

/** Copies of a {@link ScrapeConfig} with one thing changed. */
final class ScrapeConfigs {
  private ScrapeConfigs() {}

  /** The config a target runs under when relabeling changed its interval or timeout. */
  static ScrapeConfig withTiming(ScrapeConfig c, Duration interval, Duration timeout) {
    return new ScrapeConfig(
        c.jobName(),
        c.honorLabels(),
        c.honorTimestamps(),
        c.trackTimestampsStaleness(),
        c.params(),
        interval,
        timeout,
        c.scrapeProtocols(),
        c.fallbackProtocol(),
        c.alwaysScrapeClassicHistograms(),
        c.scrapeFailureLogFile(),
        c.metricsPath(),
        c.scheme(),
        c.enableCompression(),
        c.bodySizeLimit(),
        c.sampleLimit(),
        c.targetLimit(),
        c.labelLimit(),
        c.labelNameLengthLimit(),
        c.labelValueLengthLimit(),
        c.keepDroppedTargets(),
        c.nameValidation(),
        c.nameEscaping(),
        c.extraScrapeMetrics(),
        c.httpClientConfig(),
        c.discoveryConfigs(),
        c.relabelConfigs(),
        c.metricRelabelConfigs());
  }
}
