package io.hearth.tsdb;

import io.hearth.storage.Appender;
import io.hearth.storage.QuerierContractTest;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.block.BlockWriter;
import io.hearth.tsdb.index.IndexFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A data directory holding two overlapping blocks plus the head passes the querier contract: each
 * series' samples are spread over the three places, some of them held twice, and read back as one.
 */
class DbBlocksQuerierTest extends QuerierContractTest {
  private Path dir;
  private Db db;

  @Override
  protected Queryable create(List<Data> series) throws Exception {
    dir = Files.createTempDirectory("db-blocks");
    List<Data> sorted = new ArrayList<>(series);
    sorted.sort((a, b) -> IndexFileWriter.compareLabels(a.labels(), b.labels()));
    long minT = sorted.stream().mapToLong(d -> d.ts()[0]).min().orElseThrow();
    long maxT = sorted.stream().mapToLong(d -> d.ts()[d.ts().length - 1]).max().orElseThrow() + 1;
    // Block 0 takes every sample i % 3 == 0, block 1 i % 3 == 1 plus every 4th (some twice), the head the rest plus every 5th.
    for (int part = 0; part < 2; part++) {
      try (BlockWriter w = BlockWriter.create(dir, minT, maxT)) {
        for (Data d : sorted) {
          int p = part;
          int[] idx = java.util.stream.IntStream.range(0, d.ts().length)
              .filter(i -> i % 3 == p || (p == 1 && i % 4 == 0)).toArray();
          if (idx.length > 0) {
            w.addSeries(d.labels(), pick(d.ts(), idx), pick(d.vs(), idx), idx.length);
          }
        }
        w.commit();
      }
    }
    db = Db.open(dir, DbOptions.defaults());
    for (Data d : series) {
      Appender app = db.appender();
      for (int i = 0; i < d.ts().length; i++) {
        if (i % 3 == 2 || i % 5 == 0) {
          app.append(0, d.labels(), d.ts()[i], d.vs()[i]);
        }
      }
      app.commit();
    }
    return db;
  }

  private static long[] pick(long[] a, int[] idx) {
    return Arrays.stream(idx).mapToLong(i -> a[i]).toArray();
  }

  private static double[] pick(double[] a, int[] idx) {
    return Arrays.stream(idx).mapToDouble(i -> a[i]).toArray();
  }

  @Override
  protected void release() throws Exception {
    db.close();
    try (var all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
