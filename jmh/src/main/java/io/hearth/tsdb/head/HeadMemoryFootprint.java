package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appender;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures what a head of many active series costs: heap after a full GC, off-heap chunk bytes
 * and the process's resident memory, per series. Not a JMH benchmark: it builds one large head
 * and reads the numbers once.
 *
 * <pre>
 * java -XX:MaxHeapFreeRatio=15 -XX:MinHeapFreeRatio=5 --enable-native-access=ALL-UNNAMED \
 *     -cp jmh/target/benchmarks.jar io.hearth.tsdb.head.HeadMemoryFootprint 1000000 240
 * </pre>
 *
 * The arguments are the number of series and of scrapes (240 scrapes at 15s is one hour: two
 * closed chunks and a quarter-full open one per series).
 */
public final class HeadMemoryFootprint {
  private HeadMemoryFootprint() {}

  public static void main(String[] args) throws Exception {
    int numSeries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 240;
    long baseRss = rssBytes();
    long baseHeap = heapAfterGc();

    List<Labels> labels = SeriesModel.generate(numSeries);
    Head head = new Head(HeadOptions.defaults(), new SymbolTable());
    long[] refs = new long[numSeries];
    double[] values = new double[numSeries];
    SplittableRandom random = new SplittableRandom(1);
    long started = System.nanoTime();
    for (int s = 0; s < scrapes; s++) {
      long t = 1_700_000_000_000L + s * 15_000L;
      // One appender per 2,000 series, like one scrape per target.
      for (int from = 0; from < numSeries; from += 2000) {
        Appender app = head.appender();
        int to = Math.min(numSeries, from + 2000);
        for (int i = from; i < to; i++) {
          values[i] = next(values[i], i, random);
          refs[i] = app.append(refs[i], refs[i] == 0 ? labels.get(i) : null, t, values[i]);
        }
        app.commit();
      }
      if (s == 0) {
        labels = null; // from here on the head's own interned labels are all that is left
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long heap = heapAfterGc() - baseHeap;
    long rss = rssBytes() - baseRss;
    HeadStats st = head.stats();
    System.out.printf("series=%d scrapes=%d samples=%d ingest=%.1fs (%.1fM samples/s)%n",
        st.numSeries(), scrapes, st.samplesAppended(), seconds, st.samplesAppended() / seconds / 1e6);
    System.out.printf("heap after GC: %.0f B/series%n", (double) heap / numSeries);
    System.out.printf("off-heap closed chunks: %.0f B/series used, %.0f B/series reserved%n",
        (double) st.closedChunkBytes() / numSeries, (double) st.closedChunkReserved() / numSeries);
    System.out.printf("RSS growth: %.0f B/series (%d MiB); heap committed %d MiB, non-heap committed %d MiB%n",
        (double) rss / numSeries, rss >> 20,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20,
        ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted() >> 20);
    System.out.printf("peak RSS (VmHWM, whole process): %.0f B/series%n", (double) procStatus("VmHWM:") / numSeries);
    System.out.printf("bytes/sample in closed chunks: %.2f%n",
        (double) st.closedChunkBytes() / Math.max(1, st.samplesAppended()));
    if (args.length > 2 && args[2].equals("pause")) {
      System.out.println("pausing 60s for a heap histogram (jmap -histo:live " + ProcessHandle.current().pid() + ")");
      Thread.sleep(60_000);
    }
    head.close();
  }

  // A mix of the bench model's dynamics: constants, counters, slow gauges and random floats.
  private static double next(double prev, int i, SplittableRandom r) {
    return switch (i % 8) {
      case 0, 1, 2 -> 1;
      case 3, 4 -> prev + r.nextInt(1, 500);
      case 5 -> prev + 0.01 * r.nextInt(0, 100);
      case 6 -> r.nextInt(10) == 0 ? prev + 4096 * (r.nextInt(3) - 1) : prev;
      default -> r.nextDouble();
    };
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    // G1 gives memory back to the OS concurrently after a full GC: let it finish before reading RSS.
    Thread.sleep(3000);
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long rssBytes() throws Exception {
    return procStatus("VmRSS:");
  }

  private static long procStatus(String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/self/status");
  }
}
