package io.hearth.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.promql.PromqlException;
import io.hearth.promql.parser.ParseException;
import io.hearth.storage.StaleMarker;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EngineTest {
  private static final long M = 60_000;

  private final Engine engine = new Engine(EngineOptions.defaults());

  private static TestData data() {
    return new TestData()
        .add("http_requests_total", "job", "api", M, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)
        .add("http_requests_total", "job", "web", M, 0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200)
        .add("up", "job", "api", M, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
  }

  private Vector instant(TestData d, String q, long t) {
    try (Query query = engine.newInstantQuery(d.head, q, t)) {
      return (Vector) query.exec().value();
    }
  }

  private static String render(Vector v) {
    return v.samples().stream()
        .map(s -> s.labels() + " " + s.v())
        .sorted()
        .collect(Collectors.joining("; "));
  }

  private void check(String query, long t, String want) {
    assertThat(render(instant(data(), query, t))).as(query).isEqualTo(want);
  }

  @Test
  void selectorsLookbackAndOffset() {
    check("up", 10 * M, "{__name__=\"up\", job=\"api\"} 1.0");
    check("http_requests_total{job=\"web\"}", 5 * M + 30_000, "{__name__=\"http_requests_total\", job=\"web\"} 100.0");
    check("http_requests_total{job=\"web\"} offset 2m", 5 * M, "{__name__=\"http_requests_total\", job=\"web\"} 60.0");
    check("http_requests_total{job=\"web\"} @ 120", 10 * M, "{__name__=\"http_requests_total\", job=\"web\"} 40.0");
    // The last sample is at 10m; the window (t-5m, t] excludes it from exactly 15m on.
    check("up", 15 * M - 1, "{__name__=\"up\", job=\"api\"} 1.0");
    check("up", 15 * M, "");
  }

  @Test
  void staleMarkerEndsSeries() {
    TestData d = new TestData().add(Labels.of("__name__", "x"), M, 1, 2, StaleMarker.VALUE, 4);
    assertThat(render(instant(d, "x", M + 30_000))).isEqualTo("{__name__=\"x\"} 2.0");
    assertThat(render(instant(d, "x", 2 * M + 30_000))).isEmpty();
    assertThat(render(instant(d, "x", 3 * M))).isEqualTo("{__name__=\"x\"} 4.0");
    assertThat(render(instant(d, "count_over_time(x[5m])", 3 * M))).isEqualTo("{} 3.0");
  }

  @Test
  void binaryOperators() {
    check("http_requests_total / 10", 10 * M, "{job=\"api\"} 10.0; {job=\"web\"} 20.0");
    check("http_requests_total > 150", 10 * M, "{__name__=\"http_requests_total\", job=\"web\"} 200.0");
    check("http_requests_total > bool 150", 10 * M, "{job=\"api\"} 0.0; {job=\"web\"} 1.0");
    check("http_requests_total / on(job) up", 10 * M, "{job=\"api\"} 100.0");
    check("up and http_requests_total", 10 * M, "{__name__=\"up\", job=\"api\"} 1.0");
    check("http_requests_total unless on(job) up", 10 * M, "{__name__=\"http_requests_total\", job=\"web\"} 200.0");
    check("vector(-7 % 3)", 0, "{} -1.0");
    check("vector(1 / 0)", 0, "{} Infinity");
  }

  @Test
  void manyToManyIsAnError() {
    assertThatThrownBy(() -> instant(data(), "up + on() http_requests_total", 10 * M))
        .isInstanceOf(PromqlException.class)
        .hasMessage(
            "found duplicate series for the match group {} on the right hand-side of the"
                + " operation: [{__name__=\"http_requests_total\", job=\"api\"},"
                + " {__name__=\"http_requests_total\", job=\"web\"}];many-to-many matching not"
                + " allowed: matching labels must be unique on one side");
  }

  @Test
  void aggregations() {
    check("sum(http_requests_total)", 10 * M, "{} 300.0");
    check("avg by (job) (http_requests_total)", 10 * M, "{job=\"api\"} 100.0; {job=\"web\"} 200.0");
    check("count without (job) (http_requests_total)", 10 * M, "{} 2.0");
    check("max(http_requests_total)", 10 * M, "{} 200.0");
    check("stddev(http_requests_total)", 10 * M, "{} 50.0");
    check("quantile(0.5, http_requests_total)", 10 * M, "{} 150.0");
    check("count_values(\"v\", http_requests_total)", 10 * M, "{v=\"100\"} 1.0; {v=\"200\"} 1.0");
  }

  @Test
  void topkOrdersItsInstantResult() {
    List<Sample> s = instant(data(), "topk(2, http_requests_total)", 10 * M).samples();
    assertThat(s).extracting(Sample::v).containsExactly(200.0, 100.0);
    s = instant(data(), "bottomk(1, http_requests_total)", 10 * M).samples();
    assertThat(s).extracting(Sample::v).containsExactly(100.0);
  }

  @Test
  void rangeFunctionsAndSubqueries() {
    check("rate(http_requests_total{job=\"api\"}[5m])", 10 * M, "{job=\"api\"} 0.16666666666666666");
    check("max_over_time(http_requests_total{job=\"web\"}[5m])", 10 * M, "{job=\"web\"} 200.0");
    check("sum_over_time(up[3m:1m])", 10 * M, "{job=\"api\"} 3.0");
    check("last_over_time(up[5m])", 10 * M, "{__name__=\"up\", job=\"api\"} 1.0");
  }

  @Test
  void rangeQueryOverScalarIsOneEmptySeries() {
    try (Query q = engine.newRangeQuery(data().head, "time()", 0, 2 * M, M)) {
      Matrix m = (Matrix) q.exec().value();
      assertThat(m.series()).hasSize(1);
      FloatSeries s = m.series().get(0);
      assertThat(s.labels()).isEqualTo(Labels.EMPTY);
      assertThat(s.size()).isEqualTo(3);
      assertThat(s.v(2)).isEqualTo(120.0);
    }
  }

  @Test
  void rangeQueryResultIsSortedByLabels() {
    try (Query q = engine.newRangeQuery(data().head, "http_requests_total", 0, 10 * M, 5 * M)) {
      Matrix m = (Matrix) q.exec().value();
      assertThat(m.series()).extracting(s -> s.labels().get("job")).containsExactly("api", "web");
      assertThat(m.series().get(1).v(2)).isEqualTo(200.0);
      assertThat(q.stats().totalQueryableSamples()).isEqualTo(6);
    }
  }

  @Test
  void pinnedExpressionsRepeatAcrossSteps() {
    try (Query q =
        engine.newRangeQuery(data().head, "sum(http_requests_total @ 120) + time() * 0", 0, 4 * M, M)) {
      FloatSeries s = ((Matrix) q.exec().value()).series().get(0);
      assertThat(s.size()).isEqualTo(5);
      for (int i = 0; i < 5; i++) {
        assertThat(s.v(i)).isEqualTo(60.0);
      }
    }
    try (Query q = engine.newRangeQuery(data().head, "timestamp(up @ 90)", 0, 2 * M, M)) {
      FloatSeries s = ((Matrix) q.exec().value()).series().get(0);
      assertThat(s.v(0)).isEqualTo(60.0);
      assertThat(s.v(2)).isEqualTo(60.0);
    }
  }

  @Test
  void statsCountSamplesPerStepAsUpstream() {
    try (Query q = engine.newRangeQuery(data().head, "count_over_time(up[2m])", 0, 4 * M, M)) {
      q.exec();
      // Windows (t-2m, t] hold 1, 2, 2, 2 and 2 samples.
      assertThat(q.stats().totalQueryableSamples()).isEqualTo(9);
      assertThat(q.stats().peakSamples()).isPositive();
    }
    try (Query q = engine.newRangeQuery(data().head, "up @ 60", 0, 2 * M, M)) {
      q.exec();
      assertThat(q.stats().totalQueryableSamples()).isEqualTo(3);
    }
  }

  @Test
  void rangeQueryRefusesRangeVectors() {
    assertThatThrownBy(() -> engine.newRangeQuery(data().head, "up[5m]", 0, M, M))
        .isInstanceOf(PromqlException.class)
        .hasMessage(
            "invalid expression type \"range vector\" for range query, must be Scalar or instant"
                + " Vector");
  }

  @Test
  void syntaxErrorIsParseException() {
    assertThatThrownBy(() -> engine.newInstantQuery(data().head, "sum(", 0))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void tooManySamples() {
    Engine small = new Engine(EngineOptions.defaults().withMaxSamples(10));
    try (Query q = small.newRangeQuery(data().head, "http_requests_total", 0, 10 * M, M)) {
      assertThatThrownBy(q::exec)
          .isInstanceOf(PromqlException.class)
          .hasMessage("query processing would load too many samples into memory in query execution");
    }
  }

  @Test
  void canceledQueryFails() {
    try (Query q = engine.newInstantQuery(data().head, "sum(up)", 0)) {
      q.cancel();
      assertThatThrownBy(q::exec)
          .isInstanceOf(PromqlException.class)
          .hasMessage("query was canceled in expression evaluation")
          .extracting(e -> ((PromqlException) e).kind())
          .isEqualTo(PromqlException.Kind.CANCELED);
    }
  }

  @Test
  void annotationsCarryPositions() {
    try (Query q = engine.newInstantQuery(data().head, "rate(up[5m])", 10 * M)) {
      Annotations a = q.exec().annotations();
      assertThat(a.infos())
          .containsExactly(
              "PromQL info: metric might not be a counter, name does not end in"
                  + " _total/_sum/_count/_bucket: \"up\" (1:6)");
    }
    try (Query q = engine.newRangeQuery(data().head, "sort(up)", 0, M, M)) {
      assertThat(q.exec().annotations().warnings())
          .containsExactly(
              "PromQL warning: sort is ineffective for range queries since results are always"
                  + " ordered by labels (1:1)");
    }
  }

  @Test
  void duplicateLabelsetAfterNameDropIsAnError() {
    TestData d =
        new TestData().add(Labels.of("__name__", "a", "x", "1"), M, 1).add(Labels.of("__name__", "b", "x", "1"), M, 2);
    assertThatThrownBy(() -> instant(d, "abs({x=\"1\"})", 0))
        .hasMessage("vector cannot contain metrics with the same labelset");
  }
}
