package io.hearth.promql.engine;

import io.hearth.tsdb.head.Head;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Typical dashboard queries, the 18 of {@code shared/bench/query_bench.py} (12 instant at the
 * data's end, 6 range over the last 6 h or 1 h), on the realistic 6 h dataset held in a head:
 * 10,000 series, or 100,000 (the same file loaded ten times with ten instance labels per target).
 * One operation is one query: create, execute, close. Run with {@code -prof gc} for allocation.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -jar jmh/target/benchmarks.jar DashboardQueryBenchmark \
 *   -p series=10000 -prof gc
 * java ... DashboardQueryBenchmark -p series=100000 -p query=r6h15s_hq99,hq99
 * </pre>
 *
 * Each (series, query) pair is its own fork and loads the data anew: about 25 s for 10k series and
 * a few minutes for 100k, so pick queries with {@code -p query=} for quick runs. The dataset is
 * generated into {@code /tmp/bench-data} unless there already ({@code $HEARTH_BENCH_OM} overrides).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx10g", "--enable-native-access=ALL-UNNAMED"})
public class DashboardQueryBenchmark {
  @Param({"10000", "100000"})
  int series;

  @Param({
    "rate", "sum_by_ns_rate", "hq99", "hq90_by_ns", "topk_mem", "cpu_by_instance", "regex_5xx", "regex_name",
    "count_by_name", "max_over_1h", "avg_over_6h", "increase_1h", "r6h15s_sum_by_ns", "r6h15s_hq99",
    "r6h60s_cpu_by_inst", "r6h15s_topk_net", "r1h1s_rate_eth0", "r1h1s_mem_by_ns"
  })
  String query;

  private Head head;
  private Engine engine;
  private DashboardQueries.Spec spec;

  @Setup(Level.Trial)
  public void setUp() {
    if (series % DashboardQueries.FILE_SERIES != 0) {
      throw new IllegalArgumentException("series must be a multiple of " + DashboardQueries.FILE_SERIES + ", got " + series);
    }
    engine = new Engine(EngineOptions.defaults());
    spec = DashboardQueries.named(DashboardQueries.load(DashboardQueries.END, DashboardQueries.HOURS), query);
    Path om = DashboardQueries.dataset(Path.of("/tmp/bench-data"));
    head = DashboardQueries.load(om, series / DashboardQueries.FILE_SERIES);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    head.close();
  }

  @Benchmark
  public QueryBenchMain.Digest run() {
    return QueryBenchMain.run(engine, head, spec);
  }
}
