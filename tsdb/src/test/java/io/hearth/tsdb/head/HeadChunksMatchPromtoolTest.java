package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appender;
import io.hearth.tsdb.chunk.ChunkSegmentFile;
import io.hearth.tsdb.chunk.Promtool;
import io.hearth.tsdb.chunk.XorIterator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head cuts the same chunks as Prometheus: fed the samples promtool turns into blocks, every
 * series' chunks are byte-identical to promtool's, boundaries included. The data covers steady
 * scrapes with jitter, a scrape interval that changes (the quarter-full prediction and the cut at
 * twice the target), a gap, and series that start mid-range; at most a few bytes a sample, where
 * Prometheus 2.42's rule and 3.x's (which adds a 1 KiB cap) agree.
 *
 * <p>promtool's backfill is not a plain head: it writes each 2h block through a fresh head whose
 * chunk range is 4h, so the comparison replays exactly that with Hearth's head.
 */
class HeadChunksMatchPromtoolTest {
  private static final long T0 = 1_700_000_000_000L; // not aligned to the 2h chunk range
  private static final long BLOCK = 2 * 3_600_000L;
  @TempDir Path dir;

  private record Series(String name, List<Long> ts, List<Double> vs) {}

  @Test
  void headChunksAreByteIdenticalToPromtools() throws Exception {
    long seed = 7;
    List<Series> series = generate(new SplittableRandom(seed));
    Path input = dir.resolve("input.om");
    Files.writeString(input, openMetrics(series), StandardCharsets.UTF_8);
    Path out = dir.resolve("blocks");
    Promtool.createBlocksFromOpenMetrics(Promtool.find(), input, out, dir.resolve("promtool.log"));

    // Promtool's chunks per series, in time order: blocks are time ordered, and within a block
    // each series' chunks are in order. No two series share a timestamp, so a chunk's first
    // sample names its series.
    List<List<String>> theirs = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      theirs.add(new ArrayList<>());
    }
    List<Path> blocks;
    try (Stream<Path> list = Files.list(out)) {
      blocks = list.filter(Files::isDirectory).sorted().toList();
    }
    for (Path block : blocks) {
      for (ChunkSegmentFile.StoredChunk c : ChunkSegmentFile.read(block.resolve("chunks").resolve("000001"))) {
        theirs.get(owner(series, c.data)).add(HexFormat.of().formatHex(c.data));
      }
    }

    // What promtool does: each 2h block is written by its own head, whose chunk range is twice the
    // block (so it accepts the whole block), fed that block's samples.
    List<List<String>> ours = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      ours.add(new ArrayList<>());
    }
    long first = series.stream().mapToLong(x -> x.ts().getFirst()).min().orElseThrow();
    long last = series.stream().mapToLong(x -> x.ts().getLast()).max().orElseThrow();
    for (long block = Math.floorDiv(first, BLOCK) * BLOCK; block <= last; block += BLOCK) {
      Head head = new Head(new HeadOptions(2 * BLOCK, 120), new SymbolTable());
      try {
        for (int i = 0; i < series.size(); i++) {
          Series s = series.get(i);
          Labels labels = Labels.of("__name__", s.name());
          Appender app = head.appender();
          long ref = 0;
          for (int j = 0; j < s.ts().size(); j++) {
            long t = s.ts().get(j);
            if (t >= block && t < block + BLOCK) {
              ref = app.append(ref, labels, t, s.vs().get(j));
            }
          }
          app.commit();
          if (ref != 0) {
            ours.get(i).addAll(ourChunks(head, head.getOrCreate(labels)));
          }
        }
      } finally {
        head.close();
      }
    }
    for (int i = 0; i < series.size(); i++) {
      assertThat(ours.get(i)).as("chunks of %s", series.get(i).name()).isEqualTo(theirs.get(i));
    }
    assertThat(theirs.stream().mapToInt(List::size).sum()).as("chunks compared").isGreaterThan(40);
  }

  private static List<String> ourChunks(Head head, MemSeries s) {
    MemSeries.ChunkSnapshot snap = s.snapshot(Long.MIN_VALUE, Long.MAX_VALUE);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < snap.closed.length; i += 3) {
      long ref = snap.closed[i + 2];
      MemorySegment slab = head.arena.slab(ref);
      byte[] bytes = new byte[ChunkArena.length(ref)];
      MemorySegment.copy(slab, ValueLayout.JAVA_BYTE, ChunkArena.offset(ref), bytes, 0, bytes.length);
      out.add(HexFormat.of().formatHex(bytes));
    }
    if (snap.openBytes != null) {
      out.add(HexFormat.of().formatHex(snap.openBytes));
    }
    return out;
  }

  /** The series holding the chunk's first sample, by timestamp and value. */
  private static int owner(List<Series> series, byte[] chunk) {
    XorIterator it = new XorIterator().reset(chunk, 0, chunk.length);
    it.next();
    int found = -1;
    for (int i = 0; i < series.size(); i++) {
      int j = series.get(i).ts().indexOf(it.t());
      if (j >= 0 && series.get(i).vs().get(j) == it.v()) {
        assertThat(found).as("chunk starting at %d belongs to one series", it.t()).isEqualTo(-1);
        found = i;
      }
    }
    assertThat(found).as("chunk starting at %d belongs to a series", it.t()).isNotNegative();
    return found;
  }

  private static List<Series> generate(SplittableRandom r) {
    List<Series> all = new ArrayList<>();
    // Each series has its own millisecond offset, so no two series share a timestamp.
    Series counter = add(all, "steady_counter_total");
    Series gauge = add(all, "slow_gauge");
    Series rates = add(all, "changing_rate_total");
    Series gap = add(all, "gappy_gauge");
    Series late = add(all, "late_start_total");
    double c = 0;
    double g = 20;
    for (int i = 0; i < 1300; i++) {
      long t = T0 + i * 15_000L;
      c += r.nextInt(0, 50);
      counter.ts().add(t + 100 + r.nextInt(-20, 21)); // 80..120 ms: apart from the others' offsets
      counter.vs().add(c);
      if (r.nextInt(10) == 0) {
        g = Math.round((g + r.nextDouble(-1, 1)) * 10) / 10.0;
      }
      gauge.ts().add(t + 2);
      gauge.vs().add(g);
      if (i < 200 || i > 700) {
        gap.ts().add(t + 3);
        gap.vs().add((double) (i % 7));
      }
      if (i > 400) {
        late.ts().add(t + 5);
        late.vs().add((double) i);
      }
    }
    // 15s, then 1s (the rate goes up after the quarter-full prediction), then 60s.
    long t = T0 + 4;
    for (int i = 0; i < 1500; i++) {
      t += i < 200 ? 15_000 : i < 1100 ? 1_000 : 60_000;
      rates.ts().add(t);
      rates.vs().add((double) i * 3);
    }
    return all;
  }

  private static Series add(List<Series> all, String name) {
    Series s = new Series(name, new ArrayList<>(), new ArrayList<>());
    all.add(s);
    return s;
  }

  private static String openMetrics(List<Series> series) {
    StringBuilder sb = new StringBuilder();
    for (Series s : series) {
      sb.append("# TYPE ").append(s.name()).append(" gauge\n");
      for (int i = 0; i < s.ts().size(); i++) {
        sb.append(s.name()).append(' ').append(s.vs().get(i)).append(' ')
            .append(Promtool.timestamp(s.ts().get(i))).append('\n');
      }
    }
    return sb.append("# EOF\n").toString();
  }
}
