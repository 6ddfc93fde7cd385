package io.hearth.promql.ast;

/** Parentheses, kept so that the printer can reproduce them. */
public record ParenExpr(Expr expr, PositionRange pos) implements Expr {}
