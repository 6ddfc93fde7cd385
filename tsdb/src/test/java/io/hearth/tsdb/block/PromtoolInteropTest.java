package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.chunk.Promtool;
import io.hearth.tsdb.chunk.XorChunk;
import io.hearth.tsdb.index.ChunkMetas;
import io.hearth.tsdb.index.IndexFileWriter;
import io.hearth.tsdb.index.Postings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks move between Hearth and Debian's real Prometheus 2.42 tools in both directions: promtool's
 * blocks read back exactly in Hearth, Hearth's pass {@code promtool tsdb list/analyze/dump}, and
 * Hearth rewriting promtool's series yields byte-identical files.
 */
class PromtoolInteropTest {
  private static final long HOUR = 3_600_000L;
  private static final long BLOCK = 2 * HOUR;
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  /** One series' samples, timestamps increasing. */
  record Data(Labels labels, long[] ts, double[] vs) {}

  /**
   * Several series over about 7 hours: steady scrapes, a gap, a late start, jitter, and values
   * that include NaN, both infinities, -0.0, tiny and huge numbers. Sorted by labels.
   */
  static List<Data> generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    TreeMap<Labels, Data> out = new TreeMap<>(IndexFileWriter::compareLabels);
    String[] jobs = {"api", "node", "db"};
    int k = 0;
    for (String job : jobs) {
      for (int inst = 0; inst < 3; inst++) {
        Labels l = Labels.of("__name__", k % 2 == 0 ? "requests_total" : "temperature", "job", job,
            "instance", "host-" + inst + ":9100", "zone", inst == 2 ? "é-ü" : "eu");
        long step = 15_000 + 15_000L * (k % 3);
        List<Long> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        double c = 0;
        long start = T0 + (k == 4 ? 3 * HOUR : 0) + k * 7L;
        for (long t = start; t < T0 + 7 * HOUR; t += step) {
          if (k == 5 && t > T0 + 2 * HOUR && t < T0 + 4 * HOUR) {
            continue; // a gap over a whole block
          }
          long jitter = r.nextInt(-3, 4);
          c += r.nextInt(0, 100);
          double v = switch (r.nextInt(60)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> 1e-300 * r.nextDouble();
            case 5 -> 1e300 * r.nextDouble();
            default -> k % 2 == 0 ? c : Math.round(r.nextDouble(-40, 40) * 100) / 100.0;
          };
          ts.add(t + jitter);
          vs.add(v);
        }
        out.put(l, new Data(l, ts.stream().mapToLong(Long::longValue).toArray(),
            vs.stream().mapToDouble(Double::doubleValue).toArray()));
        k++;
      }
    }
    return new ArrayList<>(out.values());
  }

  // --- Hearth writes, promtool reads ---------------------------------------------------------

  @Test
  void promtoolListsAnalyzesAndDumpsHearthsBlocks() throws Exception {
    List<Data> data = generate(42);
    Path db = dir.resolve("data");
    Files.createDirectories(db.resolve("wal")); // promtool tsdb dump opens the directory as a DB
    long expectedSamples = 0;
    List<BlockMeta> metas = new ArrayList<>();
    for (long b = Math.floorDiv(T0, BLOCK) * BLOCK; b < T0 + 7 * HOUR; b += BLOCK) {
      try (BlockWriter w = BlockWriter.create(db, b, b + BLOCK)) {
        for (Data d : data) {
          int from = lowerBound(d.ts(), b);
          int to = lowerBound(d.ts(), b + BLOCK);
          w.addSeries(d.labels(), java.util.Arrays.copyOfRange(d.ts(), from, to),
              java.util.Arrays.copyOfRange(d.vs(), from, to), to - from);
        }
        w.commit();
        metas.add(w.meta());
        expectedSamples += w.meta().stats().numSamples();
      }
    }
    assertThat(metas).hasSizeGreaterThanOrEqualTo(4);

    String list = run("tsdb", "list", db.toString());
    for (BlockMeta m : metas) {
      assertThat(list).containsPattern(m.ulid() + "\\s+" + m.minT() + "\\s+" + m.maxT() + "\\s+\\S+\\s+"
          + m.stats().numSamples() + "\\s+" + m.stats().numChunks() + "\\s+" + m.stats().numSeries());
    }
    for (BlockMeta m : metas) {
      String analyze = run("tsdb", "analyze", db.toString(), m.ulid().toString());
      assertThat(analyze).contains("Block ID: " + m.ulid()).contains("Series: " + m.stats().numSeries());
    }

    List<String> want = new ArrayList<>();
    for (Data d : data) {
      for (int i = 0; i < d.ts().length; i++) {
        want.add(d.labels() + " " + goFloat(d.vs()[i]) + " " + d.ts()[i]);
      }
    }
    List<String> got = run("tsdb", "dump", db.toString()).lines().toList();
    assertThat(got).hasSize((int) expectedSamples);
    assertThat(got).containsExactlyInAnyOrderElementsOf(want);
  }

  private static int lowerBound(long[] ts, long t) {
    int i = java.util.Arrays.binarySearch(ts, t);
    return i >= 0 ? i : -i - 1;
  }

  /** Go's {@code %g}: the shortest repr, exponent when below 1e-4 or at least 1e21. */
  static String goFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1;
    String digits = bd.unscaledValue().abs().toString();
    String sign = v < 0 ? "-" : "";
    if (exp < -4 || exp >= 21) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return sign + bd.abs().toPlainString();
  }

  // --- promtool writes, Hearth reads ---------------------------------------------------------

  @Test
  void hearthReadsPromtoolsBlocksExactly() throws Exception {
    List<Data> data = generate(7);
    Path out = promtoolBlocks(data);
    List<Path> blocks = blockDirs(out);
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
    Map<Labels, List<long[]>> got = new TreeMap<>(IndexFileWriter::compareLabels);
    long total = 0;
    for (Path p : blocks) {
      try (Block b = Block.open(p); Querier q = b.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        total += b.meta().stats().numSamples();
        SeriesSet set = q.select(true, Matcher.regex("__name__", ".+"));
        SampleIterator it = null;
        while (set.next()) {
          it = set.at().iterator(it);
          List<long[]> samples = got.computeIfAbsent(set.at().labels(), l -> new ArrayList<>());
          while (it.next() == ValueType.FLOAT) {
            samples.add(new long[] {it.t(), Double.doubleToRawLongBits(it.v())});
          }
        }
      }
    }
    assertThat(got.keySet()).containsExactlyElementsOf(data.stream().map(Data::labels).toList());
    long compared = 0;
    for (Data d : data) {
      List<long[]> s = got.get(d.labels());
      assertThat(s).as("samples of %s", d.labels()).hasSize(d.ts().length);
      for (int i = 0; i < d.ts().length; i++) {
        assertThat(s.get(i)[0]).as("t of sample %d of %s", i, d.labels()).isEqualTo(d.ts()[i]);
        double v = Double.longBitsToDouble(s.get(i)[1]);
        if (Double.isNaN(d.vs()[i])) {
          assertThat(v).isNaN();
        } else {
          assertThat(s.get(i)[1]).as("v of sample %d of %s", i, d.labels()).isEqualTo(Double.doubleToRawLongBits(d.vs()[i]));
        }
        compared++;
      }
    }
    assertThat(compared).isEqualTo(total);
  }

  /**
   * A data directory whose blocks promtool backfilled opens as a Db (no longer refused), and a
   * query reads every block and the head as one: promtool's samples exactly, then the newer samples
   * the head took on top, each series once.
   */
  @Test
  void aDatabaseServesPromtoolsBlocksMergedWithItsHead() throws Exception {
    List<Data> data = generate(11);
    Path out = promtoolBlocks(data);
    long later = T0 + 8 * HOUR;
    try (io.hearth.tsdb.Db db = io.hearth.tsdb.Db.open(out, io.hearth.tsdb.DbOptions.defaults())) {
      assertThat(db.blocks()).hasSizeGreaterThanOrEqualTo(4);
      io.hearth.storage.Appender app = db.appender();
      for (Data d : data) {
        app.append(0, d.labels(), later, 42);
      }
      app.commit();
      try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
        SeriesSet set = q.select(true, Matcher.regex("__name__", ".+"));
        SampleIterator it = null;
        int i = 0;
        while (set.next()) {
          Data d = data.get(i++);
          assertThat(set.at().labels()).isEqualTo(d.labels());
          it = set.at().iterator(it);
          for (int k = 0; k < d.ts().length; k++) {
            assertThat(it.next()).isEqualTo(ValueType.FLOAT);
            assertThat(it.t()).isEqualTo(d.ts()[k]);
            if (!Double.isNaN(d.vs()[k])) {
              assertThat(Double.doubleToRawLongBits(it.v())).isEqualTo(Double.doubleToRawLongBits(d.vs()[k]));
            }
          }
          assertThat(it.next()).isEqualTo(ValueType.FLOAT);
          assertThat(it.t()).isEqualTo(later);
          assertThat(it.next()).isEqualTo(ValueType.NONE);
        }
        assertThat(i).isEqualTo(data.size());
      }
    }
  }

  @Test
  void hearthRewritesPromtoolsBlocksByteForByte() throws Exception {
    List<Data> data = generate(11);
    Path out = promtoolBlocks(data);
    Path ours = dir.resolve("ours");
    Files.createDirectories(ours);
    List<Path> theirs = blockDirs(out);
    assertThat(theirs).hasSizeGreaterThanOrEqualTo(4);
    for (Path p : theirs) {
      try (Block b = Block.open(p)) {
        BlockMeta m = b.meta();
        Path written;
        try (BlockWriter w = BlockWriter.create(ours, m.ulid(), m.minT(), m.maxT(), m.compaction(),
            ChunkFileWriter.DEFAULT_SEGMENT_SIZE)) {
          Postings all = b.index().allPostings();
          ChunkMetas metas = new ChunkMetas();
          for (long ref = all.next(); ref != Postings.END; ref = all.next()) {
            Labels l = b.index().series(ref, metas);
            List<XorChunk> chunks = new ArrayList<>();
            for (int i = 0; i < metas.size(); i++) {
              chunks.add(b.chunks().chunk(metas.ref(i)));
            }
            w.addSeries(l, chunks);
          }
          written = w.commit();
        }
        for (String f : List.of("index", "chunks/000001", "meta.json", "tombstones")) {
          assertThat(hex(written.resolve(f))).as("%s of block %s", f, m.ulid()).isEqualTo(hex(p.resolve(f)));
        }
      }
    }
  }

  private static String hex(Path p) throws IOException {
    return HexFormat.of().formatHex(Files.readAllBytes(p));
  }

  private Path promtoolBlocks(List<Data> data) throws Exception {
    StringBuilder sb = new StringBuilder();
    TreeMap<String, List<Data>> byName = new TreeMap<>();
    for (Data d : data) {
      byName.computeIfAbsent(d.labels().metricName(), n -> new ArrayList<>()).add(d);
    }
    for (Map.Entry<String, List<Data>> e : byName.entrySet()) {
      sb.append("# TYPE ").append(e.getKey()).append(" gauge\n");
      for (Data d : e.getValue()) {
        StringBuilder ls = new StringBuilder(e.getKey()).append('{');
        for (int i = 0; i < d.labels().size(); i++) {
          if (d.labels().name(i).equals("__name__") == false) {
            ls.append(ls.charAt(ls.length() - 1) == '{' ? "" : ",").append(d.labels().name(i)).append("=\"")
                .append(d.labels().value(i)).append('"');
          }
        }
        ls.append('}');
        for (int i = 0; i < d.ts().length; i++) {
          sb.append(ls).append(' ').append(omFloat(d.vs()[i])).append(' ').append(Promtool.timestamp(d.ts()[i])).append('\n');
        }
      }
    }
    sb.append("# EOF\n");
    Path input = dir.resolve("input.om");
    Files.writeString(input, sb, StandardCharsets.UTF_8);
    Path out = dir.resolve("promtool-blocks");
    Promtool.createBlocksFromOpenMetrics(Promtool.find(), input, out, dir.resolve("promtool.log"));
    return out;
  }

  private static String omFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(v);
  }

  private static List<Path> blockDirs(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> Ulid.isValid(p.getFileName().toString())).sorted().toList();
    }
  }

  private String run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Promtool.find());
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "promtool", ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (p.waitFor(60, TimeUnit.SECONDS) == false) {
      p.destroyForcibly();
      fail("promtool " + String.join(" ", args) + " did not finish within 60s");
    }
    String output = Files.readString(log);
    if (p.exitValue() != 0) {
      fail("promtool " + String.join(" ", args) + " failed with exit code " + p.exitValue() + ":\n" + output);
    }
    return output;
  }
}
