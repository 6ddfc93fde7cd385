package io.hearth.promql.functions;

/**
 * The float samples of one series in one range window, plus the step's scalar parameters: a
 * mutable flyweight the engine reuses for every step and series. Not thread-safe; one per
 * evaluating thread.
 *
 * <p>Contract for the engine: {@code t[from..to)} and {@code v[from..to)} hold the samples in
 * strictly increasing time order with stale markers already removed. For ordinary selectors and
 * subqueries they are exactly the samples with {@code rangeStartMs < t <= rangeEndMs}; the
 * functions returned by {@link RangeFunctions#anchored} and {@link RangeFunctions#smoothed}
 * document the wider window they expect. The arrays are only read. {@link #scratch(int)} is
 * the one piece of state a function may change: a buffer it grows on demand and then reuses, so
 * that steady-state evaluation allocates nothing.
 */
public final class Window {
  /** Sample timestamps in milliseconds; only {@code [from, to)} is meaningful. */
  public long[] t;
  /** Sample values; only {@code [from, to)} is meaningful. */
  public double[] v;
  /** First sample index, inclusive. */
  public int from;
  /** Last sample index, exclusive; {@code from == to} means no samples. */
  public int to;
  /** Exclusive start of the range in ms: evaluation time minus offset minus range. */
  public long rangeStartMs;
  /** Inclusive end of the range in ms: evaluation time minus offset (after {@code @}). */
  public long rangeEndMs;
  /**
   * The evaluation step's own timestamp in ms, before offset and {@code @} are applied; used by
   * predict_linear as the time its prediction is anchored to.
   */
  public long stepTimeMs;
  /**
   * First scalar argument at this step: the quantile φ of quantile_over_time, the seconds of
   * predict_linear, the smoothing factor of double_exponential_smoothing.
   */
  public double param0;
  /** Second scalar argument at this step: the trend factor of double_exponential_smoothing. */
  public double param1;
  /**
   * A hint from the engine: true only when no value in {@code v[from..to)} is lower than the one
   * before it, so counter functions may skip looking for resets. False means "unknown".
   */
  public boolean isMonotonic;

  private double[] scratch = new double[0];

  /** Number of samples in the window. */
  public int size() {
    return to - from;
  }

  /**
   * Points this window at samples and a range; parameters and step time are left as they are.
   *
   * @return this window
   */
  public Window set(long[] t, double[] v, int from, int to, long rangeStartMs, long rangeEndMs) {
    this.t = t;
    this.v = v;
    this.from = from;
    this.to = to;
    this.rangeStartMs = rangeStartMs;
    this.rangeEndMs = rangeEndMs;
    return this;
  }

  /**
   * A buffer of at least {@code n} doubles owned by this window, for functions that must reorder
   * values (quantile_over_time, mad_over_time). Its contents are undefined on return; it is
   * reallocated only when it is too small, so the engine allocates once per largest window.
   */
  public double[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new double[Math.max(n, scratch.length + (scratch.length >> 1))];
    }
    return scratch;
  }
}
