package io.hearth.promql.functions;

/**
 * The classic-histogram buckets of one series group at one step — parallel arrays of upper bounds
 * ({@code le}) and cumulative counts — plus the monotonicity report of the last {@link
 * Quantiles#bucketQuantile} call. A reusable holder: {@link #clear()} it, {@link #add} each bucket
 * in any order, call a {@link Quantiles} method (which reorders and merges the buckets in place),
 * then read the report. It grows on demand and never shrinks. Not thread-safe.
 */
public final class Buckets {
  double[] upperBounds;
  double[] counts;
  int size;

  /** True when a decreasing count had to be raised to its predecessor's (a real anomaly). */
  public boolean forcedMonotonic;
  /** True when counts differing only by rounding noise (relative 1e-12) were made equal. */
  public boolean fixedPrecision;
  /** Lowest upper bound whose count was raised; +Inf when none was. */
  public double minForcedBound;
  /** Highest upper bound whose count was raised; -Inf when none was. */
  public double maxForcedBound;
  /** Largest amount by which a count was raised; 0 when none was. */
  public double maxForcedDiff;

  /** Creates an empty holder with room for {@code capacity} buckets before it must grow. */
  public Buckets(int capacity) {
    upperBounds = new double[Math.max(1, capacity)];
    counts = new double[upperBounds.length];
    resetReport();
  }

  /** Creates an empty holder with room for 16 buckets. */
  public Buckets() {
    this(16);
  }

  /** Removes all buckets. */
  public void clear() {
    size = 0;
  }

  /** Adds one bucket: the {@code le} bound and the cumulative count of observations ≤ it. */
  public void add(double upperBound, double count) {
    if (size == upperBounds.length) {
      int capacity = size * 2;
      upperBounds = java.util.Arrays.copyOf(upperBounds, capacity);
      counts = java.util.Arrays.copyOf(counts, capacity);
    }
    upperBounds[size] = upperBound;
    counts[size] = count;
    size++;
  }

  /** Number of buckets; after a {@link Quantiles} call, the number of distinct bounds. */
  public int size() {
    return size;
  }

  /** Upper bound of bucket {@code i}. */
  public double upperBound(int i) {
    return upperBounds[i];
  }

  /** Cumulative count of bucket {@code i}. */
  public double count(int i) {
    return counts[i];
  }

  void resetReport() {
    forcedMonotonic = false;
    fixedPrecision = false;
    minForcedBound = Double.POSITIVE_INFINITY;
    maxForcedBound = Double.NEGATIVE_INFINITY;
    maxForcedDiff = 0;
  }

  /**
   * Sorts by upper bound, in place, with a heap sort on the two parallel arrays: O(n log n)
   * without allocating. The order of equal bounds does not matter because they are merged next.
   */
  void sortByBound() {
    int n = size;
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(i, n);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(0, end);
      siftDown(0, end);
    }
  }

  private void siftDown(int root, int n) {
    while (true) {
      int child = 2 * root + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && upperBounds[child + 1] > upperBounds[child]) {
        child++;
      }
      if (!(upperBounds[child] > upperBounds[root])) {
        return;
      }
      swap(root, child);
      root = child;
    }
  }

  private void swap(int i, int j) {
    double b = upperBounds[i];
    upperBounds[i] = upperBounds[j];
    upperBounds[j] = b;
    double c = counts[i];
    counts[i] = counts[j];
    counts[j] = c;
  }

  /** Merges runs of equal bounds (the buckets must be sorted), adding their counts. */
  void coalesce() {
    int out = 0;
    for (int i = 1; i < size; i++) {
      if (upperBounds[i] == upperBounds[out]) {
        counts[out] += counts[i];
      } else {
        out++;
        upperBounds[out] = upperBounds[i];
        counts[out] = counts[i];
      }
    }
    size = Math.min(size, out + 1);
  }
}
