package io.hearth.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.ValueType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbTest {
  @TempDir Path dir;

  private static void write(Db db, int series, long fromT, long toT) {
    long[] refs = new long[series];
    for (long t = fromT; t < toT; t += 15_000) {
      Appender app = db.appender();
      for (int i = 0; i < series; i++) {
        refs[i] = app.append(refs[i], Labels.of("__name__", "m", "i", Integer.toString(i)), t, t / 1000.0 + i);
      }
      app.commit();
    }
  }

  private static long count(Db db) {
    long n = 0;
    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, Matcher.equal("__name__", "m"));
      SampleIterator it = null;
      while (set.next()) {
        int i = Integer.parseInt(set.at().labels().get("i"));
        it = set.at().iterator(it);
        while (it.next() == ValueType.FLOAT) {
          assertThat(it.v()).isEqualTo(it.t() / 1000.0 + i);
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void restartReplaysEveryCommittedSample() throws IOException {
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      write(db, 50, 0, 3 * 3_600_000L); // 3h: crosses a chunk range, many closed chunks
    }
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      assertThat(db.replayReport().isRepaired()).isFalse();
      assertThat(db.head().numSeries()).isEqualTo(50);
      assertThat(count(db)).isEqualTo(50 * 720);
      // Appending goes on where it stopped, into a new segment, and survives another restart.
      write(db, 50, 3 * 3_600_000L, 3 * 3_600_000L + 60_000);
    }
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      assertThat(count(db)).isEqualTo(50 * 724);
      assertThat(db.head().minTime()).isZero();
      assertThat(db.head().maxTime()).isEqualTo(3 * 3_600_000L + 45_000);
    }
  }

  @Test
  void aBulkCommitOfNewSeriesLogsEachSeriesOnce() throws IOException {
    int series = 5000;
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      Appender app = db.appender();
      for (long t = 0; t < 3 * 15_000; t += 15_000) { // each series three times, far apart
        for (int i = 0; i < series; i++) {
          app.append(0, Labels.of("__name__", "m", "i", Integer.toString(i)), t, t / 1000.0 + i);
        }
      }
      app.commit();
    }
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      assertThat(db.replayReport().wal().series()).isEqualTo(series);
      assertThat(db.replayReport().wal().samples()).isEqualTo(3L * series);
      assertThat(count(db)).isEqualTo(3L * series);
    }
  }

  @Test
  void tornTailIsCutAndReportedKeepingEarlierCommits() throws IOException {
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      write(db, 10, 0, 100 * 15_000L);
    }
    // Closing pads the last page with zeros; a crash in the middle of the last record leaves it
    // cut short instead.
    Path segment = lastSegment();
    byte[] bytes = Files.readAllBytes(segment);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(end - 3);
    }
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      assertThat(db.replayReport().isRepaired()).isTrue();
      assertThat(db.replayReport().toString()).contains("repaired a damaged tail");
      assertThat(count(db)).isEqualTo(10 * 99); // only the last batch is gone
    }
  }

  @Test
  void aDirectoryOpensOnlyOnce() throws IOException {
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      assertThatThrownBy(() -> Db.open(dir, DbOptions.defaults()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("locked by another process");
    }
    Db.open(dir, DbOptions.defaults()).close();
  }

  @Test
  void refusesAPrometheusDirectoryWithWhatItCannotReadYet() throws IOException {
    Files.createDirectories(dir.resolve("chunks_head"));
    Files.createDirectories(dir.resolve("wal").resolve("checkpoint.00000003"));
    assertThatThrownBy(() -> Db.open(dir, DbOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("it holds chunks_head/, wal/checkpoint.00000003")
        .hasMessageContaining("refusing to start rather than ignore that data");
    // Nothing was written, and the lock was released.
    assertThat(Files.list(dir.resolve("wal")).toList()).containsExactly(dir.resolve("wal").resolve("checkpoint.00000003"));
    Files.delete(dir.resolve("chunks_head"));
    Files.delete(dir.resolve("wal").resolve("checkpoint.00000003"));
    Db.open(dir, DbOptions.defaults()).close();
  }

  @Test
  void aBlockThatCannotBeOpenedIsMovedAsideAndTheRestServes() throws IOException {
    Path bad = dir.resolve("01HZZZZZZZZZZZZZZZZZZZZZZZ");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("meta.json"), "{}");
    Path good;
    try (io.hearth.tsdb.block.BlockWriter w = io.hearth.tsdb.block.BlockWriter.create(dir, 0, 100)) {
      w.addSeries(Labels.of("__name__", "kept"), new long[] {10, 20}, new double[] {1, 2}, 2);
      good = w.commit();
    }
    Path leftover = dir.resolve("01HAAAAAAAAAAAAAAAAAAAAAAA.tmp-for-creation");
    Files.createDirectories(leftover.resolve("chunks"));
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      assertThat(db.blocks()).extracting(b -> b.dir()).containsExactly(good);
      try (Querier q = db.querier(0, 100)) {
        assertThat(q.labelValues("__name__")).containsExactly("kept");
      }
    }
    assertThat(dir.resolve("01HZZZZZZZZZZZZZZZZZZZZZZZ.corrupt").resolve("meta.json")).exists();
    assertThat(bad).doesNotExist();
    assertThat(leftover).doesNotExist();
  }

  private Path lastSegment() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("wal"))) {
      List<Path> segments = s.filter(p -> Files.isRegularFile(p) && Files.isReadable(p))
          .filter(p -> { try { return Files.size(p) > 0; } catch (IOException e) { return false; } })
          .sorted().toList();
      return segments.getLast();
    }
  }
}
