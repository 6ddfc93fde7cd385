package io.hearth.scrape.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.DiscoveryManager;
import io.hearth.scrape.loop.ScrapeManager;
import io.hearth.scrape.loop.Target;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.StaleMarker;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential check of scraping: one prometheus.yml, run through Debian's real
 * Prometheus and through Hearth (config loading, discovery, relabeling, scrape loops, the head),
 * must yield the same targets and the same series label sets. Both scrape the same loopback
 * targets: real-world payloads served by this test, and a real {@code prometheus-node-exporter}.
 * Prometheus's answers pass through {@link KnownDifference} only; every other difference fails.
 * {@code ./dev test} installs both binaries; without them this test fails, saying so.
 */
class ScrapeDifferentialTest {
  /** How many targets the config below leaves active (the rest are dropped by relabeling). */
  private static final int ACTIVE_TARGETS = 9;

  /** The jobs of {@link #CONFIG} with {@code relabel_configs}. */
  private static final Set<String> RELABELING_JOBS = Set.of("node-fixture", "file-sd", "probe");

  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Three targets the file_sd job's relabeling drops: by dropequal, keepequal and keep. The
   * node-fixture job drops a fourth.
   */
  private static final String FILE_SD =
      """
      [
        {"targets": ["%1$s"], "labels": {"__metrics_path__": "/kubelet", "rack": "r1",
          "__meta_rack_expect": "r1", "__meta_primary": "a", "__meta_secondary": "b",
          "__meta_zone": "eu-1", "junk": "x"}},
        {"targets": ["%1$s"], "labels": {"__metrics_path__": "/summary", "rack": "r2",
          "__meta_rack_expect": "r2", "__meta_primary": "a", "__meta_secondary": "c",
          "__meta_zone": "eu-2", "__scrape_interval__": "2s"}},
        {"targets": ["%1$s"], "labels": {"__metrics_path__": "/same", "rack": "r3",
          "__meta_rack_expect": "r3", "__meta_primary": "z", "__meta_secondary": "z"}},
        {"targets": ["%1$s"], "labels": {"__metrics_path__": "/elsewhere", "rack": "r4",
          "__meta_rack_expect": "r5", "__meta_primary": "a", "__meta_secondary": "b"}},
        {"targets": ["%1$s"], "labels": {"__metrics_path__": "/unracked", "rack": "x9",
          "__meta_rack_expect": "x9", "__meta_primary": "a", "__meta_secondary": "b"}}
      ]
      """;

  /**
   * Uses only what Prometheus 2.42 also accepts (lowercase/uppercase arrived in 2.36,
   * keepequal/dropequal in 2.41). %1$s is the payload server, %2$s the node exporter, %3$s the
   * file_sd file.
   */
  private static final String CONFIG =
      """
      global:
        scrape_interval: 1s
        scrape_timeout: 1s
      scrape_configs:
        - job_name: node-fixture
          metrics_path: /node
          static_configs:
            - targets: ['%1$s']
              labels: {env: Prod, team: infra}
            - targets: ['127.0.0.1:9']
              labels: {env: decommissioned}
          relabel_configs:
            - source_labels: [env]
              regex: decommissioned
              action: drop
            - source_labels: [__address__]
              regex: '(.+):(\\d+)'
              target_label: port
              replacement: '$2'
            - source_labels: [env, team]
              separator: /
              regex: '(.+)/(.+)'
              target_label: owner
              replacement: '${2}_of_${1}'
            - source_labels: [env]
              target_label: env
              action: lowercase
            - source_labels: [team]
              target_label: team_upper
              action: uppercase
          metric_relabel_configs:
            - source_labels: [__name__]
              regex: 'node_cpu_guest_seconds_total|node_vmstat_.*'
              action: drop
            - source_labels: [__name__]
              regex: 'node_load(1|5|15)'
              target_label: __name__
              replacement: 'load_average_${1}m'
        - job_name: cadvisor
          metrics_path: /cadvisor
          # The payload's own timestamps are from 2014: both servers would reject every sample
          # as too old and store nothing worth comparing.
          honor_timestamps: false
          static_configs:
            - targets: ['%1$s']
        - job_name: file-sd
          file_sd_configs:
            - files: ['%3$s']
              refresh_interval: 1m
          relabel_configs:
            - source_labels: [__meta_primary]
              target_label: __meta_secondary
              action: dropequal
            - source_labels: [rack]
              target_label: __meta_rack_expect
              action: keepequal
            - source_labels: [rack]
              regex: 'r[0-9]+'
              action: keep
            - regex: '__meta_(zone|primary)'
              replacement: 'sd_$1'
              action: labelmap
            - source_labels: [__address__, __metrics_path__]
              modulus: 8
              target_label: __tmp_shard
              action: hashmod
            - source_labels: [__tmp_shard]
              target_label: shard
            - regex: sd_primary
              action: labeldrop
            - regex: '__.*|job|instance|rack|shard|sd_zone'
              action: labelkeep
          metric_relabel_configs:
            - source_labels: [baz]
              regex: 'result_(.*)'
              target_label: stage
              replacement: '${1}_stage'
            - source_labels: [image_size_in_bytes]
              regex: '0-10MB'
              action: drop
        - job_name: clash-false
          metrics_path: /clash
          static_configs:
            - targets: ['%1$s']
              labels: {env: target}
        - job_name: clash-true
          honor_labels: true
          metrics_path: /clash
          static_configs:
            - targets: ['%1$s']
              labels: {env: target}
        - job_name: probe
          metrics_path: /probe
          params:
            module: [http_2xx]
          static_configs:
            - targets: ['host-a.example:80', 'host-b.example']
          relabel_configs:
            - source_labels: [__address__]
              target_label: __param_target
            - source_labels: [__param_target]
              target_label: instance
            - target_label: __address__
              replacement: '%1$s'
        - job_name: node-exporter
          static_configs:
            - targets: ['%2$s']
      """;

  /** Exposed labels that collide with the target's: job, instance, env, and exported_job too. */
  private static final String CLASH =
      """
      # TYPE clash gauge
      clash{job="exposed-job",instance="exposed-instance",env="payload"} 1
      clash{job="exposed-job",exported_job="already",other="x"} 2
      clash{job="",other="empty-job"} 3
      """;

  private final List<AutoCloseable> running = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @AfterEach
  void stopAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // keep stopping the rest
      }
    }
  }

  @Test
  void prometheusAndHearthScrapeTheSameConfigIntoTheSameTargetsAndSeries() throws Exception {
    PrometheusProcess.binary(); // fails first, and clearly, when Prometheus is missing
    Path fixtures = fixtures();
    String payloads = servePayloads(fixtures);
    String nodeExporter = startNodeExporter();
    Path fileSd = dir.resolve("targets.json");
    Files.writeString(fileSd, FILE_SD.formatted(payloads));
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, CONFIG.formatted(payloads, nodeExporter, fileSd));
    long startMs = System.currentTimeMillis();

    PrometheusProcess prometheus = PrometheusProcess.start(config, dir, freePort(), WAIT);
    running.add(prometheus);
    Head head = new Head(HeadOptions.defaults(), new SymbolTable());
    running.add(head);
    ScrapeManager scrapes = startHearth(config, head);

    Observed hearth = hearth(scrapes, head);
    Observed reference = prometheus(prometheus, startMs);
    KnownDifference.Context context =
        new KnownDifference.Context(prometheus.version, metricTypes(prometheus), RELABELING_JOBS);
    Set<KnownDifference> idle = new TreeSet<>();
    reference = KnownDifference.normalise(reference, context, idle);
    hearth = KnownDifference.mask(hearth, context);

    assertSame("active targets", reference.active(), hearth.active());
    assertSame("dropped targets", reference.dropped(), hearth.dropped());
    assertSame("series", reference.series(), hearth.series());
    assertThat(idle)
        .as("known differences that apply to Prometheus %s but did not occur", prometheus.version)
        .isEmpty();
    // The comparison means something only if the interesting cases were scraped at all.
    assertThat(hearth.series().stream().map(s -> s.get("__name__")))
        .contains(
            "node_memory_MemTotal_bytes",
            "container_cpu_cfs_periods_total",
            "kubelet_image_pull_duration_seconds_bucket",
            "event_duration_seconds_total",
            "load_average_1m",
            "clash",
            "probe_success",
            "go_goroutines");
  }

  /** Loads the config as Hearth's server does and wires discovery into the scrape manager. */
  private ScrapeManager startHearth(Path config, Head head) {
    ConfigFile cfg = ConfigFile.load(config);
    ScrapeManager scrapes = new ScrapeManager(head, 0);
    running.add(scrapes);
    scrapes.applyConfig(cfg.scrapeConfigs());
    DiscoveryManager discovery = new DiscoveryManager(scrapes::updateTargets);
    running.add(discovery);
    Map<String, List<DiscoveryConfig>> byJob = new LinkedHashMap<>();
    for (ScrapeConfig c : cfg.scrapeConfigs()) {
      byJob.put(c.jobName(), c.discoveryConfigs());
    }
    discovery.apply(byJob);
    return scrapes;
  }

  private Observed hearth(ScrapeManager scrapes, Head head) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (upTwice(head) < ACTIVE_TARGETS) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Hearth: not all " + ACTIVE_TARGETS + " targets scraped twice within " + WAIT + ": "
                + describe(scrapes.allActiveTargets()));
      }
      Thread.sleep(50);
    }
    Set<Observed.Active> active = new HashSet<>();
    scrapes.activeTargets().forEach((pool, targets) -> {
      for (Target t : targets) {
        active.add(new Observed.Active(pool, t.url().toString(), map(t.labels()),
            map(t.discoveredLabels()), t.health().text()));
      }
    });
    Set<Observed.Dropped> dropped = new HashSet<>();
    scrapes.droppedTargets().forEach((pool, targets) -> {
      for (Target t : targets) {
        dropped.add(new Observed.Dropped(pool, map(t.discoveredLabels())));
      }
    });
    Set<SortedMap<String, String>> series = new HashSet<>();
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, Matcher.regex(Labels.METRIC_NAME, ".+"));
      while (set.next()) {
        series.add(map(set.at().labels()));
      }
    }
    return new Observed(active, dropped, series);
  }

  /** How many {@code up} series have at least two successful scrapes. */
  private static int upTwice(Head head) {
    int n = 0;
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, Matcher.equal(Labels.METRIC_NAME, "up"));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        int ok = 0;
        while (it.next() != ValueType.NONE) {
          if (!StaleMarker.isStale(it.v()) && it.v() == 1) {
            ok++;
          }
        }
        if (ok >= 2) {
          n++;
        }
      }
    }
    return n;
  }

  private static String describe(List<Target> targets) {
    StringBuilder b = new StringBuilder();
    for (Target t : targets) {
      b.append("\n  ").append(t.url()).append(' ').append(t.health().text()).append(' ')
          .append(t.lastError());
    }
    return b.toString();
  }

  private static Observed prometheus(PrometheusProcess p, long startMs) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode upTwice = p.api("/api/v1/query", "query", "sum_over_time(up[1m]) >= 2");
      int active = p.api("/api/v1/targets").path("activeTargets").size();
      if (upTwice.path("result").size() == ACTIVE_TARGETS && active == ACTIVE_TARGETS) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Prometheus: not all " + ACTIVE_TARGETS + " targets scraped twice within " + WAIT
                + ": " + p.api("/api/v1/targets") + "\n" + p.log());
      }
      Thread.sleep(200);
    }
    JsonNode targets = p.api("/api/v1/targets");
    Set<Observed.Active> active = new HashSet<>();
    for (JsonNode t : targets.path("activeTargets")) {
      active.add(new Observed.Active(t.path("scrapePool").asText(), t.path("scrapeUrl").asText(),
          map(t.path("labels")), map(t.path("discoveredLabels")), t.path("health").asText()));
    }
    Set<Observed.Dropped> dropped = new HashSet<>();
    for (JsonNode t : targets.path("droppedTargets")) {
      // Older versions do not name the pool; KnownDifference fills it in.
      dropped.add(new Observed.Dropped(t.path("scrapePool").asText(null), map(t.path("discoveredLabels"))));
    }
    Set<SortedMap<String, String>> series = new HashSet<>();
    JsonNode found = p.api("/api/v1/series", "match[]", "{__name__=~\".+\"}",
        "start", Long.toString(startMs / 1000 - 60),
        "end", Long.toString(System.currentTimeMillis() / 1000 + 60));
    for (JsonNode s : found) {
      series.add(map(s));
    }
    return new Observed(active, dropped, series);
  }

  /** Metric family name to the types Prometheus's metadata API gives it. */
  private static Map<String, Set<String>> metricTypes(PrometheusProcess p) throws Exception {
    Map<String, Set<String>> types = new HashMap<>();
    p.api("/api/v1/metadata").properties().forEach(e -> {
      for (JsonNode m : e.getValue()) {
        types.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(m.path("type").asText());
      }
    });
    return types;
  }

  /** Fails listing what only one side has, rather than two thousand-line sets. */
  private static <T> void assertSame(String what, Set<T> prometheus, Set<T> hearth) {
    List<String> onlyPrometheus = new ArrayList<>();
    for (T t : prometheus) {
      if (!hearth.contains(t)) {
        onlyPrometheus.add(t.toString());
      }
    }
    List<String> onlyHearth = new ArrayList<>();
    for (T t : hearth) {
      if (!prometheus.contains(t)) {
        onlyHearth.add(t.toString());
      }
    }
    assertThat(onlyPrometheus.isEmpty() && onlyHearth.isEmpty())
        .as("%s differ (%d vs %d)%nonly in Prometheus:%n  %s%nonly in Hearth:%n  %s", what,
            prometheus.size(), hearth.size(), String.join("\n  ", onlyPrometheus),
            String.join("\n  ", onlyHearth))
        .isTrue();
    assertThat(hearth).as(what).isNotEmpty();
  }

  private static SortedMap<String, String> map(Labels l) {
    SortedMap<String, String> m = new TreeMap<>();
    l.forEach(m::put);
    return m;
  }

  private static SortedMap<String, String> map(JsonNode labels) {
    SortedMap<String, String> m = new TreeMap<>();
    labels.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  /**
   * Serves the fixture payloads, as text 0.0.4, on 127.0.0.1; returns its host:port. {@code
   * /probe} answers with the query parameters it was sent, so the scrape URL shows in the series.
   */
  private String servePayloads(Path fixtures) throws IOException {
    Map<String, String> bodies = new HashMap<>();
    bodies.put("/node", Files.readString(fixtures.resolve("node_exporter/e2e/e2e-output.txt")));
    bodies.put("/cadvisor", Files.readString(fixtures.resolve("cadvisor/prometheus_metrics")));
    bodies.put("/kubelet", Files.readString(fixtures.resolve("kubelet/image_pull_duration_metric")));
    bodies.put("/summary", Files.readString(fixtures.resolve("node_exporter/textfile/summary/metrics.prom")));
    bodies.put("/clash", CLASH);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      String body = path.equals("/probe") ? probe(ex) : bodies.get(path);
      respond(ex, body);
    });
    server.start();
    running.add(() -> server.stop(0));
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private static String probe(HttpExchange ex) {
    Map<String, String> params = new TreeMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    for (String kv : raw == null ? new String[0] : raw.split("&")) {
      int eq = kv.indexOf('=');
      params.put(java.net.URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return "# TYPE probe_success gauge\nprobe_success{module=\"" + params.get("module")
        + "\",probed=\"" + params.get("target") + "\"} 1\n";
  }

  private static void respond(HttpExchange ex, String body) throws IOException {
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    ex.sendResponseHeaders(body == null ? 404 : 200, b.length == 0 ? -1 : b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  /** Debian's node exporter with steady collectors only, so both servers see the same series. */
  private String startNodeExporter() throws Exception {
    String exe = "prometheus-node-exporter";
    Path bin = null;
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
        bin = Path.of(d, exe);
      }
    }
    if (bin == null) {
      throw new AssertionError(exe + " is not installed: ./dev test installs it (apt-get install " + exe + ")");
    }
    String address = "127.0.0.1:" + freePort();
    Process p = new ProcessBuilder(bin.toString(), "--web.listen-address=" + address,
            "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo",
            "--collector.loadavg", "--collector.uname", "--collector.time")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("node-exporter.log").toFile())
        .start();
    running.add(() -> {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    });
    long deadline = System.nanoTime() + 10_000_000_000L;
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
        .timeout(Duration.ofSeconds(2)).build();
    while (true) {
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return address;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(exe + " not serving within 10 s: " + Files.readString(dir.resolve("node-exporter.log")));
      }
      Thread.sleep(50);
    }
  }

  /** shared/fixtures/exposition, found by walking up from the working directory. */
  private static Path fixtures() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("shared/fixtures/exposition");
      if (Files.isDirectory(f)) {
        return f;
      }
    }
    throw new UncheckedIOException(new IOException("no shared/fixtures/exposition above " + Path.of("").toAbsolutePath()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
