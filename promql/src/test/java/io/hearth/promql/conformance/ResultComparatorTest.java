package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.promql.PromqlException;
import io.hearth.promql.conformance.TestScript.Eval;
import io.hearth.promql.engine.Annotations;
import io.hearth.promql.engine.FloatSeries;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Sample;
import io.hearth.promql.engine.Scalar;
import io.hearth.promql.engine.StringValue;
import io.hearth.promql.engine.Value;
import io.hearth.promql.engine.Vector;
import io.hearth.storage.StaleMarker;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
  private static void checkEqual(double a, double b, boolean want) {
    assertThat(ResultComparator.almostEqual(a, b, ResultComparator.EPSILON)).as(a + " vs " + b).isEqualTo(want);
  }

  @Test
  void toleranceRules() {
    checkEqual(1, 1, true);
    checkEqual(1, 1 + 1e-7, true); // relative difference 5e-8
    checkEqual(1, 1 + 3e-6, false); // relative difference 1.5e-6
    checkEqual(1e300, 1.0000001e300, true);
    checkEqual(0, 1e-300, false); // against zero the tolerance is tiny
    checkEqual(0, -0.0, true);
    checkEqual(0, Double.MIN_VALUE, true); // below 1e-6 * MIN_NORMAL
    checkEqual(Double.NaN, Double.NaN, true);
    checkEqual(Double.NaN, 1, false);
    checkEqual(StaleMarker.VALUE, StaleMarker.VALUE, true);
    checkEqual(StaleMarker.VALUE, Double.NaN, false);
    checkEqual(Double.NaN, StaleMarker.VALUE, false);
    checkEqual(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, true);
    checkEqual(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, false);
    checkEqual(Double.POSITIVE_INFINITY, Double.MAX_VALUE, false);
  }

  private static Eval eval(String... lines) {
    return ScriptParser.parse("t.test", String.join("\n", lines)).evals().getFirst();
  }

  private static Labels m(String... kv) {
    String[] all = new String[kv.length + 2];
    all[0] = "__name__";
    all[1] = "m";
    System.arraycopy(kv, 0, all, 2, kv.length);
    return Labels.of(all);
  }

  private static Vector vector(Sample... s) {
    return new Vector(List.of(s));
  }

  private static FloatSeries series(Labels l, long[] t, double[] v) {
    return new FloatSeries(l, t, v, t.length);
  }

  private static void check(Eval ev, Value got, String wantError) {
    Optional<String> err = ResultComparator.compare(ev, got);
    if (wantError == null) {
      assertThat(err).isEmpty();
    } else {
      assertThat(err).hasValueSatisfying(e -> assertThat(e).contains(wantError));
    }
  }

  @Test
  void comparesVectorsAsSets() {
    Eval ev = eval("eval instant at 1m m", "  m{a=\"1\"} 1", "  m{a=\"2\"} 2");
    check(ev, vector(new Sample(m("a", "2"), 0, 2), new Sample(m("a", "1"), 0, 1)), null);
    check(ev, vector(new Sample(m("a", "1"), 0, 1)), "expected series {__name__=\"m\", a=\"2\"} not found");
    check(ev, vector(new Sample(m("a", "1"), 0, 1), new Sample(m("a", "2"), 0, 2.1)), "expected 2, got 2.1");
    check(
        ev,
        vector(new Sample(m("a", "1"), 0, 1), new Sample(m("a", "2"), 0, 2), new Sample(m("a", "3"), 0, 3)),
        "unexpected series");
    // Label sets must be equal: a missing __name__ is a different series.
    check(ev, vector(new Sample(Labels.of("a", "1"), 0, 1), new Sample(m("a", "2"), 0, 2)), "unexpected series");
  }

  @Test
  void orderedVectorsCompareByPosition() {
    Eval ev = eval("eval instant at 1m sort(m)", "  expect ordered", "  m{a=\"1\"} 1", "  m{a=\"2\"} 2");
    check(ev, vector(new Sample(m("a", "1"), 0, 1), new Sample(m("a", "2"), 0, 2)), null);
    check(ev, vector(new Sample(m("a", "2"), 0, 2), new Sample(m("a", "1"), 0, 1)), "at position 2 but it was at 1");
  }

  @Test
  void emptyExpectationMeansEmptyResult() {
    Eval ev = eval("eval instant at 1m m");
    check(ev, vector(), null);
    check(ev, vector(new Sample(m(), 0, 1)), "unexpected series");
    check(ev, new Scalar(0, 1), "expected vector or matrix result, but got scalar 1");
    Eval range = eval("eval range from 0 to 2m step 1m m");
    check(range, new Matrix(List.of()), null);
  }

  @Test
  void comparesScalarsAndStrings() {
    Eval ev = eval("eval instant at 1m 1", "  1");
    check(ev, new Scalar(60_000, 1), null);
    check(ev, new Scalar(60_000, 2), "expected scalar 1 but got 2");
    check(ev, vector(), "expected scalar result, but got a vector");
    Eval s = eval("eval instant at 1m \"Foo\"", "  expect string \"Foo\"");
    check(s, new StringValue(60_000, "Foo"), null);
    check(s, new StringValue(60_000, "Bar"), "expected string \"Foo\" but got \"Bar\"");
  }

  @Test
  void comparesMatrixPointsStepByStep() {
    Eval ev = eval("eval range from 0 to 3m step 1m m", "  m{a=\"1\"} 1 _ 3 4");
    Labels l = m("a", "1");
    long[] t = {0, 120_000, 180_000};
    check(ev, new Matrix(List.of(series(l, t, new double[] {1, 3, 4}))), null);
    check(ev, new Matrix(List.of(series(l, t, new double[] {1, 3, 5}))), "at step 3 (t=180000)");
    check(
        ev,
        new Matrix(List.of(series(l, new long[] {0, 60_000, 180_000}, new double[] {1, 3, 4}))),
        "at t=120000 (step 2), but it is at t=60000");
    check(ev, new Matrix(List.of(series(l, new long[] {0}, new double[] {1}))), "expected 3 float points");
    check(ev, new Matrix(List.of()), "expected series");
  }

  @Test
  void matricesMustBeSortedByLabels() {
    Eval ev = eval("eval range from 0 to 0 step 1m m", "  m{a=\"1\"} 1", "  m{a=\"2\"} 2");
    long[] t = {0};
    FloatSeries one = series(m("a", "1"), t, new double[] {1});
    FloatSeries two = series(m("a", "2"), t, new double[] {2});
    check(ev, new Matrix(List.of(one, two)), null);
    check(ev, new Matrix(List.of(two, one)), "matrix results should always be sorted by labels");
  }

  @Test
  void matrixExpectationsCannotOutrunTheRange() {
    Eval ev = eval("eval range from 0 to 1m step 1m m", "  m 1 2 3");
    check(ev, new Matrix(List.of(series(m(), new long[] {0, 60_000}, new double[] {1, 2}))), "cannot return this many points");
  }

  @Test
  void rangeVectorOfAnInstantQueryUsesItsOwnWindow() {
    Eval ev = eval("eval instant at 0 m[1m]", "  expect range vector from 10s to 30s step 10s", "  m 1 _ 3");
    check(ev, new Matrix(List.of(series(m(), new long[] {10_000, 30_000}, new double[] {1, 3}))), null);
  }

  @Test
  void staleMarkersOnlyMatchStaleMarkers() {
    Eval ev = eval("eval instant at 1m m", "  m stale");
    check(ev, vector(new Sample(m(), 0, StaleMarker.VALUE)), null);
    check(ev, vector(new Sample(m(), 0, Double.NaN)), "expected stale, got NaN");
  }

  private static void checkAnnotations(Eval ev, Annotations got, String wantError) {
    Optional<String> err = ResultComparator.checkAnnotations(ev, got);
    if (wantError == null) {
      assertThat(err).isEmpty();
    } else {
      assertThat(err).hasValueSatisfying(e -> assertThat(e).contains(wantError));
    }
  }

  private static Annotations warnings(String... w) {
    return new Annotations(List.of(w), List.of());
  }

  @Test
  void everyWarningMustMatchAnExpectLine() {
    Eval ev = eval("eval instant at 0 m", "  expect warn msg: PromQL warning: a (1:1)", "  expect warn regex: b");
    checkAnnotations(ev, warnings("PromQL warning: a (1:1)", "xbx"), null);
    checkAnnotations(ev, warnings("PromQL warning: a (1:1)"), "matching regex: b but none matched");
    checkAnnotations(ev, warnings("PromQL warning: a (1:1)", "xbx", "c"), "unexpected warn annotation \"c\"");
    checkAnnotations(ev, Annotations.NONE, "expected warn annotations but none were found");
  }

  @Test
  void plainEvalAllowsAnnotationsButNoWarnDoesNot() {
    checkAnnotations(eval("eval instant at 0 m"), warnings("w"), null);
    checkAnnotations(eval("eval instant at 0 m", "  expect no_warn"), warnings("w"), "unexpected warning");
    checkAnnotations(eval("eval instant at 0 m", "  expect no_warn"), new Annotations(List.of(), List.of("i")), null);
    checkAnnotations(
        eval("eval instant at 0 m", "  expect no_info"), new Annotations(List.of(), List.of("i")), "unexpected info");
    checkAnnotations(eval("eval instant at 0 m", "  expect info"), Annotations.NONE, "expected info annotations");
    checkAnnotations(eval("eval_warn instant at 0 m"), Annotations.NONE, "expected warnings but got none");
  }

  private static void checkFailure(Eval ev, String message, String wantError) {
    Optional<String> err =
        ResultComparator.checkFailure(ev, new PromqlException(PromqlException.Kind.EXECUTION, message));
    if (wantError == null) {
      assertThat(err).isEmpty();
    } else {
      assertThat(err).hasValueSatisfying(e -> assertThat(e).contains(wantError));
    }
  }

  @Test
  void failureMessagesAreExactOrUnanchoredRegex() {
    Eval exact = eval("eval instant at 0 m", "  expect fail msg: vector cannot contain metrics with the same labelset");
    checkFailure(exact, "vector cannot contain metrics with the same labelset", null);
    checkFailure(exact, "vector cannot contain metrics with the same labelset!", "expected error msg:");
    Eval regex = eval("eval instant at 0 m", "  expect fail regex: same label?set");
    checkFailure(regex, "found duplicate series: same labelset here", null);
    checkFailure(regex, "other", "expected error regex:");
    checkFailure(eval("eval instant at 0 m", "  expect fail"), "anything", null);
    checkFailure(eval("eval_fail instant at 0 m", "  expected_fail_message boom"), "boom", null);
    checkFailure(eval("eval_fail instant at 0 m", "  expected_fail_message boom"), "bang", "expected error \"boom\"");
  }
}
