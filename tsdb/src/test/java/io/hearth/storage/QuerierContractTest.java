package io.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Querier} must do, whatever stores the data. Subclasses provide a queryable
 * holding the given series; the head and (later) blocks pass the same suite.
 */
public abstract class QuerierContractTest {
  /** Samples of one series, timestamps increasing. */
  public record Data(Labels labels, long[] ts, double[] vs) {}

  /** Returns a queryable holding exactly these series. */
  protected abstract Queryable create(List<Data> series) throws Exception;

  /** Frees what {@link #create} made. */
  protected abstract void release() throws Exception;

  private Queryable db;
  private final Map<Labels, Data> data = new LinkedHashMap<>();

  @BeforeEach
  void load() throws Exception {
    add(Labels.of("__name__", "up", "job", "node", "instance", "a"), 0, 1000, 300);
    add(Labels.of("__name__", "up", "job", "node", "instance", "b"), 500, 1000, 300);
    add(Labels.of("__name__", "up", "job", "api", "instance", "a"), 0, 15_000, 1000); // spans chunks
    add(Labels.of("__name__", "http_requests_total", "job", "api", "code", "200"), 0, 15_000, 10);
    add(Labels.of("__name__", "http_requests_total", "job", "api", "code", "500"), 200_000, 15_000, 10);
    db = create(new ArrayList<>(data.values()));
  }

  @AfterEach
  void free() throws Exception {
    release();
  }

  private void add(Labels l, long start, long step, int n) {
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = start + i * step;
      vs[i] = i * 1.5 + l.hash() % 7;
    }
    data.put(l, new Data(l, ts, vs));
  }

  private static List<Labels> labelsOf(SeriesSet set) {
    List<Labels> out = new ArrayList<>();
    while (set.next()) {
      out.add(set.at().labels());
    }
    return out;
  }

  @Test
  void selectsByMatchersInLabelOrderWhenSorted() {
    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      assertThat(labelsOf(q.select(true, Matcher.equal("__name__", "up"))))
          .containsExactly(
              Labels.of("__name__", "up", "job", "api", "instance", "a"),
              Labels.of("__name__", "up", "job", "node", "instance", "a"),
              Labels.of("__name__", "up", "job", "node", "instance", "b"));
      assertThat(labelsOf(q.select(true, Matcher.regex("job", "a.*"), Matcher.notEqual("code", "500"))))
          .containsExactly(
              Labels.of("__name__", "http_requests_total", "job", "api", "code", "200"),
              Labels.of("__name__", "up", "job", "api", "instance", "a"));
      assertThat(labelsOf(q.select(false, Matcher.equal("job", "nope")))).isEmpty();
      assertThat(labelsOf(q.select(false, Matcher.equal("code", "")))).hasSize(3);
    }
  }

  @Test
  void returnsEverySampleExactly() {
    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, Matcher.regex("__name__", ".+"));
      int n = 0;
      SampleIterator reuse = null;
      while (set.next()) {
        Series s = set.at();
        Data d = data.get(s.labels());
        SampleIterator it = s.iterator(reuse);
        reuse = it;
        for (int i = 0; i < d.ts().length; i++) {
          assertThat(it.next()).isEqualTo(ValueType.FLOAT);
          assertThat(it.t()).isEqualTo(d.ts()[i]);
          assertThat(it.v()).isEqualTo(d.vs()[i]);
        }
        assertThat(it.next()).isEqualTo(ValueType.NONE);
        assertThat(it.next()).isEqualTo(ValueType.NONE);
        n++;
      }
      assertThat(n).isEqualTo(data.size());
    }
  }

  @Test
  void boundsAreInclusiveAndSeriesOutsideAreLeftOut() {
    // The 500 series starts at 200s: a range ending before it must not return it.
    try (Querier q = db.querier(15_000, 45_000)) {
      List<Labels> got = labelsOf(q.select(true, Matcher.equal("__name__", "http_requests_total")));
      assertThat(got).containsExactly(Labels.of("__name__", "http_requests_total", "job", "api", "code", "200"));
      SeriesSet set = q.select(true, Matcher.equal("code", "200"));
      assertThat(set.next()).isTrue();
      assertThat(samples(set.at().iterator(null))).containsExactly(15_000L, 30_000L, 45_000L);
    }
  }

  @Test
  void seekMovesForwardOnlyAndAcrossChunks() {
    long t0 = 0;
    try (Querier q = db.querier(t0, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, Matcher.equal("job", "api"), Matcher.equal("__name__", "up"));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator(null);
      assertThat(it.seek(7_000_001)).isEqualTo(ValueType.FLOAT);
      assertThat(it.t()).isEqualTo(7_005_000);
      assertThat(it.seek(1000)).isEqualTo(ValueType.FLOAT); // no move backwards
      assertThat(it.t()).isEqualTo(7_005_000);
      assertThat(it.seek(7_005_000)).isEqualTo(ValueType.FLOAT);
      assertThat(it.t()).isEqualTo(7_005_000);
      assertThat(it.next()).isEqualTo(ValueType.FLOAT);
      assertThat(it.t()).isEqualTo(7_020_000);
      assertThat(it.seek(999 * 15_000L)).isEqualTo(ValueType.FLOAT);
      assertThat(it.seek(999 * 15_000L + 1)).isEqualTo(ValueType.NONE);
      assertThat(it.next()).isEqualTo(ValueType.NONE);
    }
  }

  @Test
  void seekRespectsTheQueriersRange() {
    try (Querier q = db.querier(30_000, 60_000)) {
      SeriesSet set = q.select(false, Matcher.equal("code", "200"));
      assertThat(set.next()).isTrue();
      SampleIterator it = set.at().iterator(null);
      assertThat(it.seek(0)).isEqualTo(ValueType.FLOAT);
      assertThat(it.t()).isEqualTo(30_000);
      assertThat(it.seek(60_001)).isEqualTo(ValueType.NONE);
    }
  }

  @Test
  void labelNamesAndValues() {
    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      assertThat(q.labelNames()).containsExactly("__name__", "code", "instance", "job");
      assertThat(q.labelValues("job")).containsExactly("api", "node");
      assertThat(q.labelValues("instance", Matcher.equal("job", "node"))).containsExactly("a", "b");
      assertThat(q.labelNames(Matcher.equal("__name__", "http_requests_total")))
          .containsExactly("__name__", "code", "job");
      assertThat(q.labelValues("nope")).isEmpty();
    }
  }

  @Test
  void aRangeMissingEverySampleOffersNoLabels() {
    for (long[] range : new long[][] {{20_000_000, 30_000_000}, {-100, -1}}) {
      try (Querier q = db.querier(range[0], range[1])) {
        assertThat(q.labelNames()).isEmpty();
        assertThat(q.labelValues("job")).isEmpty();
        assertThat(q.labelValues("job", Matcher.equal("__name__", "up"))).isEmpty();
      }
    }
  }

  @Test
  void selectWithoutMatchersIsRefused() {
    try (Querier q = db.querier(0, 1)) {
      assertThatThrownBy(() -> q.select(false)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<Long> samples(SampleIterator it) {
    List<Long> out = new ArrayList<>();
    while (it.next() == ValueType.FLOAT) {
      out.add(it.t());
    }
    return out;
  }
}
