package io.hearth.promql.ast;

/**
 * A PromQL expression. The tree is immutable; evaluate it with an exhaustive {@code switch} so that
 * a new node type breaks the build wherever it is not handled.
 */
public sealed interface Expr
    permits AggregateExpr,
        BinaryExpr,
        Call,
        MatrixSelector,
        NumberLiteral,
        ParenExpr,
        StringLiteral,
        SubqueryExpr,
        UnaryExpr,
        VectorSelector {

  /** Where this node is in the query text. */
  PositionRange pos();

  /** What this expression evaluates to. */
  default ExprType type() {
    return switch (this) {
      case AggregateExpr a -> ExprType.VECTOR;
      case BinaryExpr b ->
          b.lhs().type() == ExprType.SCALAR && b.rhs().type() == ExprType.SCALAR
              ? ExprType.SCALAR
              : ExprType.VECTOR;
      case Call c -> c.function().returnType();
      case MatrixSelector m -> ExprType.MATRIX;
      case NumberLiteral n -> ExprType.SCALAR;
      case ParenExpr p -> p.expr().type();
      case StringLiteral s -> ExprType.STRING;
      case SubqueryExpr s -> ExprType.MATRIX;
      case UnaryExpr u -> u.expr().type();
      case VectorSelector v -> ExprType.VECTOR;
    };
  }

  /** Canonical PromQL for this expression; see {@link Printer}. */
  default String toPromql() {
    return Printer.print(this);
  }
}
