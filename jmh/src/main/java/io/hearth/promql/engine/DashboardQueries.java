package io.hearth.promql.engine;

import io.hearth.labels.SymbolTable;
import io.hearth.promql.testdata.BenchData;
import io.hearth.promql.testdata.OpenMetricsLoader;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard query set of {@code shared/bench/query_bench.py}, read from that script itself (so
 * Hearth, Prometheus and VictoriaMetrics run exactly the same queries), and the dataset they run
 * on: {@code openmetrics_gen.py}'s realistic mix, 10,000 series × 6 h at 15 s ending at {@link
 * #END}, loaded into a head once or several times over (see {@link OpenMetricsLoader}).
 */
final class DashboardQueries {
  /** The hour the shared/bench figures were measured at; query times derive from it. */
  static final long END = 1_795_309_200L;
  static final int HOURS = 6;
  static final int FILE_SERIES = 10_000;

  /** One query; {@code step == 0} for an instant query at {@code end}. Times in milliseconds. */
  record Spec(String name, String query, long startMs, long endMs, long stepMs) {
    boolean isRange() {
      return stepMs > 0;
    }

    String kind() {
      return isRange()
          ? "range " + (startMs - endMs) / 1000 + "s..0s step " + stepMs / 1000 + "s"
          : "instant";
    }
  }

  private DashboardQueries() {}

  /** Runs {@code query_bench.queries(END, HOURS)} through python3 and returns its 18 queries. */
  static List<Spec> load(long end, int hours) {
    Path out;
    try {
      out = Files.createTempFile("dashboard-queries", ".tsv");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp file", e);
    }
    try {
      String py = String.join("\n",
          "import sys",
          "sys.path.insert(0, sys.argv[1])",
          "import query_bench",
          "inst, rng = query_bench.queries(int(sys.argv[2]), float(sys.argv[3]))",
          "with open(sys.argv[4], 'w') as f:",
          "    for n, q in inst: f.write('%s\\t%d\\t%d\\t0\\t%s\\n' % (n, int(sys.argv[2]), int(sys.argv[2]), q))",
          "    for n, q, s, e, st in rng: f.write('%s\\t%d\\t%d\\t%d\\t%s\\n' % (n, s, e, st, q))");
      BenchData.run(List.of("python3", "-c", py, BenchData.benchDir().toString(), Long.toString(end),
          Integer.toString(hours), out.toString()), Path.of(out + ".log"), 60);
      List<Spec> specs = new ArrayList<>();
      for (String line : Files.readAllLines(out)) {
        String[] f = line.split("\t", 5);
        specs.add(new Spec(f[0], f[4], Long.parseLong(f[1]) * 1000, Long.parseLong(f[2]) * 1000,
            Long.parseLong(f[3]) * 1000));
      }
      return specs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + out, e);
    } finally {
      try {
        Files.deleteIfExists(out);
        Files.deleteIfExists(Path.of(out + ".log"));
      } catch (IOException e) {
        // a leftover temp file is harmless
      }
    }
  }

  /** The query named {@code name}. */
  static Spec named(List<Spec> specs, String name) {
    for (Spec s : specs) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("query_bench.py has no query " + name + "; it has " + specs);
  }

  /**
   * The 10k-series dataset under {@code dir} (generated there, about 2.3 GB and 25 s, unless it
   * exists), or {@code $HEARTH_BENCH_OM} if set.
   */
  static Path dataset(Path dir) {
    String env = System.getenv("HEARTH_BENCH_OM");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    Path om = dir.resolve("realistic-" + FILE_SERIES + "s-" + HOURS + "h-15s.om");
    BenchData.generate(om, List.of("--series", Integer.toString(FILE_SERIES), "--hours", Integer.toString(HOURS),
        "--interval", "15", "--end", Long.toString(END)), 1800);
    return om;
  }

  /** A head holding {@code om} {@code copies} times over. */
  static Head load(Path om, int copies) {
    Head head = new Head(HeadOptions.defaults(), new SymbolTable());
    OpenMetricsLoader.load(om, head, copies);
    return head;
  }
}
