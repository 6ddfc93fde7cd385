package io.hearth.promql.functions;

import static io.hearth.promql.functions.LoadedSeries.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.promql.PromqlException;
import org.junit.jupiter.api.Test;

/**
 * Range functions against hand-computed values and the expectations of upstream's
 * functions.test, with windows built the way the engine builds them.
 */
class RangeFunctionsTest {
  private static final long S = 1000;
  private static final long M = 60 * S;

  private final Window w = new Window();
  private final double[] out = new double[1];

  /** Evaluates {@code fn} over {@code series} for range {@code rangeMs} ending at {@code atMs}. */
  private void check(String fn, LoadedSeries series, long atMs, long rangeMs, double want) {
    check(fn, series.window(w, atMs, rangeMs), want);
  }

  private void check(String fn, Window window, double want) {
    out[0] = -12345;
    boolean ok = RangeFunctions.byName(fn).apply(window, out);
    assertThat(ok).as("%s has a result", fn).isTrue();
    assertClose(out[0], want);
  }

  private void checkNone(String fn, LoadedSeries series, long atMs, long rangeMs) {
    out[0] = -12345;
    boolean ok = RangeFunctions.byName(fn).apply(series.window(w, atMs, rangeMs), out);
    assertThat(ok).as("%s has no result", fn).isFalse();
    assertThat(out[0]).isEqualTo(-12345);
  }

  static void assertClose(double got, double want) {
    if (Double.isNaN(want)) {
      assertThat(got).isNaN();
    } else if (Double.isInfinite(want) || want == 0) {
      assertThat(got).isEqualTo(want);
    } else {
      assertThat(Math.abs(got - want) / Math.abs(want)).as("%s vs %s", got, want).isLessThan(1e-12);
    }
  }

  @Test
  void registryHoldsEveryUpstreamRangeFunction() {
    assertThat(RangeFunctions.names())
        .containsExactlyInAnyOrder(
            "rate", "increase", "delta", "irate", "idelta", "deriv", "predict_linear",
            "double_exponential_smoothing", "resets", "changes", "avg_over_time",
            "sum_over_time", "count_over_time", "min_over_time", "max_over_time",
            "quantile_over_time", "stddev_over_time", "stdvar_over_time", "mad_over_time",
            "last_over_time", "first_over_time", "ts_of_min_over_time", "ts_of_max_over_time",
            "ts_of_first_over_time", "ts_of_last_over_time", "present_over_time",
            "absent_over_time");
    assertThat(RangeFunctions.byName("abs")).isNull();
    assertThat(RangeFunctions.anchored("avg_over_time")).isNull();
    assertThat(RangeFunctions.smoothed("resets")).isNull();
  }

  @Test
  void resets() {
    LoadedSeries foo = load(5 * M, "1 2 3 0 1 0 0 1 2 0");
    LoadedSeries bar = load(5 * M, "1 2 3 4 5 1 2 3 4 5");
    checkNone("resets", foo, 50 * M, 5 * M);
    check("resets", foo, 50 * M, 10 * M, 0);
    check("resets", foo, 50 * M, 20 * M, 1);
    check("resets", foo, 50 * M, 32 * M, 2);
    check("resets", bar, 50 * M, 32 * M, 1);
    check("resets", foo, 50 * M, 50 * M, 3);
  }

  @Test
  void changes() {
    LoadedSeries foo = load(5 * M, "1 2 3 0 1 0 0 1 2 0");
    LoadedSeries bar = load(5 * M, "1 2 3 4 5 1 2 3 4 5");
    LoadedSeries biz = load(5 * M, "0 0 0 0 0 1 1 1 1 1");
    checkNone("changes", foo, 50 * M, 5 * M);
    check("changes", foo, 50 * M, 6 * M, 0);
    check("changes", foo, 50 * M, 20 * M, 2);
    check("changes", bar, 50 * M, 30 * M, 4);
    check("changes", foo, 50 * M, 50 * M, 7);
    check("changes", bar, 50 * M, 50 * M, 8);
    check("changes", biz, 50 * M, 50 * M, 1);
    // NaN to NaN is no change; number to NaN and back are two.
    check("changes", load(5 * M, "NaN NaN NaN"), 15 * M, 20 * M, 0);
    check("changes", load(5 * M, "0 NaN 0"), 15 * M, 20 * M, 2);
  }

  @Test
  void increaseExtrapolatesAndStopsAtZero() {
    LoadedSeries foo = load(5 * M, "0+10x10");
    LoadedSeries bar = load(5 * M, "0+18x5 0+18x5");
    LoadedSeries dings = load(5 * M, "10+10x10");
    LoadedSeries bumms = load(5 * M, "1+10x10");
    check("increase", foo, 50 * M, 50 * M, 100);
    check("increase", bar, 50 * M, 50 * M, 160);
    check("increase", dings, 50 * M, 50 * M, 100);
    check("increase", bumms, 50 * M, 50 * M, 100);
    check("increase", foo, 50 * M, 100 * M, 100);
    check("increase", bar, 50 * M, 100 * M, 162);
    check("increase", dings, 50 * M, 100 * M, 105);
    check("increase", bumms, 50 * M, 100 * M, 101);
    // A drop is a reset: 3 2 counts like 3 0 1 2.
    check("increase", load(5 * M, "0 1 2 3 2 3 4"), 30 * M, 30 * M, 7);
  }

  @Test
  void rate() {
    check("rate", load(5 * M, "0+27x4 0+27x5"), 50 * M, 50 * M, 0.08);
    LoadedSeries resetAtEnd = load(5 * M, "0+10x9 0 10");
    checkNone("rate", resetAtEnd, 50 * M, 5 * M);
    check("rate", resetAtEnd, 50 * M, 6 * M, 0);
    check("rate", load(5 * M, "0+80x10"), 50 * M, 50 * M, 0.26666666666666666);
    // offset 5m: the window ends at 45m.
    check("rate", load(5 * M, "0+10x10"), 45 * M, 10 * M, 0.03333333333333333);
    check("rate", load(5 * M, "0+20x10"), 45 * M, 10 * M, 0.06666666666666667);
  }

  @Test
  void rateZeroCutoffOnlyWithinHalfAnInterval() {
    String[] starts = {"0", "60", "120", "180", "240", "300"};
    double[] at10m = {0.5, 0.55, 0.6, 0.6, 0.6, 0.6};
    for (int i = 0; i < starts.length; i++) {
      LoadedSeries s = load(4 * M, starts[i] + "+240x10");
      check("rate", s, 10 * M, 20 * M, at10m[i]);
      check("rate", s, 50 * M, 20 * M, 0.6);
    }
  }

  @Test
  void rateNeedsTwoSamples() {
    LoadedSeries s = load(5 * M, "1 2");
    checkNone("rate", s, 0, 5 * M);
    checkNone("increase", s, 0, 5 * M);
    checkNone("delta", s, 0, 5 * M);
    checkNone("irate", s, 0, 5 * M);
    checkNone("idelta", s, 0, 5 * M);
    checkNone("rate", s, 20 * M, 5 * M);
  }

  @Test
  void rateOverUnalignedWindowExtrapolatesBothEnds() {
    // Samples at 0,10,20,30s valued 0,10,20,30; window (5s, 35s]: 10..30 over 20s, 5s to each
    // edge (< 1.1 * 10s) → extrapolated over the full 30s: increase 30, rate 1/s.
    LoadedSeries s = load(10 * S, "0+10x3");
    check("increase", s, 35 * S, 30 * S, 30);
    check("rate", s, 35 * S, 30 * S, 1);
    // Window (5s, 50s]: end gap 20s ≥ 11s → only half an interval (5s): 10..30 over 30s.
    check("increase", s, 50 * S, 45 * S, 30);
    check("rate", s, 50 * S, 45 * S, 30.0 / 45);
  }

  @Test
  void deltaIsNotACounter() {
    check("delta", load(5 * M, "0 50 100 150 200"), 20 * M, 20 * M, 200);
    check("delta", load(5 * M, "200 150 100 50 0"), 20 * M, 20 * M, -200);
    // Window (-5s, 25s] over samples at 0, 10, 20s: a gauge extrapolates 5s to each edge (30
    // over 30s); a counter starting at 2 with slope 1/s would hit zero 2s before its first
    // sample, so increase extrapolates only 2s to the left.
    check("delta", load(10 * S, "2 12 22"), 25 * S, 30 * S, 30);
    check("increase", load(10 * S, "2 12 22"), 25 * S, 30 * S, 27);
  }

  @Test
  void irateAndIdelta() {
    check("irate", load(5 * M, "0+10x10"), 50 * M, 50 * M, 0.03333333333333333);
    check("irate", load(5 * M, "0+10x5 0+10x5"), 30 * M, 50 * M, 0);
    check("idelta", load(5 * M, "0 50 100 150"), 20 * M, 20 * M, 50);
    check("idelta", load(5 * M, "0 50 100 50"), 20 * M, 20 * M, -50);
    // After a reset irate takes the new value as the increase.
    check("irate", load(10 * S, "100 5"), 10 * S, M, 0.5);
    LoadedSeries nan = load(5 * M, "1 NaN NaN 5 11");
    long range = 15 * M + S;
    checkNone("irate", nan, 0, range);
    check("irate", nan, 5 * M, range, Double.NaN);
    check("irate", nan, 15 * M, range, Double.NaN);
    check("irate", nan, 20 * M, range, 0.02);
    check("idelta", nan, 10 * M, range, Double.NaN);
    check("idelta", nan, 20 * M, range, 6);
  }

  @Test
  void irateNeedsDistinctTimestamps() {
    w.set(new long[] {1000, 1000}, new double[] {1, 2}, 0, 2, 0, 2000);
    assertThat(RangeFunctions.byName("irate").apply(w, out)).isFalse();
  }

  @Test
  void derivAndPredictLinear() {
    check("deriv", load(5 * M, "0+80x10"), 50 * M, 50 * M, 0.26666666666666666);
    LoadedSeries resetMiddle = load(5 * M, "0+10x4 0+10x5");
    check("deriv", resetMiddle, 50 * M, 100 * M, 0.010606060606060607);
    LoadedSeries inf = load(5 * M, "-Inf 0+80x10 Inf");
    check("deriv", inf, 100 * M, 100 * M, Double.NaN);

    w.param0 = 3600;
    check("predict_linear", resetMiddle.window(w, 50 * M, 50 * M), 70);
    // "@ 3000": the window ends at 3000s while the step time is the evaluation time.
    resetMiddle.window(w, 3000 * S, 55 * M);
    w.stepTimeMs = 50 * M;
    check("predict_linear", w, 76.81818181818181);
    resetMiddle.window(w, 3000 * S, 55 * M);
    w.stepTimeMs = 10 * M;
    check("predict_linear", w, 51.36363636363637);
    resetMiddle.window(w, 3000 * S, 55 * M);
    w.stepTimeMs = 70 * M;
    check("predict_linear", w, 89.54545454545455);
    w.param0 = 6000;
    check("predict_linear", inf.window(w, 100 * M, 100 * M), Double.NaN);
  }

  @Test
  void derivOfConstantSeries() {
    check("deriv", load(10 * S, "7 7 7"), 20 * S, M, 0);
    w.param0 = 100;
    check("predict_linear", load(10 * S, "7 7 7").window(w, 20 * S, M), 7);
    check("deriv", load(10 * S, "Inf Inf"), 10 * S, M, Double.NaN);
    checkNone("deriv", load(10 * S, "1"), 0, M);
  }

  @Test
  void doubleExponentialSmoothing() {
    w.param0 = 0.01;
    w.param1 = 0.1;
    check("double_exponential_smoothing", load(10 * S, "0+10x1000 100+30x1000").window(w, 8000 * S, M), 8000);
    check("double_exponential_smoothing", load(10 * S, "0+20x1000 200+30x1000").window(w, 8000 * S, M), 16000);
    check("double_exponential_smoothing", load(10 * S, "8000-10x1000").window(w, 8000 * S, M), 0);
    check("double_exponential_smoothing", load(10 * S, "0-20x1000").window(w, 8000 * S, M), -16000);
    // Two samples: the first difference is the trend, and is not yet smoothed.
    check("double_exponential_smoothing", load(10 * S, "1 3").window(w, 10 * S, M), 0.01 * 3 + 0.99 * (1 + 2));
    checkNone("double_exponential_smoothing", load(10 * S, "1"), 0, M);
  }

  @Test
  void doubleExponentialSmoothingRejectsFactorsOutsideTheOpenUnitInterval() {
    LoadedSeries s = load(10 * S, "1 2 3");
    s.window(w, 20 * S, M);
    w.param0 = 1;
    w.param1 = 0.5;
    assertThatThrownBy(() -> RangeFunctions.byName("double_exponential_smoothing").apply(w, out))
        .isInstanceOf(PromqlException.class)
        .hasMessage("invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000")
        .extracting(e -> ((PromqlException) e).kind())
        .isEqualTo(PromqlException.Kind.EXECUTION);
    w.param0 = 0.5;
    w.param1 = -0.25;
    assertThatThrownBy(() -> RangeFunctions.byName("double_exponential_smoothing").apply(w, out))
        .hasMessage("invalid trend factor. Expected: 0 < tf < 1, got: -0.250000");
    w.param1 = Double.POSITIVE_INFINITY;
    assertThatThrownBy(() -> RangeFunctions.byName("double_exponential_smoothing").apply(w, out))
        .hasMessage("invalid trend factor. Expected: 0 < tf < 1, got: +Inf");
  }

  @Test
  void avgOverTime() {
    LoadedSeries metric = load(10 * S, "1 2 3 4 5");
    checkNone("avg_over_time", metric, 55 * S, 10 * S);
    check("avg_over_time", metric, 55 * S, 20 * S, 5);
    check("avg_over_time", metric, 55 * S, M, 3);
    String[][] cases = {
      {"1 2 3 4 Inf", "Inf"},
      {"1 2 3 4 -Inf", "-Inf"},
      {"1 2 3 Inf -Inf", "NaN"},
      {"Inf 0 Inf", "Inf"},
      {"Inf Inf Inf -Inf", "NaN"},
      {"1 2 3 -Inf -Inf", "-Inf"},
      {"-Inf 0 -Inf", "-Inf"},
      {"-Inf -Inf -Inf Inf", "NaN"},
      {"1 2 -Inf -Inf Inf", "NaN"},
      {"9.988465674311579e+307 9.988465674311579e+307", "9.988465674311579e+307"},
      {"-9.988465674311579e+307 -9.988465674311579e+307 -9.988465674311579e+307",
        "-9.988465674311579e+307"},
      {"-9.988465674311579e+307 9.988465674311579e+307", "0"},
      {"1 2 3 NaN NaN", "NaN"},
    };
    for (String[] c : cases) {
      check("avg_over_time", load(10 * S, c[0]), 55 * S, M, Double.parseDouble(c[1].replace("Inf", "Infinity")));
    }
    check("avg_over_time", load(10 * S, "1 2 3 NaN NaN"), 20 * S, M, 2);
    check("avg_over_time", load(10 * S, "1 1e100 1 -1e100"), M, 2 * M, 0.5);
  }

  @Test
  void avgOverTimeExtremeValues() {
    String[][] cases = {
      {"1e10 1e-6 1e-6 1e-6 1e-6 1e-6", "1.6666666666666675e+09"},
      {"5.30921651659898 0.961118537914768 1.62091361305318 0.865089463758091 0.323055185914577"
          + " 0.951811357687154", "1.67186744582113"},
      {"1.78264e50 0.76342771 1.9592258 7.69805412 458.90154", "3.56528E+49"},
      {"0.76342771 1.9592258 7.69805412 1.78264e50 458.90154", "3.56528E+49"},
      {"1.78264E+50 0.76342771 1.9592258 2.258E+220 7.69805412 458.90154", "3.76333333333333E+219"},
      {"-1.78264E+50 0.76342771 1.9592258 2.258E+220 7.69805412 -458.90154", "3.76333333333333E+219"},
      {"-1.78264E+215 0.76342771 1.9592258 2.258E+220 7.69805412 -458.90154", "3.76330362266667E+219"},
      {"-1.78264E+215 0.76342771 1.9592258 2.258E+220 7.69805412 1.78264E+215 -458.90154",
        "3.225714285714286e+219"},
      {"-1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220 7.69805412"
          + " 1.78264E+219 -458.90154", "2.5088888888888888e+219"},
      {"-2.258E+220 -1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220"
          + " 7.69805412 1.78264E+219 -458.90154", "0"},
    };
    for (String[] c : cases) {
      LoadedSeries s = load(5 * S, c[0]);
      s.window(w, 55 * S, M);
      out[0] = 0;
      assertThat(RangeFunctions.byName("avg_over_time").apply(w, out)).isTrue();
      double want = Double.parseDouble(c[1]);
      // Upstream prints these to 15 significant digits; compare at its 1e-6 tolerance.
      if (want == 0) {
        assertThat(out[0]).isEqualTo(0);
      } else {
        assertThat(Math.abs(out[0] - want) / Math.abs(want)).as(c[0]).isLessThan(1e-6);
      }
    }
  }

  @Test
  void avgOverTimeOfConstantIsExact() {
    LoadedSeries foo = load(10 * S, "52+0x100");
    for (long range : new long[] {100 * S, 110 * S, 120 * S, 130 * S}) {
      foo.window(w, 10 * M, range);
      assertThat(RangeFunctions.byName("avg_over_time").apply(w, out)).isTrue();
      assertThat(out[0]).isEqualTo(52);
    }
  }

  @Test
  void avgOverTimeSwitchesToIncrementalMeanOnOverflow() {
    // The direct sum overflows at the second sample; the incremental mean does not.
    check("avg_over_time", load(10 * S, "1e308 1e308 1e308"), 20 * S, M, 1e308);
    check("avg_over_time", load(10 * S, "1e308 1e308 -1e308 -1e308"), 30 * S, M, 0);
  }

  @Test
  void sumOverTime() {
    check("sum_over_time", load(10 * S, "1 1e100 1 -1e100"), M, 2 * M, 2);
    check("sum_over_time", load(10 * S, "9.988465674311579e+307 9.988465674311579e+307"), 55 * S, M,
        Double.POSITIVE_INFINITY);
    check("sum_over_time", load(10 * S, "Inf -Inf"), 55 * S, M, Double.NaN);
    LoadedSeries dense = load(1, "1+0x4000");
    for (long range : new long[] {1000, 1001, 1002, 1003, 2000, 2001, 2002, 2003, 3000, 3003}) {
      check("sum_over_time", dense, 4 * S, range, range);
      check("count_over_time", dense, 4 * S, range, range);
    }
    checkNone("sum_over_time", dense, 5 * S, 10);
    checkNone("count_over_time", dense, 5 * S, 10);
  }

  @Test
  void stddevAndStdvar() {
    LoadedSeries metric = load(10 * S, "0 8 8 2 3");
    check("stdvar_over_time", metric, M, 2 * M, 10.56);
    check("stddev_over_time", metric, M, 2 * M, Math.sqrt(10.56));
    LoadedSeries constant = load(10 * S, "1.5990505637277868 1.5990505637277868 1.5990505637277868");
    check("stdvar_over_time", constant, 55 * S, M, 0);
    check("stddev_over_time", constant, 55 * S, M, 0);
    check("stddev_over_time", load(10 * S, "5"), 0, M, 0);
    check("stdvar_over_time", load(10 * S, "1 NaN"), 10 * S, M, Double.NaN);
  }

  @Test
  void madOverTime() {
    check("mad_over_time", load(10 * S, "4 6 2 1 999 1 2"), 70 * S, 70 * S, 1);
    check("mad_over_time", load(10 * S, "1 2 3 4 5"), 40 * S, 50 * S, 1);
    check("mad_over_time", load(10 * S, "7 7 7 7 7"), 40 * S, 50 * S, 0);
    check("mad_over_time", load(10 * S, "5"), 0, 10 * S, 0);
    check("mad_over_time", load(10 * S, "1 2 NaN 4"), 30 * S, 40 * S, Double.NaN);
  }

  @Test
  void minAndMaxOverTimeSkipNaN() {
    String[][] cases = {
      // values, min, max, last, first
      {"2 0 3", "0", "3", "3", "2"},
      {"2 0 NaN", "0", "2", "NaN", "2"},
      {"2 NaN 1", "1", "2", "1", "2"},
      {"NaN 0 1", "0", "1", "1", "NaN"},
      {"NaN NaN NaN", "NaN", "NaN", "NaN", "NaN"},
      {"_ 5 2 _ 4 _", "2", "5", "4", "5"},
    };
    for (String[] c : cases) {
      LoadedSeries s = load(10 * S, c[0]);
      check("min_over_time", s, M, 2 * M, Double.parseDouble(c[1]));
      check("max_over_time", s, M, 2 * M, Double.parseDouble(c[2]));
      check("last_over_time", s, M, 2 * M, Double.parseDouble(c[3]));
      check("first_over_time", s, M, 2 * M, Double.parseDouble(c[4]));
    }
    checkNone("min_over_time", load(10 * S, "_ _ _"), M, 2 * M);
  }

  @Test
  void timestampsOfMinMaxFirstLast() {
    long interval = 10 * S + 53;
    LoadedSeries s = load(interval, "1 2 3 0 5 6 2 1 4");
    check("ts_of_min_over_time", s, 90 * S, 90 * S, 30.159);
    check("ts_of_max_over_time", s, 90 * S, 90 * S, 50.265);
    LoadedSeries last = load(interval, "1 2 3 _ _");
    check("ts_of_last_over_time", last, 90 * S, 90 * S, 20.106);
    check("ts_of_last_over_time", last, 95 * S, 90 * S, 20.106);
    LoadedSeries first = load(interval, "_ _ 1 2 3 _ _");
    check("ts_of_first_over_time", first, 90 * S, 90 * S, 20.106);
    checkNone("ts_of_first_over_time", first, 15 * S, 90 * S);
    // Ties: the latest extreme wins; NaN is skipped.
    LoadedSeries ties = load(10 * S, "NaN 1 3 1 3");
    check("ts_of_min_over_time", ties, 40 * S, M, 30);
    check("ts_of_max_over_time", ties, 40 * S, M, 40);
    check("ts_of_max_over_time", load(10 * S, "NaN NaN"), 10 * S, M, 10);
  }

  @Test
  void quantileOverTime() {
    LoadedSeries two = load(10 * S, "0 1");
    LoadedSeries three = load(10 * S, "0 1 2");
    LoadedSeries uneven = load(10 * S, "0 1 4");
    double[][] cases = {
      // q, two, three, uneven
      {0, 0, 0, 0},
      {0.5, 0.5, 1, 1},
      {0.75, 0.75, 1.5, 2.5},
      {0.8, 0.8, 1.6, 2.8},
      {1, 1, 2, 4},
      {-1, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
      {2, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
      {Double.NaN, Double.NaN, Double.NaN, Double.NaN},
    };
    for (double[] c : cases) {
      w.param0 = c[0];
      check("quantile_over_time", two.window(w, M, 2 * M), c[1]);
      check("quantile_over_time", three.window(w, M, 2 * M), c[2]);
      check("quantile_over_time", uneven.window(w, M, 2 * M), c[3]);
    }
    // The window's samples are not reordered: the engine reuses them for the next step.
    LoadedSeries unsorted = load(10 * S, "5 1 3");
    w.param0 = 0.5;
    check("quantile_over_time", unsorted.window(w, 20 * S, M), 3);
    assertThat(unsorted.v).containsExactly(5, 1, 3);
  }

  @Test
  void presentAndAbsentOverTime() {
    check("present_over_time", load(10 * S, "NaN"), 0, M, 1);
    check("absent_over_time", load(10 * S, "3"), 0, M, 1);
    checkNone("present_over_time", load(10 * S, "1"), 2 * M, M);
  }
}
