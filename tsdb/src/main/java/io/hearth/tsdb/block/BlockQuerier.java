package io.hearth.tsdb.block;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.index.ChunkMetas;
import io.hearth.tsdb.index.Postings;
import io.hearth.tsdb.query.PostingsForMatchers;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a block over {@code [minT, maxT]}: matchers become postings through the index, then
 * series are read one at a time as the caller advances, each with the chunks that overlap the
 * range. Series come in the index's order, Prometheus's label order, so {@code sorted} costs
 * nothing. Not thread-safe.
 */
final class BlockQuerier implements Querier {
  private final Block block;
  private final long minT;
  private final long maxT;
  private boolean isClosed;

  BlockQuerier(Block block, long minT, long maxT) {
    this.block = block;
    this.minT = minT;
    this.maxT = maxT;
  }

  @Override
  public SeriesSet select(boolean sorted, Matcher... matchers) {
    checkOpen();
    if (matchers.length == 0) {
      throw new IllegalArgumentException("select needs at least one matcher");
    }
    if (missesBlock()) {
      return SeriesSet.EMPTY;
    }
    return new BlockSeriesSet(PostingsForMatchers.select(block.index(), matchers));
  }

  /** Whether the range misses the block's span (its maxT is exclusive): then it offers nothing, labels included. */
  private boolean missesBlock() {
    return maxT < minT || maxT < block.meta().minT() || minT >= block.meta().maxT();
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    checkOpen();
    if (missesBlock()) {
      return List.of();
    }
    return PostingsForMatchers.labelValues(block.index(), name, matchers);
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    checkOpen();
    if (missesBlock()) {
      return List.of();
    }
    return PostingsForMatchers.labelNames(block.index(), matchers);
  }

  @Override
  public void close() {
    isClosed = true;
  }

  private void checkOpen() {
    if (isClosed) {
      throw new IllegalStateException("querier is closed");
    }
  }

  private final class BlockSeriesSet implements SeriesSet {
    private final Postings postings;
    private final ChunkMetas metas = new ChunkMetas();
    private BlockSeries current;

    BlockSeriesSet(Postings postings) {
      this.postings = postings;
    }

    @Override
    public boolean next() {
      checkOpen();
      for (long ref = postings.next(); ref != Postings.END; ref = postings.next()) {
        Labels labels = block.index().series(ref, metas);
        if (labels == null) {
          continue;
        }
        long[] deleted = block.tombstones().intervals(ref);
        // The chunks overlapping the range and not wholly deleted, as (minT, maxT, ref) triples.
        long[] kept = new long[3 * metas.size()];
        int n = 0;
        for (int i = 0; i < metas.size(); i++) {
          long cMin = metas.minT(i);
          long cMax = metas.maxT(i);
          if (cMax < minT || cMin > maxT || isCovered(deleted, Math.max(cMin, minT), Math.min(cMax, maxT))) {
            continue;
          }
          kept[n++] = cMin;
          kept[n++] = cMax;
          kept[n++] = metas.ref(i);
        }
        if (n > 0) {
          current = new BlockSeries(labels, n == kept.length ? kept : Arrays.copyOf(kept, n), deleted);
          return true;
        }
      }
      current = null;
      return false;
    }

    @Override
    public Series at() {
      if (current == null) {
        throw new IllegalStateException("no current series: call next() first");
      }
      return current;
    }
  }

  /** Whether one deleted interval covers all of {@code [from, to]}. */
  private static boolean isCovered(long[] deleted, long from, long to) {
    for (int i = 0; i < deleted.length; i += 2) {
      if (deleted[i] <= from && to <= deleted[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private final class BlockSeries implements Series {
    private final Labels labels;
    private final long[] chunks;
    private final long[] deleted;

    BlockSeries(Labels labels, long[] chunks, long[] deleted) {
      this.labels = labels;
      this.chunks = chunks;
      this.deleted = deleted;
    }

    @Override
    public Labels labels() {
      return labels;
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      checkOpen();
      BlockSeriesIterator it =
          reuse instanceof BlockSeriesIterator b ? b : new BlockSeriesIterator();
      return it.reset(block.chunks(), chunks, deleted, minT, maxT);
    }
  }
}
