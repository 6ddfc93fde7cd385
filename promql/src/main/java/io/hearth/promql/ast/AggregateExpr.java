package io.hearth.promql.ast;

import java.util.List;

/**
 * An aggregation such as {@code topk by (job) (3, x)}.
 *
 * @param param the parameter of topk, bottomk, quantile, count_values, limitk and limit_ratio, or
 *     {@code null}
 * @param grouping the {@code by} or {@code without} labels, possibly empty
 * @param without whether {@code grouping} lists labels to remove rather than keep
 */
public record AggregateExpr(
    AggregateOp op,
    Expr expr,
    Expr param,
    List<String> grouping,
    boolean without,
    PositionRange pos)
    implements Expr {
  public AggregateExpr {
    grouping = List.copyOf(grouping);
  }
}
