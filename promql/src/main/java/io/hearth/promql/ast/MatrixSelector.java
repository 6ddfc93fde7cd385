package io.hearth.promql.ast;

/**
 * A range-vector selector such as {@code x[5m]}. Offset and {@code @} live on the inner selector,
 * as in Prometheus, even when written after the brackets.
 */
public record MatrixSelector(VectorSelector selector, long rangeMs, PositionRange pos)
    implements Expr {}
