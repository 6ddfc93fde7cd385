package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.loop.Stored.Sample;
import io.hearth.scrape.parse.ExpositionSamples;
import io.hearth.scrape.parse.ScrapeProtocol;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scrapes Debian's real {@code prometheus-node-exporter} and {@code prometheus-pushgateway} on
 * loopback and checks what the TSDB holds against what they serve. {@code ./dev test} installs
 * both; without them these tests fail, saying so.
 */
class RealExportersTest {
  private static final Set<String> SYNTHETIC =
      Set.of(
          "up",
          "scrape_duration_seconds",
          "scrape_samples_scraped",
          "scrape_samples_post_metric_relabeling",
          "scrape_series_added");

  private final Head head = new Head(HeadOptions.defaults(), new SymbolTable());
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();
  private ScrapeManager manager;

  @TempDir Path dir;

  @AfterEach
  void stop() throws InterruptedException {
    if (manager != null) {
      manager.close();
    }
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    head.close();
  }

  /** The protocols a scrape may ask for: text only, or protobuf first. */
  enum Protocol {
    TEXT(List.of(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4)),
    DEFAULT(
        List.of(
            ScrapeProtocol.OPENMETRICS_TEXT_1_0_0,
            ScrapeProtocol.OPENMETRICS_TEXT_0_0_1,
            ScrapeProtocol.PROMETHEUS_TEXT_1_0_0,
            ScrapeProtocol.PROMETHEUS_TEXT_0_0_4)),
    PROTOBUF(List.of(ScrapeProtocol.PROMETHEUS_PROTO, ScrapeProtocol.PROMETHEUS_TEXT_0_0_4));

    final List<ScrapeProtocol> protocols;

    Protocol(List<ScrapeProtocol> protocols) {
      this.protocols = protocols;
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void nodeExporterSeriesAreStoredAsServed(Protocol protocol) throws Exception {
    int port = freePort();
    start(
        "prometheus-node-exporter",
        "--web.listen-address=127.0.0.1:" + port,
        // Collectors whose series come and go between two requests would make the comparison
        // race; these are steady.
        "--collector.disable-defaults",
        "--collector.cpu",
        "--collector.meminfo",
        "--collector.loadavg",
        "--collector.filesystem",
        "--collector.netdev",
        "--collector.uname",
        "--collector.time");
    String address = "127.0.0.1:" + port;
    awaitServing("http://" + address + "/metrics");

    TestConfig cfg = job("node", protocol);
    scrape(cfg, address);

    long t = awaitScrapes(2, "node");
    List<ExpositionSamples.Sample> served =
        ExpositionSamples.parseText(get("http://" + address + "/metrics"));
    Map<Labels, List<Sample>> stored = Stored.all(head);

    Set<String> want = new TreeSet<>();
    for (ExpositionSamples.Sample s : served) {
      want.add(withTarget(s.labels(), "node", address).toString());
    }
    Set<String> got = new TreeSet<>();
    stored.forEach(
        (labels, samples) -> {
          if (!SYNTHETIC.contains(labels.metricName()) && hasSampleAt(samples, t)) {
            got.add(labels.toString());
          }
        });
    assertThat(got).isEqualTo(want);
    assertThat(value(stored, "node_memory_MemTotal_bytes", t))
        .isEqualTo(servedValue(served, "node_memory_MemTotal_bytes"));
    assertThat(value(stored, "scrape_samples_scraped", t)).isEqualTo(served.size());
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void pushgatewayGroupsKeepTheirOwnJobAndInstanceWithHonorLabels(Protocol protocol)
      throws Exception {
    int port = freePort();
    start(
        "prometheus-pushgateway",
        "--web.listen-address=127.0.0.1:" + port,
        "--persistence.file=" + dir.resolve("pushgateway.db"));
    String address = "127.0.0.1:" + port;
    awaitServing("http://" + address + "/metrics");
    push(
        "http://" + address + "/metrics/job/batch/instance/worker-1",
        "# TYPE batch_processed_total counter\nbatch_processed_total{queue=\"a\"} 42\n"
            + "# TYPE batch_duration_seconds summary\n"
            + "batch_duration_seconds{quantile=\"0.5\"} 1.5\n"
            + "batch_duration_seconds_sum 3\nbatch_duration_seconds_count 2\n");

    TestConfig cfg = job("pushgateway", protocol);
    cfg.honorLabels = true;
    scrape(cfg, address);

    long t = awaitScrapes(2, "pushgateway");
    Map<Labels, List<Sample>> stored = Stored.all(head);
    Labels processed =
        Labels.of("__name__", "batch_processed_total", "instance", "worker-1", "job", "batch", "queue", "a");
    assertThat(stored.get(processed)).as("stored: %s", stored.keySet()).isNotNull();
    assertThat(stored.get(processed).get(stored.get(processed).size() - 1).v()).isEqualTo(42);
    // le/quantile values are normalised to float form as Prometheus 3 stores them.
    assertThat(stored)
        .containsKey(
            Labels.of(
                "__name__", "batch_duration_seconds",
                "instance", "worker-1",
                "job", "batch",
                "quantile", "0.5"));

    List<ExpositionSamples.Sample> served =
        ExpositionSamples.parseText(get("http://" + address + "/metrics"));
    Set<String> want = new TreeSet<>();
    for (ExpositionSamples.Sample s : served) {
      want.add(withHonoredTarget(s.labels(), "pushgateway", address).toString());
    }
    Set<String> got = new TreeSet<>();
    stored.forEach(
        (labels, samples) -> {
          if (!SYNTHETIC.contains(labels.metricName()) && hasSampleAt(samples, t)) {
            got.add(labels.toString());
          }
        });
    assertThat(got).isEqualTo(want);
  }

  private TestConfig job(String name, Protocol protocol) {
    TestConfig cfg = new TestConfig();
    cfg.job = name;
    cfg.interval = Duration.ofMillis(500);
    cfg.timeout = Duration.ofMillis(500);
    cfg.protocols = protocol.protocols;
    return cfg;
  }

  private void scrape(TestConfig cfg, String address) {
    manager = new ScrapeManager(head, head.symbols(), 0);
    manager.applyConfig(List.of(cfg.build()));
    manager.updateTargets(
        Map.of(cfg.job, List.of(new TargetGroup("0", List.of(Labels.of("__address__", address)), Labels.EMPTY))));
  }

  /** Waits for {@code n} successful scrapes of the job; returns the last one's timestamp. */
  private long awaitScrapes(int n, String job) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (var e : Stored.all(head).entrySet()) {
        if (e.getKey().metricName().equals("up") && e.getKey().get("job").equals(job)) {
          List<Sample> up = e.getValue();
          if (up.size() >= n && up.get(up.size() - 1).v() == 1) {
            return up.get(up.size() - 1).t();
          }
          if (!up.isEmpty() && up.get(up.size() - 1).v() == 0) {
            throw new AssertionError(
                "scrape failed: " + manager.allActiveTargets().get(0).lastError());
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + n + " successful scrapes of " + job + " within 30 s");
  }

  private static boolean hasSampleAt(List<Sample> samples, long t) {
    for (Sample s : samples) {
      if (s.t() == t && !s.stale()) {
        return true;
      }
    }
    return false;
  }

  private static double value(Map<Labels, List<Sample>> stored, String name, long t) {
    for (var e : stored.entrySet()) {
      if (e.getKey().metricName().equals(name)) {
        for (Sample s : e.getValue()) {
          if (s.t() == t) {
            return s.v();
          }
        }
      }
    }
    throw new AssertionError("no " + name + " at " + t);
  }

  private static double servedValue(List<ExpositionSamples.Sample> served, String name) {
    for (ExpositionSamples.Sample s : served) {
      if (s.labels().metricName().equals(name)) {
        return s.v();
      }
    }
    throw new AssertionError("not served: " + name);
  }

  /** The exposed labels plus the target's, the target winning as with honor_labels: false. */
  private static Labels withTarget(Labels exposed, String job, String instance) {
    return SampleLabels.mutate(
        exposed, Labels.of("instance", instance, "job", job), false, List.of(), null);
  }

  private static Labels withHonoredTarget(Labels exposed, String job, String instance) {
    return SampleLabels.mutate(
        exposed, Labels.of("instance", instance, "job", job), true, List.of(), null);
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/plain;version=0.0.4")
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private void push(String url, String body) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain; version=0.0.4")
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
  }

  private void start(String... command) throws IOException {
    String exe = command[0];
    if (!onPath(exe)) {
      throw new AssertionError(
          exe + " is not installed: ./dev test installs it (apt-get install " + exe + ")");
    }
    Path log = dir.resolve(exe + ".log");
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private void awaitServing(String url) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        get(url);
        return;
      } catch (IOException | AssertionError e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError(url + " not serving within 20 s");
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
