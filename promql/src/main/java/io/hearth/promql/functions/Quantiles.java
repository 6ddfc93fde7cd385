package io.hearth.promql.functions;

import java.util.Arrays;

/**
 * Quantile estimation as PromQL does it: the φ-quantile of a set of values (the {@code quantile}
 * aggregation, quantile_over_time, mad_over_time), and the quantile and fraction of a classic
 * histogram given as cumulative buckets (histogram_quantile, histogram_fraction). Stateless; every
 * method works in place on arrays the caller owns and allocates nothing.
 */
public final class Quantiles {
  /**
   * Relative difference below which two neighbouring cumulative bucket counts are treated as
   * equal: such differences are floating-point noise, not decreasing counts.
   */
  static final double SMALL_DELTA_TOLERANCE = 1e-12;

  private static final double MIN_NORMAL = Double.MIN_NORMAL;

  private Quantiles() {}

  /**
   * The φ-quantile of {@code values[0..n)}, interpolating linearly between the two closest ranks
   * ({@code rank = q * (n - 1)}).
   *
   * <p><b>Sorts {@code values[0..n)} in place.</b> NaN values count as smaller than every number,
   * as in Prometheus, so a NaN is returned only when the requested rank reaches them.
   *
   * @return NaN when {@code n == 0} or {@code q} is NaN; -Inf when {@code q < 0}; +Inf when {@code
   *     q > 1}
   */
  public static double quantile(double q, double[] values, int n) {
    if (n == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    Arrays.sort(values, 0, n);
    // Arrays.sort puts NaNs last; Prometheus orders them first. Index the sorted sequence as if
    // the NaNs had been moved to the front instead of moving them.
    int nans = 0;
    while (nans < n && Double.isNaN(values[n - 1 - nans])) {
      nans++;
    }
    double count = n;
    double rank = q * (count - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(count - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return sortedAt(values, nans, (int) lower) * (1 - weight)
        + sortedAt(values, nans, (int) upper) * weight;
  }

  private static double sortedAt(double[] sortedNansLast, int nans, int i) {
    return i < nans ? Double.NaN : sortedNansLast[i - nans];
  }

  /**
   * The φ-quantile of a classic histogram (histogram_quantile over {@code _bucket} series), with
   * linear interpolation inside the bucket the rank falls in.
   *
   * <p>Works on {@code b} in place: sorts the buckets by upper bound, merges buckets with equal
   * bounds (adding their counts), then repairs counts that are not monotonic — differences within
   * a relative 1e-12 are silently flattened ({@link Buckets#fixedPrecision}); real decreases are
   * flattened too and reported through {@link Buckets#forcedMonotonic}, {@link
   * Buckets#minForcedBound}, {@link Buckets#maxForcedBound} and {@link Buckets#maxForcedDiff},
   * which the engine turns into Prometheus's "input to histogram_quantile needed to be fixed for
   * monotonicity" info annotation. Those report fields are reset by every call.
   *
   * <p>Results, in order of precedence:
   *
   * <ul>
   *   <li>q NaN → NaN; q &lt; 0 → -Inf; q &gt; 1 → +Inf (the buckets are not touched);
   *   <li>no buckets, highest bound not +Inf, fewer than two distinct bounds, or zero total count
   *       → NaN;
   *   <li>rank beyond the highest finite bucket → that bucket's upper bound;
   *   <li>rank in the lowest bucket and its bound ≤ 0 → that bound;
   *   <li>otherwise linear interpolation, the lowest bucket starting at 0.
   * </ul>
   *
   * Upstream emits no sample for a group with no buckets; callers should skip such groups rather
   * than output the NaN returned here.
   */
  public static double bucketQuantile(double q, Buckets b) {
    b.resetReport();
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (b.size == 0) {
      return Double.NaN;
    }
    b.sortByBound();
    if (b.upperBounds[b.size - 1] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    b.coalesce();
    ensureMonotonic(b, SMALL_DELTA_TOLERANCE);
    int n = b.size;
    double[] bounds = b.upperBounds;
    double[] counts = b.counts;
    if (n < 2) {
      return Double.NaN;
    }
    double observations = counts[n - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int i = searchFirstCountAtLeast(counts, n - 1, rank);
    if (i == n - 1) {
      return bounds[n - 2];
    }
    if (i == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double bucketStart = 0;
    double bucketEnd = bounds[i];
    double count = counts[i];
    if (i > 0) {
      bucketStart = bounds[i - 1];
      count -= counts[i - 1];
      rank -= counts[i - 1];
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }

  /** Binary search with the exact probe sequence of Go's sort.Search, so NaN counts act alike. */
  private static int searchFirstCountAtLeast(double[] counts, int n, double rank) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!(counts[mid] >= rank)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The fraction of a classic histogram's observations between {@code lower} and {@code upper}
   * (histogram_fraction over {@code _bucket} series), interpolating linearly inside buckets.
   * Sorts and merges {@code b} in place like {@link #bucketQuantile} but does not repair
   * monotonicity.
   *
   * <p>The lowest bucket is taken to start at 0 when its upper bound is positive, else at -Inf;
   * no interpolation happens inside a bucket with an infinite bound, so observations in the -Inf
   * or +Inf end bucket count wholly on the side their bound lies on.
   *
   * @return NaN when there are no buckets, the highest bound is not +Inf, the total count is 0, or
   *     either limit is NaN; 0 when {@code lower >= upper}
   */
  public static double bucketFraction(double lower, double upper, Buckets b) {
    b.resetReport();
    if (b.size == 0) {
      return Double.NaN;
    }
    b.sortByBound();
    if (b.upperBounds[b.size - 1] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    b.coalesce();
    int n = b.size;
    double[] bounds = b.upperBounds;
    double[] counts = b.counts;
    double count = counts[n - 1];
    if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
      return Double.NaN;
    }
    if (lower >= upper) {
      return 0;
    }
    double rank = 0;
    double lowerRank = 0;
    double upperRank = 0;
    boolean lowerSet = false;
    boolean upperSet = false;
    double lowerBound = bounds[0] <= 0 ? Double.NEGATIVE_INFINITY : 0;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        lowerBound = bounds[i - 1];
      }
      double upperBound = bounds[i];
      if (!lowerSet && lowerBound >= lower) {
        lowerRank = rank;
        lowerSet = true;
      }
      if (!upperSet && lowerBound >= upper) {
        upperRank = rank;
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      if (!lowerSet && lowerBound < lower && upperBound > lower) {
        lowerRank = interpolate(lower, rank, counts[i], lowerBound, upperBound);
        lowerSet = true;
      }
      if (!upperSet && lowerBound < upper && upperBound > upper) {
        upperRank = interpolate(upper, rank, counts[i], lowerBound, upperBound);
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      rank = counts[i];
    }
    if (!lowerSet || lowerRank > count) {
      lowerRank = count;
    }
    if (!upperSet || upperRank > count) {
      upperRank = count;
    }
    return (upperRank - lowerRank) / count;
  }

  /**
   * The cumulative count at {@code x} inside the bucket (lowerBound, upperBound]. A -Inf lower
   * bound yields the bucket's full count; a +Inf upper bound yields the previous count, because
   * the interpolated term is then finite/Inf = 0.
   */
  private static double interpolate(
      double x, double rankBefore, double bucketCount, double lowerBound, double upperBound) {
    if (lowerBound == Double.NEGATIVE_INFINITY) {
      return bucketCount;
    }
    return rankBefore + (bucketCount - rankBefore) * (x - lowerBound) / (upperBound - lowerBound);
  }

  /** Flattens noise and decreases in the (sorted, merged) cumulative counts; see bucketQuantile. */
  static void ensureMonotonic(Buckets b, double tolerance) {
    double[] counts = b.counts;
    double[] bounds = b.upperBounds;
    double prev = counts[0];
    for (int i = 1; i < b.size; i++) {
      double curr = counts[i];
      if (curr == prev) {
        continue;
      }
      if (almostEqual(prev, curr, tolerance)) {
        // Rounding noise, in either direction: flatten it and keep comparing against prev.
        counts[i] = prev;
        b.fixedPrecision = true;
        continue;
      }
      if (curr < prev) {
        counts[i] = prev;
        b.forcedMonotonic = true;
        if (bounds[i] < b.minForcedBound) {
          b.minForcedBound = bounds[i];
        }
        if (bounds[i] > b.maxForcedBound) {
          b.maxForcedBound = bounds[i];
        }
        double diff = prev - curr;
        if (diff > b.maxForcedDiff) {
          b.maxForcedDiff = diff;
        }
        continue;
      }
      prev = curr;
    }
  }

  /**
   * Prometheus's relative float comparison: equal when both are NaN (stale markers aside, which
   * never reach bucket counts), when identical, or when the difference is below {@code epsilon}
   * times the sum of magnitudes (times the smallest normal near zero).
   */
  static boolean almostEqual(double a, double b, double epsilon) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
      return diff < epsilon * MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
  }
}
