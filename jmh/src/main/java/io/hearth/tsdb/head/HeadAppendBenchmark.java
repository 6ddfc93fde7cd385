package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appender;
import io.hearth.tsdb.Db;
import io.hearth.tsdb.DbOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Head append throughput with many series: one operation is a "scrape" of 2,000 series through one
 * appender (append by cached reference, then commit), reported per sample. With {@code wal=true}
 * the commit also encodes and writes the WAL records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED"})
public class HeadAppendBenchmark {
  static final int BATCH = 2000;

  @Param({"100000"})
  int series;

  @Param({"false", "true"})
  boolean wal;

  private Head head;
  private Db db;
  private Path dir;
  private List<Labels> labels;
  private long[] refs;
  private int next;
  private long t;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    labels = SeriesModel.generate(series);
    refs = new long[series];
    if (wal) {
      dir = Files.createTempDirectory("hearth-bench");
      db = Db.open(dir, DbOptions.defaults());
      head = db.head();
    } else {
      head = new Head(HeadOptions.defaults(), new SymbolTable());
    }
    t = 1_700_000_000_000L;
    // Create every series once, so the measurement is the steady state of cached references.
    for (int from = 0; from < series; from += BATCH) {
      scrape();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
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
  @OperationsPerInvocation(BATCH)
  public void appendScrapeOf2000() {
    scrape();
  }

  private void scrape() {
    int from = next;
    if (from == 0) {
      t += 15_000;
    }
    Appender app = head.appender();
    int to = Math.min(series, from + BATCH);
    for (int i = from; i < to; i++) {
      refs[i] = app.append(refs[i], labels.get(i), t, (double) (t >> 10) + i);
    }
    app.commit();
    next = to == series ? 0 : to;
  }
}
