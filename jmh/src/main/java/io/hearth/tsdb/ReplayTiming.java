package io.hearth.tsdb;

import io.hearth.labels.Labels;
import io.hearth.storage.Appender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Measures how long a restart takes: writes {@code series} series for {@code scrapes} scrapes
 * through a {@link Db} into a temporary directory, closes it, and times {@link Db#open}, which
 * replays the WAL. Prints the WAL size and replay rate; deletes the directory afterwards.
 *
 * <p>The log has the shape a scrape writes: one commit per target of 2,000 series. In the first
 * scrape the targets create their series in turn, as concurrent scrapes do, so each target's series
 * record holds refs spread over the whole range and the WAL lists series far out of ref order
 * ({@code ordered} as third argument creates them target by target instead). Replay once indexed
 * such series as it read them, copying the postings lists per series: 74–92 s at 400k series.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp jmh/target/benchmarks.jar io.hearth.tsdb.ReplayTiming 100000 240 [ordered]
 * </pre>
 */
public final class ReplayTiming {
  private ReplayTiming() {}

  /**
   * Creates every series with one sample before the timed scrapes, one open transaction per target
   * taking the targets' series in turn, then commits target by target.
   */
  private static void createInTurn(Db db, Labels[] labels, long[] refs) {
    int targets = (labels.length + 1999) / 2000;
    Appender[] apps = new Appender[targets];
    for (int k = 0; k < targets; k++) {
      apps[k] = db.appender();
    }
    long t = 1_700_000_000_000L - 15_000L;
    for (int i = 0; i < 2000; i++) {
      for (int k = 0; k < targets; k++) {
        int s = k * 2000 + i;
        if (s < labels.length) {
          refs[s] = apps[k].append(0, labels[s], t, 0);
        }
      }
    }
    for (Appender app : apps) {
      app.commit();
    }
  }

  public static void main(String[] args) throws Exception {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 240;
    boolean isInterleaved = args.length <= 2 || !args[2].equals("ordered");
    Path dir = Files.createTempDirectory("hearth-replay");
    try {
      Labels[] labels = new Labels[series];
      for (int i = 0; i < series; i++) {
        labels[i] = Labels.of("__name__", "metric_" + (i % 500), "instance", "10.0.0." + (i / 2000), "i", Integer.toString(i));
      }
      long[] refs = new long[series];
      long written = System.nanoTime();
      try (Db db = Db.open(dir, DbOptions.defaults())) {
        if (isInterleaved) {
          createInTurn(db, labels, refs);
        }
        for (int s = 0; s < scrapes; s++) {
          long t = 1_700_000_000_000L + s * 15_000L;
          for (int from = 0; from < series; from += 2000) {
            Appender app = db.appender();
            for (int i = from; i < Math.min(series, from + 2000); i++) {
              refs[i] = app.append(refs[i], labels[i], t, (i % 3 == 0) ? 1 : t / 1000.0 + i);
            }
            app.commit();
          }
        }
      }
      double writeSeconds = (System.nanoTime() - written) / 1e9;
      long walBytes;
      try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
        walBytes = files.mapToLong(p -> p.toFile().length()).sum();
      }
      long samples = (long) series * (scrapes + (isInterleaved ? 1 : 0));
      long started = System.nanoTime();
      try (Db db = Db.open(dir, DbOptions.defaults())) {
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %d samples of %d series in %.1fs (%.2fM samples/s with WAL)%n",
            samples, series, writeSeconds, samples / writeSeconds / 1e6);
        System.out.printf("WAL %.1f MiB (%.2f bytes/sample); replay %.2fs (%.1fM samples/s), %d series%n",
            walBytes / 1048576.0, (double) walBytes / samples, seconds, samples / seconds / 1e6, db.head().numSeries());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
