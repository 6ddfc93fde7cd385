package io.hearth.promql.engine;

import io.hearth.promql.ast.AggregateExpr;
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
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which expressions give the same result at every step because their selectors are pinned with
 * {@code @}: upstream's preprocessing rules, computed once per node. Such an expression is
 * evaluated at one step and repeated.
 */
final class StepInvariance {
  /** Functions whose result depends on the evaluation time even when their inputs do not. */
  private static final Set<String> UNSAFE =
      Set.of(
          "days_in_month", "day_of_month", "day_of_week", "day_of_year", "end", "hour", "minute",
          "month", "year", "predict_linear", "range", "start", "step", "time", "timestamp");

  private final IdentityHashMap<Expr, Boolean> cache = new IdentityHashMap<>();

  /** Whether {@code e} should be evaluated once and repeated. */
  boolean isInvariant(Expr e) {
    if (e instanceof MatrixSelector || e instanceof SubqueryExpr
        || e instanceof NumberLiteral || e instanceof StringLiteral) {
      // Range results are not per step; literals cost nothing to repeat.
      return false;
    }
    return check(e);
  }

  private boolean check(Expr e) {
    Boolean b = cache.get(e);
    if (b == null) {
      b = compute(e);
      cache.put(e, b);
    }
    return b;
  }

  private boolean compute(Expr e) {
    return switch (e) {
      case VectorSelector vs -> vs.at() != null;
      case MatrixSelector m -> m.selector().at() != null;
      case SubqueryExpr sq -> sq.at() != null;
      case AggregateExpr a -> check(a.expr());
      case BinaryExpr b -> check(b.lhs()) && check(b.rhs());
      case Call c -> {
        String name = c.function().name();
        boolean all = true;
        boolean allSelectors = true;
        for (Expr a : c.args()) {
          Expr u = Evaluator.unwrap(a);
          boolean inv = check(u);
          all &= inv;
          allSelectors &= inv && u instanceof VectorSelector;
        }
        // timestamp(x @ t) is pinned too: it reports the pinned sample's time.
        yield (all && !UNSAFE.contains(name)) || (name.equals("timestamp") && allSelectors);
      }
      case ParenExpr p -> check(p.expr());
      case UnaryExpr u -> check(u.expr());
      case NumberLiteral n -> true;
      case StringLiteral s -> true;
    };
  }
}
