package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.index.ChunkMetas;
import io.hearth.tsdb.index.Postings;
import io.hearth.tsdb.io.CorruptBlockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockTest {
  @TempDir Path dir;

  /** 300 series {@code m{i="000"..}, one label with many values (past the 32-entry sampling). */
  private Path writeBlock(long segmentSize) throws IOException {
    Ulid u = Ulid.generate();
    try (BlockWriter w = BlockWriter.create(dir, u, 0, 10_000, BlockMeta.Compaction.level1(u), segmentSize)) {
      for (int i = 0; i < 300; i++) {
        long[] ts = new long[250];
        double[] vs = new double[250];
        for (int j = 0; j < ts.length; j++) {
          ts[j] = j * 10L + i % 7;
          vs[j] = i * 1000 + j;
        }
        w.addSeries(Labels.of("__name__", "m", "i", String.format("%03d", i), "odd", i % 2 == 1 ? "yes" : "no"),
            ts, vs, ts.length);
      }
      return w.commit();
    }
  }

  @Test
  void writesAtomicallyAndReadsBack() throws Exception {
    Path p = writeBlock(ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(x -> x.getFileName().toString()).toList()).containsExactly(p.getFileName().toString());
    }
    try (Block b = Block.open(p)) {
      assertThat(b.meta().stats()).isEqualTo(new BlockMeta.Stats(300 * 250, 300, 300 * 3, 0));
      assertThat(b.index().labelNames()).containsExactly("__name__", "i", "odd");
      assertThat(b.index().labelValues("i")).hasSize(300).startsWith("000", "001").endsWith("299");
      for (int i = 0; i < 300; i++) {
        long[] refs = Postings.toArray(b.index().postings("i", String.format("%03d", i)));
        assertThat(refs).hasSize(1);
        assertThat(b.index().series(refs[0]).get("i")).isEqualTo(String.format("%03d", i));
      }
      assertThat(Postings.toArray(b.index().postings("i", "300"))).isEmpty();
      assertThat(Postings.toArray(b.index().postings("i", "0005"))).isEmpty();
      assertThat(Postings.toArray(b.index().postings("nope", "x"))).isEmpty();
      assertThat(Postings.toArray(b.index().postings("odd", "yes"))).hasSize(150);
      try (Querier q = b.querier(1000, 1500)) {
        SeriesSet set = q.select(true, Matcher.equal("odd", "yes"), Matcher.regex("i", "0[0-4].*"));
        int n = 0;
        SampleIterator it = null;
        while (set.next()) {
          it = set.at().iterator(it);
          int i = Integer.parseInt(set.at().labels().get("i"));
          assertThat(i % 2).isOne();
          int samples = 0;
          while (it.next() == ValueType.FLOAT) {
            assertThat(it.t()).isBetween(1000L, 1500L);
            assertThat(it.v()).isEqualTo(i * 1000 + (it.t() - i % 7) / 10);
            samples++;
          }
          assertThat(samples).isBetween(50, 51);
          n++;
        }
        assertThat(n).isEqualTo(25);
      }
    }
  }

  @Test
  void splitsChunkSegmentsAsPrometheusDoes() throws Exception {
    Path p = writeBlock(4096);
    try (Stream<Path> s = Files.list(p.resolve("chunks"))) {
      List<Path> segs = s.sorted().toList();
      assertThat(segs.size()).isGreaterThan(10);
      for (Path seg : segs) {
        assertThat(Files.size(seg)).isLessThanOrEqualTo(4096);
      }
    }
    try (Block b = Block.open(p); Querier q = b.querier(0, 10_000)) {
      SeriesSet set = q.select(false, Matcher.equal("__name__", "m"));
      long samples = 0;
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        while (it.next() == ValueType.FLOAT) {
          samples++;
        }
      }
      assertThat(samples).isEqualTo(300 * 250);
    }
  }

  @Test
  void appliesTombstones() throws Exception {
    Path p = writeBlock(ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
    long ref;
    try (Block b = Block.open(p)) {
      ref = Postings.toArray(b.index().postings("i", "008"))[0];
    }
    new Tombstones.Builder().add(ref, 100, 199).add(ref, 1000, 2000).build().write(p);
    try (Block b = Block.open(p); Querier q = b.querier(0, 10_000)) {
      assertThat(b.tombstones().count()).isEqualTo(2);
      SeriesSet set = q.select(false, Matcher.equal("i", "008"));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator(null);
      List<Long> ts = new ArrayList<>();
      while (it.next() == ValueType.FLOAT) {
        ts.add(it.t());
      }
      assertThat(ts).hasSize(250 - 10 - 100).doesNotContain(101L, 1001L, 1991L).contains(91L, 201L, 2001L, 2491L);
      assertThat(it.next()).isEqualTo(ValueType.NONE);
      it = set.at().iterator(it);
      assertThat(it.seek(150)).isEqualTo(ValueType.FLOAT);
      assertThat(it.t()).isEqualTo(201);
      assertThat(it.seek(1500)).isEqualTo(ValueType.FLOAT);
      assertThat(it.t()).isEqualTo(2001);
      assertThat(it.seek(3000)).isEqualTo(ValueType.NONE);
    }
    // A chunk wholly deleted leaves the series out.
    new Tombstones.Builder().add(ref, 0, 10_000).build().write(p);
    try (Block b = Block.open(p); Querier q = b.querier(0, 10_000)) {
      assertThat(q.select(false, Matcher.equal("i", "008")).next()).isFalse();
    }
  }

  @Test
  void tombstonesFileIsPrometheuss() throws Exception {
    Tombstones.EMPTY.write(dir);
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(dir.resolve("tombstones")))).isEqualTo("0130ba300100000000");
    Tombstones t = new Tombstones.Builder().add(3, 10, 20).add(3, 15, 30).add(3, 40, 50).add(1, -5, 5).build();
    t.write(dir);
    Tombstones back = Tombstones.read(dir);
    assertThat(back.refs()).containsExactly(1, 3);
    assertThat(back.intervals(3)).containsExactly(10, 30, 40, 50);
    assertThat(back.intervals(1)).containsExactly(-5, 5);
    assertThat(back.count()).isEqualTo(3);
  }

  @Test
  void unfinishedWriterLeavesNothing() throws Exception {
    try (BlockWriter w = BlockWriter.create(dir, 0, 100)) {
      w.addSeries(Labels.of("a", "b"), new long[] {1, 2}, new double[] {1, 2}, 2);
      assertThat(dir.resolve(w.ulid() + ".tmp-for-creation")).isDirectory();
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void refusesBadInput() throws Exception {
    try (BlockWriter w = BlockWriter.create(dir, 0, 100)) {
      w.addSeries(Labels.of("a", "b"), new long[] {1, 2}, new double[] {1, 2}, 2);
      assertThatThrownBy(() -> w.addSeries(Labels.of("a", "a"), new long[] {1}, new double[] {1}, 1))
          .hasMessageContaining("out of order");
      assertThatThrownBy(() -> w.addSeries(Labels.of("a", "c"), new long[] {1, 100}, new double[] {1, 2}, 2))
          .hasMessageContaining("outside the block's [0, 100)");
      assertThatThrownBy(() -> w.addSeries(Labels.of("a", "d"), new long[] {5, 5}, new double[] {1, 2}, 2))
          .hasMessageContaining("out of order");
    }
  }

  @Test
  void closeUnmaps() throws Exception {
    Path p = writeBlock(ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
    Block b = Block.open(p);
    Postings all = b.index().allPostings();
    b.close();
    assertThatThrownBy(all::next).isInstanceOf(IllegalStateException.class);
  }

  // --- corruption: every kind names the file and the offset -----------------------------------

  @Test
  void flippedSeriesByteIsReportedWithFileAndOffset() throws Exception {
    Path p = writeBlock(ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
    long ref;
    try (Block b = Block.open(p)) {
      ref = Postings.toArray(b.index().postings("i", "042"))[0];
    }
    flip(p.resolve("index"), ref * 16 + 3);
    try (Block b = Block.open(p); Querier q = b.querier(0, 10_000)) {
      SeriesSet set = q.select(false, Matcher.regex("i", "04.*"));
      assertThatThrownBy(() -> {
        while (set.next()) {
          // read on
        }
      }).isInstanceOf(CorruptBlockException.class)
          .hasMessageContaining(p.resolve("index") + " at ")
          .hasMessageContaining("series " + ref + ": checksum mismatch");
    }
  }

  @Test
  void flippedChunkByteIsReportedWithFileAndOffset() throws Exception {
    Path p = writeBlock(ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
    long chunkRef;
    try (Block b = Block.open(p)) {
      ChunkMetas m = new ChunkMetas();
      b.index().series(Postings.toArray(b.index().postings("i", "100"))[0], m);
      chunkRef = m.ref(1);
    }
    flip(p.resolve("chunks/000001"), (chunkRef & 0xFFFFFFFFL) + 10);
    try (Block b = Block.open(p); Querier q = b.querier(0, 10_000)) {
      SeriesSet set = q.select(false, Matcher.equal("i", "100"));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator(null);
      assertThatThrownBy(() -> {
        while (it.next() == ValueType.FLOAT) {
          // read on
        }
      }).isInstanceOf(CorruptBlockException.class)
          .hasMessageStartingWith(p.resolve("chunks/000001") + " at ")
          .hasMessageContaining("chunk at " + (chunkRef & 0xFFFFFFFFL) + ": checksum mismatch");
    }
  }

  @Test
  void truncatedOrForeignFilesAreRefusedAtOpen() throws Exception {
    Path p = writeBlock(ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
    Path index = p.resolve("index");
    byte[] orig = Files.readAllBytes(index);

    Files.write(index, java.util.Arrays.copyOf(orig, orig.length - 100));
    assertThatThrownBy(() -> Block.open(p)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining(index.toString()).hasMessageContaining("table of contents: checksum mismatch");

    Files.write(index, java.util.Arrays.copyOf(orig, 20));
    assertThatThrownBy(() -> Block.open(p)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining(index + " at 0: index of 20 bytes is too short");

    byte[] v1 = orig.clone();
    v1[4] = 1;
    Files.write(index, v1);
    assertThatThrownBy(() -> Block.open(p)).hasMessage(index + " at 4: unsupported index format version 1, supported: 2");

    byte[] magic = orig.clone();
    magic[0] = 0;
    Files.write(index, magic);
    assertThatThrownBy(() -> Block.open(p)).hasMessageContaining(index + " at 0: not an index file");

    // A symbol table byte: caught by its checksum at open.
    byte[] sym = orig.clone();
    sym[20] ^= 1;
    Files.write(index, sym);
    assertThatThrownBy(() -> Block.open(p)).hasMessageContaining(index + " at 9: symbol table: checksum mismatch");
    Files.write(index, orig);

    Path seg = p.resolve("chunks/000001");
    byte[] chunks = Files.readAllBytes(seg);
    Files.write(seg, new byte[] {(byte) 0x85, (byte) 0xBD, 0x40, (byte) 0xDD, 2, 0, 0, 0});
    assertThatThrownBy(() -> Block.open(p)).hasMessage(seg + " at 4: unsupported chunk segment version 2, supported: 1");
    Files.write(seg, chunks);

    Path meta = p.resolve("meta.json");
    String m = Files.readString(meta);
    Files.writeString(meta, m.replace("\"version\": 1", "\"version\": 2"));
    assertThatThrownBy(() -> Block.open(p)).hasMessage(meta + " at 0: unsupported meta.json version 2, supported: 1");
    Files.writeString(meta, m.substring(0, 30));
    assertThatThrownBy(() -> Block.open(p)).isInstanceOf(CorruptBlockException.class).hasMessageContaining("bad meta.json");
    Files.writeString(meta, m);

    try (Block b = Block.open(p)) {
      assertThat(b.meta().stats().numSeries()).isEqualTo(300);
    }
  }

  @Test
  void randomCorruptionIsCaughtOrHarmless() throws Exception {
    long seed = System.nanoTime();
    SplittableRandom r = new SplittableRandom(seed);
    Path p = writeBlock(ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
    String want = readEverything(p);
    int caught = 0;
    for (String name : List.of("index", "chunks/000001")) {
      Path file = p.resolve(name);
      byte[] orig = Files.readAllBytes(file);
      for (int round = 0; round < 40; round++) {
        byte[] bad = orig.clone();
        int at = r.nextInt(bad.length);
        bad[at] ^= (byte) (1 << r.nextInt(8));
        Files.write(file, bad);
        try {
          // Bytes no reader looks at (padding, the unused label indices) may change unnoticed;
          // anything else must be caught, never read as other data.
          assertThat(readEverything(p)).as("seed %d: flip in %s at %d read as other data", seed, name, at).isEqualTo(want);
        } catch (CorruptBlockException e) {
          assertThat(e.getMessage()).as("seed %d", seed).startsWith(file.toString());
          caught++;
        }
      }
      Files.write(file, orig);
    }
    assertThat(caught).as("seed %d", seed).isGreaterThan(40);
  }

  /** Every label value, series and sample of the block, as text. */
  private static String readEverything(Path p) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Block b = Block.open(p); Querier q = b.querier(0, 10_000)) {
      for (String n : b.index().labelNames()) {
        sb.append(n).append(q.labelValues(n)).append('\n');
        for (String v : b.index().labelValues(n)) {
          sb.append(Postings.toArray(b.index().postings(n, v)).length).append(' ');
        }
      }
      SeriesSet set = q.select(false, Matcher.regex("__name__", ".+"));
      SampleIterator it = null;
      while (set.next()) {
        sb.append(set.at().labels()).append('\n');
        it = set.at().iterator(it);
        while (it.next() == ValueType.FLOAT) {
          sb.append(it.t()).append(' ').append(Double.doubleToRawLongBits(it.v())).append(' ');
        }
      }
    }
    return sb.toString();
  }

  private static void flip(Path file, long at) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x40));
      one.rewind();
      ch.write(one, at);
    }
  }
}
