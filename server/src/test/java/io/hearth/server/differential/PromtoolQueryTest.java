package io.hearth.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.testdata.OpenMetricsLoader;
import io.hearth.promql.testdata.PrometheusProcess;
import io.hearth.server.NoScrapes;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's {@code promtool query instant}, {@code range}, {@code series} and {@code labels}
 * pointed at Hearth print exactly what they print against a real Prometheus holding the same
 * data: the same series, values and
 * timestamps in promtool's own text and JSON output formats, and the same failure for a bad
 * query. The data and times are {@link ApiDifferentialTest}'s, chosen clear of 2.42-vs-3.x
 * differences.
 *
 * <p>An instant vector's series order is normalised: Prometheus leaves it to the index, and the
 * reference Prometheus reads this data from backfilled blocks (label order) while Hearth's head
 * keeps creation order. String results are left out: promtool 2.42 cannot print them.
 */
class PromtoolQueryTest {
  private static PrometheusProcess prometheus;
  private static Server hearth;
  private static URI hearthBase;

  @BeforeAll
  static void setUp() throws Exception {
    assertThat(PrometheusProcess.available()).as("prometheus and promtool on the PATH (apt-get install prometheus)")
        .isTrue();
    Path work = Path.of("target", "promtool-query").toAbsolutePath();
    PrometheusProcess.deleteTree(work);
    Files.createDirectories(work);
    Path om = work.resolve("api.om");
    Files.writeString(om, ApiDifferentialTest.dataset());
    prometheus = PrometheusProcess.start(om, work.resolve("prometheus"), Duration.ofSeconds(60));
    hearth = Server.start(new Server.Config(work.resolve("hearth"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 4, NoScrapes.file(work)));
    OpenMetricsLoader.load(om, hearth.db().head());
    hearthBase = URI.create("http://127.0.0.1:" + hearth.address().getPort());
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    if (hearth != null) {
      hearth.close();
    }
  }

  record Run(int exit, String stdout) {}

  @Test
  void instantQueriesPrintAsAgainstPrometheus() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (String format : List.of("promql", "json")) {
      for (String q : List.of("api_requests_total", "sum by (job) (rate(api_requests_total[5m]))", "api_gauge",
          "api_escapes", "1 + 1", "api_requests_total[1m]", "nonexistent")) {
        compare(mismatches, "-o", format, "instant", "--time=" + ApiDifferentialTest.T1, "{server}", q);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void rangeQueriesPrintAsAgainstPrometheus() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (String format : List.of("promql", "json")) {
      for (String q : List.of("api_requests_total", "rate(api_requests_total[5m])", "api_gauge{kind=\"frac\"} / 7",
          "time()")) {
        compare(mismatches, "-o", format, "range", "--start=" + ApiDifferentialTest.RANGE_START,
            "--end=" + ApiDifferentialTest.RANGE_END, "--step=1m", "{server}", q);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void seriesAndLabelValuesPrintAsAgainstPrometheus() throws Exception {
    List<String> mismatches = new ArrayList<>();
    String start = "--start=" + ApiDifferentialTest.RANGE_START;
    String end = "--end=" + ApiDifferentialTest.RANGE_END;
    compare(mismatches, "series", "--match=api_gauge", "{server}");
    compare(mismatches, "series", "--match=api_gauge", "--match={job=\"j\"}", start, end, "{server}");
    compare(mismatches, "series", "--match={__name__=~\"api_.*\",kind!=\"tiny\"}", "{server}");
    compare(mismatches, "labels", "{server}", "job");
    compare(mismatches, "labels", "{server}", "__name__");
    compare(mismatches, "labels", "--match=api_gauge", start, end, "{server}", "kind");
    compare(mismatches, "labels", "{server}", "nonexistent");
    assertThat(mismatches).isEmpty();
  }

  @Test
  void aBadQueryFailsAsAgainstPrometheus() throws Exception {
    Run want = promtool(prometheus.base(), "instant", "--time=" + ApiDifferentialTest.T1, "{server}", "sum(");
    Run got = promtool(hearthBase, "instant", "--time=" + ApiDifferentialTest.T1, "{server}", "sum(");
    assertThat(got.exit()).isEqualTo(want.exit()).isNotZero();
    assertThat(got.stdout()).isEqualTo(want.stdout()).contains("bad_data");
  }

  private static void compare(List<String> mismatches, String... args) throws Exception {
    Run want = promtool(prometheus.base(), args);
    Run got = promtool(hearthBase, args);
    if (!want.equals(got)) {
      mismatches.add(String.join(" ", args) + "\n  prometheus: " + want + "\n  hearth:     " + got);
    }
    if (want.exit() != 0) {
      mismatches.add(String.join(" ", args) + ": promtool failed against Prometheus too: " + want);
    }
  }

  /** promtool's output with an instant vector's series sorted: its lines, or its JSON array's elements. */
  private static String vectorOrderNormalised(String out) {
    if (out.startsWith("[{\"metric\"") && out.contains("\"value\":")) {
      List<String> elements = new ArrayList<>(List.of(out.strip().substring(1, out.strip().length() - 1)
          .split("(?<=\\]}),(?=\\{\"metric\")")));
      elements.sort(null);
      return "[" + String.join(",", elements) + "]";
    }
    if ((out.contains(" => ") && !out.contains("\n  ")) || out.startsWith("{")) {
      List<String> lines = new ArrayList<>(out.lines().toList());
      lines.sort(null);
      return String.join("\n", lines);
    }
    return out;
  }

  /** Runs {@code promtool query ARGS} with {@code {server}} replaced; stdout and stderr together. */
  private static Run promtool(URI server, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("promtool", "query"));
    for (String a : args) {
      cmd.add(a.equals("{server}") ? server.toString() : a);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("promtool did not finish: " + cmd);
    }
    return new Run(p.exitValue(), vectorOrderNormalised(new String(out, StandardCharsets.UTF_8)));
  }
}
