package io.hearth.promql.ast;

/**
 * A number such as {@code 1}, {@code 0x1F}, {@code 1e-3}, {@code Inf}, {@code NaN} or {@code 1h30m}.
 *
 * @param value the number; a duration is its length in seconds
 * @param duration whether it was written as a duration, so that the printer writes it back as one
 */
public record NumberLiteral(double value, boolean duration, PositionRange pos) implements Expr {
  public NumberLiteral(double value, PositionRange pos) {
    this(value, false, pos);
  }
}
