package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loaded configuration rendered as Prometheus 3.x's {@code /api/v1/status/config} shows it:
 * defaults filled in, Go struct order, secrets hidden.
 */
class ConfigYamlTest {
  private static String render(String yaml) {
    return ConfigYaml.render(ConfigFile.parse(yaml, java.nio.file.Path.of("/etc/prometheus"), "prometheus.yml",
        DiscoveryRegistry.defaults(), Map.of("POD", "p-0")::get));
  }

  @Test
  void theSampleConfigWithEveryDefaultSpelledOut() {
    assertThat(render("""
        global:
          scrape_interval: 15s
          external_labels: {replica: '${POD}'}
        alerting:
          alertmanagers:
            - static_configs:
                - targets:
        rule_files:
        scrape_configs:
          - job_name: app
            static_configs:
              - targets: ['127.0.0.1:9100']
                labels: {env: prod}
            basic_auth: {username: u, password: hunter2}
            relabel_configs:
              - source_labels: [__address__]
                regex: (.*):\\d+
                target_label: host
        """)).isEqualTo("""
        global:
          scrape_interval: 15s
          scrape_timeout: 10s
          evaluation_interval: 1m
          external_labels:
            replica: p-0
          metric_name_validation_scheme: utf8
          metric_name_escaping_scheme: allow-utf-8
          scrape_native_histograms: false
          extra_scrape_metrics: false
        alerting:
          alertmanagers:
          - follow_redirects: true
            enable_http2: true
            scheme: http
            timeout: 10s
            api_version: v2
            static_configs:
            - targets: []
        scrape_configs:
        - job_name: app
          honor_timestamps: true
          track_timestamps_staleness: false
          scrape_interval: 15s
          scrape_timeout: 10s
          scrape_protocols:
          - OpenMetricsText1.0.0
          - OpenMetricsText0.0.1
          - PrometheusText1.0.0
          - PrometheusText0.0.4
          scrape_native_histograms: false
          always_scrape_classic_histograms: false
          convert_classic_histograms_to_nhcb: false
          metrics_path: /metrics
          scheme: http
          enable_compression: true
          metric_name_validation_scheme: utf8
          metric_name_escaping_scheme: allow-utf-8
          extra_scrape_metrics: false
          basic_auth:
            username: u
            password: <secret>
          follow_redirects: true
          enable_http2: true
          relabel_configs:
          - source_labels: [__address__]
            separator: ;
            regex: (.*):\\d+
            target_label: host
            replacement: $1
            action: replace
          static_configs:
          - targets:
            - 127.0.0.1:9100
            labels:
              env: prod
        """);
  }

  @Test
  void secretsNeverShowAndStringsThatNeedItAreQuoted() {
    String y = render("""
        scrape_configs:
          - job_name: 'on'
            authorization: {credentials: s3cr3t}
            tls_config: {key: "-----BEGIN KEY-----", cert: c, insecure_skip_verify: true}
            params: {'x': ['a: b', '']}
            file_sd_configs: [{files: [sd/*.json]}]
        """);
    assertThat(y).doesNotContain("s3cr3t").doesNotContain("BEGIN KEY")
        .contains("- job_name: 'on'\n")
        .contains("  authorization:\n    type: Bearer\n    credentials: <secret>\n")
        .contains("  tls_config:\n    cert: c\n    key: <secret>\n    insecure_skip_verify: true\n")
        .contains("  params:\n    x:\n    - 'a: b'\n    - \"\"\n")
        .contains("  file_sd_configs:\n  - files:\n    - /etc/prometheus/sd/*.json\n    refresh_interval: 5m\n");
  }

  @Test
  void scalarsArePlainOnlyWhenTheyReadBackAsTheSameString() {
    assertThat(ConfigYaml.scalar("(.*)")).isEqualTo("(.*)");
    assertThat(ConfigYaml.scalar("$1")).isEqualTo("$1");
    assertThat(ConfigYaml.scalar(";")).isEqualTo(";");
    assertThat(ConfigYaml.scalar("true")).isEqualTo("'true'");
    assertThat(ConfigYaml.scalar("15")).isEqualTo("'15'");
    assertThat(ConfigYaml.scalar("*x")).isEqualTo("'*x'");
    assertThat(ConfigYaml.scalar("it's: x")).isEqualTo("'it''s: x'");
    assertThat(ConfigYaml.scalar("a\nb")).isEqualTo("\"a\\nb\"");
  }
}
