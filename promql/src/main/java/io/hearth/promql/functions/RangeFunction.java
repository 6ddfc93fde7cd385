package io.hearth.promql.functions;

/**
 * One range-vector function (rate, sum_over_time, …) applied to the float samples of one series at
 * one evaluation step. Implementations are stateless and thread-safe; per-call scratch space lives
 * in the {@link Window}.
 */
@FunctionalInterface
public interface RangeFunction {
  /**
   * Computes this function over {@code w}.
   *
   * @param w the samples and parameters of this step; read only, except for {@link
   *     Window#scratch(int)}
   * @param out receives the result in {@code out[0]} when this method returns true
   * @return false when this step has no output sample for the series (for example rate over fewer
   *     than two samples); {@code out} is then untouched
   * @throws io.hearth.promql.PromqlException (kind EXECUTION) when a parameter is invalid in a way
   *     Prometheus reports as an error, with Prometheus's exact text
   */
  boolean apply(Window w, double[] out);
}
