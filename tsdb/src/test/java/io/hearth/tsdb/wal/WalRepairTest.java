package io.hearth.tsdb.wal;

import static io.hearth.tsdb.wal.WalTesting.data;
import static io.hearth.tsdb.wal.WalTesting.log;
import static io.hearth.tsdb.wal.WalTesting.readAll;
import static io.hearth.tsdb.wal.WalTesting.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hearth.tsdb.wal.WalTesting.Read;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link Wal#repair}. */
class WalRepairTest {
  static final int PAGE = WalOptions.PAGE_SIZE;

  @TempDir Path dir;
  Random rnd;

  @BeforeEach
  void seed() {
    rnd = new Random(WalTesting.seed("WalRepairTest"));
  }

  private List<Read> writeWal(boolean compress) throws IOException {
    try (Wal wal = Wal.open(dir, new WalOptions(2 * PAGE, compress))) {
      for (int i = 0; i < 40; i++) {
        log(wal, record(rnd, rnd.nextInt(12_000), rnd.nextBoolean()));
      }
    }
    return readAll(dir);
  }

  private CorruptWalException corruption() throws IOException {
    try (WalReader r = WalReader.open(dir)) {
      return assertThrows(
          CorruptWalException.class,
          () -> {
            while (r.next()) {
              // read on
            }
          });
    }
  }

  private static void damage(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(~b);
    }
  }

  @Test
  void keepsEveryRecordBeforeTheDamageAndAppendsContinueInANewSegment() throws IOException {
    List<Read> all = writeWal(true);
    int last = all.getLast().segment();
    int bad = all.size() / 2;
    Read r = all.get(bad);
    damage(SegmentFiles.path(dir, r.segment()), r.offset() + 7);
    long sizeBefore = 0;
    for (int s = r.segment(); s <= last; s++) {
      sizeBefore += Files.size(SegmentFiles.path(dir, s));
    }

    CorruptWalException e = corruption();
    WalRepair repair = Wal.repair(dir, e);
    long kept = bad > 0 && all.get(bad - 1).segment() == r.segment() ? all.get(bad - 1).endOffset() : 0;
    assertThat(repair.segment()).isEqualTo(r.segment());
    assertThat(repair.offset()).isEqualTo(kept);
    assertThat(repair.segmentsDeleted()).isEqualTo(last - r.segment());
    assertThat(repair.bytesDropped()).isEqualTo(sizeBefore - kept);
    assertThat(repair.reason()).startsWith("checksum mismatch");
    assertThat(repair.toString()).contains("truncated " + SegmentFiles.path(dir, r.segment()) + " at offset " + kept);
    assertThat(SegmentFiles.list(dir)).endsWith(r.segment());
    assertThat(Files.size(SegmentFiles.path(dir, r.segment()))).isEqualTo(kept);

    List<byte[]> want = new ArrayList<>(data(all.subList(0, bad)));
    assertThat(data(readAll(dir))).containsExactlyElementsOf(want);

    byte[] more = record(rnd, 70_000, true);
    try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
      assertThat(wal.lastSegment()).isEqualTo(r.segment() + 1);
      log(wal, more);
    }
    want.add(more);
    assertThat(data(readAll(dir))).containsExactlyElementsOf(want);
  }

  @Test
  void cutsATornTailOnly() throws IOException {
    List<Read> all = writeWal(false);
    Read lastRecord = all.getLast();
    Path file = SegmentFiles.path(dir, lastRecord.segment());
    long size = lastRecord.offset() + 11;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    WalRepair repair = Wal.repair(dir, corruption());
    assertThat(repair.segmentsDeleted()).isZero();
    assertThat(repair.bytesDropped()).isEqualTo(size - repair.offset());
    assertThat(data(readAll(dir))).containsExactlyElementsOf(data(all.subList(0, all.size() - 1)));
  }

  @Test
  void damageInTheFirstRecordOfASegmentEmptiesIt() throws IOException {
    List<Read> all = writeWal(false);
    int bad = 1;
    while (all.get(bad).segment() == all.get(bad - 1).segment()) {
      bad++;
    }
    Read r = all.get(bad);
    damage(SegmentFiles.path(dir, r.segment()), r.offset());
    CorruptWalException e = corruption();
    assertThat(e.reason()).startsWith("invalid fragment type");
    WalRepair repair = Wal.repair(dir, e);
    assertThat(repair.offset()).isZero();
    assertThat(SegmentFiles.path(dir, r.segment())).isEmptyFile();
    assertThat(data(readAll(dir))).containsExactlyElementsOf(data(all.subList(0, bad)));
  }

  @Test
  void refusesASegmentThatDoesNotExist() throws IOException {
    writeWal(false);
    CorruptWalException e = new CorruptWalException(SegmentFiles.path(dir, 99), 99, 0, "test");
    assertThatThrownBy(() -> Wal.repair(dir, e)).hasMessage("cannot repair WAL in " + dir + ": corrupt segment " + SegmentFiles.path(dir, 99) + " does not exist");
    CorruptWalException beyond = new CorruptWalException(SegmentFiles.path(dir, 0), 0, 1 << 30, "test");
    assertThatThrownBy(() -> Wal.repair(dir, beyond)).hasMessageContaining("offset 1073741824 is outside its");
  }
}
