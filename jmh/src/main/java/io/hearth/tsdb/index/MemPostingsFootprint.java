package io.hearth.tsdb.index;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints the memory {@link MemPostings} takes for a head of synthetic series (default 1M, 10
 * labels each), measured two ways: JOL's walk of the object graph, and heap used after a GC.
 * Label strings are shared with the head's symbol table in real use, so they are reported apart.
 *
 * <p>Run: {@code java -cp jmh/target/benchmarks.jar io.hearth.tsdb.index.MemPostingsFootprint [n]}
 */
public final class MemPostingsFootprint {
  private MemPostingsFootprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    SyntheticSeries series = new SyntheticSeries(); // builds the string pools before measuring
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    MemPostings mp = series.index(n);
    long after = usedAfterGc(memory);
    GraphLayout layout = GraphLayout.parseInstance(mp);
    long total = layout.totalSize();
    long strings = layout.getClassSizes().count(String.class) + layout.getClassSizes().count(byte[].class);
    System.out.println(layout.toFootprint());
    System.out.printf("series: %,d, label pairs: %,d%n", mp.numSeries(), countPairs(mp));
    System.out.printf("JOL: total %,d B = %.1f B/series; without label strings %,d B = %.1f B/series%n",
        total, total / (double) n, total - strings, (total - strings) / (double) n);
    System.out.printf("heap used after GC grew by %,d B = %.1f B/series%n", after - before, (after - before) / (double) n);
  }

  private static long countPairs(MemPostings mp) {
    long pairs = 0;
    for (String name : mp.labelNames()) {
      pairs += mp.labelValues(name).size();
    }
    return pairs;
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
