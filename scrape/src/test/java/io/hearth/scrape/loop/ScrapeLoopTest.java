package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.loop.Stored.Sample;
import io.hearth.scrape.relabel.Action;
import io.hearth.scrape.relabel.RelabelConfig;
import io.hearth.scrape.relabel.RelabelRegex;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape loop's append path, driven scrape by scrape with a fake fetcher. */
class ScrapeLoopTest {
  private static final Labels TARGET = Labels.of("instance", "host:9100", "job", "node");

  private final Head head = new Head(HeadOptions.defaults(), new SymbolTable());
  private final FakeFetcher fetcher = new FakeFetcher();
  private final TestConfig cfg = new TestConfig();
  private Target target;

  @AfterEach
  void close() {
    head.close();
  }

  private ScrapeLoop loop() {
    return loop(null);
  }

  private ScrapeLoop loop(ScrapeFailureLog log) {
    target =
        new Target(
            "node",
            TARGET,
            Labels.of("__address__", "host:9100"),
            URI.create("http://host:9100/metrics"),
            cfg.interval,
            cfg.timeout,
            42);
    return new ScrapeLoop(target, cfg.build(), fetcher, head, head.symbols(), 0, log);
  }

  private static Labels series(String name, String... labels) {
    var b = TARGET.toBuilder();
    b.set(Labels.METRIC_NAME, name);
    for (int i = 0; i < labels.length; i += 2) {
      b.set(labels[i], labels[i + 1]);
    }
    return b.build();
  }

  private List<Sample> samples(Labels series) {
    List<Sample> s = Stored.all(head).get(series);
    assertThat(s).as("series %s in %s", series, Stored.all(head).keySet()).isNotNull();
    return s;
  }

  private static Sample v(double v, long t) {
    return new Sample(t, v, false);
  }

  private static Sample stale(long t) {
    return new Sample(t, io.hearth.storage.StaleMarker.VALUE, true);
  }

  private double last(String name) {
    List<Sample> s = samples(series(name));
    return s.get(s.size() - 1).v();
  }

  @Test
  void aScrapeStoresEverySampleWithTheTargetLabelsAndReportsIt() {
    fetcher.body = "# TYPE a counter\na_total 1\nb{x=\"1\"} 2\nb{x=\"2\"} 3\n";
    loop().scrapeAndReport(1000);

    assertThat(samples(series("a_total"))).containsExactly(v(1, 1000));
    assertThat(samples(series("b", "x", "1"))).containsExactly(v(2, 1000));
    assertThat(samples(series("b", "x", "2"))).containsExactly(v(3, 1000));
    assertThat(samples(series("up"))).containsExactly(v(1, 1000));
    assertThat(last("scrape_samples_scraped")).isEqualTo(3);
    assertThat(last("scrape_samples_post_metric_relabeling")).isEqualTo(3);
    assertThat(last("scrape_series_added")).isEqualTo(3);
    assertThat(last("scrape_duration_seconds")).isBetween(0.0, 10.0);
    assertThat(target.health()).isEqualTo(Target.Health.UP);
    assertThat(target.lastError()).isEmpty();
    assertThat(target.metadata())
        .containsExactly(new MetricMetadata("a", io.hearth.scrape.parse.MetricType.COUNTER, "", ""));
  }

  @Test
  void cachedLabelsShareTheStoragesStrings() {
    fetcher.body = "a{x=\"some-value\"} 1\n";
    ScrapeLoop loop = loop();
    loop.scrapeAndReport(1000);
    byte[] line = "a{x=\"some-value\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Labels cached = loop.cache().labels(loop.cache().get(line, 0, line.length));
    assertThat(cached.get("x")).isSameAs(head.symbols().intern("some-value"));
  }

  @Test
  void metadataFollowsEachScrapeEvenWhenAnEarlierLineComesBack() {
    ScrapeLoop loop = loop();
    fetcher.body = "# HELP a First.\n# TYPE a counter\na 1\n";
    loop.scrapeAndReport(1000);
    // A failed scrape keeps what the cache knows, so the first scrape's lines are still cached.
    fetcher.body = "# HELP a Second.\n# TYPE a gauge\na 2\n{\n";
    loop.scrapeAndReport(2000);
    assertThat(target.metadata())
        .containsExactly(new MetricMetadata("a", io.hearth.scrape.parse.MetricType.GAUGE, "Second.", ""));

    fetcher.body = "# HELP a First.\n# TYPE a counter\na 3\n";
    loop.scrapeAndReport(3000);

    assertThat(target.metadata())
        .containsExactly(new MetricMetadata("a", io.hearth.scrape.parse.MetricType.COUNTER, "First.", ""));
  }

  @Test
  void theSameHelpLineIsReadByTheFormatOfEachScrape() {
    ScrapeLoop loop = loop();
    String help = "# HELP a Say \\\"hi\\\".\n";
    fetcher.body = help + "a 1\n";
    loop.scrapeAndReport(1000);
    assertThat(target.metadata().getFirst().help()).isEqualTo("Say \\\"hi\\\".");

    fetcher.contentType = "application/openmetrics-text; version=1.0.0";
    fetcher.body = help + "a 2\n# EOF\n";
    loop.scrapeAndReport(2000);

    assertThat(target.metadata().getFirst().help()).isEqualTo("Say \"hi\".");
  }

  @Test
  void aSteadyTargetAddsNoSeriesAfterItsFirstScrape() {
    fetcher.body = "a 1\nb 2\n";
    ScrapeLoop loop = loop();
    loop.scrapeAndReport(1000);
    loop.scrapeAndReport(2000);
    assertThat(samples(series("scrape_series_added"))).containsExactly(v(2, 1000), v(0, 2000));
    assertThat(samples(series("a"))).containsExactly(v(1, 1000), v(1, 2000));
  }

  @Test
  void aSeriesThatDisappearsGetsAStalenessMarkerAtTheNextScrape() {
    ScrapeLoop loop = loop();
    fetcher.body = "a 1\nb 2\n";
    loop.scrapeAndReport(1000);
    fetcher.body = "a 1\n";
    loop.scrapeAndReport(2000);
    loop.scrapeAndReport(3000);
    assertThat(samples(series("b"))).containsExactly(v(2, 1000), stale(2000));
    assertThat(samples(series("a"))).containsExactly(v(1, 1000), v(1, 2000), v(1, 3000));
  }

  @Test
  void aFailedRequestMarksEverySeriesStaleAndReportsDown() {
    ScrapeLoop loop = loop();
    fetcher.body = "a 1\n";
    loop.scrapeAndReport(1000);
    fetcher.error = "server returned HTTP status 500 Internal Server Error";
    loop.scrapeAndReport(2000);

    assertThat(samples(series("a"))).containsExactly(v(1, 1000), stale(2000));
    assertThat(samples(series("up"))).containsExactly(v(1, 1000), v(0, 2000));
    assertThat(last("scrape_samples_scraped")).isEqualTo(0);
    assertThat(target.health()).isEqualTo(Target.Health.DOWN);
    assertThat(target.lastError()).isEqualTo("server returned HTTP status 500 Internal Server Error");
  }

  @Test
  void malformedInputFailsTheWholeScrapeNamingTheLine() {
    ScrapeLoop loop = loop();
    fetcher.body = "a 1\n";
    loop.scrapeAndReport(1000);
    fetcher.body = "a 2\nb 3\nc{=\"x\"} 4\n";
    loop.scrapeAndReport(2000);

    // Nothing of the bad scrape is stored: not a=2, not b.
    assertThat(samples(series("a"))).containsExactly(v(1, 1000), stale(2000));
    assertThat(Stored.all(head)).doesNotContainKey(series("b"));
    assertThat(samples(series("up"))).containsExactly(v(1, 1000), v(0, 2000));
    assertThat(target.lastError()).contains("line 3").contains("label name");
  }

  @Test
  void aResponseWithoutContentTypeFailsUnlessAFallbackProtocolIsSet() {
    fetcher.body = "a 1\n";
    fetcher.contentType = "";
    loop().scrapeAndReport(1000);
    assertThat(samples(series("up"))).containsExactly(v(0, 1000));
    assertThat(target.lastError())
        .isEqualTo(
            "non-compliant scrape target sending blank Content-Type and no "
                + "fallback_scrape_protocol specified for target");

    cfg.fallback = io.hearth.scrape.parse.ScrapeProtocol.PROMETHEUS_TEXT_0_0_4;
    loop().scrapeAndReport(2000);
    assertThat(samples(series("a"))).containsExactly(v(1, 2000));
  }

  @Test
  void aRepeatedLabelNameFailsTheScrape() {
    fetcher.body = "a{x=\"1\",x=\"2\"} 1\n";
    loop().scrapeAndReport(1000);
    assertThat(samples(series("up"))).containsExactly(v(0, 1000));
    assertThat(target.lastError()).isEqualTo("line 1: label name \"x\" is not unique: invalid sample");
  }

  @Test
  void legacyNameValidationRefusesUtf8Names() {
    cfg.validation = io.hearth.labels.NameValidation.LEGACY;
    fetcher.body = "{\"my.metric\"} 1\n";
    loop().scrapeAndReport(1000);
    assertThat(target.lastError()).startsWith("invalid metric name or label names");
  }

  @Test
  void theSampleLimitFailsTheScrapeAndStoresNothingOfIt() {
    cfg.sampleLimit = 2;
    fetcher.body = "a 1\nb 2\nc 3\n";
    loop().scrapeAndReport(1000);
    assertThat(Stored.all(head)).doesNotContainKeys(series("a"), series("b"), series("c"));
    assertThat(samples(series("up"))).containsExactly(v(0, 1000));
    assertThat(target.lastError()).isEqualTo("sample limit exceeded");
    assertThat(last("scrape_samples_scraped")).isEqualTo(3);
  }

  @Test
  void ownTimestampsAreKeptWhenHonoredAndIgnoredOtherwise() {
    fetcher.body = "a 1 500\n";
    loop().scrapeAndReport(1000);
    assertThat(samples(series("a"))).containsExactly(v(1, 500));

    Head other = new Head(HeadOptions.defaults(), new SymbolTable());
    cfg.honorTimestamps = false;
    new ScrapeLoop(target, cfg.build(), fetcher, other, other.symbols(), 0, null).scrapeAndReport(1000);
    assertThat(Stored.all(other).get(series("a"))).containsExactly(v(1, 1000));
    other.close();
  }

  @Test
  void seriesWithTheirOwnTimestampsGetNoStalenessMarkersUnlessTracked() {
    ScrapeLoop loop = loop();
    fetcher.body = "a 1 500\nb 1\n";
    loop.scrapeAndReport(1000);
    fetcher.body = "\n";
    loop.scrapeAndReport(2000);
    assertThat(samples(series("a"))).containsExactly(v(1, 500));
    assertThat(samples(series("b"))).containsExactly(v(1, 1000), stale(2000));
  }

  @Test
  void trackedTimestampStalenessMarksExplicitlyTimestampedSeriesToo() {
    cfg.trackTimestampsStaleness = true;
    ScrapeLoop loop = loop();
    fetcher.body = "a 1 500\n";
    loop.scrapeAndReport(1000);
    fetcher.body = "\n";
    loop.scrapeAndReport(2000);
    assertThat(samples(series("a"))).containsExactly(v(1, 500), stale(2000));
  }

  @Test
  void exposedLabelsThatClashWithTargetLabelsAreRenamedUnlessHonored() {
    fetcher.body = "a{job=\"other\",instance=\"\"} 1\n";
    loop().scrapeAndReport(1000);
    assertThat(samples(series("a", "exported_job", "other"))).containsExactly(v(1, 1000));
  }

  @Test
  void honoredLabelsWin() {
    cfg.honorLabels = true;
    fetcher.body = "a{job=\"other\"} 1\n";
    loop().scrapeAndReport(1000);
    var b = series("a").toBuilder();
    b.set("job", "other");
    assertThat(samples(b.build())).containsExactly(v(1, 1000));
  }

  @Test
  void anHonoredEmptyExposedLabelKeepsTheTargetLabelOffTheSeries() {
    // Prometheus's parsers keep job="" as a label, so honor_labels finds job exposed and leaves
    // the target's off; the empty label then vanishes too. Found by ScrapeDifferentialTest.
    cfg.honorLabels = true;
    fetcher.body = "a{job=\"\",x=\"1\"} 1\n";
    loop().scrapeAndReport(1000);
    assertThat(samples(Labels.of("__name__", "a", "instance", "host:9100", "x", "1")))
        .containsExactly(v(1, 1000));
  }

  @Test
  void metricRelabelingDropsAndIsCountedInThePostRelabelingSeries() {
    cfg.metricRelabel =
        List.of(
            new RelabelConfig(
                List.of("__name__"), ";", RelabelRegex.compile("b"), 0, "", "$1", Action.DROP));
    ScrapeLoop loop = loop();
    fetcher.body = "a 1\nb 2\n";
    loop.scrapeAndReport(1000);
    loop.scrapeAndReport(2000);
    assertThat(Stored.all(head)).doesNotContainKey(series("b"));
    assertThat(samples(series("scrape_samples_scraped"))).containsExactly(v(2, 1000), v(2, 2000));
    assertThat(samples(series("scrape_samples_post_metric_relabeling")))
        .containsExactly(v(1, 1000), v(1, 2000));
  }

  @Test
  void theSameSeriesTwiceInOneScrapeKeepsTheFirst() {
    fetcher.body = "a 1\na 2\n";
    ScrapeLoop loop = loop();
    loop.scrapeAndReport(1000);
    assertThat(samples(series("a"))).containsExactly(v(1, 1000));
    assertThat(loop.duplicates).isEqualTo(1);
  }

  @Test
  void labelLimitsFailTheScrape() {
    cfg.labelLimit = 3;
    fetcher.body = "a{x=\"1\",y=\"2\"} 1\n";
    loop().scrapeAndReport(1000);
    assertThat(samples(series("up"))).containsExactly(v(0, 1000));
    assertThat(target.lastError()).contains("label_limit exceeded");
  }

  @Test
  void extraScrapeMetricsReportTheTimeoutLimitAndBodySize() {
    cfg.extraMetrics = true;
    cfg.sampleLimit = 100;
    fetcher.body = "a 1\n";
    loop().scrapeAndReport(1000);
    assertThat(last("scrape_timeout_seconds")).isEqualTo(10);
    assertThat(last("scrape_sample_limit")).isEqualTo(100);
    assertThat(last("scrape_body_size_bytes")).isEqualTo(4);
  }

  @Test
  void aForcedErrorFailsEveryScrapeWithoutFetching() {
    ScrapeLoop loop = loop();
    loop.forceError("target_limit exceeded (number of targets: 2, limit: 1)");
    loop.scrapeAndReport(1000);
    assertThat(fetcher.fetches).isZero();
    assertThat(target.lastError()).startsWith("target_limit exceeded");
  }

  @Test
  void failuresAreAppendedToTheScrapeFailureLog(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("failures.log");
    fetcher.error = "connection refused";
    try (ScrapeFailureLog log = new ScrapeFailureLog(file)) {
      ScrapeLoop loop = loop(log);
      loop.scrapeAndReport(1000);
      loop.scrapeAndReport(2000);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("{\"time\":\"")
        .contains("\"level\":\"ERROR\",\"msg\":\"connection refused\"")
        .contains("\"job_name\":\"node\"")
        .contains("\"target\":\"http://host:9100/metrics\"");
  }

  @Test
  void stoppingWithStalenessMarksEverySeriesIncludingTheReport() throws Exception {
    cfg.interval = Duration.ofMillis(50);
    cfg.timeout = Duration.ofMillis(50);
    fetcher.body = "a 1\n";
    ScrapeLoop loop = loop();
    loop.start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fetcher.fetches < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    loop.stop(true);
    loop.awaitTermination(5_000);
    List<Sample> a = samples(series("a"));
    List<Sample> up = samples(series("up"));
    assertThat(a.get(a.size() - 1).stale()).isTrue();
    assertThat(up.get(up.size() - 1).stale()).isTrue();
    assertThat(a.size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void stoppingForShutdownLeavesNoMarkers() throws Exception {
    cfg.interval = Duration.ofMillis(50);
    cfg.timeout = Duration.ofMillis(50);
    fetcher.body = "a 1\n";
    ScrapeLoop loop = loop();
    loop.start();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fetcher.fetches < 1 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    loop.stop(false);
    loop.awaitTermination(5_000);
    assertThat(samples(series("a"))).allMatch(s -> !s.stale());
  }

  @Test
  void snapsScrapeTimesOntoTheGridWithinTheTolerance() {
    Map<long[], Long> cases =
        Map.of(
            // wall, aligned, interval (ns) -> timestamp used (ns)
            new long[] {15_001_000_000L, 0, 15_000_000_000L}, 15_000_000_000L,
            new long[] {15_002_000_000L, 0, 15_000_000_000L}, 15_000_000_000L,
            new long[] {15_002_000_001L, 0, 15_000_000_000L}, 15_002_000_001L,
            // 1% of a 100 ms interval is 1 ms: the smaller tolerance wins.
            new long[] {101_500_000L, 0, 100_000_000L}, 101_500_000L,
            new long[] {100_900_000L, 0, 100_000_000L}, 100_000_000L,
            // A skipped tick: the grid still moves on by whole intervals.
            new long[] {45_001_000_000L, 0, 15_000_000_000L}, 45_000_000_000L);
    cases.forEach(
        (in, want) -> assertThat(ScrapeLoop.alignedNanos(in[0], in[1], in[2])).isEqualTo(want));
  }
}
