package io.hearth.promql.ast;

/** A unary {@code -} or {@code +}. The parser folds signs on number literals into the literal. */
public record UnaryExpr(boolean negative, Expr expr, PositionRange pos) implements Expr {}
