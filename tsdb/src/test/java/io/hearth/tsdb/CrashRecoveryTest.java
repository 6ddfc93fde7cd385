package io.hearth.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Matcher;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.ValueType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer in a child JVM is killed with SIGKILL in the middle of ingesting; after every kill the
 * database must reopen with every batch the writer saw committed, exactly, and nothing else but
 * possibly the one batch in flight, whole.
 */
class CrashRecoveryTest {
  private static final int ROUNDS = 10;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void killNineLosesNoCommittedSample(@TempDir Path dir) throws Exception {
    long seed = System.nanoTime();
    System.out.println("CrashRecoveryTest seed=" + seed);
    Random random = new Random(seed);
    long next = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long lastCommitted = runAndKill(dir, next, 5 + random.nextInt(300));
      long present = verify(dir, lastCommitted);
      assertThat(present).as("batches present after round %d", round).isBetween(lastCommitted, lastCommitted + 1);
      next = present + 1;
    }
  }

  /** Starts the writer, lets it commit at least {@code commits} batches, kills it; returns the last one it reported. */
  private static long runAndKill(Path dir, long start, int commits) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(
            java, "-ea", "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
            "-cp", System.getProperty("java.class.path"),
            CrashWriter.class.getName(), dir.toString(), Long.toString(start))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    long last = start - 1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("open");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (last - start + 1 < commits && System.nanoTime() < deadline && (line = out.readLine()) != null) {
        last = Long.parseLong(line);
      }
      // SIGKILL: no shutdown hooks, no flushing, mid-write. Through the handle, because
      // Process.destroyForcibly also closes our end of the pipe, and the lines still in it count.
      p.toHandle().destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // Lines already printed when the kill landed were committed too.
      while ((line = out.readLine()) != null) {
        last = Long.parseLong(line);
      }
    } finally {
      p.destroyForcibly();
    }
    assertThat(last).as("writer committed before the kill").isGreaterThanOrEqualTo(start);
    return last;
  }

  /** Reopens the database and checks every series; returns the last batch present. */
  private static long verify(Path dir, long lastCommitted) throws Exception {
    try (Db db = Db.open(dir, DbOptions.defaults());
        Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, Matcher.equal("__name__", "crash_test"));
      List<Long> lastPerSeries = new ArrayList<>();
      SampleIterator it = null;
      while (set.next()) {
        int i = Integer.parseInt(set.at().labels().get("series"));
        it = set.at().iterator(it);
        long b = 0;
        for (; it.next() == ValueType.FLOAT; b++) {
          assertThat(it.t()).isEqualTo(b * 1000);
          assertThat(Double.doubleToRawLongBits(it.v()))
              .as("series %d batch %d", i, b)
              .isEqualTo(Double.doubleToRawLongBits(CrashWriter.value(b, i)));
        }
        lastPerSeries.add(b - 1);
      }
      assertThat(lastPerSeries).hasSize(CrashWriter.SERIES);
      // One samples record per batch: a batch is in the WAL whole or not at all.
      assertThat(lastPerSeries).containsOnly(lastPerSeries.getFirst());
      return lastPerSeries.getFirst();
    }
  }
}
