package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.storage.Appendable;
import io.hearth.tsdb.Db;
import io.hearth.tsdb.DbOptions;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole scrape's append, steady state: one operation is {@link ScrapeLoop#scrapeAndReport} of
 * one payload already in memory (no HTTP): parse, scrape-cache lookup by the raw series bytes,
 * head append of every sample, staleness bookkeeping, the synthetic {@code up}/{@code scrape_*}
 * series, and the commit (with {@code storage=db}, the WAL record written to a temp dir too).
 * The {@code samples} counter gives samples per second on one core; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} divided by the payload's samples is the allocation per sample.
 *
 * <p>Payloads: {@code node_exporter}, the e2e fixture (its values never change, so it measures
 * the best case for chunk encoding), and {@code targets}, 16 consecutive 1 s scrapes of one
 * 2,000-series target rendered by {@code shared/bench/seriesmodel.py} (a third of the values
 * change per scrape, as in the end-to-end bench), replayed in a cycle. Timestamps advance 1 s per
 * operation.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -jar jmh/target/benchmarks.jar ScrapeAppendBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ScrapeAppendBenchmark {
  private static final int TARGET_SCRAPES = 16;

  @Param({"node_exporter", "targets"})
  String payload;

  @Param({"head", "db"})
  String storage;

  private List<byte[]> payloads;
  private int samplesPerScrape;
  private Head head;
  private Db db;
  private Path dir;
  private ScrapeLoop loop;
  private CyclingFetcher fetcher;
  private long t;

  /** Samples appended, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long samples;
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    payloads = switch (payload) {
      case "node_exporter" ->
          List.of(Files.readAllBytes(shared().resolve("fixtures/exposition/node_exporter/e2e/e2e-output.txt")));
      case "targets" -> renderTargets();
      default -> throw new IllegalArgumentException("unknown payload, got " + payload);
    };
    Appendable app;
    if (storage.equals("db")) {
      dir = Files.createTempDirectory("hearth-scrape-bench");
      db = Db.open(dir, DbOptions.defaults());
      app = db;
    } else {
      head = new Head(HeadOptions.defaults(), new SymbolTable());
      app = head;
    }
    ScrapeConfig config =
        ConfigFile.parse(
                "scrape_configs:\n  - job_name: bench\n    scrape_interval: 1s\n    scrape_timeout: 1s\n",
                Path.of("."),
                "bench.yml")
            .scrapeConfigs()
            .getFirst();
    Target target =
        new Target(
            "bench",
            Labels.of("instance", "127.0.0.1:19100", "job", "bench"),
            Labels.of("__address__", "127.0.0.1:19100"),
            URI.create("http://127.0.0.1:19100/metrics"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            1);
    fetcher = new CyclingFetcher(payloads);
    SymbolTable symbols = db != null ? db.head().symbols() : head.symbols();
    loop = new ScrapeLoop(target, config, fetcher, app, symbols, 0, null);
    t = 1_700_000_000_000L;
    // First scrapes create the series and fill the cache; the measurement is the steady state.
    for (int i = 0; i < payloads.size(); i++) {
      loop.scrapeAndReport(t += 1000);
    }
    samplesPerScrape = countSamples(payloads.getFirst());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (db != null) {
      db.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } else {
      head.close();
    }
  }

  @Benchmark
  public void scrape(Counters c) {
    loop.scrapeAndReport(t += 1000);
    c.samples += samplesPerScrape;
  }

  /** Sample lines of a text payload (not comments or blank lines). */
  private static int countSamples(byte[] body) {
    int n = 0;
    boolean lineStart = true;
    for (byte b : body) {
      if (lineStart && b != '#' && b != '\n') {
        n++;
      }
      lineStart = b == '\n';
    }
    return n;
  }

  /** Renders consecutive scrapes of target 0 with the bench generator's own series model. */
  private static List<byte[]> renderTargets() throws IOException, InterruptedException {
    Path bench = shared().resolve("bench");
    String script =
        "import sys\n"
            + "sys.path.insert(0, sys.argv[1])\n"
            + "import seriesmodel\n"
            + "m = seriesmodel.TargetModel(0, 2000)\n"
            + "now = 1700000000.0\n"
            + "m.tick(0.0, now)\n"
            + "for k in range(int(sys.argv[2])):\n"
            + "    now += 1.0\n"
            + "    m.tick(1.0, now)\n"
            + "    sys.stdout.write(m.render())\n"
            + "    sys.stdout.write('\\0')\n";
    Process p =
        new ProcessBuilder("python3", "-c", script, bench.toString(), Integer.toString(TARGET_SCRAPES))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] all = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("rendering the targets.py payloads failed");
    }
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == 0) {
        out.add(java.util.Arrays.copyOfRange(all, from, i));
        from = i + 1;
      }
    }
    if (out.size() != TARGET_SCRAPES) {
      throw new IllegalStateException("want " + TARGET_SCRAPES + " payloads, got " + out.size());
    }
    String first = new String(out.getFirst(), StandardCharsets.UTF_8);
    if (!first.contains("node_cpu_seconds_total")) {
      throw new IllegalStateException("unexpected payload: " + first.substring(0, 200));
    }
    return out;
  }

  static Path shared() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/fixtures/exposition"))) {
        return d.resolve("shared");
      }
    }
    throw new IllegalStateException("no shared/fixtures/exposition above the working directory");
  }

  /** Serves the payloads in turn, as an HTTP fetcher would fill its buffer. */
  private static final class CyclingFetcher implements TargetFetcher {
    private final List<byte[]> payloads;
    private int next;
    private byte[] current;

    CyclingFetcher(List<byte[]> payloads) {
      this.payloads = payloads;
    }

    @Override
    public String fetch() {
      current = payloads.get(next);
      next = (next + 1) % payloads.size();
      return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public byte[] body() {
      return current;
    }

    @Override
    public int bodyLength() {
      return current.length;
    }
  }
}
