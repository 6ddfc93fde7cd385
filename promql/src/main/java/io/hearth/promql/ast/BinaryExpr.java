package io.hearth.promql.ast;

/**
 * A binary operation.
 *
 * @param matching how vectors pair up; {@code null} unless both sides are vectors (set operators
 *     always get {@link VectorMatching.Cardinality#MANY_TO_MANY})
 * @param returnBool whether a comparison carries the {@code bool} modifier
 */
public record BinaryExpr(
    BinaryOp op,
    Expr lhs,
    Expr rhs,
    VectorMatching matching,
    boolean returnBool,
    PositionRange pos)
    implements Expr {}
