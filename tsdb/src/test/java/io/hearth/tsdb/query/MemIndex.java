package io.hearth.tsdb.query;

import io.hearth.labels.Labels;
import io.hearth.tsdb.index.IndexReader;
import io.hearth.tsdb.index.MemPostings;
import io.hearth.tsdb.index.Postings;
import java.util.ArrayList;
import java.util.List;

/** A test index: series get refs 1, 2, 3, … in the order added. Counts label reads. */
final class MemIndex implements IndexReader {
  private final MemPostings postings = new MemPostings();
  private final List<Labels> series = new ArrayList<>();
  int seriesCalls;

  static MemIndex of(Labels... ls) {
    MemIndex ix = new MemIndex();
    for (Labels l : ls) {
      ix.add(l);
    }
    return ix;
  }

  long add(Labels ls) {
    series.add(ls);
    long ref = series.size();
    postings.add(ref, ls);
    return ref;
  }

  List<Labels> all() {
    return series;
  }

  @Override
  public Postings postings(String name, String value) {
    return postings.postings(name, value);
  }

  @Override
  public Postings allPostings() {
    return postings.all();
  }

  @Override
  public List<String> labelValues(String name) {
    return postings.labelValues(name);
  }

  @Override
  public List<String> labelNames() {
    return postings.labelNames();
  }

  @Override
  public Labels series(long ref) {
    seriesCalls++;
    return ref >= 1 && ref <= series.size() ? series.get((int) ref - 1) : null;
  }
}
