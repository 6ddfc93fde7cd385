package io.hearth.tsdb.wal;

import static io.hearth.tsdb.wal.WalTesting.data;
import static io.hearth.tsdb.wal.WalTesting.log;
import static io.hearth.tsdb.wal.WalTesting.readAll;
import static io.hearth.tsdb.wal.WalTesting.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.tsdb.io.ByteSlice;
import io.hearth.tsdb.wal.WalTesting.Read;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WalTest {
  static final int PAGE = WalOptions.PAGE_SIZE;
  static final WalOptions PLAIN = WalOptions.defaults().withCompress(false);

  @TempDir Path dir;

  private byte[] segmentBytes(int segment) throws IOException {
    return Files.readAllBytes(SegmentFiles.path(dir, segment));
  }

  /**
   * The first bytes of a segment, derived by hand: each record is one full fragment, {@code 01},
   * then its length and the CRC32C of its bytes (computed independently). Compression is off:
   * snappy-java need not produce the same bytes as Go's snappy, only bytes either can decode.
   */
  @Test
  void countsPagesAndTimesFsyncsForSelfMetrics() throws IOException {
    java.util.List<Long> fsyncs = new java.util.ArrayList<>();
    try (Wal wal = Wal.open(dir, PLAIN)) {
      wal.observeFsyncs(fsyncs::add);
      log(wal, new byte[100]);
      assertThat(wal.pageFlushes()).isEqualTo(1);
      assertThat(wal.completedPages()).isZero();
      // Fills the first page (a flush completing it), then part of the second (another flush).
      log(wal, new byte[PAGE]);
      assertThat(wal.completedPages()).isEqualTo(1);
      assertThat(wal.pageFlushes()).isEqualTo(3);
      wal.sync();
      assertThat(fsyncs).hasSize(1).allSatisfy(n -> assertThat(n).isNotNegative());
      assertThat(wal.storageSizeBytes()).isEqualTo(Files.size(SegmentFiles.path(dir, 0)));
      assertThat(wal.writesFailed()).isZero();
    }
    assertThat(fsyncs).hasSize(2); // closing syncs the segment too
  }

  @Test
  void goldenSegment() throws IOException {
    HexFormat hex = HexFormat.of();
    byte[] series = hex.parseHex("01" + "0000000000000001" + "02" + "08" + "5f5f6e616d655f5f" + "02" + "7570" + "03" + "6a6f62" + "01" + "61");
    byte[] samples = hex.parseHex("02" + "0000000000000001" + "00000000000003e8" + "0000" + "3ff0000000000000");
    try (Wal wal = Wal.open(dir, PLAIN)) {
      log(wal, series, samples);
      assertThat(hex.formatHex(segmentBytes(0)))
          .isEqualTo(
              "01" + "001c" + "e2137703" + hex.formatHex(series) // full fragment, 28 bytes
                  + "01" + "001b" + "2c514c07" + hex.formatHex(samples)); // full fragment, 27 bytes
    }
    byte[] closed = segmentBytes(0);
    assertThat(closed).hasSize(PAGE); // closing pads the page with zeros
    assertThat(Arrays.copyOfRange(closed, 69, PAGE)).containsOnly(0);
    assertThat(data(readAll(dir))).containsExactly(series, samples);
  }

  static Stream<Arguments> sizes() {
    List<Arguments> out = new ArrayList<>();
    for (int size : new int[] {0, 1, 100, PAGE - 7, PAGE - 6, PAGE, 3 * PAGE + 5, 300_000}) {
      for (boolean compress : new boolean[] {false, true}) {
        for (boolean isCompressible : new boolean[] {false, true}) {
          out.add(Arguments.of(size, compress, isCompressible));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "size={0} compress={1} compressible={2}")
  @MethodSource("sizes")
  void roundTrips(int size, boolean compress, boolean isCompressible) throws IOException {
    Random rnd = new Random(WalTesting.seed("roundTrips"));
    byte[][] recs = {record(rnd, size, isCompressible), record(rnd, 17, false), record(rnd, size, isCompressible)};
    try (Wal wal = Wal.open(dir, PLAIN.withCompress(compress))) {
      log(wal, recs[0]);
      log(wal, recs[1], recs[2]);
    }
    List<Read> got = readAll(dir);
    assertThat(data(got)).containsExactly(recs);
    boolean isCompressed = compress && isCompressible && size >= 100;
    assertThat(got.get(0).isCompressed()).isEqualTo(isCompressed);
    // The first fragment's type: full (1) or first (2), plus the snappy bit (8) when compressed.
    int type = segmentBytes(0)[0];
    assertThat(type & 0x07).isEqualTo(got.get(0).endOffset() <= PAGE ? 1 : 2);
    assertThat(type & 0xF8).isEqualTo(isCompressed ? 0x08 : 0);
  }

  @Test
  void fragmentsNeverCrossAPage() throws IOException {
    try (Wal wal = Wal.open(dir, PLAIN)) {
      log(wal, new byte[40_000]);
    }
    byte[] seg = segmentBytes(0);
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(seg, 0, 3)).isEqualTo("02" + "7ff9"); // first fragment fills the page: 32761 bytes
    assertThat(hex.formatHex(seg, PAGE, PAGE + 3)).isEqualTo("04" + "1c47"); // last fragment: the other 7239
    assertThat(seg).hasSize(2 * PAGE);
  }

  @Test
  void padsThePageWhenNoHeaderFits() throws IOException {
    try (Wal wal = Wal.open(dir, PLAIN)) {
      log(wal, new byte[PAGE - 7 - 3]); // leaves 3 bytes, less than a header
      log(wal, new byte[] {42});
    }
    byte[] seg = segmentBytes(0);
    assertThat(Arrays.copyOfRange(seg, PAGE - 3, PAGE)).containsOnly(0);
    assertThat(HexFormat.of().formatHex(seg, PAGE, PAGE + 3)).isEqualTo("01" + "0001");
    assertThat(data(readAll(dir))).containsExactly(new byte[PAGE - 10], new byte[] {42});
  }

  @Test
  void writesAnEmptyFirstFragmentWhenExactlyAHeaderFits() throws IOException {
    // Prometheus does the same: with 7 bytes left, the record starts with a header and no data.
    try (Wal wal = Wal.open(dir, PLAIN)) {
      log(wal, new byte[PAGE - 14]);
      log(wal, new byte[] {1, 2, 3});
    }
    byte[] seg = segmentBytes(0);
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(seg, PAGE - 7, PAGE)).isEqualTo("02" + "0000" + "00000000"); // CRC32C of nothing is 0
    assertThat(hex.formatHex(seg, PAGE, PAGE + 3)).isEqualTo("04" + "0003");
    assertThat(data(readAll(dir))).containsExactly(new byte[PAGE - 14], new byte[] {1, 2, 3});
  }

  @ParameterizedTest(name = "compress={0}")
  @ValueSource(booleans = {false, true})
  void manySmallSegments(boolean compress) throws IOException {
    Random rnd = new Random(WalTesting.seed("manySmallSegments"));
    List<byte[]> want = new ArrayList<>();
    try (Wal wal = Wal.open(dir, new WalOptions(2 * PAGE, compress))) {
      for (int i = 0; i < 300; i++) {
        int size = rnd.nextInt(10) == 0 ? rnd.nextInt(150_000) : rnd.nextInt(3000);
        byte[] r = record(rnd, size, rnd.nextBoolean());
        want.add(r);
        log(wal, r);
      }
      assertThat(wal.firstSegment()).isZero();
      assertThat(wal.lastSegment()).isGreaterThan(10);
    }
    List<Read> got = readAll(dir);
    assertThat(data(got)).containsExactlyElementsOf(want);
    // Records lie inside one segment: a record larger than a segment gets a segment of its own.
    for (Read r : got) {
      assertThat(r.endOffset()).isLessThanOrEqualTo(Files.size(SegmentFiles.path(dir, r.segment())));
    }
    assertThat(SegmentFiles.list(dir)).startsWith(0, 1, 2);
    assertThat(dir.resolve("00000003")).exists();
  }

  @Test
  void readsMixedCompressionAcrossReopens() throws IOException {
    Random rnd = new Random(WalTesting.seed("readsMixedCompressionAcrossReopens"));
    byte[] a = record(rnd, 5000, true);
    byte[] b = record(rnd, 5000, true);
    try (Wal wal = Wal.open(dir, WalOptions.defaults())) {
      log(wal, a);
    }
    try (Wal wal = Wal.open(dir, PLAIN)) {
      assertThat(wal.firstSegment()).isZero();
      assertThat(wal.lastSegment()).isEqualTo(1);
      log(wal, b);
    }
    List<Read> got = readAll(dir);
    assertThat(data(got)).containsExactly(a, b);
    assertThat(got).extracting(Read::isCompressed).containsExactly(true, false);
    assertThat(got).extracting(Read::segment).containsExactly(0, 1);
  }

  @Test
  void startsANewSegmentAfterTheLastOne() throws IOException {
    Files.createFile(dir.resolve("00000004"));
    Files.createFile(dir.resolve("00000005"));
    Files.createDirectory(dir.resolve("checkpoint.00000003"));
    try (Wal wal = Wal.open(dir, PLAIN)) {
      assertThat(wal.firstSegment()).isEqualTo(4);
      assertThat(wal.lastSegment()).isEqualTo(6);
      assertThat(wal.dir()).isEqualTo(dir);
      assertThat(dir.resolve("00000006")).isEmptyFile();
    }
  }

  @Test
  void refusesSegmentsWithAGap() throws IOException {
    Files.createFile(dir.resolve("00000000"));
    Files.createFile(dir.resolve("00000002"));
    assertThatThrownBy(() -> Wal.open(dir, PLAIN))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("segments are not sequential, 0 is followed by 2");
  }

  @Test
  void concurrentWritersEachKeepTheirOrder() throws Exception {
    int threads = 8;
    int perThread = 500;
    try (Wal wal = Wal.open(dir, new WalOptions(4 * PAGE, true)); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            byte[] r = new byte[8 + (i % 50) * 40];
            r[0] = (byte) id;
            r[1] = (byte) (i >> 8);
            r[2] = (byte) i;
            log(wal, r);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    }
    int[] next = new int[threads];
    for (byte[] r : data(readAll(dir))) {
      int id = r[0];
      int seq = ((r[1] & 0xFF) << 8) | (r[2] & 0xFF);
      assertThat(seq).as("thread %d", id).isEqualTo(next[id]++);
    }
    assertThat(next).containsOnly(perThread);
  }

  @Test
  void closeIsIdempotentAndLogAfterCloseFails() throws IOException {
    Wal wal = Wal.open(dir, PLAIN);
    wal.close();
    wal.close();
    assertThatThrownBy(() -> log(wal, new byte[1]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot log: WAL in " + dir + " is closed");
  }

  @Test
  void syncAndCloseOfAnEmptySegmentWriteNothing() throws IOException {
    try (Wal wal = Wal.open(dir, PLAIN)) {
      wal.sync();
    }
    assertThat(dir.resolve("00000000")).isEmptyFile();
    assertThat(readAll(dir)).isEmpty();
  }

  @Test
  void optionsRejectSegmentSizesThatAreNotWholePages() {
    assertThat(WalOptions.defaults()).isEqualTo(new WalOptions(128 << 20, true));
    assertThatThrownBy(() -> new WalOptions(PAGE + 1, true)).hasMessage("segment size must be a positive multiple of 32768, got 32769");
    assertThatThrownBy(() -> new WalOptions(0, true)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "compress={0}")
  @ValueSource(booleans = {false, true})
  void logAllocatesNothingInSteadyState(boolean compress) throws IOException {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] rec = record(new Random(1), 3000, true);
    ByteSlice[] batch = {ByteSlice.of(rec), ByteSlice.of(rec, 0, 100)};
    try (Wal wal = Wal.open(dir, new WalOptions(64 * PAGE, compress))) {
      for (int i = 0; i < 2000; i++) {
        wal.log(batch);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 2000; i++) {
        wal.log(batch); // crosses several segments, which may allocate a little
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertThat(allocated / 2000).as("bytes allocated per log call").isLessThan(16);
    }
  }
}
