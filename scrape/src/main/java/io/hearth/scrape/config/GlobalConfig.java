package io.hearth.scrape.config;

import io.hearth.labels.NameValidation;
import io.hearth.labels.NameEscaping;

import io.hearth.labels.Labels;
import io.hearth.scrape.parse.ScrapeProtocol;
import java.time.Duration;
import java.util.List;

/**
 * The {@code global} section with Prometheus's defaults applied: the values every scrape config
 * inherits unless it sets its own, and the process-wide settings the server reads.
 *
 * @param scrapeProtocols empty when unset: each job then picks Prometheus's default list
 * @param nameEscaping the effective scheme: when unset, {@code underscores} under legacy
 *     validation and {@code allow-utf-8} otherwise
 * @param externalLabels with {@code ${VAR}} and {@code $VAR} already expanded from the environment
 * @param queryLogFile resolved against the config file's directory; empty when unset
 * @param scrapeFailureLogFile resolved against the config file's directory; empty when unset
 */
public record GlobalConfig(
    Duration scrapeInterval,
    Duration scrapeTimeout,
    List<ScrapeProtocol> scrapeProtocols,
    Duration evaluationInterval,
    Duration ruleQueryOffset,
    String queryLogFile,
    String scrapeFailureLogFile,
    Labels externalLabels,
    long bodySizeLimit,
    long sampleLimit,
    long targetLimit,
    long labelLimit,
    long labelNameLengthLimit,
    long labelValueLengthLimit,
    long keepDroppedTargets,
    NameValidation nameValidation,
    NameEscaping nameEscaping,
    boolean alwaysScrapeClassicHistograms,
    boolean extraScrapeMetrics) {
  public GlobalConfig {
    scrapeProtocols = List.copyOf(scrapeProtocols);
  }

  public static final GlobalConfig DEFAULT =
      new GlobalConfig(
          Duration.ofMinutes(1),
          Duration.ofSeconds(10),
          List.of(),
          Duration.ofMinutes(1),
          Duration.ZERO,
          "",
          "",
          Labels.EMPTY,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          NameValidation.UTF8,
          NameEscaping.ALLOW_UTF8,
          false,
          false);

  /** This configuration with {@code extra_scrape_metrics} set to {@code on}. */
  public GlobalConfig withExtraScrapeMetrics(boolean on) {
    return new GlobalConfig(
        scrapeInterval,
        scrapeTimeout,
        scrapeProtocols,
        evaluationInterval,
        ruleQueryOffset,
        queryLogFile,
        scrapeFailureLogFile,
        externalLabels,
        bodySizeLimit,
        sampleLimit,
        targetLimit,
        labelLimit,
        labelNameLengthLimit,
        labelValueLengthLimit,
        keepDroppedTargets,
        nameValidation,
        nameEscaping,
        alwaysScrapeClassicHistograms,
        on);
  }
}
