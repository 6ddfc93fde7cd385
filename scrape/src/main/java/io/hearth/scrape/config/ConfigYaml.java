package io.hearth.scrape.config;

import io.hearth.labels.Labels;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.StaticConfig;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.discovery.file.FileSdConfig;
import io.hearth.scrape.parse.ScrapeProtocol;
import io.hearth.scrape.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The loaded configuration as Prometheus 3.x's {@code /api/v1/status/config} shows it ({@code
 * Config.String()}: the Go structs marshalled to YAML): every default filled in, fields in the Go
 * structs' order, empty optional ones left out, each secret written {@code <secret>}, sequences
 * indented as go-yaml indents them. What Hearth refuses to load never appears; sections Hearth
 * does not implement ({@code runtime}, {@code otlp}, {@code storage}) are not shown. Scalars are
 * written plain when YAML reads them back as the same string, else quoted; go-yaml may choose the
 * other quote style in corner cases.
 */
public final class ConfigYaml {
  private static final String SECRET = "<secret>";
  /** Plain scalars that YAML 1.1 would read as something other than a string. */
  private static final Pattern SPECIAL = Pattern.compile(
      "(?i)(y|n|yes|no|true|false|on|off|null|~|[-+]?(\\d[\\d_]*)?\\.?\\d+([eE][-+]?\\d+)?|[-+]?\\.(inf|nan)|0x[0-9a-f]+|0o?[0-7]+)");

  private final StringBuilder out = new StringBuilder(1024);

  private ConfigYaml() {}

  public static String render(ConfigFile c) {
    ConfigYaml y = new ConfigYaml();
    y.global(c.global());
    y.alerting(c.alerting());
    if (!c.ruleFiles().isEmpty()) {
      y.key(0, "rule_files");
      y.seqOfScalars(0, c.ruleFiles());
    }
    if (!c.scrapeConfigs().isEmpty()) {
      y.key(0, "scrape_configs");
      for (ScrapeConfig s : c.scrapeConfigs()) {
        y.scrapeConfig(s);
      }
    }
    return y.out.toString();
  }

  private void global(GlobalConfig g) {
    key(0, "global");
    field(1, "scrape_interval", duration(g.scrapeInterval()));
    field(1, "scrape_timeout", duration(g.scrapeTimeout()));
    if (!g.scrapeProtocols().isEmpty()) {
      key(1, "scrape_protocols");
      seqOfScalars(1, g.scrapeProtocols().stream().map(ScrapeProtocol::configName).toList());
    }
    field(1, "evaluation_interval", duration(g.evaluationInterval()));
    if (!g.ruleQueryOffset().isZero()) {
      field(1, "rule_query_offset", duration(g.ruleQueryOffset()));
    }
    optional(1, "scrape_failure_log_file", g.scrapeFailureLogFile());
    if (!g.externalLabels().isEmpty()) {
      key(1, "external_labels");
      labels(2, g.externalLabels());
    }
    limits(1, g.bodySizeLimit(), g.sampleLimit(), g.targetLimit(), g.labelLimit(), g.labelNameLengthLimit(),
        g.labelValueLengthLimit(), g.keepDroppedTargets());
    field(1, "metric_name_validation_scheme", validation(g.nameValidation()));
    field(1, "metric_name_escaping_scheme", g.nameEscaping().headerValue());
    flag(1, "scrape_native_histograms", false);
    if (g.alwaysScrapeClassicHistograms()) {
      flag(1, "always_scrape_classic_histograms", true);
    }
    flag(1, "extra_scrape_metrics", g.extraScrapeMetrics());
  }

  private void alerting(AlertingConfig a) {
    if (a.alertRelabelConfigs().isEmpty() && a.alertmanagers().isEmpty()) {
      return;
    }
    key(0, "alerting");
    relabelConfigs(1, "alert_relabel_configs", a.alertRelabelConfigs());
    if (!a.alertmanagers().isEmpty()) {
      key(1, "alertmanagers");
      for (AlertingConfig.Alertmanager am : a.alertmanagers()) {
        int at = item(1);
        httpClient(at, am.http());
        field(at, "scheme", am.scheme());
        optional(at, "path_prefix", am.pathPrefix());
        field(at, "timeout", duration(am.timeout()));
        field(at, "api_version", am.apiVersion());
        relabelConfigs(at, "relabel_configs", am.relabelConfigs());
        relabelConfigs(at, "alert_relabel_configs", am.alertRelabelConfigs());
        discovery(at, am.discovery());
      }
    }
  }

  private void scrapeConfig(ScrapeConfig s) {
    int at = item(0);
    field(at, "job_name", s.jobName());
    if (s.honorLabels()) {
      flag(at, "honor_labels", true);
    }
    flag(at, "honor_timestamps", s.honorTimestamps());
    flag(at, "track_timestamps_staleness", s.trackTimestampsStaleness());
    if (!s.params().isEmpty()) {
      key(at, "params");
      for (Map.Entry<String, List<String>> p : new TreeMap<>(s.params()).entrySet()) {
        key(at + 1, p.getKey());
        seqOfScalars(at + 1, p.getValue());
      }
    }
    field(at, "scrape_interval", duration(s.scrapeInterval()));
    field(at, "scrape_timeout", duration(s.scrapeTimeout()));
    key(at, "scrape_protocols");
    seqOfScalars(at, s.scrapeProtocols().stream().map(ScrapeProtocol::configName).toList());
    if (s.fallbackProtocol() != null) {
      field(at, "fallback_scrape_protocol", s.fallbackProtocol().configName());
    }
    flag(at, "scrape_native_histograms", false);
    flag(at, "always_scrape_classic_histograms", s.alwaysScrapeClassicHistograms());
    flag(at, "convert_classic_histograms_to_nhcb", false);
    optional(at, "scrape_failure_log_file", s.scrapeFailureLogFile());
    field(at, "metrics_path", s.metricsPath());
    field(at, "scheme", s.scheme());
    flag(at, "enable_compression", s.enableCompression());
    limits(at, s.bodySizeLimit(), s.sampleLimit(), s.targetLimit(), s.labelLimit(), s.labelNameLengthLimit(),
        s.labelValueLengthLimit(), s.keepDroppedTargets());
    field(at, "metric_name_validation_scheme", validation(s.nameValidation()));
    field(at, "metric_name_escaping_scheme", s.nameEscaping().headerValue());
    flag(at, "extra_scrape_metrics", s.extraScrapeMetrics());
    httpClient(at, s.httpClientConfig());
    relabelConfigs(at, "relabel_configs", s.relabelConfigs());
    relabelConfigs(at, "metric_relabel_configs", s.metricRelabelConfigs());
    discovery(at, s.discoveryConfigs());
  }

  private void limits(int level, long bodySize, long samples, long targets, long labels, long nameLength,
      long valueLength, long keepDropped) {
    if (bodySize > 0) {
      field(level, "body_size_limit", bytes(bodySize));
    }
    positive(level, "sample_limit", samples);
    positive(level, "target_limit", targets);
    positive(level, "label_limit", labels);
    positive(level, "label_name_length_limit", nameLength);
    positive(level, "label_value_length_limit", valueLength);
    positive(level, "keep_dropped_targets", keepDropped);
  }

  private void httpClient(int level, HttpClientConfig h) {
    if (h.basicAuth() != null) {
      BasicAuth b = h.basicAuth();
      key(level, "basic_auth");
      optional(level + 1, "username", b.username());
      optional(level + 1, "username_file", b.usernameFile());
      optional(level + 1, "password", secret(b.password()));
      optional(level + 1, "password_file", b.passwordFile());
    }
    if (h.authorization() != null) {
      Authorization a = h.authorization();
      key(level, "authorization");
      optional(level + 1, "type", a.type());
      optional(level + 1, "credentials", secret(a.credentials()));
      optional(level + 1, "credentials_file", a.credentialsFile());
    }
    if (h.oauth2() != null) {
      OAuth2Config o = h.oauth2();
      key(level, "oauth2");
      optional(level + 1, "client_id", o.clientId());
      optional(level + 1, "client_secret", secret(o.clientSecret()));
      optional(level + 1, "client_secret_file", o.clientSecretFile());
      if (!o.scopes().isEmpty()) {
        key(level + 1, "scopes");
        seqOfScalars(level + 1, o.scopes());
      }
      optional(level + 1, "token_url", o.tokenUrl());
      if (!o.endpointParams().isEmpty()) {
        key(level + 1, "endpoint_params");
        for (Map.Entry<String, String> e : new TreeMap<>(o.endpointParams()).entrySet()) {
          field(level + 2, e.getKey(), e.getValue());
        }
      }
      tls(level + 1, o.tlsConfig());
      optional(level + 1, "proxy_url", o.proxyUrl());
    }
    tls(level, h.tlsConfig());
    flag(level, "follow_redirects", h.followRedirects());
    flag(level, "enable_http2", h.enableHttp2());
    optional(level, "proxy_url", h.proxyUrl());
    optional(level, "no_proxy", h.noProxy());
    if (h.proxyFromEnvironment()) {
      flag(level, "proxy_from_environment", true);
    }
    if (!h.httpHeaders().isEmpty()) {
      key(level, "http_headers");
      for (Map.Entry<String, HttpClientConfig.Header> e : new TreeMap<>(h.httpHeaders()).entrySet()) {
        key(level + 1, e.getKey());
        HttpClientConfig.Header v = e.getValue();
        if (!v.values().isEmpty()) {
          key(level + 2, "values");
          seqOfScalars(level + 2, v.values());
        }
        if (!v.secrets().isEmpty()) {
          key(level + 2, "secrets");
          seqOfScalars(level + 2, v.secrets().stream().map(x -> SECRET).toList());
        }
        if (!v.files().isEmpty()) {
          key(level + 2, "files");
          seqOfScalars(level + 2, v.files());
        }
      }
    }
  }

  private void tls(int level, TlsConfig t) {
    if (t == null || isZero(t)) {
      return;
    }
    key(level, "tls_config");
    optional(level + 1, "ca", t.ca());
    optional(level + 1, "cert", t.cert());
    optional(level + 1, "key", secret(t.key()));
    optional(level + 1, "ca_file", t.caFile());
    optional(level + 1, "cert_file", t.certFile());
    optional(level + 1, "key_file", t.keyFile());
    optional(level + 1, "server_name", t.serverName());
    flag(level + 1, "insecure_skip_verify", t.insecureSkipVerify());
    optional(level + 1, "min_version", t.minVersion());
    optional(level + 1, "max_version", t.maxVersion());
  }

  private static boolean isZero(TlsConfig t) {
    return empty(t.ca()) && empty(t.caFile()) && empty(t.cert()) && empty(t.certFile()) && empty(t.key())
        && empty(t.keyFile()) && empty(t.serverName()) && !t.insecureSkipVerify() && empty(t.minVersion())
        && empty(t.maxVersion());
  }

  private void relabelConfigs(int level, String name, List<RelabelConfig> rules) {
    if (rules.isEmpty()) {
      return;
    }
    key(level, name);
    for (RelabelConfig r : rules) {
      int at = item(level);
      if (!r.sourceLabels().isEmpty()) {
        // go-yaml's flow style, as the struct tag asks.
        StringBuilder flow = new StringBuilder("[");
        for (int i = 0; i < r.sourceLabels().size(); i++) {
          flow.append(i > 0 ? ", " : "").append(scalar(r.sourceLabels().get(i)));
        }
        line(at, "source_labels: " + flow.append(']'));
      }
      field(at, "separator", r.separator());
      field(at, "regex", r.regex().source());
      positive(at, "modulus", r.modulus());
      optional(at, "target_label", r.targetLabel());
      field(at, "replacement", r.replacement());
      field(at, "action", r.action().name().toLowerCase(Locale.ROOT));
    }
  }

  private void discovery(int level, List<DiscoveryConfig> configs) {
    List<StaticConfig> statics = configs.stream().filter(c -> c instanceof StaticConfig)
        .map(c -> (StaticConfig) c).toList();
    List<FileSdConfig> files = configs.stream().filter(c -> c instanceof FileSdConfig)
        .map(c -> (FileSdConfig) c).toList();
    if (!files.isEmpty()) {
      key(level, "file_sd_configs");
      for (FileSdConfig f : files) {
        int at = item(level);
        key(at, "files");
        seqOfScalars(at, f.files());
        field(at, "refresh_interval", duration(f.refreshInterval()));
      }
    }
    if (!statics.isEmpty()) {
      key(level, "static_configs");
      for (StaticConfig s : statics) {
        for (TargetGroup g : s.groups()) {
          int at = item(level);
          if (g.targets().isEmpty()) {
            line(at, "targets: []");
          } else {
            key(at, "targets");
            seqOfScalars(at, g.targets().stream().map(t -> t.get("__address__")).toList());
          }
          if (!g.labels().isEmpty()) {
            key(at, "labels");
            labels(at + 1, g.labels());
          }
        }
      }
    }
  }

  private void labels(int level, Labels l) {
    for (int i = 0; i < l.size(); i++) {
      field(level, l.name(i), l.value(i));
    }
  }

  // The emitter: go-yaml writes two spaces per level and a sequence's "- " at its key's indent.

  /** Starts a sequence item under a key at {@code level}; returns the level of the item's fields. */
  private int item(int level) {
    pendingDash = level;
    return level + 1;
  }

  private int pendingDash = -1;

  private void line(int level, String text) {
    if (pendingDash >= 0) {
      out.append("  ".repeat(pendingDash)).append("- ").append(text).append('\n');
      pendingDash = -1;
      return;
    }
    out.append("  ".repeat(level)).append(text).append('\n');
  }

  private void key(int level, String name) {
    line(level, scalar(name) + ":");
  }

  private void field(int level, String name, String value) {
    line(level, scalar(name) + ": " + scalar(value));
  }

  private void flag(int level, String name, boolean value) {
    line(level, name + ": " + value);
  }

  private void optional(int level, String name, String value) {
    if (!empty(value)) {
      field(level, name, value);
    }
  }

  private void positive(int level, String name, long value) {
    if (value > 0) {
      line(level, name + ": " + value);
    }
  }

  private void seqOfScalars(int level, List<String> values) {
    for (String v : values) {
      line(level, "- " + scalar(v));
    }
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  private static String secret(String s) {
    return empty(s) ? s : SECRET;
  }

  private static String duration(Duration d) {
    return Durations.format(d);
  }

  private static String validation(NameValidation v) {
    return v == NameValidation.LEGACY ? "legacy" : "utf8";
  }

  /** A byte size as {@code units.Base2Bytes} prints it: the largest unit that divides it. */
  private static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (u < units.length - 1 && n % 1024 == 0 && n >= 1024) {
      n /= 1024;
      u++;
    }
    return n + units[u];
  }

  /** A scalar as YAML text: plain when it reads back as the same string, else quoted. */
  static String scalar(String s) {
    if (s.isEmpty()) {
      return "\"\"";
    }
    boolean plain = !SPECIAL.matcher(s).matches()
        && "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) < 0
        && !Character.isWhitespace(s.charAt(0)) && !Character.isWhitespace(s.charAt(s.length() - 1))
        && !s.contains(": ") && !s.contains(" #") && !s.endsWith(":");
    boolean printable = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        printable = false;
        plain = false;
      }
    }
    if (plain) {
      return s;
    }
    if (printable) {
      return "'" + s.replace("'", "''") + "'";
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
