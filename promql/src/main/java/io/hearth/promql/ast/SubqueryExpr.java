package io.hearth.promql.ast;

/**
 * A subquery such as {@code rate(x[5m])[1h:1m] offset 10m}.
 *
 * @param stepMs the resolution, or 0 when omitted ({@code [1h:]}): the engine then uses its
 *     default evaluation interval
 * @param at the {@code @} modifier, or {@code null}
 */
public record SubqueryExpr(
    Expr expr, long rangeMs, long stepMs, long offsetMs, At at, PositionRange pos)
    implements Expr {}
