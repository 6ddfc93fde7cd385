package io.hearth.promql.ast;

/** Aggregation operators. The experimental ones need the experimental-functions feature. */
public enum AggregateOp {
  SUM("sum", false, false),
  AVG("avg", false, false),
  COUNT("count", false, false),
  MIN("min", false, false),
  MAX("max", false, false),
  GROUP("group", false, false),
  STDDEV("stddev", false, false),
  STDVAR("stdvar", false, false),
  TOPK("topk", true, false),
  BOTTOMK("bottomk", true, false),
  COUNT_VALUES("count_values", true, false),
  QUANTILE("quantile", true, false),
  LIMITK("limitk", true, true),
  LIMIT_RATIO("limit_ratio", true, true);

  private final String text;
  private final boolean hasParam;
  private final boolean experimental;

  AggregateOp(String text, boolean hasParam, boolean experimental) {
    this.text = text;
    this.hasParam = hasParam;
    this.experimental = experimental;
  }

  public String text() {
    return text;
  }

  public boolean hasParam() {
    return hasParam;
  }

  public boolean isExperimental() {
    return experimental;
  }

  /** The operator spelled {@code name}, case-insensitively, or {@code null}. */
  public static AggregateOp byName(String name) {
    for (AggregateOp op : values()) {
      if (op.text.equalsIgnoreCase(name)) {
        return op;
      }
    }
    return null;
  }
}
