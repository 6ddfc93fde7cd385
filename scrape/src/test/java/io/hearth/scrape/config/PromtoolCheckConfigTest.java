package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code promtool check config} (2.42) and Hearth's loader agree on which files are
 * valid, except where Hearth refuses a feature it does not have yet, and there exactly (see
 * docs/prometheus-differences.md, "Configuration features Hearth refuses for now"). The corpus
 * keeps to fields both 2.42 and 3.x know and to checks both make ({@code api_version: v1}, which
 * 3.0.0 stopped accepting, and the queue bounds of {@code remote_write}, which 3.x added, are left to {@code ConfigFileTest}).
 */
class PromtoolCheckConfigTest {
  @TempDir Path dir;

  enum Want { BOTH_ACCEPT, BOTH_REJECT, HEARTH_REFUSES_FEATURE }

  record Case(String name, Want want, String yaml) {}

  static final List<Case> CORPUS = List.of(
      new Case("sample", Want.BOTH_ACCEPT, """
          global: {scrape_interval: 15s, evaluation_interval: 15s}
          alerting:
            alertmanagers:
              - static_configs:
                  - targets:
          rule_files:
          scrape_configs:
            - job_name: prometheus
              static_configs: [{targets: ['localhost:9090']}]
          """),
      new Case("everything-scrape", Want.BOTH_ACCEPT, """
          global: {scrape_interval: 30s, scrape_timeout: 5s, external_labels: {dc: x}}
          scrape_configs:
            - job_name: a
              honor_labels: true
              honor_timestamps: false
              params: {module: [http_2xx]}
              metrics_path: /probe
              scheme: https
              sample_limit: 1000
              label_limit: 30
              body_size_limit: 10MB
              basic_auth: {username: u, password: p}
              tls_config: {insecure_skip_verify: true, min_version: TLS12}
              follow_redirects: false
              relabel_configs:
                - {source_labels: [__address__], target_label: __param_target}
                - {target_label: __address__, replacement: 'blackbox:9115'}
                - {action: hashmod, source_labels: [instance], modulus: 4, target_label: __tmp_shard}
                - {action: keep, source_labels: [__tmp_shard], regex: '1'}
              metric_relabel_configs:
                - {action: labeldrop, regex: 'pod_template_hash'}
              static_configs: [{targets: ['example.com'], labels: {team: a}}]
              file_sd_configs: [{files: ['sd/*.json'], refresh_interval: 1m}]
          """),
      new Case("timeout-over-interval", Want.BOTH_REJECT, """
          scrape_configs:
            - job_name: a
              scrape_interval: 5s
              scrape_timeout: 10s
          """),
      new Case("duplicate-job", Want.BOTH_REJECT, """
          scrape_configs: [{job_name: a}, {job_name: a}]
          """),
      new Case("unknown-field", Want.BOTH_REJECT, """
          scrape_configs: [{job_name: a, scrape_intervall: 5s}]
          """),
      new Case("bad-regex", Want.BOTH_REJECT, """
          scrape_configs: [{job_name: a, relabel_configs: [{regex: '(', target_label: x}]}]
          """),
      new Case("url-as-target", Want.BOTH_REJECT, """
          scrape_configs: [{job_name: a, static_configs: [{targets: ['http://x:1/metrics']}]}]
          """),
      new Case("alertmanager-url-target", Want.BOTH_REJECT, """
          alerting: {alertmanagers: [{static_configs: [{targets: ['http://am:9093']}]}]}
          """),
      new Case("bad-rule-path", Want.BOTH_REJECT, """
          rule_files: ['rules/*/x.yml']
          """),
      new Case("remote-write-no-url", Want.BOTH_REJECT, """
          remote_write: [{remote_timeout: 1s}]
          """),
      new Case("remote-write-reserved-header", Want.BOTH_REJECT, """
          remote_write: [{url: 'http://x', headers: {User-Agent: me}}]
          """),
      new Case("remote-write-unknown-field", Want.BOTH_REJECT, """
          remote_write: [{url: 'http://x', queue: {}}]
          """),
      new Case("remote-read-no-url", Want.BOTH_REJECT, """
          remote_read: [{read_recent: true}]
          """),
      new Case("alertmanager-target", Want.HEARTH_REFUSES_FEATURE, """
          alerting: {alertmanagers: [{static_configs: [{targets: ['am:9093']}]}]}
          """),
      new Case("remote-write", Want.HEARTH_REFUSES_FEATURE, """
          remote_write: [{url: 'http://mimir:9009/api/v1/push'}]
          """),
      new Case("remote-read", Want.HEARTH_REFUSES_FEATURE, """
          remote_read: [{url: 'http://thanos:10901/api/v1/read'}]
          """),
      new Case("query-log", Want.HEARTH_REFUSES_FEATURE, """
          global: {query_log_file: /tmp/q.log}
          """));

  @Test
  void hearthAndPromtoolAgreeExceptForFeaturesHearthLacks() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Case c : CORPUS) {
      Path file = dir.resolve(c.name() + ".yml");
      Files.writeString(file, c.yaml());
      boolean promtool = promtoolAccepts(file);
      String hearthError = null;
      try {
        ConfigFile.load(file);
      } catch (ConfigException e) {
        hearthError = e.getMessage();
      }
      boolean ok = switch (c.want()) {
        case BOTH_ACCEPT -> promtool && hearthError == null;
        case BOTH_REJECT -> !promtool && hearthError != null;
        case HEARTH_REFUSES_FEATURE -> promtool && hearthError != null && hearthError.contains("not supported by Hearth yet");
      };
      if (!ok) {
        problems.add(c.name() + " (" + c.want() + "): promtool " + (promtool ? "accepts" : "rejects")
            + ", Hearth " + (hearthError == null ? "accepts" : "rejects: " + hearthError));
      }
    }
    assertThat(problems).isEmpty();
  }

  private static boolean promtoolAccepts(Path file) throws Exception {
    Process p = new ProcessBuilder("promtool", "check", "config", "--syntax-only", file.toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(out).as("promtool ran").doesNotContain("command not found");
    return p.exitValue() == 0;
  }
}
