package io.hearth.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.tsdb.io.ByteSlice;
import io.hearth.tsdb.record.RecordEncoder;
import io.hearth.tsdb.record.RecordType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalReplayTest {
  // Uncompressed, so that offsets can be counted by hand: a batch is a series record of 28 bytes and
  // a samples record of 37, each behind a 7-byte header, 79 bytes in all.
  static final WalOptions PLAIN = WalOptions.defaults().withCompress(false);

  @TempDir Path dir;

  /** Records every callback as a line of text. */
  static final class Recorder implements RecordHandler {
    final List<String> events = new ArrayList<>();
    boolean isRefusing;

    @Override
    public void series(long ref, Labels labels) {
      events.add("series " + ref + " " + labels);
    }

    @Override
    public void sample(long ref, long t, double v) {
      events.add("sample " + ref + " " + t + " " + v);
    }

    @Override
    public void tombstone(long ref, long minT, long maxT) {
      events.add("tombstone " + ref + " " + minT + " " + maxT);
    }

    @Override
    public void unhandled(RecordType type, int segment, long offset) throws IOException {
      if (isRefusing) {
        throw new IOException("cannot replay WAL: " + type + " records are not supported");
      }
      events.add("unhandled " + type + " in " + segment + " at " + offset);
    }
  }

  private final RecordEncoder series = new RecordEncoder();
  private final RecordEncoder samples = new RecordEncoder();

  private void writeBatch(Wal wal, long ref, String job, long t) throws IOException {
    wal.log(
        series.series(new long[] {ref}, new Labels[] {Labels.of("__name__", "up", "job", job)}, 1),
        samples.samples(new long[] {ref, ref}, new long[] {t, t + 15}, new double[] {1, 0}, 2));
  }

  @Test
  void dispatchesEveryRecordInOrder() throws IOException {
    try (Wal wal = Wal.open(dir, PLAIN)) {
      writeBatch(wal, 1, "a", 1000);
      wal.log(ByteSlice.of(new byte[] {7, 1, 2, 3}), new RecordEncoder().tombstones(new long[] {1}, new long[] {1000}, new long[] {1005}, 1));
    }
    Recorder h = new Recorder();
    ReplaySummary s = WalReplay.replay(dir, new SymbolTable(), h);
    assertThat(h.events)
        .containsExactly(
            "series 1 {__name__=\"up\", job=\"a\"}",
            "sample 1 1000 1.0",
            "sample 1 1015 0.0",
            "unhandled histogram_samples(7) in 0 at 79",
            "tombstone 1 1000 1005");
    assertThat(s).isEqualTo(new ReplaySummary(4, 1, 2, 1, 1, java.util.Optional.empty()));
  }

  @Test
  void aRefusedRecordStopsReplayAndChangesNothing() throws IOException {
    try (Wal wal = Wal.open(dir, PLAIN)) {
      wal.log(ByteSlice.of(new byte[] {8}));
    }
    long size = Files.size(dir.resolve("00000000"));
    Recorder h = new Recorder();
    h.isRefusing = true;
    assertThatThrownBy(() -> WalReplay.replay(dir, new SymbolTable(), h))
        .hasMessage("cannot replay WAL: float_histogram_samples(8) records are not supported");
    assertThat(Files.size(dir.resolve("00000000"))).isEqualTo(size);
  }

  @Test
  void repairsATornTailAndReplaysWhatCameBefore() throws IOException {
    try (Wal wal = Wal.open(dir, PLAIN)) {
      writeBatch(wal, 1, "a", 1000);
      writeBatch(wal, 2, "b", 2000);
    }
    Path seg = dir.resolve("00000000");
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.setLength(100); // into the second batch's series record, which starts at 79
    }
    Recorder h = new Recorder();
    ReplaySummary s = WalReplay.replay(dir, new SymbolTable(), h);
    assertThat(s.records()).isEqualTo(2);
    assertThat(s.samples()).isEqualTo(2);
    WalRepair repair = s.repair().orElseThrow();
    assertThat(repair.offset()).isEqualTo(79);
    assertThat(repair.bytesDropped()).isEqualTo(100 - 79);
    assertThat(repair.reason()).contains("torn write");

    try (Wal wal = Wal.open(dir, PLAIN)) {
      assertThat(wal.lastSegment()).isEqualTo(1);
      writeBatch(wal, 2, "b", 3000);
    }
    Recorder again = new Recorder();
    ReplaySummary s2 = WalReplay.replay(dir, new SymbolTable(), again);
    assertThat(s2.repair()).isEmpty();
    assertThat(again.events).hasSize(6).contains("series 2 {__name__=\"up\", job=\"b\"}", "sample 2 3015 0.0");
  }

  @Test
  void aRecordThatDoesNotDecodeIsCutLikeDamage() throws IOException {
    try (Wal wal = Wal.open(dir, PLAIN)) {
      writeBatch(wal, 1, "a", 1000);
      wal.log(ByteSlice.of(new byte[] {2, 0, 0})); // passes its checksum, but is no samples record
      writeBatch(wal, 2, "b", 2000);
    }
    Recorder h = new Recorder();
    ReplaySummary s = WalReplay.replay(dir, new SymbolTable(), h);
    WalRepair repair = s.repair().orElseThrow();
    assertThat(repair.offset()).isEqualTo(79);
    assertThat(repair.reason()).isEqualTo("record at offset 79: cannot decode samples(2) record: sample 0: cannot read BE64 at offset 1: only 2 bytes left");
    assertThat(h.events).hasSize(3);
    assertThat(Files.size(dir.resolve("00000000"))).isEqualTo(79);
  }

  @Test
  void aMissingDirectoryIsAnEmptyLog() throws IOException {
    ReplaySummary s = WalReplay.replay(dir.resolve("nope"), new SymbolTable(), new Recorder());
    assertThat(s.records()).isZero();
    assertThat(s.repair()).isEmpty();
  }
}
