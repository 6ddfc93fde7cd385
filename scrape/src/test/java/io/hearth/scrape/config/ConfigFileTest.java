package io.hearth.scrape.config;

import io.hearth.labels.NameValidation;
import io.hearth.labels.NameEscaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.scrape.discovery.StaticConfig;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.discovery.file.FileSdConfig;
import io.hearth.scrape.parse.ScrapeProtocol;
import io.hearth.scrape.relabel.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  static final Path DIR = Path.of("/etc/prometheus");
  static final Map<String, String> ENV = Map.of("REGION", "eu-west", "DC", "ams1");

  static ConfigFile parse(String yaml) {
    return ConfigFile.parse(yaml, DIR, "prometheus.yml", DiscoveryRegistry.defaults(), ENV::get);
  }

  static ScrapeConfig job(String jobYaml) {
    return parse("scrape_configs:\n" + jobYaml.indent(2)).scrapeConfigs().get(0);
  }

  /** The whole message, "file:line:col: path: reason". */
  static void fails(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).as(yaml).isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  /** Only the reason, for checks where the position is not the point. */
  static void failsWith(String yaml, String reason) {
    assertThatThrownBy(() -> parse(yaml)).as(yaml).isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).reason()).isEqualTo(reason);
  }

  @Test
  void emptyFileIsAllDefaults() {
    for (String empty : List.of("", "\n", "# nothing\n", "global:\n", "global: {}\n")) {
      ConfigFile c = parse(empty);
      assertThat(c.global()).as(empty).isEqualTo(GlobalConfig.DEFAULT);
      assertThat(c.scrapeConfigs()).isEmpty();
    }
  }

  @Test
  void globalDefaults() {
    GlobalConfig g = GlobalConfig.DEFAULT;
    assertThat(g.scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(g.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(g.evaluationInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(g.nameValidation()).isEqualTo(NameValidation.UTF8);
    assertThat(g.nameEscaping()).isEqualTo(NameEscaping.ALLOW_UTF8);
    assertThat(g.externalLabels()).isEqualTo(Labels.EMPTY);
  }

  @Test
  void jobDefaults() {
    ScrapeConfig c = job("- job_name: node\n");
    assertThat(c.jobName()).isEqualTo("node");
    assertThat(c.scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.metricsPath()).isEqualTo("/metrics");
    assertThat(c.scheme()).isEqualTo("http");
    assertThat(c.honorLabels()).isFalse();
    assertThat(c.honorTimestamps()).isTrue();
    assertThat(c.trackTimestampsStaleness()).isFalse();
    assertThat(c.enableCompression()).isTrue();
    assertThat(c.scrapeProtocols()).containsExactly(ScrapeProtocol.OPENMETRICS_TEXT_1_0_0,
        ScrapeProtocol.OPENMETRICS_TEXT_0_0_1, ScrapeProtocol.PROMETHEUS_TEXT_1_0_0,
        ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);
    assertThat(c.fallbackProtocol()).isNull();
    assertThat(c.nameValidation()).isEqualTo(NameValidation.UTF8);
    assertThat(c.nameEscaping()).isEqualTo(NameEscaping.ALLOW_UTF8);
    assertThat(c.bodySizeLimit()).isZero();
    assertThat(c.sampleLimit()).isZero();
    assertThat(c.targetLimit()).isZero();
    assertThat(c.labelLimit()).isZero();
    assertThat(c.labelNameLengthLimit()).isZero();
    assertThat(c.labelValueLengthLimit()).isZero();
    assertThat(c.keepDroppedTargets()).isZero();
    assertThat(c.alwaysScrapeClassicHistograms()).isFalse();
    assertThat(c.extraScrapeMetrics()).isFalse();
    assertThat(c.scrapeFailureLogFile()).isEmpty();
    assertThat(c.params()).isEmpty();
    assertThat(c.httpClientConfig()).isEqualTo(HttpClientConfig.DEFAULT);
    assertThat(c.discoveryConfigs()).isEmpty();
    assertThat(c.relabelConfigs()).isEmpty();
    assertThat(c.metricRelabelConfigs()).isEmpty();
  }

  @Test
  void jobsInheritGlobals() {
    ConfigFile f = parse("""
        global:
          scrape_interval: 15s
          scrape_timeout: 5s
          scrape_protocols: [PrometheusText0.0.4]
          body_size_limit: 10MB
          sample_limit: 1000
          target_limit: 10
          label_limit: 30
          label_name_length_limit: 200
          label_value_length_limit: 300
          keep_dropped_targets: 5
          metric_name_validation_scheme: legacy
          always_scrape_classic_histograms: true
          extra_scrape_metrics: true
          scrape_failure_log_file: logs/failures.log
        scrape_configs:
          - job_name: inherits
          - job_name: overrides
            scrape_interval: 30s
            scrape_timeout: 20s
            scrape_protocols: [OpenMetricsText1.0.0]
            body_size_limit: 1KB
            sample_limit: 1
            target_limit: 2
            label_limit: 3
            label_name_length_limit: 4
            label_value_length_limit: 5
            keep_dropped_targets: 6
            metric_name_validation_scheme: utf8
            always_scrape_classic_histograms: false
            extra_scrape_metrics: false
            scrape_failure_log_file: /var/log/own.log
        """);
    ScrapeConfig a = f.scrapeConfigs().get(0);
    assertThat(a.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(a.scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.scrapeProtocols()).containsExactly(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);
    assertThat(a.bodySizeLimit()).isEqualTo(10L << 20);
    assertThat(List.of(a.sampleLimit(), a.targetLimit(), a.labelLimit(), a.labelNameLengthLimit(),
        a.labelValueLengthLimit(), a.keepDroppedTargets())).containsExactly(1000L, 10L, 30L, 200L,
        300L, 5L);
    assertThat(a.nameValidation()).isEqualTo(NameValidation.LEGACY);
    assertThat(a.nameEscaping()).isEqualTo(NameEscaping.UNDERSCORES);
    assertThat(a.alwaysScrapeClassicHistograms()).isTrue();
    assertThat(a.extraScrapeMetrics()).isTrue();
    assertThat(a.scrapeFailureLogFile()).isEqualTo("/etc/prometheus/logs/failures.log");

    ScrapeConfig b = f.scrapeConfigs().get(1);
    assertThat(b.scrapeInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.scrapeTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(b.scrapeProtocols()).containsExactly(ScrapeProtocol.OPENMETRICS_TEXT_1_0_0);
    assertThat(b.bodySizeLimit()).isEqualTo(1024);
    assertThat(List.of(b.sampleLimit(), b.targetLimit(), b.labelLimit(), b.labelNameLengthLimit(),
        b.labelValueLengthLimit(), b.keepDroppedTargets())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(b.nameValidation()).isEqualTo(NameValidation.UTF8);
    assertThat(b.nameEscaping()).isEqualTo(NameEscaping.ALLOW_UTF8);
    assertThat(b.alwaysScrapeClassicHistograms()).isFalse();
    assertThat(b.extraScrapeMetrics()).isFalse();
    assertThat(b.scrapeFailureLogFile()).isEqualTo("/var/log/own.log");
  }

  @Test
  void theExtraScrapeMetricsFeatureFlagChangesOnlyTheDefault() {
    ConfigFile.Defaults on = new ConfigFile.Defaults(true);
    String yaml = "scrape_configs:\n  - job_name: a\n  - job_name: b\n    extra_scrape_metrics: false\n";
    ConfigFile f =
        ConfigFile.parse(yaml, DIR, "prometheus.yml", DiscoveryRegistry.defaults(), ENV::get, on);
    assertThat(f.global().extraScrapeMetrics()).isTrue();
    assertThat(f.scrapeConfigs().get(0).extraScrapeMetrics()).isTrue();
    assertThat(f.scrapeConfigs().get(1).extraScrapeMetrics()).isFalse();
    String withGlobal = "global:\n  extra_scrape_metrics: false\nscrape_configs:\n  - job_name: a\n";
    assertThat(
            ConfigFile.parse(withGlobal, DIR, "p.yml", DiscoveryRegistry.defaults(), ENV::get, on)
                .scrapeConfigs()
                .get(0)
                .extraScrapeMetrics())
        .isFalse();
  }

  @Test
  void timeoutDefaultsToTheSmallerOfGlobalTimeoutAndInterval() {
    assertThat(job("- job_name: a\n  scrape_interval: 5s\n").scrapeTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(job("- job_name: a\n  scrape_interval: 2m\n").scrapeTimeout())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(parse("global: {scrape_interval: 3s}").global().scrapeTimeout())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(parse("global: {scrape_interval: 0s}").global().scrapeInterval())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void explicitNullIsTheZeroValueAsInGo() {
    ScrapeConfig c = job("""
        - job_name: a
          honor_timestamps: ~
          enable_compression: null
          follow_redirects:
          metrics_path:
          scrape_interval: ~
        """);
    assertThat(c.honorTimestamps()).isFalse();
    assertThat(c.enableCompression()).isFalse();
    assertThat(c.httpClientConfig().followRedirects()).isFalse();
    assertThat(c.metricsPath()).isEmpty();
    assertThat(c.scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void externalLabelsExpandEnvironmentVariables() {
    GlobalConfig g = parse("""
        global:
          external_labels:
            region: ${REGION}
            dc: $DC-x
            literal: cost$$
            gone: ${UNSET}
            plain: prod
        """).global();
    assertThat(g.externalLabels())
        .isEqualTo(Labels.of("region", "eu-west", "dc", "ams1-x", "literal", "cost$", "plain", "prod"));
  }

  @Test
  void aRealisticConfigLoads() {
    ConfigFile f = parse("""
        global:
          scrape_interval: 15s
          evaluation_interval: 30s
          external_labels: {monitor: codelab, region: "${REGION}"}
        scrape_configs:
          - job_name: prometheus
            honor_labels: true
            static_configs:
              - targets: ['localhost:9090', 'localhost:9191']
                labels: {my: label, your: label}
            relabel_configs:
              - source_labels: [job, __meta_dns_name]
                regex: (.*)some-[regex]
                target_label: job
                replacement: foo-${1}
              - source_labels: [abc]
                target_label: cde
              - replacement: static
                target_label: abc
              - regex:
                replacement: static
                target_label: abc
            metric_relabel_configs:
              - source_labels: [__name__]
                regex: expensive_metric.*
                action: drop
          - job_name: kubelet
            scheme: https
            scrape_interval: 30s
            bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
            tls_config:
              ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
              insecure_skip_verify: false
            file_sd_configs:
              - files: [foo/*.slow.json, foo/*.slow.yml, single/file.yml]
                refresh_interval: 10m
            relabel_configs:
              - action: labelmap
                regex: __meta_kubernetes_node_label_(.+)
              - source_labels: [__address__]
                modulus: 8
                target_label: __tmp_hash
                action: hashmod
              - source_labels: [__tmp_hash]
                regex: '1'
                action: keep
              - action: labeldrop
                regex: d
              - action: labelkeep
                regex: k
          - job_name: blackbox
            metrics_path: /probe
            params: {module: [http_2xx]}
            sample_limit: 1000
            body_size_limit: 10MB
            scrape_protocols: [PrometheusProto, OpenMetricsText1.0.0]
            fallback_scrape_protocol: PrometheusText0.0.4
            basic_auth: {username: admin, password_file: valid_password_file}
            static_configs: [{targets: ['https://example.com']}]
            relabel_configs:
              - {source_labels: [__address__], target_label: __param_target}
              - {source_labels: [__param_target], target_label: instance}
              - {target_label: __address__, replacement: 'blackbox:9115'}
              - {source_labels: [instance], target_label: instance_lc, action: lowercase}
              - {source_labels: [a], target_label: b, action: dropequal}
          - job_name: service-oauth
            oauth2:
              client_id: 123
              client_secret: 456
              token_url: http://example.com
            http_headers:
              X-Tenant: {values: [team-a]}
            enable_compression: false
            track_timestamps_staleness: true
          - job_name: pushgateway
            honor_labels: true
            honor_timestamps: false
            static_configs: [{targets: ['localhost:9091']}]
        """);
    GlobalConfig g = f.global();
    assertThat(g.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(g.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(g.evaluationInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(g.externalLabels()).isEqualTo(Labels.of("monitor", "codelab", "region", "eu-west"));
    assertThat(f.scrapeConfigs()).extracting(ScrapeConfig::jobName)
        .containsExactly("prometheus", "kubelet", "blackbox", "service-oauth", "pushgateway");

    ScrapeConfig prom = f.scrapeConfigs().get(0);
    assertThat(prom.relabelConfigs()).hasSize(4);
    assertThat(prom.relabelConfigs().get(0).replacement()).isEqualTo("foo-${1}");
    assertThat(prom.relabelConfigs().get(3).regex().source()).isEmpty();
    assertThat(prom.metricRelabelConfigs().get(0).action()).isEqualTo(Action.DROP);

    ScrapeConfig kubelet = f.scrapeConfigs().get(1);
    assertThat(kubelet.scheme()).isEqualTo("https");
    assertThat(kubelet.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(kubelet.httpClientConfig().authorization()).isEqualTo(new Authorization("Bearer", "",
        "/var/run/secrets/kubernetes.io/serviceaccount/token"));
    assertThat(kubelet.httpClientConfig().tlsConfig().caFile())
        .isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
    assertThat(kubelet.discoveryConfigs()).containsExactly(new FileSdConfig(List.of(
        "/etc/prometheus/foo/*.slow.json", "/etc/prometheus/foo/*.slow.yml",
        "/etc/prometheus/single/file.yml"), Duration.ofMinutes(10)));
    assertThat(kubelet.relabelConfigs()).extracting(r -> r.action()).containsExactly(
        Action.LABELMAP, Action.HASHMOD, Action.KEEP, Action.LABELDROP, Action.LABELKEEP);

    ScrapeConfig blackbox = f.scrapeConfigs().get(2);
    assertThat(blackbox.metricsPath()).isEqualTo("/probe");
    assertThat(blackbox.params()).isEqualTo(Map.of("module", List.of("http_2xx")));
    assertThat(blackbox.bodySizeLimit()).isEqualTo(10L << 20);
    assertThat(blackbox.scrapeProtocols()).containsExactly(ScrapeProtocol.PROMETHEUS_PROTO,
        ScrapeProtocol.OPENMETRICS_TEXT_1_0_0);
    assertThat(blackbox.fallbackProtocol()).isEqualTo(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);
    assertThat(blackbox.httpClientConfig().basicAuth())
        .isEqualTo(new BasicAuth("admin", "", "", "/etc/prometheus/valid_password_file"));

    ScrapeConfig oauth = f.scrapeConfigs().get(3);
    assertThat(oauth.httpClientConfig().oauth2().clientId()).isEqualTo("123");
    assertThat(oauth.httpClientConfig().httpHeaders()).containsKey("X-Tenant");
    assertThat(oauth.enableCompression()).isFalse();
    assertThat(oauth.trackTimestampsStaleness()).isTrue();

    ScrapeConfig push = f.scrapeConfigs().get(4);
    assertThat(push.honorLabels()).isTrue();
    assertThat(push.honorTimestamps()).isFalse();
  }

  @Test
  void staticAndFileDiscovery() {
    ScrapeConfig c = job("""
        - job_name: a
          file_sd_configs:
            - files: [targets/*.json, /abs/b.yml]
            - files: [c.yaml]
              refresh_interval: 1m
          static_configs:
            - targets: [localhost:9090, 'other:9100']
              labels: {env: prod}
            - targets: [third:1]
        """);
    assertThat(c.discoveryConfigs()).containsExactly(
        new FileSdConfig(List.of("/etc/prometheus/targets/*.json", "/abs/b.yml"),
            Duration.ofMinutes(5)),
        new FileSdConfig(List.of("/etc/prometheus/c.yaml"), Duration.ofMinutes(1)),
        new StaticConfig(List.of(
            new TargetGroup("0", List.of(Labels.of("__address__", "localhost:9090"),
                Labels.of("__address__", "other:9100")), Labels.of("env", "prod")),
            new TargetGroup("1", List.of(Labels.of("__address__", "third:1")), Labels.EMPTY))));
  }

  @Test
  void paramsAreListsOfValues() {
    assertThat(job("- job_name: a\n  params: {module: [http_2xx, x], target: [y]}\n").params())
        .isEqualTo(Map.of("module", List.of("http_2xx", "x"), "target", List.of("y")));
  }

  @Test
  void nameEscapingFollowsValidation() {
    record Case(String global, String job, NameValidation validation, NameEscaping escaping) {}
    List<Case> cases = List.of(
        new Case("", "", NameValidation.UTF8, NameEscaping.ALLOW_UTF8),
        new Case("metric_name_validation_scheme: legacy", "", NameValidation.LEGACY,
            NameEscaping.UNDERSCORES),
        new Case("", "metric_name_validation_scheme: legacy", NameValidation.LEGACY,
            NameEscaping.UNDERSCORES),
        new Case("metric_name_escaping_scheme: dots", "", NameValidation.UTF8, NameEscaping.DOTS),
        new Case("metric_name_escaping_scheme: dots", "metric_name_validation_scheme: legacy",
            NameValidation.LEGACY, NameEscaping.UNDERSCORES),
        new Case("metric_name_validation_scheme: legacy", "metric_name_validation_scheme: utf8",
            NameValidation.UTF8, NameEscaping.ALLOW_UTF8),
        new Case("", "metric_name_escaping_scheme: values", NameValidation.UTF8,
            NameEscaping.VALUES));
    for (Case k : cases) {
      ScrapeConfig c = parse("global: {" + k.global() + "}\nscrape_configs:\n  - job_name: a\n    "
          + k.job() + "\n").scrapeConfigs().get(0);
      assertThat(c.nameValidation()).as(k.toString()).isEqualTo(k.validation());
      assertThat(c.nameEscaping()).as(k.toString()).isEqualTo(k.escaping());
    }
  }

  @Test
  void validationErrorsUsePrometheusWords() {
    failsWith("scrape_configs:\n  - scrape_interval: 1m\n", "job_name is empty");
    failsWith("scrape_configs:\n  - job_name: ''\n", "job_name is empty");
    failsWith("scrape_configs:\n  - ~\n", "empty or null scrape config section");
    failsWith("scrape_configs:\n  - job_name: a\n  - job_name: a\n",
        "found multiple scrape configs with job name \"a\"");
    failsWith("scrape_configs:\n  - job_name: a\n    scrape_interval: 5s\n    scrape_timeout: 6s\n",
        "scrape timeout greater than scrape interval for scrape config with job name \"a\"");
    failsWith("global:\n  scrape_interval: 5s\n  scrape_timeout: 6s\n",
        "global scrape timeout greater than scrape interval");
    failsWith("scrape_configs:\n  - job_name: a\n    scrape_protocols: []\n",
        "scrape_protocols cannot be empty for scrape config with job name \"a\"");
    failsWith("global:\n  scrape_protocols: []\n",
        "scrape_protocols cannot be empty for global config");
    failsWith("scrape_configs:\n  - job_name: a\n    scrape_protocols: [PrometheusProto, prometheusproto]\n",
        "duplicated protocol in scrape_protocols, got [PrometheusProto prometheusproto] for scrape"
            + " config with job name \"a\"");
    failsWith("scrape_configs:\n  - job_name: a\n    scrape_protocols: [Foo]\n",
        "scrape_protocols: unknown scrape protocol Foo, supported: [OpenMetricsText0.0.1"
            + " OpenMetricsText1.0.0 PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0] for"
            + " scrape config with job name \"a\"");
    failsWith("scrape_configs:\n  - job_name: a\n    fallback_scrape_protocol: text\n",
        "invalid fallback_scrape_protocol for scrape config with job name \"a\": unknown scrape"
            + " protocol text, supported: [OpenMetricsText0.0.1 OpenMetricsText1.0.0"
            + " PrometheusProto PrometheusText0.0.4 PrometheusText1.0.0]");
    failsWith("global:\n  metric_name_validation_scheme: ascii\n",
        "unrecognized ValidationScheme: \"ascii\"");
    failsWith("scrape_configs:\n  - job_name: a\n    metric_name_escaping_scheme: dashes\n",
        "unknown scrape config name escaping method specified, must be one of 'allow-utf-8',"
            + " 'underscores', 'dots', or 'values', got \"dashes\"");
    failsWith("global:\n  metric_name_escaping_scheme: dashes\n",
        "unknown global name escaping method specified, must be one of 'allow-utf-8',"
            + " 'underscores', 'dots', or 'values', got \"dashes\"");
    failsWith("scrape_configs:\n  - job_name: a\n    metric_name_validation_scheme: legacy\n"
            + "    metric_name_escaping_scheme: allow-utf-8\n",
        "utf8 metric names requested but validation scheme is not set to UTF8");
    failsWith("global:\n  metric_name_validation_scheme: legacy\n"
            + "  metric_name_escaping_scheme: allow-utf-8\nscrape_configs:\n  - job_name: a\n",
        "utf8 metric names requested but validation scheme is not set to UTF8");
    failsWith("scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ['http://x/metrics']}]\n",
        "\"http://x/metrics\" is not a valid hostname");
    failsWith("scrape_configs:\n  - job_name: a\n    static_configs: [~]\n",
        "empty or null section in static_configs");
    failsWith("scrape_configs:\n  - job_name: a\n    file_sd_configs: [~]\n",
        "empty or null section in file_sd_configs");
    failsWith("scrape_configs:\n  - job_name: a\n    file_sd_configs: [{}]\n",
        "file service discovery config must contain at least one path name");
    failsWith("scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [x.txt]}]\n",
        "path name \"x.txt\" is not valid for file discovery");
    failsWith("scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: ['*/x.json']}]\n",
        "path name \"*/x.json\" is not valid for file discovery");
    failsWith("scrape_configs:\n  - job_name: a\n    static_configs: [{labels: {'': x}}]\n",
        "\"\" is not a valid label name");
    failsWith("scrape_configs:\n  - job_name: a\n    relabel_configs: [~]\n",
        "empty or null target relabeling rule in scrape config");
    failsWith("scrape_configs:\n  - job_name: a\n    metric_relabel_configs: [~]\n",
        "empty or null metric relabeling rule in scrape config");
    failsWith("global:\n  external_labels: {'a-b': x}\n  metric_name_validation_scheme: legacy\n",
        "\"a-b\" is not a valid label name");
    failsWith("scrape_config_files: ['a/*/b.yml']\n",
        "invalid scrape config file path \"a/*/b.yml\"");
  }

  @Test
  void urlTargetsPassWhenRelabelingCanFixThem() {
    ScrapeConfig c = job("""
        - job_name: a
          static_configs: [{targets: ['http://x/metrics']}]
          relabel_configs: [{source_labels: [__address__], target_label: __param_target}]
        """);
    assertThat(c.relabelConfigs()).hasSize(1);
  }

  @Test
  void nativeHistogramsAreRefused() {
    failsWith("global: {scrape_native_histograms: true}\n",
        "native histograms are not supported by Hearth");
    failsWith("scrape_configs:\n  - job_name: a\n    scrape_native_histograms: true\n",
        "native histograms are not supported by Hearth");
    failsWith("scrape_configs:\n  - job_name: a\n    convert_classic_histograms_to_nhcb: true\n",
        "converting classic histograms to native histograms is not supported by Hearth");
    ScrapeConfig c = job("""
        - job_name: a
          scrape_native_histograms: false
          convert_classic_histograms_to_nhcb: false
          native_histogram_bucket_limit: 160
          native_histogram_min_bucket_factor: 1.1
        """);
    assertThat(c.jobName()).isEqualTo("a");
  }

  @Test
  void sectionsHearthLacksFailByName() {
    for (String s : List.of("storage", "tracing", "otlp", "runtime")) {
      failsWith(s + ":\n  x: 1\n", s + " is not supported by Hearth yet");
      assertThat(parse(s + ":\n").scrapeConfigs()).isEmpty();
      assertThat(parse(s + ": {}\n").scrapeConfigs()).isEmpty();
    }
    fails("global:\n  query_log_file: q.log\n",
        "prometheus.yml:2:19: global.query_log_file: a query log is not supported by Hearth yet");
    fails("scrape_configs:\n  - job_name: a\n    consul_sd_configs:\n      - server: x\n",
        "prometheus.yml:3:5: scrape_configs[0].consul_sd_configs: consul_sd_configs is not"
            + " supported by Hearth");
    failsWith("scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs: [{role: pod}]\n",
        "kubernetes_sd_configs is not supported by Hearth");
  }

  @Test
  void remoteWriteAndReadAreReadInFullThenRefused() {
    fails("remote_write:\n  - url: http://mimir/api/v1/push\n",
        "prometheus.yml:1:1: remote_write: remote_write is not supported by Hearth yet");
    fails("remote_read:\n  - url: http://thanos/api/v1/read\n",
        "prometheus.yml:1:1: remote_read: remote_read is not supported by Hearth yet");
    assertThat(parse("remote_write: []\nremote_read:\n").scrapeConfigs()).isEmpty();
    // Each mistake is reported as Prometheus reports it, before the refusal.
    failsWith("remote_write:\n  - remote_timeout: 1s\n", "url for remote_write is empty");
    failsWith("remote_read:\n  - name: a\n", "url for remote_read is empty");
    failsWith("remote_write:\n  - url: http://x\n    urll: y\n", "field urll not found in type config.RemoteWriteConfig");
    failsWith("remote_write:\n  - url: http://x\n    headers: {Content-Type: x}\n",
        "Content-Type is a reserved header. It must not be changed");
    failsWith("remote_write:\n  - url: http://x\n    headers: {authorization: x}\n",
        "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or"
            + " google_iam parameter");
    failsWith("remote_write:\n  - url: http://x\n    queue_config: {max_shards: 0}\n",
        "remote write queue max_shards must be positive");
    failsWith("remote_write:\n  - url: http://x\n    queue_config: {min_shards: 60}\n",
        "remote write queue min_shards must not be greater than max_shards");
    failsWith("remote_write:\n  - url: http://x\n    queue_config: {min_backoff: 10s}\n",
        "remote write queue max_backoff must not be less than min_backoff");
    failsWith("remote_write:\n  - url: http://x\n    queue_config: {capacity: -1}\n",
        "remote write queue capacity must be positive");
    failsWith("remote_write:\n  - url: http://x\n    protobuf_message: v3\n",
        "invalid protobuf_message value: unknown remote write protobuf message v3, supported:"
            + " prometheus.WriteRequest, io.prometheus.write.v2.Request");
    failsWith("remote_write:\n  - url: http://x\n    basic_auth: {username: u}\n    sigv4: {region: x}\n",
        "at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured."
            + " Currently configured: [basic_auth sigv4]");
    failsWith("remote_write:\n  - url: http://x\n    azuread: {cloud: AzurePublic}\n",
        "azuread is not supported by Hearth yet");
    failsWith("remote_write:\n  - {url: 'http://x', name: a}\n  - {url: 'http://y', name: a}\n",
        "found multiple remote write configs with job name \"a\"");
    failsWith("remote_write:\n  -\n", "empty or null remote write config section");
    failsWith("remote_write:\n  - url: http://x\n    write_relabel_configs: [{action: nope}]\n",
        "unknown relabel action \"nope\"");
  }

  @Test
  void remoteWriteDefaultsAreTheQueuesAndMetadatasOwn() {
    RemoteConfigs.Write w = RemoteConfigBinding.writes(
        ConfigFile.compose("remote_write:\n  - url: http://x\n    queue_config: {max_shards: 10}\n",
            new ConfigSource("prometheus.yml", DIR)).asMapping("config.Config"), io.hearth.labels.NameValidation.UTF8)
        .get(0);
    assertThat(w.remoteTimeout()).hasSeconds(30);
    assertThat(w.protobufMessage()).isEqualTo("prometheus.WriteRequest");
    assertThat(w.queue()).isEqualTo(new RemoteConfigs.Queue(10_000, 10, 1, 2000, java.time.Duration.ofSeconds(5),
        java.time.Duration.ofMillis(30), java.time.Duration.ofSeconds(5), false, java.time.Duration.ZERO));
    assertThat(w.metadata()).isEqualTo(RemoteConfigs.Metadata.DEFAULT);
    assertThat(w.http().followRedirects()).isTrue();
  }

  /** The skeleton Prometheus ships in its sample prometheus.yml: nothing to send to, no rules. */
  @Test
  void prometheusSampleConfigLoads() {
    ConfigFile f = parse("""
        global:
          scrape_interval: 15s
          evaluation_interval: 15s
        alerting:
          alertmanagers:
            - static_configs:
                - targets:
                  # - alertmanager:9093
        rule_files:
          # - "first_rules.yml"
        scrape_configs:
          - job_name: "prometheus"
            static_configs:
              - targets: ["localhost:9090"]
        """);
    assertThat(f.alerting().alertmanagers()).hasSize(1);
    AlertingConfig.Alertmanager am = f.alerting().alertmanagers().get(0);
    assertThat(am.scheme()).isEqualTo("http");
    assertThat(am.timeout()).hasSeconds(10);
    assertThat(am.apiVersion()).isEqualTo("v2");
    assertThat(f.ruleFiles()).isEmpty();
  }

  @Test
  void alertingIsCheckedAsPrometheusChecksIt() {
    fails("alerting:\n  alertmanagers:\n    - api_version: v1\n",
        "prometheus.yml:3:20: alerting.alertmanagers[0].api_version: expected Alertmanager api version to be one of [v2] but got v1");
    failsWith("alerting:\n  alertmanagers:\n    - timeout: soon\n", "not a valid duration string: \"soon\"");
    fails("alerting:\n  alertmanagers:\n    - schema: http\n",
        "prometheus.yml:3:7: alerting.alertmanagers[0].schema: field schema not found in type config.AlertmanagerConfig");
    failsWith("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['http://am:9093']}]\n",
        "\"http://am:9093\" is not a valid hostname");
    failsWith("alerting:\n  alert_relabel_configs:\n    - action: nope\n", "unknown relabel action \"nope\"");
  }

  @Test
  void anAlertmanagerToSendToOrARuleFileAsksForWhatHearthLacks() {
    failsWith("alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['am:9093']}]\n",
        "sending alerts to an Alertmanager is not supported by Hearth yet (it evaluates no alerting rules);"
            + " remove the alertmanagers' targets and service discovery");
    failsWith("alerting:\n  alertmanagers:\n    - file_sd_configs: [{files: [am.json]}]\n",
        "sending alerts to an Alertmanager is not supported by Hearth yet (it evaluates no alerting rules);"
            + " remove the alertmanagers' targets and service discovery");
    fails("rule_files: [rules.yml]\n",
        "prometheus.yml:1:13: rule_files: evaluating recording and alerting rules is not supported by Hearth yet");
    fails("rule_files: ['rules/*/x.yml']\n", "prometheus.yml:1:14: rule_files[0]: invalid rule file path \"rules/*/x.yml\"");
  }

  @Test
  void unknownFieldsFailAtEveryDepth() {
    fails("foo: 1\n", "prometheus.yml:1:1: foo: field foo not found in type config.Config");
    fails("global:\n  scrape_intervall: 1m\n",
        "prometheus.yml:2:3: global.scrape_intervall: field scrape_intervall not found in type"
            + " config.GlobalConfig");
    fails("scrape_configs:\n  - job_name: a\n    foo_sd_configs: []\n",
        "prometheus.yml:3:5: scrape_configs[0].foo_sd_configs: field foo_sd_configs not found in"
            + " type config.ScrapeConfig");
    fails("scrape_configs:\n  - job_name: a\n    tls_config:\n      ca_fil: x\n",
        "prometheus.yml:4:7: scrape_configs[0].tls_config.ca_fil: field ca_fil not found in type"
            + " config.TLSConfig");
    fails("scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [a]\n"
            + "        label: {a: b}\n",
        "prometheus.yml:5:9: scrape_configs[0].static_configs[0].label: field label not found in"
            + " type targetgroup.Group");
    fails("scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: keep\n"
            + "        regexp: x\n",
        "prometheus.yml:5:9: scrape_configs[0].relabel_configs[0].regexp: field regexp not found"
            + " in type relabel.Config");
    fails("scrape_configs:\n  - job_name: a\n    oauth2:\n      client_id: x\n"
            + "      token_url: http://t\n      tls_config: {insecure: true}\n",
        "prometheus.yml:6:20: scrape_configs[0].oauth2.tls_config.insecure: field insecure not"
            + " found in type config.TLSConfig");
  }

  @Test
  void valuesFailAtTheirLineAndColumn() {
    fails("global:\n  scrape_interval: 15x\n",
        "prometheus.yml:2:20: global.scrape_interval: unknown unit \"x\" in duration \"15x\"");
    fails("scrape_configs:\n  - job_name: a\n    scrape_interval: 15\n",
        "prometheus.yml:3:22: scrape_configs[0].scrape_interval: not a valid duration string:"
            + " \"15\"");
    fails("scrape_configs:\n  - job_name: a\n    sample_limit: many\n",
        "prometheus.yml:3:19: scrape_configs[0].sample_limit: cannot unmarshal !!str `many` into"
            + " uint");
    fails("scrape_configs:\n  - job_name: a\n    sample_limit: -1\n",
        "prometheus.yml:3:19: scrape_configs[0].sample_limit: cannot unmarshal !!int `-1` into"
            + " uint");
    fails("scrape_configs:\n  - job_name: a\n    honor_labels: 'true'\n",
        "prometheus.yml:3:19: scrape_configs[0].honor_labels: cannot unmarshal !!str `true` into"
            + " bool");
    fails("scrape_configs:\n  - job_name: a\n    body_size_limit: 10kB\n",
        "prometheus.yml:3:22: scrape_configs[0].body_size_limit: units: unknown unit kB in 10kB");
    fails("scrape_configs:\n  - job_name: a\n    params: {module: http_2xx}\n",
        "prometheus.yml:3:22: scrape_configs[0].params.module: cannot unmarshal !!str `http_2xx`"
            + " into a list");
    fails("scrape_configs:\n  job_name: a\n",
        "prometheus.yml:2:3: scrape_configs: cannot unmarshal !!map into a list");
    fails("scrape_configs:\n  - job_name: a\n    job_name: b\n",
        "prometheus.yml:3:5: scrape_configs[0].job_name: mapping key \"job_name\" already defined"
            + " at line 2");
    fails("global: [\n", "prometheus.yml:2:1: yaml: while parsing a flow node: expected the node"
        + " content, but found '<stream end>'");
  }

  @Test
  void yamlBoolsAndIntsAsGoReadsThem() {
    assertThat(job("- job_name: a\n  honor_labels: yes\n").honorLabels()).isTrue();
    assertThat(job("- job_name: a\n  honor_labels: On\n").honorLabels()).isTrue();
    assertThat(job("- job_name: a\n  honor_timestamps: n\n").honorTimestamps()).isFalse();
    assertThat(job("- job_name: a\n  sample_limit: 0x10\n").sampleLimit()).isEqualTo(16);
    assertThat(job("- job_name: a\n  sample_limit: 1_000\n").sampleLimit()).isEqualTo(1000);
    assertThat(job("- job_name: 123\n").jobName()).isEqualTo("123");
  }

  @Test
  void anchorsAndMergeKeys() {
    ConfigFile f = parse("""
        scrape_configs:
          - &base
            job_name: a
            scrape_interval: 5s
            metrics_path: /m
          - <<: *base
            job_name: b
        """);
    assertThat(f.scrapeConfigs().get(1).jobName()).isEqualTo("b");
    assertThat(f.scrapeConfigs().get(1).scrapeInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(f.scrapeConfigs().get(1).metricsPath()).isEqualTo("/m");
  }

  @Test
  void scrapeConfigFilesAddJobs(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(dir.resolve("jobs/b.yml"), """
        scrape_configs:
          - job_name: b
            tls_config: {ca_file: ca.pem}
        """);
    Files.writeString(dir.resolve("jobs/a.yml"), "scrape_configs:\n  - job_name: a2\n");
    Files.writeString(dir.resolve("jobs/skip.txt"), "scrape_configs:\n  - job_name: nope\n");
    Files.writeString(dir.resolve("prometheus.yml"), """
        global: {scrape_interval: 7s}
        scrape_config_files: [jobs/*.yml]
        scrape_configs:
          - job_name: main
        """);
    ConfigFile f = ConfigFile.load(dir.resolve("prometheus.yml"));
    assertThat(f.scrapeConfigs()).extracting(ScrapeConfig::jobName).containsExactly("main", "a2", "b");
    assertThat(f.scrapeConfigs().get(2).scrapeInterval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(f.scrapeConfigs().get(2).httpClientConfig().tlsConfig().caFile())
        .isEqualTo(dir.resolve("jobs/ca.pem").toString());

    Files.writeString(dir.resolve("jobs/c.yml"), "scrape_configs:\n  - job_name: main\n");
    Path c = dir.resolve("jobs/c.yml").toAbsolutePath();
    assertThatThrownBy(() -> ConfigFile.load(dir.resolve("prometheus.yml")))
        .hasMessage(c + ":2:5: scrape_configs[0]: found multiple scrape configs with job name"
            + " \"main\", first found in main config file");
    Files.writeString(dir.resolve("jobs/c.yml"), "scrape_configs:\n  - job_name: b\n");
    assertThatThrownBy(() -> ConfigFile.load(dir.resolve("prometheus.yml")))
        .hasMessageEndingWith("found multiple scrape configs with job name \"b\", first found in \""
            + dir.resolve("jobs/b.yml").toAbsolutePath() + "\"");
    Files.writeString(dir.resolve("jobs/c.yml"), "global: {}\n");
    assertThatThrownBy(() -> ConfigFile.load(dir.resolve("prometheus.yml")))
        .hasMessage(c + ":1:1: global: field global not found in type config.ScrapeConfigs");
  }

  @Test
  void missingFileFails(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigFile.load(dir.resolve("none.yml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
  }
}
