package io.hearth.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.storage.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the codec against real Prometheus: promtool turns an OpenMetrics file into blocks, and
 * every chunk it wrote must decode to samples we fed in, and re-encode to the same bytes.
 *
 * <p>Needs Debian's {@code prometheus} package (promtool 2.42); {@code ./dev test} installs it. The
 * test fails rather than skips without it, so the golden check cannot silently stop running.
 */
class PromtoolChunkGoldenTest {
  private static final long SEED = 20240601L; // fixed: the input file is deterministic
  private static final long T0 = 1_700_000_000_000L;
  private static final int SAMPLES_PER_SERIES = 1_300; // about 5.4 hours at 15s: three blocks
  // What promtool stores for the text "NaN": Go's math.NaN(), not Java's Double.NaN.
  private static final long GO_NAN_BITS = 0x7ff8000000000001L;

  @TempDir Path dir;

  /** One series' samples as fed to promtool: timestamps in ms and raw value bits as stored. */
  private record Series(String name, String labels, List<Long> ts, List<Long> bits) {}

  /** Where a (t, value bits) pair came from; the data makes every pair unique. */
  private record Origin(int series, int index) {}

  @Test
  void promtoolChunksDecodeAndReencodeByteForByte() throws Exception {
    String promtool = Promtool.find();
    System.out.println("promtoolChunksDecodeAndReencodeByteForByte: seed " + SEED);
    List<Series> series = generate(new SplittableRandom(SEED));
    Path input = dir.resolve("input.om");
    Files.writeString(input, openMetrics(series), StandardCharsets.UTF_8);
    Path out = dir.resolve("blocks");
    Promtool.createBlocksFromOpenMetrics(promtool, input, out, dir.resolve("promtool.log"));

    Map<Pair, Origin> origins = new HashMap<>();
    List<Pair> fed = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      Series ser = series.get(s);
      for (int i = 0; i < ser.ts().size(); i++) {
        Pair p = new Pair(ser.ts().get(i), ser.bits().get(i));
        assertThat(origins.put(p, new Origin(s, i))).as("pairs are unique by construction").isNull();
        fed.add(p);
      }
    }

    List<Pair> decoded = new ArrayList<>();
    XorIterator it = new XorIterator();
    int chunks = 0;
    int spareBytes = 0;
    boolean[] buckets = new boolean[5];
    List<Path> blocks;
    try (Stream<Path> list = Files.list(out)) {
      blocks = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(blocks).as("blocks written by promtool").hasSizeGreaterThanOrEqualTo(3);
    for (Path block : blocks) {
      Path file = block.resolve("chunks").resolve("000001");
      for (ChunkSegmentFile.StoredChunk c : ChunkSegmentFile.read(file)) {
        String where = file + " at " + c.offset;
        assertThat(c.encoding).as(where).isEqualTo(Encoding.XOR);
        chunks++;
        List<Pair> samples = new ArrayList<>();
        it.reset(c.data, 0, c.data.length);
        while (it.next() == ValueType.FLOAT) {
          samples.add(new Pair(it.t(), Double.doubleToRawLongBits(it.v())));
        }
        assertThat(samples).as(where).hasSize(new XorChunk(c.data).numSamples()).isNotEmpty();

        // The chunk is a contiguous run of one series.
        Origin first = origins.get(samples.get(0));
        assertThat(first).as("%s: first sample %s was never fed in", where, samples.get(0)).isNotNull();
        for (int i = 0; i < samples.size(); i++) {
          assertThat(origins.get(samples.get(i))).as("%s: sample %d", where, i)
              .isEqualTo(new Origin(first.series(), first.index() + i));
        }

        // Our encoder, fed the same samples, writes the same bytes.
        long[] ts = new long[samples.size()];
        double[] vs = new double[samples.size()];
        for (int i = 0; i < ts.length; i++) {
          ts[i] = samples.get(i).t();
          vs[i] = Double.longBitsToDouble(samples.get(i).bits());
          if (i >= 2) {
            buckets[bucketOf((ts[i] - ts[i - 1]) - (ts[i - 1] - ts[i - 2]))] = true;
          }
        }
        byte[] ours = XorChunk.encode(ts, vs, ts.length).bytes();
        assertThat(Samples.hex(ours)).as("%s: re-encoded chunk of series %s", where, series.get(first.series()).labels())
            .isEqualTo(Samples.hex(c.data));
        decoded.addAll(samples);
        if (decodesWithoutLastByte(c.data)) {
          spareBytes++;
        }
      }
    }

    System.out.printf("promtool wrote %d blocks, %d chunks, %d samples; %d chunks end in a spare zero byte%n",
        blocks.size(), chunks, decoded.size(), spareBytes);
    assertThat(decoded).as("every sample fed in comes back once").containsExactlyInAnyOrderElementsOf(fed);
    assertThat(chunks).isGreaterThan(series.size() * 3);
    assertThat(buckets).as("chunks exercise every delta-of-delta bucket").containsOnly(true);
    assertThat(spareBytes).as("chunks that end in Prometheus's spare zero byte").isPositive();
  }

  /** Whether the chunk ends in the spare byte of XorAppender.length(), which holds no bits. */
  private static boolean decodesWithoutLastByte(byte[] data) {
    XorIterator it = new XorIterator().reset(data, 0, data.length - 1);
    try {
      while (it.next() == ValueType.FLOAT) {}
      return true;
    } catch (CorruptChunkException e) {
      return false;
    }
  }

  private record Pair(long t, long bits) {}

  private static int bucketOf(long dod) {
    if (dod == 0) {
      return 0;
    }
    return XorAppender.fitsIn(dod, 14) ? 1 : XorAppender.fitsIn(dod, 17) ? 2 : XorAppender.fitsIn(dod, 20) ? 3 : 4;
  }

  private static List<Series> generate(SplittableRandom r) {
    List<Series> all = new ArrayList<>();
    TreeSet<Pair> used = new TreeSet<>((a, b) -> a.t() != b.t() ? Long.compare(a.t(), b.t()) : Long.compare(a.bits(), b.bits()));

    Series intCounter = series(all, "golden_requests_total", "kind=\"integer\"");
    Series fracCounter = series(all, "golden_seconds_total", "kind=\"fractional\"");
    Series slowGauge = series(all, "golden_temperature", "kind=\"slow\"");
    Series randomGauge = series(all, "golden_temperature", "kind=\"random\"");
    Series bitsGauge = series(all, "golden_temperature", "kind=\"bits\"");
    Series jumps = series(all, "golden_jumps", "kind=\"dod_buckets\"");

    double ic = 1_000;
    double fc = 0.5;
    double slow = 21.5;
    long t = T0;
    for (int i = 0; i < SAMPLES_PER_SERIES; i++) {
      t += 15_000;
      long jitter = r.nextInt(-25, 26);
      ic += r.nextInt(0, 40);
      add(used, intCounter, t + jitter, ic);
      fc += r.nextDouble() * 2;
      add(used, fracCounter, t + jitter + 3, fc);
      if (r.nextInt(8) == 0) {
        slow = Math.round((slow + r.nextDouble(-0.5, 0.5)) * 10) / 10.0;
      }
      add(used, slowGauge, t, slow);
      double v = switch (r.nextInt(12)) {
        case 0 -> -0.0;
        case 1 -> Double.POSITIVE_INFINITY;
        case 2 -> Double.NEGATIVE_INFINITY;
        case 3 -> Double.NaN;
        case 4 -> 0.0;
        default -> r.nextDouble(-1e6, 1e6);
      };
      add(used, randomGauge, t + r.nextInt(-2000, 2001), v);
      double bits;
      do {
        bits = Double.longBitsToDouble(r.nextLong()); // any exponent, subnormals too
      } while (Double.isNaN(bits)); // NaN payloads cannot be written as text
      add(used, bitsGauge, t + 7, bits);
    }

    // Intervals around a 10-minute base whose deltas-of-deltas sit on the bucket edges, in both
    // directions, and then far beyond them.
    long base = 600_000;
    long jt = T0;
    int k = 0;
    add(used, jumps, jt, -1e9 - k++);
    for (long m : new long[] {1, 8191, 8192, 8193, 65535, 65536, 65537, 524287, 524288, 524289, 4_000_000}) {
      long down = Math.min(m, base / 2);
      for (long interval : new long[] {base + m, base, base, base - down, base}) {
        jt += interval;
        assertThat(add(used, jumps, jt, -1e9 - k++)).isTrue();
      }
    }
    return all;
  }

  private static Series series(List<Series> all, String name, String labels) {
    Series s = new Series(name, labels, new ArrayList<>(), new ArrayList<>());
    all.add(s);
    return s;
  }

  /** Adds a sample unless its (t, bits) pair is taken or it would not be after the last one. */
  private static boolean add(TreeSet<Pair> used, Series s, long t, double v) {
    long bits = Double.isNaN(v) ? GO_NAN_BITS : Double.doubleToRawLongBits(v);
    Pair p = new Pair(t, bits);
    if ((!s.ts().isEmpty() && t <= s.ts().getLast()) || !used.add(p)) {
      return false;
    }
    s.ts().add(t);
    s.bits().add(bits);
    return true;
  }

  private static String openMetrics(List<Series> series) {
    StringBuilder sb = new StringBuilder();
    String family = null;
    for (Series s : series) {
      if (!s.name().equals(family)) {
        family = s.name();
        boolean isCounter = family.endsWith("_total");
        String familyName = isCounter ? family.substring(0, family.length() - "_total".length()) : family;
        sb.append("# TYPE ").append(familyName).append(isCounter ? " counter\n" : " gauge\n");
      }
      for (int i = 0; i < s.ts().size(); i++) {
        sb.append(s.name()).append('{').append(s.labels()).append("} ")
            .append(formatValue(s.bits().get(i))).append(' ')
            .append(Promtool.timestamp(s.ts().get(i))).append('\n');
      }
    }
    return sb.append("# EOF\n").toString();
  }

  private static String formatValue(long bits) {
    double v = Double.longBitsToDouble(bits);
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(v); // the shortest string that reads back to the same double
  }
}
