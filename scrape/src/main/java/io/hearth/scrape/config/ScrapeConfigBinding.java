package io.hearth.scrape.config;

import io.hearth.labels.Labels;
import io.hearth.labels.NameEscaping;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.StaticConfig;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.parse.ScrapeProtocol;
import io.hearth.scrape.relabel.RelabelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML of one {@code scrape_configs} entry, in Prometheus's two steps: {@link #parse} reads
 * the fields and checks what needs no globals; {@link #validate} applies the globals and checks
 * the rest, which is how Prometheus reports a later job's syntax error before an earlier job's
 * semantic one.
 */
final class ScrapeConfigBinding {
  static final List<ScrapeProtocol> DEFAULT_PROTOCOLS =
      List.of(
          ScrapeProtocol.OPENMETRICS_TEXT_1_0_0,
          ScrapeProtocol.OPENMETRICS_TEXT_0_0_1,
          ScrapeProtocol.PROMETHEUS_TEXT_1_0_0,
          ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);

  private ScrapeConfigBinding() {}

  /** A job as written: zero, empty or null where the globals fill in later. */
  static final class Job {
    ConfigNode node;
    String jobName;
    boolean honorLabels;
    boolean honorTimestamps;
    boolean trackTimestampsStaleness;
    Map<String, List<String>> params;
    Duration interval;
    Duration timeout;
    ConfigNode protocolsNode;
    ConfigNode fallbackNode;
    Boolean alwaysScrapeClassicHistograms;
    String scrapeFailureLogFile;
    String metricsPath;
    String scheme;
    boolean enableCompression;
    long bodySizeLimit;
    long sampleLimit;
    long targetLimit;
    long labelLimit;
    long labelNameLengthLimit;
    long labelValueLengthLimit;
    long keepDroppedTargets;
    NameValidation validation;
    ConfigNode escapingNode;
    Boolean extraScrapeMetrics;
    HttpClientConfig http;
    List<DiscoveryConfig> discovery;
    List<RelabelConfigBinding.Parsed> relabel;
    List<RelabelConfigBinding.Parsed> metricRelabel;
  }

  static Job parse(ConfigNode node, DiscoveryRegistry registry) {
    if (node.isNull()) {
      throw node.error("empty or null scrape config section");
    }
    ConfigMapping m = node.asMapping("config.ScrapeConfig");
    Job j = new Job();
    j.node = node;
    j.jobName = m.string("job_name", "");
    j.honorLabels = m.bool("honor_labels", false);
    j.honorTimestamps = m.bool("honor_timestamps", true);
    j.trackTimestampsStaleness = m.bool("track_timestamps_staleness", false);
    j.params = params(m.get("params"));
    j.interval = m.duration("scrape_interval", Duration.ZERO);
    j.timeout = m.duration("scrape_timeout", Duration.ZERO);
    j.protocolsNode = m.get("scrape_protocols");
    j.fallbackNode = m.get("fallback_scrape_protocol");
    Schemes.rejectNativeHistograms(m);
    ConfigNode always = m.get("always_scrape_classic_histograms");
    j.alwaysScrapeClassicHistograms = always == null || always.isNull() ? null : always.asBool();
    j.scrapeFailureLogFile = node.source().resolve(m.string("scrape_failure_log_file", ""));
    j.metricsPath = m.string("metrics_path", "/metrics");
    j.scheme = m.string("scheme", "http");
    j.enableCompression = m.bool("enable_compression", true);
    j.bodySizeLimit = m.bytes("body_size_limit", 0);
    j.sampleLimit = m.uint("sample_limit", 0);
    j.targetLimit = m.uint("target_limit", 0);
    j.labelLimit = m.uint("label_limit", 0);
    j.labelNameLengthLimit = m.uint("label_name_length_limit", 0);
    j.labelValueLengthLimit = m.uint("label_value_length_limit", 0);
    // Only used when native histograms are scraped, which Hearth refuses above; read for type.
    m.uint("native_histogram_bucket_limit", 0);
    m.floating("native_histogram_min_bucket_factor", 0);
    j.keepDroppedTargets = m.uint("keep_dropped_targets", 0);
    j.validation = Schemes.validation(m.get("metric_name_validation_scheme"));
    j.escapingNode = m.get("metric_name_escaping_scheme");
    ConfigNode extra = m.get("extra_scrape_metrics");
    j.extraScrapeMetrics = extra == null || extra.isNull() ? null : extra.asBool();
    j.discovery = registry.parseAll(m);
    j.http = HttpClientConfigBinding.bindInline(m);
    j.relabel = RelabelConfigBinding.parseAll(m.list("relabel_configs"),
        "empty or null target relabeling rule in scrape config");
    j.metricRelabel = RelabelConfigBinding.parseAll(m.list("metric_relabel_configs"),
        "empty or null metric relabeling rule in scrape config");
    m.finish();

    if (j.jobName.isEmpty()) {
      throw m.error("job_name", "job_name is empty");
    }
    if (j.relabel.isEmpty()) {
      checkStaticTargets(j.discovery, m);
    }
    return j;
  }

  /** Without relabelling nothing can fix a URL written as a target, so it fails early. */
  private static void checkStaticTargets(List<DiscoveryConfig> discovery, ConfigMapping m) {
    for (DiscoveryConfig c : discovery) {
      if (c instanceof StaticConfig sc) {
        for (TargetGroup g : sc.groups()) {
          for (Labels t : g.targets()) {
            String address = t.get("__address__");
            if (address.contains("/")) {
              throw m.error("static_configs",
                  GoQuote.quote(address) + " is not a valid hostname");
            }
          }
        }
      }
    }
  }

  private static Map<String, List<String>> params(ConfigNode node) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (node != null) {
      node.asNodeMap().forEach((k, v) -> out.put(k, List.copyOf(v.asStringList())));
    }
    return out;
  }

  /** Applies the globals and Prometheus's per-job checks. */
  static ScrapeConfig validate(Job j, GlobalConfig global) {
    String forJob = " for scrape config with job name " + GoQuote.quote(j.jobName);
    Duration interval = j.interval.isZero() ? global.scrapeInterval() : j.interval;
    if (j.timeout.compareTo(interval) > 0) {
      throw j.node.error("scrape timeout greater than scrape interval" + forJob);
    }
    Duration timeout = j.timeout.isZero()
        ? GlobalConfigBinding.min(global.scrapeTimeout(), interval) : j.timeout;

    List<ScrapeProtocol> protocols;
    if (j.protocolsNode == null || j.protocolsNode.isNull()) {
      protocols = global.scrapeProtocols().isEmpty() ? DEFAULT_PROTOCOLS : global.scrapeProtocols();
    } else {
      protocols = Schemes.protocols(j.protocolsNode, forJob);
    }
    ScrapeProtocol fallback = null;
    String fallbackName = j.fallbackNode == null ? "" : j.fallbackNode.asString();
    if (!fallbackName.isEmpty()) {
      fallback = Schemes.protocol(fallbackName);
      if (fallback == null) {
        throw j.fallbackNode.error("invalid fallback_scrape_protocol" + forJob + ": "
            + Schemes.unknownProtocol(fallbackName));
      }
    }
    NameValidation validation = j.validation == null ? global.nameValidation() : j.validation;
    NameEscaping escaping =
        Schemes.jobEscaping(j.escapingNode, j.validation, global, validation, j.node);

    List<RelabelConfig> relabel = new ArrayList<>();
    for (RelabelConfigBinding.Parsed p : j.relabel) {
      relabel.add(RelabelConfigBinding.validate(p, validation));
    }
    List<RelabelConfig> metricRelabel = new ArrayList<>();
    for (RelabelConfigBinding.Parsed p : j.metricRelabel) {
      metricRelabel.add(RelabelConfigBinding.validate(p, validation));
    }
    return new ScrapeConfig(
        j.jobName,
        j.honorLabels,
        j.honorTimestamps,
        j.trackTimestampsStaleness,
        j.params,
        interval,
        timeout,
        protocols,
        fallback,
        j.alwaysScrapeClassicHistograms == null
            ? global.alwaysScrapeClassicHistograms() : j.alwaysScrapeClassicHistograms,
        j.scrapeFailureLogFile.isEmpty() ? global.scrapeFailureLogFile() : j.scrapeFailureLogFile,
        j.metricsPath,
        j.scheme,
        j.enableCompression,
        j.bodySizeLimit == 0 ? global.bodySizeLimit() : j.bodySizeLimit,
        j.sampleLimit == 0 ? global.sampleLimit() : j.sampleLimit,
        j.targetLimit == 0 ? global.targetLimit() : j.targetLimit,
        j.labelLimit == 0 ? global.labelLimit() : j.labelLimit,
        j.labelNameLengthLimit == 0 ? global.labelNameLengthLimit() : j.labelNameLengthLimit,
        j.labelValueLengthLimit == 0 ? global.labelValueLengthLimit() : j.labelValueLengthLimit,
        j.keepDroppedTargets == 0 ? global.keepDroppedTargets() : j.keepDroppedTargets,
        validation,
        escaping,
        j.extraScrapeMetrics == null ? global.extraScrapeMetrics() : j.extraScrapeMetrics,
        j.http,
        j.discovery,
        relabel,
        metricRelabel);
  }
}
