package io.hearth.promql.parser;

import static io.hearth.promql.ast.ExprType.MATRIX;
import static io.hearth.promql.ast.ExprType.SCALAR;
import static io.hearth.promql.ast.ExprType.STRING;
import static io.hearth.promql.ast.ExprType.VECTOR;

import io.hearth.promql.ast.ExprType;
import io.hearth.promql.ast.FunctionSignature;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signature of every PromQL function, as in Prometheus's {@code promql/parser/functions.go}:
 * argument types, how many optional or repeated arguments follow, the return type and whether
 * the function is experimental. The engine keeps the implementations in its own table.
 */
public final class Functions {
  private static final Map<String, FunctionSignature> BY_NAME = build();

  private Functions() {}

  /** The function called {@code name} (case-sensitive, as in Prometheus), or {@code null}. */
  public static FunctionSignature byName(String name) {
    return BY_NAME.get(name);
  }

  /** Every function, sorted by name. */
  public static Collection<FunctionSignature> all() {
    return BY_NAME.values();
  }

  private static Map<String, FunctionSignature> build() {
    Map<String, FunctionSignature> m = new TreeMap<>();
    // Instant-vector maths.
    for (String name :
        List.of(
            "abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos",
            "cosh", "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_sum",
            "histogram_stddev", "histogram_stdvar", "ln", "log10", "log2", "rad", "sgn", "sin",
            "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
      put(m, name, List.of(VECTOR), 0, VECTOR, false);
    }
    // Range-vector reductions.
    for (String name :
        List.of(
            "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
            "first_over_time", "idelta", "increase", "irate", "last_over_time", "max_over_time",
            "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time",
            "stdvar_over_time", "sum_over_time")) {
      put(m, name, List.of(MATRIX), 0, VECTOR, false);
    }
    for (String name :
        List.of(
            "mad_over_time", "ts_of_first_over_time", "ts_of_max_over_time",
            "ts_of_min_over_time", "ts_of_last_over_time")) {
      put(m, name, List.of(MATRIX), 0, VECTOR, true);
    }
    // Calendar functions take an optional vector (default: vector(time())).
    for (String name :
        List.of(
            "days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
            "month", "year")) {
      put(m, name, List.of(VECTOR), 1, VECTOR, false);
    }
    put(m, "clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR, false);
    put(m, "clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR, false);
    put(m, "clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR, false);
    put(m, "histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR, false);
    put(m, "histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR, false);
    put(m, "histogram_quantiles", List.of(VECTOR, STRING, SCALAR, SCALAR), 9, VECTOR, true);
    put(m, "double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR, true);
    put(m, "info", List.of(VECTOR, VECTOR), 1, VECTOR, true);
    put(m, "label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR, false);
    put(m, "label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR, false);
    put(m, "pi", List.of(), 0, SCALAR, false);
    put(m, "predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR, false);
    put(m, "quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR, false);
    put(m, "round", List.of(VECTOR, SCALAR), 1, VECTOR, false);
    put(m, "scalar", List.of(VECTOR), 0, SCALAR, false);
    put(m, "sort_by_label", List.of(VECTOR, STRING), -1, VECTOR, true);
    put(m, "sort_by_label_desc", List.of(VECTOR, STRING), -1, VECTOR, true);
    put(m, "start_timestamp", List.of(VECTOR), 0, VECTOR, true);
    put(m, "time", List.of(), 0, SCALAR, false);
    put(m, "vector", List.of(SCALAR), 0, VECTOR, false);
    // Query-window functions, experimental in Prometheus.
    for (String name : List.of("start", "end", "step", "range")) {
      put(m, name, List.of(), 0, SCALAR, true);
    }
    put(m, "max_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
    put(m, "min_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void put(
      Map<String, FunctionSignature> m,
      String name,
      List<ExprType> args,
      int variadic,
      ExprType returns,
      boolean experimental) {
    m.put(name, new FunctionSignature(name, args, variadic, returns, experimental));
  }
}
