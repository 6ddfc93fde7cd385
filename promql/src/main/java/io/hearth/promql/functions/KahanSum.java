package io.hearth.promql.functions;

/**
 * A running float sum with Neumaier's improvement of Kahan compensation, bit for bit the scheme
 * Prometheus uses for sum, avg, sum_over_time, avg_over_time, stddev and linear regression. A
 * mutable accumulator; not thread-safe; reuse it with {@link #reset()}.
 *
 * <p>When a partial sum becomes infinite the compensation is reset to zero, so an infinite sum is
 * never turned into NaN by its compensation term.
 */
public final class KahanSum {
  private double sum;
  private double c;

  /** Starts over at zero. */
  public void reset() {
    sum = 0;
    c = 0;
  }

  /** Sets the running sum and compensation directly (used to rescale an incremental mean). */
  public void set(double sum, double compensation) {
    this.sum = sum;
    this.c = compensation;
  }

  /** Adds {@code v}. */
  public void add(double v) {
    double t = sum + v;
    c = nextCompensation(sum, v, t, c);
    sum = t;
  }

  /**
   * The compensation after adding {@code inc} to {@code sum}, where {@code newSum == sum + inc}:
   * the allocation-free core for loops that keep sum and compensation in locals.
   */
  static double nextCompensation(double sum, double inc, double newSum, double c) {
    if (newSum > Double.MAX_VALUE || newSum < -Double.MAX_VALUE) {
      return 0;
    }
    // The low-order bits lost in newSum are those of the smaller operand; recover them from it.
    if (Math.abs(sum) >= Math.abs(inc)) {
      return c + ((sum - newSum) + inc);
    }
    return c + ((inc - newSum) + sum);
  }

  /** The uncompensated running sum. */
  public double sum() {
    return sum;
  }

  /** The accumulated compensation, to be added to {@link #sum()}. */
  public double compensation() {
    return c;
  }

  /** The compensated sum: {@code sum + compensation}, or the sum itself when it is infinite. */
  public double value() {
    return Double.isInfinite(sum) ? sum : sum + c;
  }
}
