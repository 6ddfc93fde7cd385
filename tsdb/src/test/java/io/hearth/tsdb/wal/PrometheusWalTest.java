package io.hearth.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.tsdb.record.RecordDecoder;
import io.hearth.tsdb.record.RecordEncoder;
import io.hearth.tsdb.record.RecordType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a WAL written by a real Prometheus (Debian's 2.42, at {@code /usr/bin/prometheus}; {@code
 * ./dev test} installs it): Prometheus scrapes itself every second, is killed with SIGKILL, and its
 * {@code wal/} must decode into series and samples.
 */
class PrometheusWalTest {
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final long DEADLINE_MILLIS = 20_000;
  static final int WANT_SCRAPES = 3;

  @TempDir Path tmp;

  /** What a pass over the WAL found. */
  static final class Contents {
    final Map<Long, Labels> series = new HashMap<>();
    final Map<Long, List<long[]>> samples = new HashMap<>(); // ref -> (t, raw value bits)
    final Map<RecordType, Integer> types = new EnumMap<>(RecordType.class);
    int compressedRecords;
    CorruptWalException tail;

    long upRef(String instance) {
      for (Map.Entry<Long, Labels> e : series.entrySet()) {
        Labels ls = e.getValue();
        if (ls.metricName().equals("up") && ls.get("job").equals("self") && ls.get("instance").equals(instance)) {
          return e.getKey();
        }
      }
      return -1;
    }

    List<long[]> samplesOf(long ref) {
      return samples.getOrDefault(ref, List.of());
    }
  }

  private static Contents read(Path wal) throws IOException {
    Contents c = new Contents();
    RecordDecoder dec = new RecordDecoder(new SymbolTable());
    try (WalReader r = WalReader.open(wal)) {
      while (r.next()) {
        byte[] rec = r.record();
        int len = r.recordLength();
        RecordType type = RecordDecoder.type(rec, 0, len);
        c.types.merge(type, 1, Integer::sum);
        if (r.isCompressed()) {
          c.compressedRecords++;
        }
        switch (type) {
          case SERIES -> dec.series(rec, 0, len, c.series::put);
          case SAMPLES ->
              dec.samples(rec, 0, len, (ref, t, v) -> c.samples.computeIfAbsent(ref, k -> new ArrayList<>()).add(new long[] {t, Double.doubleToRawLongBits(v)}));
          default -> {}
        }
      }
    } catch (CorruptWalException e) {
      c.tail = e; // Prometheus may be writing right now, or may have been killed between two page writes
    }
    return c;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void readsTheWalOfARealPrometheus() throws Exception {
    assertThat(PROMETHEUS).as("Debian's prometheus package (apt-get install prometheus)").isExecutable();
    int port = freePort();
    String instance = "127.0.0.1:" + port;
    Path config = tmp.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: self
            static_configs:
              - targets: ['%s']
        """
            .formatted(instance));
    Path data = tmp.resolve("data");
    Path wal = data.resolve("wal");
    Path log = tmp.resolve("prometheus.log");
    Process p = start(config, data, instance, log);
    Contents live = null;
    try {
      long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
      while (System.currentTimeMillis() < deadline && p.isAlive()) {
        Thread.sleep(500);
        if (Files.isDirectory(wal)) {
          live = read(wal);
          if (live.samplesOf(live.upRef(instance)).size() >= WANT_SCRAPES) {
            break;
          }
        }
      }
    } finally {
      p.destroyForcibly(); // SIGKILL: the crash the WAL exists for
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (live == null || live.samplesOf(live.upRef(instance)).size() < WANT_SCRAPES) {
      fail("Prometheus did not log " + WANT_SCRAPES + " scrapes within " + DEADLINE_MILLIS + " ms; its log:\n" + tail(log));
    }

    Contents c = read(wal);
    System.out.printf(
        "PrometheusWalTest: %d series, samples for %d refs, record types %s, %d compressed, tail %s%n",
        c.series.size(), c.samples.size(), c.types, c.compressedRecords, c.tail == null ? "clean" : c.tail.getMessage());
    if (c.tail != null) {
      // A kill between two page writes of one record tears it; that may only happen at the very end.
      assertThat(c.tail.segment()).as("torn tail: %s", c.tail.getMessage()).isEqualTo(SegmentFiles.list(wal)[SegmentFiles.list(wal).length - 1]);
    }
    assertThat(c.types).containsKeys(RecordType.SERIES, RecordType.SAMPLES);
    assertThat(c.compressedRecords).as("records snappy-compressed by Prometheus").isPositive();
    long up = c.upRef(instance);
    assertThat(up).as("series up{job=\"self\", instance=\"%s\"} among %s", instance, c.series.values()).isPositive();
    List<long[]> upSamples = c.samplesOf(up);
    assertThat(upSamples).hasSizeGreaterThanOrEqualTo(WANT_SCRAPES);
    for (int i = 0; i < upSamples.size(); i++) {
      assertThat(Double.longBitsToDouble(upSamples.get(i)[1])).isEqualTo(1.0);
      if (i > 0) {
        assertThat(upSamples.get(i)[0] - upSamples.get(i - 1)[0]).as("scrape interval in ms").isBetween(500L, 1500L);
      }
    }
    // Every sample belongs to a series logged before it; Prometheus's self-scrape has hundreds.
    assertThat(c.series.keySet()).containsAll(c.samples.keySet());
    assertThat(c.series.size()).isGreaterThan(100);
    assertThat(c.series.values()).anyMatch(ls -> ls.metricName().equals("prometheus_build_info") && ls.get("version").startsWith("2."));
  }

  /** The other direction: a real Prometheus replays a WAL that Hearth wrote. */
  @Test
  void prometheusReplaysAWalWeWrote() throws Exception {
    assertThat(PROMETHEUS).as("Debian's prometheus package (apt-get install prometheus)").isExecutable();
    Path data = tmp.resolve("data");
    int n = 2000;
    long now = System.currentTimeMillis();
    long[] refs = new long[n];
    Labels[] labels = new Labels[n];
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      refs[i] = i + 1;
      // Long values make the series record span many pages, so Prometheus has to join fragments.
      labels[i] = Labels.of("__name__", "hearth_wal_test", "i", Integer.toString(i), "pad", "x".repeat(100) + i);
      ts[i] = now - 10_000 + i;
      vs[i] = i;
    }
    RecordEncoder series = new RecordEncoder();
    RecordEncoder samples = new RecordEncoder();
    try (Wal w = Wal.open(data.resolve("wal"), WalOptions.defaults())) {
      w.log(series.series(refs, labels, n / 2), samples.samples(refs, ts, vs, n / 2));
    }
    // The second half uncompressed, in the next segment.
    long[] refs2 = Arrays.copyOfRange(refs, n / 2, n);
    try (Wal w = Wal.open(data.resolve("wal"), WalOptions.defaults().withCompress(false))) {
      w.log(series.series(refs2, Arrays.copyOfRange(labels, n / 2, n), n / 2));
      w.log(samples.samples(refs2, Arrays.copyOfRange(ts, n / 2, n), Arrays.copyOfRange(vs, n / 2, n), n / 2));
    }
    Path config = tmp.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs: []\n");
    String address = "127.0.0.1:" + freePort();
    Path log = tmp.resolve("prometheus.log");
    Process p = start(config, data, address, log);
    try (HttpClient http = HttpClient.newHttpClient()) {
      String query = "http://" + address + "/api/v1/query?query=" + URLEncoder.encode("count(hearth_wal_test) * 1e9 + sum(hearth_wal_test)", StandardCharsets.UTF_8);
      String body = null;
      long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
      while (System.currentTimeMillis() < deadline && p.isAlive()) {
        try {
          var resp = http.send(HttpRequest.newBuilder(URI.create(query)).build(), HttpResponse.BodyHandlers.ofString());
          if (resp.statusCode() == 200) {
            body = resp.body();
            break;
          }
        } catch (IOException notYetListening) {
          // retry
        }
        Thread.sleep(200);
      }
      assertThat(body).as("query answer; Prometheus log:\n%s", tail(log)).isNotNull();
      // 2000 series, and values 0..1999 summing to 1999000.
      assertThat(body).as("Prometheus log:\n%s", tail(log)).contains("\"2000001999000\"");
      assertThat(Files.readString(log)).doesNotContain("corrupt").doesNotContain("repair");
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Process start(Path config, Path data, String address, Path log) throws IOException {
    return new ProcessBuilder(
            PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data, "--web.listen-address=" + address)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.substring(Math.max(0, s.length() - 4000));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
