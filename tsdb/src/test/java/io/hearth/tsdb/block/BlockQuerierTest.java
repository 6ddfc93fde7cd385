package io.hearth.tsdb.block;

import io.hearth.storage.QuerierContractTest;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.index.IndexFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A block passes the querier contract the head passes. */
class BlockQuerierTest extends QuerierContractTest {
  private Path dir;
  private Block block;

  @Override
  protected Queryable create(List<Data> series) throws Exception {
    dir = Files.createTempDirectory("block-querier");
    List<Data> sorted = new ArrayList<>(series);
    sorted.sort((a, b) -> IndexFileWriter.compareLabels(a.labels(), b.labels()));
    long minT = sorted.stream().mapToLong(d -> d.ts()[0]).min().orElseThrow();
    long maxT = sorted.stream().mapToLong(d -> d.ts()[d.ts().length - 1]).max().orElseThrow() + 1;
    Path written;
    try (BlockWriter w = BlockWriter.create(dir, minT, maxT)) {
      for (Data d : sorted) {
        w.addSeries(d.labels(), d.ts(), d.vs(), d.ts().length);
      }
      written = w.commit();
    }
    block = Block.open(written);
    return block;
  }

  @Override
  protected void release() throws Exception {
    block.close();
    BlockFiles.deleteRecursively(dir);
  }
}
