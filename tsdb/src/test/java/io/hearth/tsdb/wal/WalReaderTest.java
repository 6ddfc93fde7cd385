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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

class WalReaderTest {
  static final int PAGE = WalOptions.PAGE_SIZE;

  @TempDir Path dir;
  Random rnd;

  @BeforeEach
  void seed() {
    rnd = new Random(WalTesting.seed("WalReaderTest"));
  }

  /** Writes 30 records of 9 KB into segments of two pages, so that the WAL has several segments. */
  private List<Read> writeWal() throws IOException {
    try (Wal wal = Wal.open(dir, new WalOptions(2 * PAGE, false))) {
      for (int i = 0; i < 30; i++) {
        log(wal, record(rnd, 9000, false));
      }
    }
    List<Read> all = readAll(dir);
    assertThat(all).hasSize(30);
    assertThat(all.getLast().segment()).isGreaterThan(3);
    return all;
  }

  private Path segment(int i) {
    return SegmentFiles.path(dir, i);
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static void write(Path file, long at, byte[] b) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      f.write(b);
    }
  }

  /** Reads until the corruption, checks that exactly the records before it came back, and returns the error. */
  private CorruptWalException readUntilCorrupt(List<Read> want) throws IOException {
    List<Read> got = new ArrayList<>();
    try (WalReader r = WalReader.open(dir)) {
      CorruptWalException e =
          assertThrows(
              CorruptWalException.class,
              () -> {
                while (r.next()) {
                  got.add(new Read(r.segment(), r.offset(), r.endOffset(), Arrays.copyOf(r.record(), r.recordLength()), r.isCompressed()));
                }
              });
      assertThat(got).containsExactlyElementsOf(want);
      assertThat(e.getMessage()).contains(e.file().toString()).contains("after offset " + e.offset());
      return e;
    }
  }

  /** Where the records before {@code bad} end in bad's segment: what a corruption error must report. */
  private static long lastGoodEnd(List<Read> all, int bad) {
    Read prev = bad == 0 ? null : all.get(bad - 1);
    return prev != null && prev.segment() == all.get(bad).segment() ? prev.endOffset() : 0;
  }

  @Test
  void checksumMismatchNamesSegmentAndOffset() throws IOException {
    List<Read> all = writeWal();
    int bad = 0;
    while (all.get(bad).segment() != 2 || all.get(bad - 1).segment() != 2) {
      bad++; // the second record of segment 2
    }
    Read r = all.get(bad);
    flip(segment(2), r.offset() + 7 + 100);
    CorruptWalException e = readUntilCorrupt(all.subList(0, bad));
    assertThat(e.segment()).isEqualTo(2);
    assertThat(e.file()).isEqualTo(segment(2));
    assertThat(e.offset()).isEqualTo(all.get(bad - 1).endOffset()).isPositive();
    assertThat(e.reason()).startsWith("checksum mismatch in fragment at offset " + r.offset() + ": expected ");
    assertThat(e.getMessage()).startsWith("corrupt WAL segment " + segment(2) + " after offset " + e.offset() + ": checksum mismatch");
  }

  @Test
  void tornFragmentAtTheEnd() throws IOException {
    List<Read> all = writeWal();
    Read last = all.getLast();
    truncate(segment(last.segment()), last.offset() + 7 + 50);
    CorruptWalException e = readUntilCorrupt(all.subList(0, all.size() - 1));
    assertThat(e.segment()).isEqualTo(last.segment());
    assertThat(e.offset()).isEqualTo(lastGoodEnd(all, all.size() - 1));
    assertThat(e.reason()).matches("fragment at offset " + last.offset() + " is cut off: it has \\d+ data bytes but the segment ends after 50 \\(torn write\\)");
  }

  @Test
  void tornHeaderAtTheEnd() throws IOException {
    List<Read> all = writeWal();
    Read last = all.getLast();
    truncate(segment(last.segment()), last.offset() + 3);
    CorruptWalException e = readUntilCorrupt(all.subList(0, all.size() - 1));
    assertThat(e.reason()).isEqualTo("fragment header at offset " + last.offset() + " is cut off after 3 bytes (torn write)");
  }

  @Test
  void tornRecordEndingAtAPageBoundary() throws IOException {
    try (Wal wal = Wal.open(dir, new WalOptions(4 * PAGE, false))) {
      log(wal, record(rnd, 100, false), record(rnd, 50_000, false));
    }
    List<Read> all = readAll(dir);
    truncate(segment(0), PAGE); // the second record's first fragment survives, its last does not
    CorruptWalException e = readUntilCorrupt(all.subList(0, 1));
    assertThat(e.offset()).isEqualTo(all.get(0).endOffset());
    assertThat(e.reason()).isEqualTo("the segment ends inside the record that starts at offset " + all.get(1).offset() + " (torn last write)");
  }

  @Test
  void zeroedTailPage() throws IOException {
    // A crash of the OS can leave the file's last page allocated but never written: zeros.
    try (Wal wal = Wal.open(dir, new WalOptions(4 * PAGE, false))) {
      log(wal, record(rnd, 100, false), record(rnd, 50_000, false));
    }
    List<Read> all = readAll(dir);
    write(segment(0), PAGE, new byte[(int) Files.size(segment(0)) - PAGE]);
    CorruptWalException e = readUntilCorrupt(all.subList(0, 1));
    assertThat(e.offset()).isEqualTo(all.get(0).endOffset());
    assertThat(e.reason()).contains("ends inside the record");
  }

  @Test
  void garbageAfterTheLastRecord() throws IOException {
    List<Read> all = writeWal();
    Read last = all.getLast();
    byte[] garbage = record(rnd, 100, false);
    garbage[0] = (byte) 0xFF;
    Files.write(segment(last.segment()), garbage, StandardOpenOption.APPEND);
    CorruptWalException e = readUntilCorrupt(all);
    assertThat(e.offset()).isEqualTo(last.endOffset());
    assertThat(e.reason()).isEqualTo("invalid fragment type 0xff at offset " + Files.size(segment(last.segment())) / PAGE * PAGE);
  }

  @Test
  void garbageInThePadding() throws IOException {
    List<Read> all = writeWal();
    Read last = all.getLast();
    write(segment(last.segment()), last.endOffset(), new byte[] {0, 0, 7});
    CorruptWalException e = readUntilCorrupt(all);
    assertThat(e.offset()).isEqualTo(last.endOffset());
    assertThat(e.reason()).isEqualTo("non-zero byte 0x7 at offset " + (last.endOffset() + 2) + " in page padding");
  }

  @Test
  void garbageInsideTheLastPageIsNotTakenForARecord() throws IOException {
    try (Wal wal = Wal.open(dir, new WalOptions(2 * PAGE, false))) {
      log(wal, record(rnd, 100, false));
    }
    List<Read> all = readAll(dir);
    // A header whose length runs past the page, as random bytes would have.
    write(segment(0), all.get(0).endOffset(), new byte[] {1, (byte) 0x7F, (byte) 0xFF, 0, 0, 0, 0});
    CorruptWalException e = readUntilCorrupt(all);
    assertThat(e.reason()).isEqualTo("fragment at offset " + all.get(0).endOffset() + " has 32767 data bytes, more than the rest of its page");
  }

  // Segments built fragment by fragment, to reach states the writer never produces.

  private static byte[] fragment(int type, byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    int c = (int) crc.getValue();
    byte[] out = new byte[7 + data.length];
    out[0] = (byte) type;
    out[1] = (byte) (data.length >> 8);
    out[2] = (byte) data.length;
    out[3] = (byte) (c >>> 24);
    out[4] = (byte) (c >>> 16);
    out[5] = (byte) (c >>> 8);
    out[6] = (byte) c;
    System.arraycopy(data, 0, out, 7, data.length);
    return out;
  }

  private void writeSegment(int i, byte[]... fragments) throws IOException {
    try (var out = Files.newOutputStream(segment(i))) {
      for (byte[] f : fragments) {
        out.write(f);
      }
    }
  }

  private void checkCorrupt(String reason, int segment, long offset) throws IOException {
    try (WalReader r = WalReader.open(dir)) {
      CorruptWalException e =
          assertThrows(
              CorruptWalException.class,
              () -> {
                while (r.next()) {
                  // read on
                }
              });
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.segment()).isEqualTo(segment);
      assertThat(e.offset()).isEqualTo(offset);
    }
  }

  @Test
  void assemblesHandMadeFragments() throws IOException {
    writeSegment(0, fragment(1, new byte[] {1}), fragment(2, new byte[] {2}), fragment(3, new byte[0]), fragment(4, new byte[] {3, 4}));
    assertThat(data(readAll(dir))).containsExactly(new byte[] {1}, new byte[] {2, 3, 4});
  }

  @Test
  void rejectsFragmentsOutOfSequence() throws IOException {
    writeSegment(0, fragment(1, new byte[] {1}), fragment(4, new byte[] {2}));
    checkCorrupt("unexpected last fragment at offset 8: no record is open", 0, 8);
    writeSegment(0, fragment(1, new byte[] {1}), fragment(3, new byte[] {2}));
    checkCorrupt("unexpected middle fragment at offset 8: no record is open", 0, 8);
    writeSegment(0, fragment(2, new byte[] {1}), fragment(1, new byte[] {2}));
    checkCorrupt("unexpected full fragment at offset 8: the record that starts at offset 0 has not ended", 0, 0);
    writeSegment(0, fragment(2, new byte[] {1}), fragment(2, new byte[] {2}));
    checkCorrupt("unexpected first fragment at offset 8: the record that starts at offset 0 has not ended", 0, 0);
    writeSegment(0, fragment(1, new byte[] {1}), fragment(5, new byte[] {2}));
    checkCorrupt("invalid fragment type 0x5 at offset 8", 0, 8);
  }

  @Test
  void rejectsSnappyDataThatDoesNotDecompress() throws IOException {
    writeSegment(0, fragment(1 | 0x08, new byte[] {1, 0}));
    checkCorrupt("cannot decompress the snappy record at offset 0: FAILED_TO_UNCOMPRESS(5)", 0, 0);
    writeSegment(0, fragment(1, new byte[] {7}), fragment(1 | 0x08, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}));
    checkCorrupt("cannot decompress the snappy record at offset 8: length header claims 33554431 bytes from 4", 0, 8);
  }

  @Test
  void aRecordMayNotContinueIntoTheNextSegment() throws IOException {
    writeSegment(0, fragment(1, new byte[] {1}), fragment(2, new byte[] {2}));
    writeSegment(1, fragment(4, new byte[] {3}));
    checkCorrupt("the segment ends inside the record that starts at offset 8 (torn last write)", 0, 8);
  }

  @Test
  void segmentsMayEndInsideAPage() throws IOException {
    // That is how the last segment looks while Prometheus runs, and after a repair.
    writeSegment(0, fragment(1, new byte[] {1}));
    writeSegment(1);
    writeSegment(2, fragment(1, new byte[] {2}), new byte[5]);
    assertThat(readAll(dir)).extracting(Read::segment).containsExactly(0, 2);
  }

  @Test
  void readsHandMadeSnappyRecords() throws IOException {
    byte[] plain = "abcabcabcabcabcabcabcabc".getBytes();
    byte[] packed = Snappy.compress(plain);
    writeSegment(0, fragment(2 | 0x08, Arrays.copyOf(packed, 3)), fragment(4 | 0x08, Arrays.copyOfRange(packed, 3, packed.length)));
    List<Read> got = readAll(dir);
    assertThat(data(got)).containsExactly(plain);
    assertThat(got.get(0).isCompressed()).isTrue();
  }

  @Test
  void zstdRecordsAreUnsupportedNotCorrupt() throws IOException {
    writeSegment(0, fragment(1 | 0x10, new byte[] {1}));
    try (WalReader r = WalReader.open(dir)) {
      assertThatThrownBy(r::next)
          .isExactlyInstanceOf(IOException.class)
          .hasMessage("cannot read WAL segment " + segment(0) + ": fragment at offset 0 has flags 0x10; only snappy compression is supported");
    }
  }

  @Test
  void emptyDirectoryHasNoRecords() throws IOException {
    try (WalReader r = WalReader.open(dir)) {
      assertThat(r.next()).isFalse();
      assertThat(r.segment()).isEqualTo(-1);
    }
  }
}
