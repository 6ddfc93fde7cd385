package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures what the scrape cache retains per series: {@code targets} caches of {@code series}
 * lines each, after a few steady scrapes (every line seen and tracked, so the staleness lists and
 * the order arrays are full), walked with JOL. The labels are one shared instance, counted once:
 * in the server the cache holds the head's own labels, which the head pays for. Not a JMH
 * benchmark.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.hearth.scrape.loop.ScrapeCacheFootprint 200 2000
 * </pre>
 */
public final class ScrapeCacheFootprint {
  private ScrapeCacheFootprint() {}

  public static void main(String[] args) {
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Labels shared = Labels.of("__name__", "shared");
    ScrapeCache[] caches = new ScrapeCache[targets];
    byte[][] firstLines = null;
    long keyBytes = 0;
    for (int t = 0; t < targets; t++) {
      ScrapeCache c = new ScrapeCache();
      byte[][] lines = new byte[series][];
      for (int i = 0; i < series; i++) {
        // Shaped like the bench model's lines: ~100 bytes of name and labels.
        lines[i] = ("bench_metric_" + (i % 50) + "_total{instance=\"127.0.0.1:" + (10000 + t)
                + "\",job=\"bench\",path=\"/api/v1/resource/" + i + "\",code=\"200\"}")
            .getBytes(StandardCharsets.UTF_8);
        keyBytes += lines[i].length;
        c.track(c.add(lines[i], 0, lines[i].length, i + 1, shared));
      }
      c.iterationDone(true);
      for (int s = 0; s < 3; s++) {
        for (byte[] line : lines) {
          c.track(c.get(line, 0, line.length));
        }
        c.iterationDone(true);
      }
      caches[t] = c;
      if (t == 0) {
        firstLines = lines;
      }
    }
    long n = (long) targets * series;
    GraphLayout layout = GraphLayout.parseInstance((Object[]) caches);
    long total = layout.totalSize() - GraphLayout.parseInstance(shared).totalSize();
    System.out.printf("targets=%d series/target=%d: %.1f B/series retained (%.1f B/series of key text), %.2f objects/series%n",
        targets, series, (double) total / n, (double) keyBytes / n, (double) layout.totalCount() / n);
    System.out.println(layout.toFootprint().lines().skip(1).limit(20).reduce("", (a, b) -> a + b + "\n"));
    steadyScrapes(caches[0], firstLines);
  }

  /**
   * Time and allocation of the cache's own work in a steady scrape (every line found and tracked,
   * staleness checked, iteration ended): best of ten rounds of 200 scrapes, so that a loaded
   * machine shows less.
   */
  private static void steadyScrapes(ScrapeCache c, byte[][] lines) {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ScrapeCache.StaleSink sink = (ref, labels) -> {};
    double best = Double.MAX_VALUE;
    long bytes = 0;
    for (int round = 0; round < 10; round++) {
      long a0 = mx.getCurrentThreadAllocatedBytes();
      long t0 = System.nanoTime();
      for (int s = 0; s < 200; s++) {
        for (byte[] line : lines) {
          c.track(c.get(line, 0, line.length));
        }
        c.forEachStale(sink);
        c.iterationDone(true);
      }
      best = Math.min(best, (System.nanoTime() - t0) / (200.0 * lines.length));
      bytes = mx.getCurrentThreadAllocatedBytes() - a0;
    }
    System.out.printf("steady scrape, cache work only: %.1f ns/line (best round), %.3f B/line allocated (last round)%n",
        best, bytes / (200.0 * lines.length));
  }
}
