package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.scrape.parse.ExpositionSamples.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every real exposition under shared/fixtures/exposition parses, with spot checks of content. */
class ExpositionFixturesTest {
  static Path fixtures() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/fixtures"))) {
        return d.resolve("shared/fixtures/exposition");
      }
    }
    throw new IllegalStateException("no shared/fixtures above " + dir);
  }

  static boolean isOpenMetrics(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".om.txt") || n.startsWith("dump-openmetrics");
  }

  static List<Path> payloads() throws IOException {
    try (Stream<Path> s = Files.walk(fixtures())) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !List.of("LICENSE", "NOTICE", "SOURCE.md", "README.md")
              .contains(f.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Sample> parse(Path f) {
    ExpositionParser p = isOpenMetrics(f) ? new OpenMetricsParser() : new PromTextParser();
    return ExpositionSamples.parse(p, read(f));
  }

  static List<Sample> parse(String relative) {
    return parse(fixtures().resolve(relative));
  }

  /** None of these files has a sample spread over lines, so counting lines counts samples. */
  static long sampleLines(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .count();
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureParsesWithOneSamplePerLine() throws IOException {
    List<Path> files = payloads();
    assertThat(files).hasSizeGreaterThan(50);
    return files.stream().map(f -> DynamicTest.dynamicTest(fixtures().relativize(f).toString(),
        () -> assertThat((long) parse(f).size()).isEqualTo(sampleLines(read(f)))));
  }

  static Sample find(List<Sample> samples, Labels want) {
    return samples.stream().filter(s -> s.labels().equals(want)).findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + want));
  }

  @Test
  void nodeExporterLinux() {
    List<Sample> s = parse("node_exporter/e2e/e2e-output.txt");
    assertThat(s).hasSize(3027);
    Sample psu = s.stream()
        .filter(x -> x.labels().metricName().equals("node_power_supply_info")
            && x.labels().get("power_supply").equals("BAT0"))
        .findFirst().orElseThrow();
    assertThat(psu.labels().get("model_name")).isEqualTo("LNV-45N1\uFFFD\uFFFD");
    // chassis_asset_tag="" is the same as no label.
    Sample dmi = s.stream().filter(x -> x.labels().metricName().equals("node_dmi_info")).findFirst().orElseThrow();
    assertThat(dmi.labels().has("chassis_asset_tag")).isFalse();
    assertThat(dmi.labels().get("product_name")).isEqualTo("PowerEdge R6515");
  }

  @Test
  void cadvisorMillisecondTimestamps() {
    List<Sample> s = parse("cadvisor/prometheus_metrics");
    assertThat(s).hasSize(287);
    assertThat(s.stream().filter(x -> x.t().isPresent()).count()).isEqualTo(276);
  }

  @Test
  void kubeletLeInfWithoutPlusIsPlusInf() {
    List<Sample> s = parse("kubelet/image_pull_duration_metric");
    assertThat(s).hasSize(126);
    Sample inf = find(s, Labels.of("__name__", "kubelet_image_pull_duration_seconds_bucket",
        "image_size_in_bytes", "0-10MB", "le", "+Inf"));
    assertThat(inf.v()).isEqualTo(1.0);
    assertThat(s).anyMatch(x -> x.labels().get("le").equals("1.0"));
  }

  @Test
  void prometheusSelfWithTrailingEofComment() {
    List<Sample> s = parse("upstream-prometheus/model-textparse/alltypes.237mfs.prom.txt");
    assertThat(s).hasSize(1857);
    Sample q0 = find(s, Labels.of("__name__", "go_gc_duration_seconds", "quantile", "0.0"));
    assertThat(q0.v()).isEqualTo(7.6238e-05);
    assertThat(parse("upstream-prometheus/model-textparse/alltypes.237mfs.nometa.prom.txt"))
        .hasSize(1857);
  }

  @Test
  void openMetricsWithExemplarsAndCreated() throws IOException {
    byte[] b = read(fixtures().resolve("upstream-prometheus/model-textparse/alltypes.5mfs.om.txt"));
    List<Sample> s = ExpositionSamples.parse(new OpenMetricsParser(), b);
    assertThat(s).hasSize(53);
    assertThat(find(s, Labels.of("__name__", "promhttp_metric_handler_errors_created", "cause", "encoding")).v())
        .isEqualTo(1.726839813016397e+09);
    assertThat(find(s, Labels.of("__name__", "rpc_durations_seconds", "service", "exponential",
        "quantile", "0.5")).v()).isEqualTo(7.689368882420941e-07);
    // Skipping the _created series leaves the rest.
    long created = s.stream().filter(x -> x.labels().metricName().endsWith("_created")).count();
    assertThat(ExpositionSamples.parse(new OpenMetricsParser(true), b)).hasSize((int) (53 - created));
    // The first bucket carries an exemplar with a float-seconds timestamp.
    OpenMetricsParser p = new OpenMetricsParser();
    p.reset(b, b.length);
    Exemplar ex = new Exemplar();
    int exemplars = 0;
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      if (e == Entry.SERIES && p.exemplar(ex)) {
        if (exemplars++ == 0) {
          assertThat(ex.labels).isEqualTo(Labels.of("dummyID", "17783"));
          assertThat(ex.value).isEqualTo(-0.0003825067330956884);
          assertThat(ex.hasTimestamp).isTrue();
          assertThat(ex.timestamp).isEqualTo(1726839814223L);
        }
        assertThat(p.exemplar(ex)).isFalse();
      }
    }
    assertThat(exemplars).isGreaterThan(5);
  }

  @Test
  void openMetricsWithoutFinalNewline() {
    List<Sample> s = parse("upstream-prometheus/model-textparse/1histogram.om.txt");
    assertThat(s).hasSize(42);
    assertThat(s.getLast().labels().metricName()).isEqualTo("golang_manual_histogram_seconds_count");
  }

  @Test
  void promtoolDumpTimestampsInSeconds() {
    List<Sample> s = parse("upstream-prometheus/promtool/dump-openmetrics-test.prom");
    assertThat(s.get(1).t().getAsLong()).isEqualTo(60_000L);
    List<Sample> r = parse("upstream-prometheus/promtool/dump-openmetrics-roundtrip-test.prom");
    assertThat(r.get(0).t().getAsLong()).isEqualTo(1700215884373L);
    assertThat(r.get(0).v()).isEqualTo(1.0267820369e+10);
  }

  @Test
  void summaryNamedTotal() {
    List<Sample> s = parse("node_exporter/textfile/different_metric_types/metrics.prom");
    assertThat(find(s, Labels.of("__name__", "event_duration_seconds_total_sum", "baz", "inner_eval")).v())
        .isEqualTo(1.8652166505091474e+06);
    assertThat(find(s, Labels.of("__name__", "event_duration_seconds_total", "baz", "inner_eval",
        "quantile", "0.99")).v()).isEqualTo(4.35e-06);
  }

  @Test
  void clientSideTimestamp() {
    List<Sample> s = parse("node_exporter/textfile/client_side_timestamp/metrics.prom");
    assertThat(s.get(0).t().getAsLong()).isEqualTo(1441205977284L);
    assertThat(s.get(1).t()).isEmpty();
  }

  /**
   * What shared/bench/targets.py serves, rendered once and committed: {@code
   * seriesmodel.TargetModel(0, 500, seed=1)} (text) and {@code TargetModel(1, 200, seed=1,
   * om=True)}, each after {@code tick(15, 1700000000.0)}.
   */
  @Test
  void benchTargets() throws IOException {
    byte[] text = resource("targets-text-500.prom");
    List<Sample> s = ExpositionSamples.parse(new PromTextParser(), text);
    assertThat(s).hasSize(500);
    assertThat(s.getFirst().labels()).isEqualTo(
        Labels.of("__name__", "node_cpu_seconds_total", "cpu", "0", "mode", "idle"));
    byte[] om = resource("targets-om-200.om.txt");
    assertThat(ExpositionSamples.parse(new OpenMetricsParser(), om)).hasSize(200);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = ExpositionFixturesTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
