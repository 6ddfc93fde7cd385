package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import io.hearth.tsdb.index.IndexReader;
import io.hearth.tsdb.index.Postings;
import java.util.List;

/** The head's postings and series seen through the index interface blocks share. Thread-safe. */
final class HeadIndexReader implements IndexReader {
  private final Head head;

  HeadIndexReader(Head head) {
    this.head = head;
  }

  @Override
  public Postings postings(String name, String value) {
    return head.postings.postings(name, value);
  }

  @Override
  public Postings allPostings() {
    return head.postings.all();
  }

  @Override
  public List<String> labelValues(String name) {
    return head.postings.labelValues(name);
  }

  @Override
  public List<String> labelNames() {
    return head.postings.labelNames();
  }

  @Override
  public Labels series(long ref) {
    MemSeries s = head.byRef(ref);
    return s == null ? null : s.labels;
  }
}
