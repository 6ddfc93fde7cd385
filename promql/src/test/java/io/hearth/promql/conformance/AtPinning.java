package io.hearth.promql.conformance;

import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.At;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Upstream's {@code @} re-evaluation for instant evals (FORMAT.md §7.1): pin every selector and
 * subquery that is not already inside a pinned subquery to {@code @ <eval time>}, then expect the
 * same result at several other evaluation times.
 */
final class AtPinning {
  /** Functions whose result depends on the evaluation time even when their arguments do not. */
  static final Set<String> UNSAFE_FUNCTIONS =
      Set.of(
          "days_in_month", "day_of_month", "day_of_week", "day_of_year", "end", "hour", "minute",
          "month", "year", "predict_linear", "range", "start", "step", "time", "timestamp");

  private AtPinning() {}

  /**
   * {@code e} with {@code @ tMs} on each selector and subquery outside a subquery, or empty if the
   * query calls a function from {@link #UNSAFE_FUNCTIONS} outside a subquery (upstream does not
   * look inside the subqueries it pins). A fixed {@code @} already written stays;
   * {@code @ start()} and {@code @ end()} are replaced, as upstream's rewrite does.
   */
  static Optional<Expr> pin(Expr e, long tMs) {
    boolean[] unsafe = {false};
    Expr out = rewrite(e, tMs, unsafe);
    return unsafe[0] ? Optional.empty() : Optional.of(out);
  }

  /** The other evaluation times upstream checks: around zero if the eval is at 0. */
  static long[] evalTimes(long tMs) {
    if (tMs == 0) {
      return new long[] {-1000, 0, 1000};
    }
    return new long[] {-10 * tMs, 0, tMs / 5, tMs, 10 * tMs};
  }

  private static At pinned(At at, long tMs) {
    return at != null && at.kind() == At.Kind.TIMESTAMP ? at : At.timestamp(tMs);
  }

  private static VectorSelector pinSelector(VectorSelector v, long tMs) {
    return new VectorSelector(v.name(), v.matchers(), v.offsetMs(), pinned(v.at(), tMs), v.pos());
  }

  private static Expr rewrite(Expr e, long tMs, boolean[] unsafe) {
    return switch (e) {
      case VectorSelector v -> pinSelector(v, tMs);
      case MatrixSelector m -> new MatrixSelector(pinSelector(m.selector(), tMs), m.rangeMs(), m.pos());
      // A pinned subquery's inside is left alone, as upstream leaves it.
      case SubqueryExpr s ->
          new SubqueryExpr(s.expr(), s.rangeMs(), s.stepMs(), s.offsetMs(), pinned(s.at(), tMs), s.pos());
      case AggregateExpr a ->
          new AggregateExpr(
              a.op(), rewrite(a.expr(), tMs, unsafe), a.param() == null ? null : rewrite(a.param(), tMs, unsafe),
              a.grouping(), a.without(), a.pos());
      case BinaryExpr b ->
          new BinaryExpr(
              b.op(), rewrite(b.lhs(), tMs, unsafe), rewrite(b.rhs(), tMs, unsafe), b.matching(),
              b.returnBool(), b.pos());
      case Call c -> {
        if (UNSAFE_FUNCTIONS.contains(c.function().name())) {
          unsafe[0] = true;
        }
        List<Expr> args = new ArrayList<>(c.args().size());
        for (Expr a : c.args()) {
          args.add(rewrite(a, tMs, unsafe));
        }
        yield new Call(c.function(), args, c.pos());
      }
      case ParenExpr p -> new ParenExpr(rewrite(p.expr(), tMs, unsafe), p.pos());
      case UnaryExpr u -> new UnaryExpr(u.negative(), rewrite(u.expr(), tMs, unsafe), u.pos());
      case NumberLiteral n -> n;
      case StringLiteral s -> s;
    };
  }
}
