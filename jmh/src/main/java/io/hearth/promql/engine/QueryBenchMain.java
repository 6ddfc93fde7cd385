package io.hearth.promql.engine;

import io.hearth.promql.PromqlException;
import io.hearth.promql.testdata.OpenMetricsLoader;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import io.hearth.labels.SymbolTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Hearth's column of {@code jmh/scripts/query_side_by_side.sh}: loads an OpenMetrics file into a
 * head and times {@code query_bench.py}'s query set as that script does (one warm-up, then
 * {@code --repeat} timed runs, median), in process: parse, evaluate and build the result, with no
 * HTTP or JSON. Writes query_bench.py's JSON shape (name, query, kind, median/min/max ms, series,
 * points, sum of finite values) so one table script reads all three sides.
 *
 * <pre>
 * java -Xmx8g --enable-native-access=ALL-UNNAMED -cp jmh/target/benchmarks.jar \
 *   io.hearth.promql.engine.QueryBenchMain --om FILE.om --end 1795309200 [--hours 6] [--repeat 7]
 *   [--copies 1] [--warmup-rounds 3] [--warmup-seconds 2] [--json out.json]
 * </pre>
 *
 * {@code --warmup-rounds} passes over the whole set run first, untimed, so the JIT has compiled
 * the engine before the first query's own warm-up, as it would have in a server that has been up
 * for a while (Prometheus and VictoriaMetrics are compiled ahead of time and need no such pass).
 * Then each query runs untimed for {@code --warmup-seconds} (at most 500 times) before its timed
 * runs: a few passes leave the hot loops in the JIT's first tier, and a long-running server's
 * queries run in its last.
 */
public final class QueryBenchMain {
  private QueryBenchMain() {}

  public static void main(String[] args) throws IOException {
    Path om = null;
    Path json = null;
    long end = DashboardQueries.END;
    int hours = DashboardQueries.HOURS;
    int repeat = 7;
    int copies = 1;
    int warmupRounds = 3;
    double warmupSeconds = 2;
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--om" -> om = Path.of(v);
        case "--json" -> json = Path.of(v);
        case "--end" -> end = Long.parseLong(v);
        case "--hours" -> hours = Integer.parseInt(v);
        case "--repeat" -> repeat = Integer.parseInt(v);
        case "--copies" -> copies = Integer.parseInt(v);
        case "--warmup-rounds" -> warmupRounds = Integer.parseInt(v);
        case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      i++;
    }
    if (om == null) {
      throw new IllegalArgumentException("--om FILE is required");
    }
    Engine engine = new Engine(EngineOptions.defaults());
    List<DashboardQueries.Spec> specs = DashboardQueries.load(end, hours);

    long t0 = System.nanoTime();
    Head head = new Head(HeadOptions.defaults(), new SymbolTable());
    OpenMetricsLoader.Stats st = OpenMetricsLoader.load(om, head, copies);
    System.out.printf(Locale.ROOT, "loaded %d series, %d samples in %.1f s (heap used %d MB)%n", st.series(),
        st.samples(), (System.nanoTime() - t0) / 1e9,
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);

    for (int r = 0; r < warmupRounds; r++) {
      for (DashboardQueries.Spec s : specs) {
        try {
          run(engine, head, s);
        } catch (PromqlException e) {
          // reported in the timed pass
        }
      }
    }
    System.out.printf("%-20s %9s %9s %9s %7s %8s %12s  %s%n", "query", "med_ms", "min_ms", "max_ms", "series",
        "points", "checksum", "kind");
    StringBuilder out = new StringBuilder("{\"url\": \"in-process\", \"end\": ").append(end)
        .append(", \"repeat\": ").append(repeat).append(", \"results\": [");
    for (int k = 0; k < specs.size(); k++) {
      DashboardQueries.Spec s = specs.get(k);
      out.append(k == 0 ? "\n" : ",\n");
      try {
        Digest d = run(engine, head, s); // warm-up
        long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int w = 0; w < 500 && System.nanoTime() < warmUntil; w++) {
          run(engine, head, s);
        }
        double[] ms = new double[repeat];
        for (int r = 0; r < repeat; r++) {
          long a = System.nanoTime();
          run(engine, head, s);
          ms[r] = (System.nanoTime() - a) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = repeat % 2 == 1 ? sorted[repeat / 2] : (sorted[repeat / 2 - 1] + sorted[repeat / 2]) / 2;
        System.out.printf(Locale.ROOT, "%-20s %9.2f %9.2f %9.2f %7d %8d %12s  %s%n", s.name(), median, sorted[0],
            sorted[repeat - 1], d.series, d.points, String.format(Locale.ROOT, "%.6g", d.sum), s.kind());
        out.append(String.format(Locale.ROOT,
            "{\"name\": \"%s\", \"query\": %s, \"kind\": \"%s\", \"median_ms\": %.3f, \"min_ms\": %.3f, "
                + "\"max_ms\": %.3f, \"runs_ms\": %s, \"series\": %d, \"points\": %d, \"sum\": %s}",
            s.name(), quote(s.query()), s.kind(), median, sorted[0], sorted[repeat - 1], runs(ms), d.series, d.points,
            Double.toString(d.sum)));
      } catch (PromqlException e) {
        System.out.printf("%-20s ERROR %s%n", s.name(), e.getMessage());
        out.append(String.format(Locale.ROOT, "{\"name\": \"%s\", \"query\": %s, \"kind\": \"%s\", \"error\": %s}",
            s.name(), quote(s.query()), s.kind(), quote(e.getMessage())));
      }
    }
    out.append("\n]}\n");
    if (json != null) {
      Files.writeString(json, out);
    }
    System.out.printf("Hearth: in-process evaluation (parse + evaluate + result), excluding HTTP and JSON encoding;"
        + " %d untimed warm-up passes over the set first, then each query warmed for %.1f s.%n", warmupRounds,
        warmupSeconds);
    head.close();
  }

  /** Series, points and sum of finite values of a result, as query_bench.py's digest counts them. */
  record Digest(long series, long points, double sum) {}

  static Digest run(Engine engine, Head head, DashboardQueries.Spec s) {
    try (Query q = s.isRange()
        ? engine.newRangeQuery(head, s.query(), s.startMs(), s.endMs(), s.stepMs())
        : engine.newInstantQuery(head, s.query(), s.endMs())) {
      return digest(q.exec().value());
    }
  }

  static Digest digest(Value v) {
    long series = 0;
    long points = 0;
    double sum = 0;
    switch (v) {
      case Scalar s -> {
        series = 1;
        points = 1;
        sum = Double.isFinite(s.v()) ? s.v() : 0;
      }
      case StringValue s -> {
        series = 1;
        points = 1;
      }
      case Vector vec -> {
        for (Sample s : vec.samples()) {
          series++;
          points++;
          sum += Double.isFinite(s.v()) ? s.v() : 0;
        }
      }
      case Matrix m -> {
        for (FloatSeries s : m.series()) {
          series++;
          for (int i = 0; i < s.size(); i++) {
            points++;
            sum += Double.isFinite(s.v(i)) ? s.v(i) : 0;
          }
        }
      }
    }
    return new Digest(series, points, sum);
  }

  private static String runs(double[] ms) {
    List<String> l = new ArrayList<>();
    for (double m : ms) {
      l.add(String.format(Locale.ROOT, "%.3f", m));
    }
    return "[" + String.join(", ", l) + "]";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
