package io.hearth.scrape.config;

import io.hearth.labels.Labels;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.StaticConfig;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.relabel.RelabelConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code alerting} and {@code rule_files} with Prometheus's schema, defaults and checks
 * ({@code config.AlertingConfig}, {@code AlertmanagerConfig}, the rule file pattern), then refuses
 * what would need rule evaluation or alert sending, which Hearth does not have yet: a rule file to
 * load, or an Alertmanager that discovery could find. Empty sections load.
 */
final class AlertingConfigBinding {
  /** What Prometheus's {@code patRulePath} allows: a glob only in the last path element. */
  private static final java.util.regex.Pattern RULE_PATH = java.util.regex.Pattern.compile("[^*]*(\\*[^/]*)?");

  private AlertingConfigBinding() {}

  static AlertingConfig bind(ConfigNode node, DiscoveryRegistry registry, NameValidation validation) {
    if (node == null || node.isNull()) {
      return AlertingConfig.EMPTY;
    }
    ConfigMapping m = node.asMapping("config.AlertingConfig");
    List<RelabelConfig> relabel = RelabelConfigBinding.bindAll(m.list("alert_relabel_configs"), validation,
        "empty or null alert relabeling rule");
    List<AlertingConfig.Alertmanager> ams = new ArrayList<>();
    for (ConfigNode n : m.list("alertmanagers")) {
      ams.add(alertmanager(n, registry, validation));
    }
    m.finish();
    for (int i = 0; i < ams.size(); i++) {
      if (findsTargets(ams.get(i).discovery())) {
        throw m.error("alertmanagers", "sending alerts to an Alertmanager is not supported by Hearth yet "
            + "(it evaluates no alerting rules); remove the alertmanagers' targets and service discovery");
      }
    }
    return new AlertingConfig(relabel, ams);
  }

  private static AlertingConfig.Alertmanager alertmanager(ConfigNode n, DiscoveryRegistry registry,
      NameValidation validation) {
    if (n.isNull()) {
      // Go decodes a null list entry into a zero config, which then fails its checks; Hearth says why.
      throw n.error("empty or null Alertmanager configuration");
    }
    ConfigMapping m = n.asMapping("config.AlertmanagerConfig");
    String scheme = m.string("scheme", "http");
    String pathPrefix = m.string("path_prefix", "");
    Duration timeout = m.duration("timeout", Duration.ofSeconds(10));
    ConfigNode versionNode = m.get("api_version");
    String apiVersion = versionNode == null || versionNode.isNull() ? "v2" : versionNode.asString();
    if (!apiVersion.equals("v2")) {
      throw m.error("api_version",
          "expected Alertmanager api version to be one of [v2] but got " + apiVersion);
    }
    if (m.has("sigv4") && !m.get("sigv4").isNull()) {
      throw m.error("sigv4", "sigv4 is not supported by Hearth yet");
    }
    List<DiscoveryConfig> discovery = registry.parseAll(m);
    HttpClientConfig http = HttpClientConfigBinding.bindInline(m);
    List<RelabelConfig> relabel = RelabelConfigBinding.bindAll(m.list("relabel_configs"), validation,
        "empty or null Alertmanager target relabeling rule");
    List<RelabelConfig> alertRelabel = RelabelConfigBinding.bindAll(m.list("alert_relabel_configs"), validation,
        "empty or null Alertmanager alert relabeling rule");
    m.finish();
    if (relabel.isEmpty()) {
      for (DiscoveryConfig c : discovery) {
        if (c instanceof StaticConfig sc) {
          for (TargetGroup g : sc.groups()) {
            for (Labels t : g.targets()) {
              if (t.get("__address__").contains("/")) {
                throw m.error("static_configs", GoQuote.quote(t.get("__address__")) + " is not a valid hostname");
              }
            }
          }
        }
      }
    }
    return new AlertingConfig.Alertmanager(discovery, http, scheme, pathPrefix, timeout, apiVersion, relabel,
        alertRelabel);
  }

  /** Whether discovery could find anything: a static target, or any other kind of discovery. */
  private static boolean findsTargets(List<DiscoveryConfig> discovery) {
    for (DiscoveryConfig c : discovery) {
      if (!(c instanceof StaticConfig sc)) {
        return true;
      }
      for (TargetGroup g : sc.groups()) {
        if (!g.targets().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code rule_files}: each pattern checked as Prometheus checks it, then refused if there is
   * any, since Hearth evaluates no rules yet.
   */
  static List<String> ruleFiles(ConfigMapping root, ConfigSource source) {
    ConfigNode node = root.get("rule_files");
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (ConfigNode p : node.asList()) {
      String pattern = p.asString();
      if (!RULE_PATH.matcher(pattern).matches()) {
        throw p.error("invalid rule file path " + GoQuote.quote(pattern));
      }
      out.add(source.resolve(pattern));
    }
    if (!out.isEmpty()) {
      throw root.error("rule_files", "evaluating recording and alerting rules is not supported by Hearth yet");
    }
    return out;
  }
}
