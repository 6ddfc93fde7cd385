package io.hearth.promql.functions;

import static io.hearth.promql.functions.RangeFunctionsTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quantiles, with cases from upstream's quantile_test.go and histograms.test. */
class QuantilesTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  private static void checkQuantile(double q, double[] values, double want) {
    double[] copy = values.clone();
    assertClose(Quantiles.quantile(q, copy, copy.length), want);
  }

  @Test
  void quantileInterpolatesBetweenRanks() {
    checkQuantile(0.5, new double[] {3, 1, 2}, 2);
    checkQuantile(0.5, new double[] {4, 1}, 2.5);
    checkQuantile(0.25, new double[] {1, 2, 3, 4, 5}, 2);
    checkQuantile(0.9, new double[] {10, 0}, 9);
    checkQuantile(0, new double[] {7}, 7);
    checkQuantile(1, new double[] {7}, 7);
  }

  @Test
  void quantileEdgeCases() {
    checkQuantile(0.5, new double[0], NAN);
    checkQuantile(NAN, new double[] {1}, NAN);
    checkQuantile(-0.1, new double[] {1}, Double.NEGATIVE_INFINITY);
    checkQuantile(1.1, new double[] {1}, INF);
    checkQuantile(-0.1, new double[0], NAN);
    // Upstream always weighs in the next rank, so an Inf neighbour contributes Inf * 0 = NaN.
    checkQuantile(1, new double[] {1, INF}, NAN);
    checkQuantile(0, new double[] {1, INF}, NAN);
    checkQuantile(0, new double[] {1, 2, INF}, 1);
    checkQuantile(0.5, new double[] {Double.NEGATIVE_INFINITY, INF}, NAN);
  }

  @Test
  void nanSortsBeforeNumbers() {
    // Sorted as NaN, 1, 2, 3: the lowest rank is NaN, the others are numbers.
    checkQuantile(0, new double[] {2, NAN, 3, 1}, NAN);
    checkQuantile(1, new double[] {2, NAN, 3, 1}, 3);
    checkQuantile(2.0 / 3, new double[] {2, NAN, 3, 1}, 2);
    checkQuantile(1, new double[] {NAN, NAN}, NAN);
  }

  @Test
  void quantileSortsInPlaceOnlyTheGivenPrefix() {
    double[] values = {3, 1, 2, -5};
    assertThat(Quantiles.quantile(0, values, 3)).isEqualTo(1);
    assertThat(values).containsExactly(1, 2, 3, -5);
  }

  private static Buckets buckets(double... boundsAndCounts) {
    Buckets b = new Buckets(2);
    for (int i = 0; i < boundsAndCounts.length; i += 2) {
      b.add(boundsAndCounts[i], boundsAndCounts[i + 1]);
    }
    return b;
  }

  // testhistogram at 50m in histograms.test, buckets listed out of order on purpose.
  private static Buckets positive() {
    return buckets(INF, 120, 0.2, 70, 0.1, 50, 1, 110);
  }

  private static Buckets negative() {
    return buckets(-0.2, 10, 0.3, 20, INF, 30, -0.1, 20);
  }

  @Test
  void bucketQuantileFromHistogramsTest() {
    double[][] cases = {
      // q, positive, negative
      {-0.1, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
      {1.01, INF, INF},
      {NAN, NAN, NAN},
      {0, 0, -0.2},
      {1, 1, 0.3},
      {0.2, 0.048, -0.2},
      {0.5, 0.15, -0.15},
      {0.8, 0.72, 0.3},
    };
    for (double[] c : cases) {
      assertClose(Quantiles.bucketQuantile(c[0], positive()), c[1]);
      assertClose(Quantiles.bucketQuantile(c[0], negative()), c[2]);
    }
    // testhistogram2: q(1/6), q(1/2), q(5/6) are in the middle of their buckets.
    Buckets two = buckets(0, 0, 2, 10, 4, 20, 6, 30, INF, 30);
    assertClose(Quantiles.bucketQuantile(1.0 / 6, two), 1);
    assertClose(Quantiles.bucketQuantile(0.5, buckets(0, 0, 2, 10, 4, 20, 6, 30, INF, 30)), 3);
    assertClose(Quantiles.bucketQuantile(5.0 / 6, buckets(0, 0, 2, 10, 4, 20, 6, 30, INF, 30)), 5);
  }

  @Test
  void bucketQuantileNeedsAnInfBucketTwoBoundsAndObservations() {
    assertClose(Quantiles.bucketQuantile(0.5, buckets(1, 1, 2, 2)), NAN);
    assertClose(Quantiles.bucketQuantile(0.5, buckets(INF, 5)), NAN);
    assertClose(Quantiles.bucketQuantile(0.5, buckets(INF, 5, INF, 5)), NAN);
    assertClose(Quantiles.bucketQuantile(0.5, buckets(1, 0, INF, 0)), NAN);
    assertClose(Quantiles.bucketQuantile(0.5, new Buckets()), NAN);
    // Out-of-range q wins even over missing +Inf.
    assertClose(Quantiles.bucketQuantile(2, buckets(1, 1)), INF);
  }

  @Test
  void bucketQuantileInTheInfBucketReturnsTheHighestFiniteBound() {
    assertClose(Quantiles.bucketQuantile(0.99, buckets(1, 1, 2, 2, INF, 10)), 2);
  }

  @Test
  void bucketQuantileMergesEqualBounds() {
    // Two series with le="0.2" and le="2e-1" count together (mixed_bucket in histograms.test).
    Buckets b = buckets(0.1, 1, 0.2, 1, 0.2, 1, 0.2, 1, INF, 4);
    assertClose(Quantiles.bucketQuantile(0.5, b), 0.15);
    assertThat(b.size()).isEqualTo(3);
    assertThat(b.count(1)).isEqualTo(3);
  }

  @Test
  void bucketQuantileLowestBucketRules() {
    // Rank in the lowest bucket with a positive bound: interpolate from 0.
    assertClose(Quantiles.bucketQuantile(0.25, buckets(4, 10, INF, 20)), 2);
    // Lowest bound ≤ 0: the bound itself.
    assertClose(Quantiles.bucketQuantile(0.25, buckets(-1, 10, INF, 20)), -1);
    assertClose(Quantiles.bucketQuantile(0.25, buckets(0, 10, INF, 20)), 0);
  }

  @Test
  void upstreamForcedMonotonicityCases() {
    double[] qs = {1, 0.99, 0.9, 0.5};
    double[] simple = {15, 14.85, 13.5, 7.5};
    for (int i = 0; i < qs.length; i++) {
      Buckets b = buckets(10, 10, 15, 15, 20, 15, 30, 15, INF, 15);
      assertClose(Quantiles.bucketQuantile(qs[i], b), simple[i]);
      assertThat(b.forcedMonotonic).isFalse();
      assertThat(b.fixedPrecision).isFalse();

      b = buckets(10, 10, 15, 15, 20, 15.00000000001, 30, 15, INF, 15);
      assertThat(Math.abs(Quantiles.bucketQuantile(qs[i], b) - simple[i]) / simple[i])
          .isLessThan(1e-12);
      assertThat(b.forcedMonotonic).isFalse();
      assertThat(b.fixedPrecision).isTrue();
    }
    double[] real = {64, 49.64475715376406, 46.39671690938454, 31.96098248992002};
    for (int i = 0; i < qs.length; i++) {
      Buckets b =
          buckets(
              1, 6454661.3014166197, 5, 8339611.2001912938, 10, 14118319.2444762159,
              25, 14130031.5272856522, 50, 46001270.3030008152, 64, 46008473.8585563600,
              80, 46008473.8585563600, 100, 46008473.8585563600, 250, 46008473.8585563600,
              1000, 46008473.8585563600, INF, 46008473.8585563600);
      assertThat(Math.abs(Quantiles.bucketQuantile(qs[i], b) - real[i]) / real[i])
          .isLessThan(1e-12);
      assertThat(b.forcedMonotonic).isFalse();
    }
  }

  @Test
  void decreasingCountsAreFlattenedAndReported() {
    Buckets b = buckets(10, 10, 20, 15, 30, 12, 40, 14, 50, 20, INF, 20);
    // Flattened to 10, 15, 15, 15, 20, 20: rank 16 lies in (40, 50].
    assertClose(Quantiles.bucketQuantile(0.8, b), 42);
    assertThat(b.forcedMonotonic).isTrue();
    assertThat(b.fixedPrecision).isFalse();
    assertThat(b.minForcedBound).isEqualTo(30);
    assertThat(b.maxForcedBound).isEqualTo(40);
    assertThat(b.maxForcedDiff).isEqualTo(3);
    // The report is reset by the next call.
    assertClose(Quantiles.bucketQuantile(0.5, positive()), 0.15);
    Buckets clean = positive();
    Quantiles.bucketQuantile(0.5, clean);
    assertThat(clean.forcedMonotonic).isFalse();
    assertThat(clean.minForcedBound).isEqualTo(INF);
    assertThat(clean.maxForcedBound).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void bucketsAreReusable() {
    Buckets b = new Buckets(1);
    for (int round = 0; round < 3; round++) {
      b.clear();
      for (int i = 1; i <= 40; i++) {
        b.add(41 - i, 41 - i);
      }
      b.add(INF, 40);
      assertClose(Quantiles.bucketQuantile(0.5, b), 20);
    }
  }

  private static Buckets fractionBuckets(double... lowBuckets) {
    return buckets(lowBuckets);
  }

  @Test
  void bucketFractionFromHistogramsTest() {
    double[] pos = {1, 1, 2, 3, 3, 6, INF, 100};
    double[] neg = {-3, 10, -2, 12, -1, 15, INF, 100};
    Object[][] cases = {
      {0.0, 1.5, pos, 0.02},
      {-4.0, -2.0, neg, 0.02},
      {Double.NEGATIVE_INFINITY, -1.5, neg, 0.135},
      {Double.NEGATIVE_INFINITY, INF, pos, 1.0},
      {Double.NEGATIVE_INFINITY, INF, neg, 1.0},
      {4.0, 5.0, pos, 0.0},
      {0.0, 1.0, neg, 0.0},
      {2.0, 5.0, pos, 0.03},
      {400.0, INF, pos, 0.94},
      {2.0, 2.0, pos, 0.0},
      {3.0, 2.0, pos, 0.0},
      {2.0, 3.5, pos, 0.03},
      {0.5, 2.0, pos, 0.025},
      {1.0, 3.0, pos, 0.05},
      {NAN, 1.0, pos, NAN},
      {0.0, NAN, pos, NAN},
      {-10.0, -5.0, pos, 0.0},
      {5.0, 10.0, pos, 0.0},
    };
    for (Object[] c : cases) {
      Buckets b = fractionBuckets((double[]) c[2]);
      assertClose(Quantiles.bucketFraction((double) c[0], (double) c[1], b), (double) c[3]);
    }
    assertClose(Quantiles.bucketFraction(0, 1, buckets(INF, 100)), 0);
    assertClose(Quantiles.bucketFraction(0, 5, buckets(1, 0, 2, 0, 3, 0, INF, 0)), NAN);
    assertClose(Quantiles.bucketFraction(0.1, 0.75, buckets(0.5, 2.5, 1, 7.5, INF, 100)), 0.045);
    assertClose(
        Quantiles.bucketFraction(-1, 1, buckets(-2, 5, -1, 10, 0, 15, 1, 20, INF, 100)), 0.1);
    // testhistogram2 (0, 4) and (0, 3.5); testhistogram3 positive (0, 0.2).
    assertClose(Quantiles.bucketFraction(0, 4, buckets(0, 0, 2, 10, 4, 20, 6, 30, INF, 30)), 2.0 / 3);
    assertClose(
        Quantiles.bucketFraction(0, 3.5, buckets(0, 0, 2, 10, 4, 20, 6, 30, INF, 30)),
        0.5833333333333334);
    assertClose(
        Quantiles.bucketFraction(0, 0.2, buckets(0, 0, 0.1, 50, 0.2, 70, 1, 110, INF, 110)),
        0.6363636363636364);
    assertClose(Quantiles.bucketFraction(0, 1, buckets(1, 1)), NAN);
  }

  @Test
  void almostEqual() {
    assertThat(Quantiles.almostEqual(NAN, NAN, 1e-12)).isTrue();
    assertThat(Quantiles.almostEqual(1, 1 + 1e-13, 1e-12)).isTrue();
    assertThat(Quantiles.almostEqual(1, 1 + 1e-11, 1e-12)).isFalse();
    assertThat(Quantiles.almostEqual(0, 1e-320, 1e-12)).isTrue();
    assertThat(Quantiles.almostEqual(0, 1e-300, 1e-12)).isFalse();
    assertThat(Quantiles.almostEqual(INF, INF, 1e-12)).isTrue();
  }
}
