package io.hearth.promql.ast;

/** A string literal, already unescaped. */
public record StringLiteral(String value, PositionRange pos) implements Expr {}
