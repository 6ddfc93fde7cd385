package io.hearth.scrape.config;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.NameEscaping;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.parse.ScrapeProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The YAML of the {@code global} section and Prometheus's checks and defaults for it. */
final class GlobalConfigBinding {
  private GlobalConfigBinding() {}

  /**
   * @param node the section, or null when the file has none
   * @param env environment lookup for external label values; null or "" expands to ""
   */
  static GlobalConfig bind(
      ConfigNode node, Function<String, String> env, ConfigFile.Defaults defaults) {
    if (node == null || node.isNull()) {
      return GlobalConfig.DEFAULT.withExtraScrapeMetrics(defaults.extraScrapeMetrics());
    }
    ConfigMapping m = node.asMapping("config.GlobalConfig");
    GlobalConfig d = GlobalConfig.DEFAULT;
    Duration interval = m.duration("scrape_interval", Duration.ZERO);
    Duration timeout = m.duration("scrape_timeout", Duration.ZERO);
    ConfigNode protocolsNode = m.get("scrape_protocols");
    Duration evaluationInterval = m.duration("evaluation_interval", Duration.ZERO);
    Duration ruleQueryOffset = m.duration("rule_query_offset", Duration.ZERO);
    String queryLogFile = m.string("query_log_file", "");
    if (!queryLogFile.isEmpty()) {
      throw m.error("query_log_file", "a query log is not supported by Hearth yet");
    }
    String failureLogFile = m.string("scrape_failure_log_file", "");
    ConfigNode externalNode = m.get("external_labels");
    long bodySizeLimit = m.bytes("body_size_limit", 0);
    long sampleLimit = m.uint("sample_limit", 0);
    long targetLimit = m.uint("target_limit", 0);
    long labelLimit = m.uint("label_limit", 0);
    long labelNameLengthLimit = m.uint("label_name_length_limit", 0);
    long labelValueLengthLimit = m.uint("label_value_length_limit", 0);
    long keepDroppedTargets = m.uint("keep_dropped_targets", 0);
    NameValidation validation = Schemes.validation(m.get("metric_name_validation_scheme"));
    ConfigNode escapingNode = m.get("metric_name_escaping_scheme");
    Schemes.rejectNativeHistograms(m);
    boolean alwaysClassic = m.bool("always_scrape_classic_histograms", false);
    boolean extraMetrics = m.bool("extra_scrape_metrics", defaults.extraScrapeMetrics());
    m.finish();

    NameValidation scheme = validation == null ? NameValidation.UTF8 : validation;
    Labels external = externalLabels(externalNode, scheme, env);

    if (interval.isZero()) {
      interval = d.scrapeInterval();
    }
    if (timeout.compareTo(interval) > 0) {
      throw m.error("scrape_timeout", "global scrape timeout greater than scrape interval");
    }
    if (timeout.isZero()) {
      timeout = min(d.scrapeTimeout(), interval);
    }
    if (evaluationInterval.isZero()) {
      evaluationInterval = d.evaluationInterval();
    }
    List<ScrapeProtocol> protocols = List.of();
    if (protocolsNode != null && !protocolsNode.isNull()) {
      protocols = Schemes.protocols(protocolsNode, " for global config");
    }
    NameEscaping escaping = Schemes.globalEscaping(escapingNode, scheme);
    ConfigSource src = node.source();
    return new GlobalConfig(interval, timeout, protocols, evaluationInterval, ruleQueryOffset,
        src.resolve(queryLogFile), src.resolve(failureLogFile), external, bodySizeLimit,
        sampleLimit, targetLimit, labelLimit, labelNameLengthLimit, labelValueLengthLimit,
        keepDroppedTargets, scheme, escaping, alwaysClassic, extraMetrics);
  }

  private static Labels externalLabels(
      ConfigNode node, NameValidation scheme, Function<String, String> env) {
    if (node == null || node.isNull()) {
      return Labels.EMPTY;
    }
    LabelsBuilder b = new LabelsBuilder();
    for (Map.Entry<String, ConfigNode.Entry> e : node.entries().entrySet()) {
      String name = e.getKey();
      ConfigNode valueNode = e.getValue().value();
      String value = valueNode.asString();
      if (!LabelNames.isValid(name, scheme)) {
        throw e.getValue().key().withPath(valueNode.path())
            .error(GoQuote.quote(name) + " is not a valid label name");
      }
      if (!LabelNames.isValidUtf8(value)) {
        throw valueNode.error(GoQuote.quote(value) + " is not a valid label value");
      }
      // An unset variable expands to "", which drops the label (Prometheus keeps it empty,
      // and an empty label is no label).
      b.set(name, EnvExpansion.expand(value, env));
    }
    return b.build();
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
