package io.hearth.scrape.loop;

import static io.hearth.scrape.relabel.Action.DROP;
import static io.hearth.scrape.relabel.Action.LABELMAP;
import static io.hearth.scrape.relabel.Action.REPLACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.NameEscaping;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.relabel.Action;
import io.hearth.scrape.relabel.RelabelConfig;
import io.hearth.scrape.relabel.RelabelRegex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetLabelsTest {

  static ScrapeConfig config(String scheme, Duration interval, Duration timeout, List<RelabelConfig> relabel,
      Map<String, List<String>> params) {
    return new ScrapeConfig("job", false, true, false, params, interval, timeout, List.of(), null, false, null,
        "/metrics", scheme, true, 0, 0, 0, 0, 0, 0, 0, NameValidation.UTF8, NameEscaping.ALLOW_UTF8, false, null,
        List.of(), relabel, List.of());
  }

  static ScrapeConfig config(String scheme, List<RelabelConfig> relabel) {
    return config(scheme, Duration.ofSeconds(1), Duration.ofSeconds(1), relabel, Map.of());
  }

  static RelabelConfig replace(String source, String regex, String target, String replacement) {
    return new RelabelConfig(List.of(source), ";", RelabelRegex.compile(regex), 0, target, replacement, REPLACE);
  }

  /** The labels every target gets from a config with scheme {@code scheme}, path /metrics, 1s/1s. */
  private static List<String> defaults(String scheme) {
    return List.of("__scheme__", scheme, "__metrics_path__", "/metrics", "job", "job", "__scrape_interval__", "1s",
        "__scrape_timeout__", "1s", "__convert_classic_histograms_to_nhcb__", "false",
        "__always_scrape_classic_histograms__", "false", "__scrape_native_histograms__", "false");
  }

  private static Labels with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return Labels.of(all.toArray(String[]::new));
  }

  private static void check(Labels in, ScrapeConfig cfg, Labels want, Labels wantDiscovered) {
    TargetLabels.Result r = TargetLabels.populate(in, Labels.EMPTY, cfg);
    assertThat(r.error()).isNull();
    assertThat(r.dropped()).isFalse();
    assertThat(r.labels()).isEqualTo(want);
    assertThat(r.discovered()).isEqualTo(wantDiscovered);
    assertThat(TargetLabels.discovered(in, Labels.EMPTY, cfg)).isEqualTo(wantDiscovered);
  }

  private static void checkError(Labels in, ScrapeConfig cfg, String wantError) {
    TargetLabels.Result r = TargetLabels.populate(in, Labels.EMPTY, cfg);
    assertThat(r.error()).isEqualTo(wantError);
    assertThat(r.isActive()).isFalse();
    assertThat(r.labels()).isEqualTo(Labels.EMPTY);
  }

  // ---- Upstream's TestPopulateLabels, case by case. ----

  @Test
  void configDefaultsAreAddedAndInstanceDefaultsToAddress() {
    check(Labels.of("__address__", "1.2.3.4:1000", "custom", "value"), config("https", List.of()),
        with(defaults("https"), "__address__", "1.2.3.4:1000", "instance", "1.2.3.4:1000", "custom", "value"),
        with(defaults("https"), "__address__", "1.2.3.4:1000", "custom", "value"));
  }

  @Test
  void targetLabelsOverrideConfigDefaultsAndNoPortIsAdded() {
    Labels in = Labels.of("__address__", "1.2.3.4", "__scheme__", "http", "__metrics_path__", "/custom", "job",
        "custom-job", "__scrape_interval__", "2s", "__scrape_timeout__", "2s");
    List<String> base = List.of("__convert_classic_histograms_to_nhcb__", "false",
        "__always_scrape_classic_histograms__", "false", "__scrape_native_histograms__", "false");
    Labels discovered = with(base, "__address__", "1.2.3.4", "__scheme__", "http", "__metrics_path__", "/custom",
        "job", "custom-job", "__scrape_interval__", "2s", "__scrape_timeout__", "2s");
    check(in, config("https", List.of()), with(base, "__address__", "1.2.3.4", "instance", "1.2.3.4", "__scheme__",
        "http", "__metrics_path__", "/custom", "job", "custom-job", "__scrape_interval__", "2s",
        "__scrape_timeout__", "2s"), discovered);
  }

  @Test
  void givenInstanceIsKept() {
    Labels in = Labels.of("__address__", "[::1]", "instance", "custom-instance");
    check(in, config("https", List.of()), with(defaults("https"), "__address__", "[::1]", "instance", "custom-instance"),
        with(defaults("https"), "__address__", "[::1]", "instance", "custom-instance"));
  }

  @Test
  void missingAddress() {
    checkError(Labels.of("custom", "value"), config("https", List.of()), "no address");
  }

  @Test
  void addressSetByRelabelling() {
    ScrapeConfig cfg = config("https", List.of(replace("custom", "(.*)", "__address__", "${1}")));
    check(Labels.of("custom", "host:1234"), cfg,
        with(defaults("https"), "__address__", "host:1234", "instance", "host:1234", "custom", "host:1234"),
        with(defaults("https"), "custom", "host:1234"));
  }

  @Test
  void invalidUtf8InAValue() {
    checkError(Labels.of("__address__", "1.2.3.4:1000", "custom", "\uDC00"), config("https", List.of()),
        "invalid label value for \"custom\": \"\\ufffd\"");
  }

  @Test
  void badIntervalAndTimeout() {
    ScrapeConfig cfg = config("https", List.of());
    checkError(Labels.of("__address__", "1.2.3.4:1000", "__scrape_interval__", "2notseconds"), cfg,
        "error parsing scrape interval: unknown unit \"notseconds\" in duration \"2notseconds\"");
    checkError(Labels.of("__address__", "1.2.3.4:1000", "__scrape_timeout__", "2notseconds"), cfg,
        "error parsing scrape timeout: unknown unit \"notseconds\" in duration \"2notseconds\"");
    checkError(Labels.of("__address__", "1.2.3.4:1000", "__scrape_interval__", "0s"), cfg,
        "scrape interval cannot be 0");
    checkError(Labels.of("__address__", "1.2.3.4:1000", "__scrape_timeout__", "0s"), cfg,
        "scrape timeout cannot be 0");
    checkError(Labels.of("__address__", "1.2.3.4:1000", "__scrape_interval__", "1s", "__scrape_timeout__", "2s"), cfg,
        "scrape timeout cannot be greater than scrape interval (\"2s\" > \"1s\")");
  }

  @Test
  void defaultPortsAreNeitherAddedNorRemoved() {
    for (String[] c : new String[][] {{"1.2.3.4", "https"}, {"1.2.3.4:80", "http"}, {"1.2.3.4:443", "https"}}) {
      Labels in = Labels.of("__address__", c[0]);
      check(in, config(c[1], List.of()), with(defaults(c[1]), "__address__", c[0], "instance", c[0]),
          with(defaults(c[1]), "__address__", c[0]));
    }
  }

  @Test
  void histogramSwitchOverriddenByRelabelling() {
    ScrapeConfig cfg = config("https", List.of(replace("__convert_classic_histograms_to_nhcb__", "false",
        "__convert_classic_histograms_to_nhcb__", "true")));
    TargetLabels.Result r = TargetLabels.populate(Labels.of("__address__", "1.2.3.4:1000"), Labels.EMPTY, cfg);
    assertThat(r.labels().get("__convert_classic_histograms_to_nhcb__")).isEqualTo("true");
    assertThat(r.discovered().get("__convert_classic_histograms_to_nhcb__")).isEqualTo("false");
  }

  @Test
  void invalidHistogramSwitch() {
    checkError(Labels.of("__address__", "1.2.3.4:1000", "__convert_classic_histograms_to_nhcb__", "maybe"),
        config("https", List.of()),
        "error parsing convert classic histograms to nhcb: strconv.ParseBool: parsing \"maybe\": invalid syntax");
  }

  // ---- Further rules from the notes. ----

  @Test
  void addressWithASlashIsNotAHostname() {
    checkError(Labels.of("__address__", "http://1.2.3.4:1000"), config("https", List.of()),
        "\"http://1.2.3.4:1000\" is not a valid hostname");
  }

  @Test
  void droppedByRelabelling() {
    RelabelConfig drop = new RelabelConfig(List.of("env"), ";", RelabelRegex.compile("dev"), 0, "", "$1", DROP);
    TargetLabels.Result r = TargetLabels.populate(Labels.of("__address__", "a:1", "env", "dev"), Labels.EMPTY,
        config("http", List.of(drop)));
    assertThat(r.dropped()).isTrue();
    assertThat(r.error()).isNull();
    assertThat(r.isActive()).isFalse();
    assertThat(r.discovered().get("env")).isEqualTo("dev");
  }

  @Test
  void groupLabelsFillOnlyWhatTheTargetLacks() {
    Labels discovered = TargetLabels.discovered(Labels.of("__address__", "a:1", "env", "prod"),
        Labels.of("env", "dev", "team", "x", "job", "from-group"), config("http", List.of()));
    assertThat(discovered.get("env")).isEqualTo("prod");
    assertThat(discovered.get("team")).isEqualTo("x");
    assertThat(discovered.get("job")).isEqualTo("from-group");
  }

  @Test
  void metaLabelsAreRemovedAfterRelabellingButOtherReservedOnesStay() {
    RelabelConfig map = new RelabelConfig(List.of(), ";", RelabelRegex.compile("__meta_(.*)"), 0, "", "$1", LABELMAP);
    RelabelConfig tmp = replace("__meta_zone", "(.*)", "__tmp_zone", "$1");
    TargetLabels.Result r = TargetLabels.populate(Labels.of("__address__", "a:1", "__meta_zone", "eu"), Labels.EMPTY,
        config("http", List.of(map, tmp)));
    assertThat(r.labels().get("zone")).isEqualTo("eu");
    assertThat(r.labels().has("__meta_zone")).isFalse();
    assertThat(r.labels().get("__tmp_zone")).isEqualTo("eu");
    assertThat(TargetLabels.publicLabels(r.labels())).isEqualTo(Labels.of("instance", "a:1", "job", "job", "zone", "eu"));
  }

  @Test
  void emptyInstanceIsReplacedByTheAddress() {
    ScrapeConfig cfg = config("http", List.of(new RelabelConfig(List.of(), ";", RelabelRegex.DEFAULT, 0, "instance",
        "", Action.REPLACE)));
    TargetLabels.Result r = TargetLabels.populate(Labels.of("__address__", "a:1", "instance", "x"), Labels.EMPTY, cfg);
    assertThat(r.labels().get("instance")).isEqualTo("a:1");
  }

  @Test
  void paramsBecomeLabelsWithTheirFirstValue() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("module", List.of("http_2xx", "other"));
    params.put("target", List.of("given"));
    params.put("none", List.of());
    ScrapeConfig cfg = config("http", Duration.ofSeconds(15), Duration.ofSeconds(10), List.of(), params);
    Labels d = TargetLabels.discovered(Labels.of("__address__", "a:1", "__param_target", "own"), Labels.EMPTY, cfg);
    assertThat(d.get("__param_module")).isEqualTo("http_2xx");
    assertThat(d.get("__param_target")).isEqualTo("own");
    assertThat(d.has("__param_none")).isFalse();
    assertThat(d.get("__scrape_interval__")).isEqualTo("15s");
    assertThat(d.get("__scrape_timeout__")).isEqualTo("10s");
  }

  @Test
  void intervalAndTimeoutAreReadBackFromLabels() {
    Labels l = Labels.of("__scrape_interval__", "1m30s", "__scrape_timeout__", "500ms");
    assertThat(TargetLabels.intervalNanos(l)).isEqualTo(90_000_000_000L);
    assertThat(TargetLabels.timeoutNanos(l)).isEqualTo(500_000_000L);
    assertThat(TargetLabels.boolLabel(Labels.of("x", "T"), "x", false)).isTrue();
    assertThat(TargetLabels.boolLabel(Labels.of("x", "yes"), "x", false)).isFalse();
    assertThat(TargetLabels.boolLabel(Labels.EMPTY, "x", true)).isTrue();
  }

  // ---- Upstream's TestTargetURL and URL rendering. ----

  @Test
  void urlParamsAreOverriddenByParamLabels() {
    Map<String, List<String>> params = Map.of("abc", List.of("foo", "bar", "baz"), "xyz", List.of("hoo"));
    Labels labels = Labels.of("__address__", "example.com:1234", "__scheme__", "https", "__metrics_path__", "/metricz",
        "__param_abc", "overwrite", "__param_cde", "huu");
    assertThat(TargetLabels.scrapeUrl(labels, params))
        .isEqualTo("https://example.com:1234/metricz?abc=overwrite&abc=bar&abc=baz&cde=huu&xyz=hoo");
  }

  @Test
  void urlEscaping() {
    Labels labels = Labels.of("__address__", "h:1", "__scheme__", "http", "__metrics_path__", "/a b/ü?x;y=z",
        "__param_q", "a b&c=d/é+");
    assertThat(TargetLabels.scrapeUrl(labels, Map.of()))
        .isEqualTo("http://h:1/a%20b/%C3%BC%3Fx;y=z?q=a+b%26c%3Dd%2F%C3%A9%2B");
    assertThat(TargetLabels.scrapeUrl(Labels.of("__address__", "h:1", "__scheme__", "http", "__metrics_path__", "m"),
        null)).isEqualTo("http://h:1/m");
    assertThat(TargetLabels.scrapeUrl(Labels.of("__address__", "h:1", "__scheme__", "https"), Map.of()))
        .isEqualTo("https://h:1");
  }

  // ---- Upstream's TestTargetOffset. ----

  @Test
  void offsetsSpreadEvenlyOverTheInterval() {
    long interval = 10_000_000_000L;
    long now = 1_700_000_000_123_456_789L;
    int[] buckets = new int[10];
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      Labels l = Labels.of("__address__", "example.com:80", "__scheme__", "http", "__metrics_path__", "/metrics",
          "label", Integer.toString(i));
      long offset = TargetLabels.offsetNanos(TargetLabels.hash(l, TargetLabels.scrapeUrl(l, Map.of())), interval, 0, now);
      assertThat(offset).isPositive().isLessThanOrEqualTo(interval);
      buckets[(int) (((now + offset) % interval) / 1_000_000_000L)]++;
    }
    for (int b : buckets) {
      assertThat(Math.abs(b - n / 10) / (double) (n / 10)).as("bucket share %s", b).isLessThanOrEqualTo(0.15);
    }
  }

  @Test
  void offsetPinsEachTargetToAFixedPhaseOfWallClockTime() {
    long interval = 15_000_000_000L;
    long hash = 0xF00DCAFEBEEFL;
    long phase = Long.remainderUnsigned(hash, interval);
    for (long now : new long[] {0, 1, 7_500_000_000L, 1_700_000_000_000_000_000L, 1_700_000_000_987_654_321L}) {
      long next = TargetLabels.offsetNanos(hash, interval, 0, now);
      assertThat(next).isPositive().isLessThanOrEqualTo(interval);
      assertThat(Math.floorMod(now + next, interval)).isEqualTo(phase);
    }
    // The seed moves the phase.
    long seeded = TargetLabels.offsetNanos(hash, interval, 12345, 0);
    assertThat(seeded).isEqualTo(Long.remainderUnsigned(hash ^ 12345, interval));
    // An unsigned hash with its top bit set still lands inside the interval.
    assertThat(TargetLabels.offsetNanos(-1L, interval, 0, 0)).isEqualTo(Long.remainderUnsigned(-1L, interval));
  }

  @Test
  void hashDependsOnLabelsAndUrl() {
    Labels a = Labels.of("__address__", "a:1");
    Labels b = Labels.of("__address__", "b:1");
    assertThat(TargetLabels.hash(a, "http://a:1/metrics")).isEqualTo(TargetLabels.hash(a, "http://a:1/metrics"));
    assertThat(TargetLabels.hash(a, "http://a:1/metrics")).isNotEqualTo(TargetLabels.hash(b, "http://a:1/metrics"));
    assertThat(TargetLabels.hash(a, "http://a:1/metrics")).isNotEqualTo(TargetLabels.hash(a, "http://a:1/other"));
  }
}
