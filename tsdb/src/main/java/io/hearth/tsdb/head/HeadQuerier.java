package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import io.hearth.tsdb.index.Postings;
import io.hearth.tsdb.query.PostingsForMatchers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the head over {@code [minT, maxT]}. Series are found through the postings index, then
 * each one's chunks are snapshotted when the caller reaches it, so a long read never holds a
 * series lock. Not thread-safe.
 */
final class HeadQuerier implements Querier {
  private final Head head;
  private final HeadIndexReader index;
  private final long minT;
  private final long maxT;
  private boolean isClosed;

  HeadQuerier(Head head, long minT, long maxT) {
    this.head = head;
    this.index = new HeadIndexReader(head);
    this.minT = minT;
    this.maxT = maxT;
  }

  @Override
  public SeriesSet select(boolean sorted, Matcher... matchers) {
    checkOpen();
    if (matchers.length == 0) {
      throw new IllegalArgumentException("select needs at least one matcher");
    }
    if (maxT < minT) {
      return SeriesSet.EMPTY;
    }
    Postings p = PostingsForMatchers.select(index, matchers);
    List<MemSeries> found = new ArrayList<>();
    for (long ref = p.next(); ref != Postings.END; ref = p.next()) {
      MemSeries s = head.byRef(ref);
      if (s != null) {
        found.add(s);
      }
    }
    MemSeries[] all = found.toArray(new MemSeries[0]);
    if (sorted) {
      Arrays.sort(all, Comparator.comparing((MemSeries s) -> s.labels));
    }
    return new HeadSeriesSet(all);
  }

  /**
   * Whether the range misses the head's samples altogether: then it has no labels to offer, as in
   * Prometheus, although the index still holds its series.
   */
  private boolean outsideHead() {
    return maxT < minT || minT > head.maxTime() || maxT < head.minTime();
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    checkOpen();
    if (outsideHead()) {
      return List.of();
    }
    return PostingsForMatchers.labelValues(index, name, matchers);
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    checkOpen();
    if (outsideHead()) {
      return List.of();
    }
    return PostingsForMatchers.labelNames(index, matchers);
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

  private final class HeadSeriesSet implements SeriesSet {
    private final MemSeries[] all;
    private int i = -1;
    private HeadSeries current;

    HeadSeriesSet(MemSeries[] all) {
      this.all = all;
    }

    @Override
    public boolean next() {
      while (++i < all.length) {
        MemSeries.ChunkSnapshot snap = all[i].snapshot(minT, maxT);
        if (snap != null) {
          current = new HeadSeries(all[i].labels, snap);
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

  private final class HeadSeries implements Series {
    private final Labels labels;
    private final MemSeries.ChunkSnapshot snap;

    HeadSeries(Labels labels, MemSeries.ChunkSnapshot snap) {
      this.labels = labels;
      this.snap = snap;
    }

    @Override
    public Labels labels() {
      return labels;
    }

    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      HeadSeriesIterator it =
          reuse instanceof HeadSeriesIterator h ? h : new HeadSeriesIterator(head.arena);
      return it.reset(snap, minT, maxT);
    }
  }
}
