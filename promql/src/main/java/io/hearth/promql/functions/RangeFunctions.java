package io.hearth.promql.functions;

import java.util.Map;
import java.util.Set;

/**
 * The registry of range-vector functions by PromQL name, with Prometheus 3.x float semantics.
 * Immutable and thread-safe; the functions are stateless.
 *
 * <p>What the engine keeps for itself: it calls a function only for a series whose window is not
 * empty (as upstream does; every function here also returns false on an empty window), it names
 * and labels the output series (last_over_time and first_over_time keep the metric name, the rest
 * drop it), it builds absent_over_time's output labels and fills the steps no series covered,
 * and it raises the annotations: invalid quantile for quantile_over_time when {@code param0} is
 * NaN or outside [0, 1], "possible non-counter" for rate/increase, histogram-related ones.
 *
 * <table>
 *   <caption>Result when a step has too few samples</caption>
 *   <tr><th>needs</th><th>functions</th></tr>
 *   <tr><td>2 samples</td><td>rate, increase, delta, irate, idelta (irate/idelta also need the
 *       last two at distinct times), deriv, predict_linear, double_exponential_smoothing</td></tr>
 *   <tr><td>1 sample</td><td>everything else; resets and changes then yield 0</td></tr>
 * </table>
 */
public final class RangeFunctions {
  private static final Map<String, RangeFunction> BY_NAME =
      Map.ofEntries(
          Map.entry("rate", RateFunctions::rate),
          Map.entry("increase", RateFunctions::increase),
          Map.entry("delta", RateFunctions::delta),
          Map.entry("irate", RateFunctions::irate),
          Map.entry("idelta", RateFunctions::idelta),
          Map.entry("deriv", TrendFunctions::deriv),
          Map.entry("predict_linear", TrendFunctions::predictLinear),
          Map.entry("double_exponential_smoothing", TrendFunctions::doubleExponentialSmoothing),
          Map.entry("resets", TrendFunctions::resets),
          Map.entry("changes", TrendFunctions::changes),
          Map.entry("avg_over_time", OverTimeFunctions::avg),
          Map.entry("sum_over_time", OverTimeFunctions::sum),
          Map.entry("count_over_time", OverTimeFunctions::count),
          Map.entry("min_over_time", OverTimeFunctions::min),
          Map.entry("max_over_time", OverTimeFunctions::max),
          Map.entry("quantile_over_time", OverTimeFunctions::quantile),
          Map.entry("stddev_over_time", OverTimeFunctions::stddev),
          Map.entry("stdvar_over_time", OverTimeFunctions::stdvar),
          Map.entry("mad_over_time", OverTimeFunctions::mad),
          Map.entry("last_over_time", OverTimeFunctions::last),
          Map.entry("first_over_time", OverTimeFunctions::first),
          Map.entry("ts_of_min_over_time", OverTimeFunctions::tsOfMin),
          Map.entry("ts_of_max_over_time", OverTimeFunctions::tsOfMax),
          Map.entry("ts_of_first_over_time", OverTimeFunctions::tsOfFirst),
          Map.entry("ts_of_last_over_time", OverTimeFunctions::tsOfLast),
          Map.entry("present_over_time", OverTimeFunctions::present),
          // The engine turns "some series had a sample" into absence; here it is just 1.
          Map.entry("absent_over_time", OverTimeFunctions::present));

  private static final Map<String, RangeFunction> ANCHORED =
      Map.of(
          "rate", (w, out) -> RateFunctions.extended(w, out, true, true, false),
          "increase", (w, out) -> RateFunctions.extended(w, out, true, false, false),
          "delta", (w, out) -> RateFunctions.extended(w, out, false, false, false),
          "resets", TrendFunctions::anchoredResets,
          "changes", TrendFunctions::anchoredChanges);

  private static final Map<String, RangeFunction> SMOOTHED =
      Map.of(
          "rate", (w, out) -> RateFunctions.extended(w, out, true, true, true),
          "increase", (w, out) -> RateFunctions.extended(w, out, true, false, true),
          "delta", (w, out) -> RateFunctions.extended(w, out, false, false, true));

  private RangeFunctions() {}

  /**
   * The function for a plain range selector or subquery, whose window holds exactly the samples in
   * (rangeStartMs, rangeEndMs].
   *
   * @return the function, or null when {@code name} is not a range-vector function
   */
  public static RangeFunction byName(String name) {
    return BY_NAME.get(name);
  }

  /** Names {@link #byName} knows. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /**
   * The function for a selector with the {@code anchored} modifier. The engine widens the window
   * to (rangeStartMs − lookbackDelta, rangeEndMs] but keeps {@code rangeStartMs} and {@code
   * rangeEndMs} at the nominal range. The last sample at or before rangeStartMs is the baseline;
   * rate/increase/delta do not extrapolate, and rate divides by the nominal range.
   *
   * @return the function, or null when the modifier is not allowed with {@code name}; upstream's
   *     error text is then "anchored modifier can only be used with: changes, delta, increase,
   *     rate, resets - not with NAME"
   */
  public static RangeFunction anchored(String name) {
    return ANCHORED.get(name);
  }

  /**
   * The function for a selector with the {@code smoothed} modifier. The engine widens the window
   * to (rangeStartMs − lookbackDelta, rangeEndMs + lookbackDelta] and keeps the nominal range in
   * {@code rangeStartMs}/{@code rangeEndMs}; values are interpolated at both range edges.
   *
   * @return the function, or null when the modifier is not allowed with {@code name}; upstream's
   *     error text is then "smoothed modifier can only be used with: delta, increase, rate - not
   *     with NAME"
   */
  public static RangeFunction smoothed(String name) {
    return SMOOTHED.get(name);
  }
}
