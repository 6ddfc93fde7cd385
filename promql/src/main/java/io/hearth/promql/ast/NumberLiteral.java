package io.hearth.promql.ast;

/** A number such as {@code 1}, {@code 0x1F}, {@code 1e-3}, {@code Inf}, {@code NaN} or {@code 1h30m}. */
public record NumberLiteral(double value, PositionRange pos) implements Expr {}
