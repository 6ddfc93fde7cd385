package io.hearth.tsdb.query;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One querier over several (the blocks a range overlaps, then the head): series with the same
 * labels in several places become one series whose samples are the union in time order, a
 * timestamp held twice kept once ({@link ChainSampleIterator}); label names and values are the
 * union. Series come in {@link Labels} order whether or not sorted order is asked for, since the
 * merge needs it. Closing it closes every querier it was given. Not thread-safe.
 */
public final class MergeQuerier implements Querier {
  private final List<Querier> queriers;

  /** @param queriers in priority order for equal timestamps: blocks by time, the head last */
  public MergeQuerier(List<Querier> queriers) {
    this.queriers = List.copyOf(queriers);
  }

  /** The querier itself when there is one, a merge when there are several. */
  public static Querier of(List<Querier> queriers) {
    return queriers.size() == 1 ? queriers.getFirst() : new MergeQuerier(queriers);
  }

  private record Found(Labels labels, Series series, int place) {}

  @Override
  public SeriesSet select(boolean sorted, Matcher... matchers) {
    List<Found> all = new ArrayList<>();
    for (int p = 0; p < queriers.size(); p++) {
      SeriesSet s = queriers.get(p).select(true, matchers);
      while (s.next()) {
        Series series = s.at();
        all.add(new Found(series.labels(), series, p));
      }
    }
    // One order for every place (each place's own order may be bytes or chars), places kept in priority order.
    all.sort(Comparator.comparing(Found::labels).thenComparingInt(Found::place));
    List<Series> merged = new ArrayList<>();
    for (int i = 0; i < all.size(); ) {
      int j = i + 1;
      while (j < all.size() && all.get(j).labels().equals(all.get(i).labels())) {
        j++;
      }
      if (j == i + 1) {
        merged.add(all.get(i).series());
      } else {
        Series[] parts = new Series[j - i];
        for (int k = i; k < j; k++) {
          parts[k - i] = all.get(k).series();
        }
        merged.add(new ChainedSeries(all.get(i).labels(), parts));
      }
      i = j;
    }
    Series[] out = merged.toArray(new Series[0]);
    return new SeriesSet() {
      private int i = -1;

      @Override
      public boolean next() {
        return ++i < out.length;
      }

      @Override
      public Series at() {
        return out[i];
      }
    };
  }

  @Override
  public List<String> labelValues(String name, Matcher... matchers) {
    TreeSet<String> all = new TreeSet<>();
    for (Querier q : queriers) {
      all.addAll(q.labelValues(name, matchers));
    }
    return new ArrayList<>(all);
  }

  @Override
  public List<String> labelNames(Matcher... matchers) {
    TreeSet<String> all = new TreeSet<>();
    for (Querier q : queriers) {
      all.addAll(q.labelNames(matchers));
    }
    return new ArrayList<>(all);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Querier q : queriers) {
      try {
        q.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** A series held in several places. */
  private record ChainedSeries(Labels labels, Series[] parts) implements Series {
    @Override
    public SampleIterator iterator(SampleIterator reuse) {
      SampleIterator[] its;
      if (reuse instanceof ChainSampleIterator c && c.places().length == parts.length) {
        its = c.places();
        for (int i = 0; i < parts.length; i++) {
          its[i] = parts[i].iterator(its[i]);
        }
        return c.reset(its);
      }
      its = new SampleIterator[parts.length];
      for (int i = 0; i < parts.length; i++) {
        its[i] = parts[i].iterator(null);
      }
      return new ChainSampleIterator(its);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ChainedSeries c && c.labels.equals(labels) && Arrays.equals(c.parts, parts);
    }

    @Override
    public int hashCode() {
      return labels.hashCode();
    }
  }
}
