package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.At;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.ExprType;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorSelector;
import java.util.HashMap;
import java.util.List;

/**
 * Evaluates expressions node by node over a step grid {@code start, start+interval, …, end}: every
 * instant-vector node yields all its steps at once as a {@link StepMatrix}, every scalar node a
 * {@code double[]} of one value per step. A subquery gets its own evaluator over its own grid. One
 * per grid; not thread-safe.
 */
final class Evaluator {
  final QueryContext ctx;
  final long start;
  final long end;
  final long interval;
  final int numSteps;

  Evaluator(QueryContext ctx, long start, long end, long interval) {
    this.ctx = ctx;
    this.start = start;
    this.interval = interval;
    this.numSteps = end < start ? 0 : (int) ((end - start) / interval) + 1;
    // The last step actually evaluated: the end aligned down to the grid.
    this.end = numSteps == 0 ? end : start + (numSteps - 1) * interval;
  }

  long stepTime(int step) {
    return start + step * interval;
  }

  boolean isInstant() {
    return numSteps == 1;
  }

  boolean delayedNameRemoval() {
    return ctx.opts.delayedNameRemoval();
  }

  /** The absolute time an {@code @} modifier stands for. */
  long atTime(At at) {
    return switch (at.kind()) {
      case TIMESTAMP -> at.timestampMs();
      case START -> ctx.queryStart;
      case END -> ctx.queryEnd;
    };
  }

  static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  // ---- instant vectors ----

  StepMatrix vector(Expr e) {
    ctx.checkInterrupted();
    long before = ctx.currentSamples();
    StepMatrix m;
    if (numSteps > 1 && ctx.invariance.isInvariant(e)) {
      long read = ctx.totalSamples();
      m = repeat(once().vector(e));
      // Upstream counts a repeated result's samples at every step.
      ctx.addQueryable((ctx.totalSamples() - read) * (numSteps - 1));
    } else {
      m = evalVector(e);
    }
    ctx.settle(before, m.points());
    return m;
  }

  /** An evaluator for this grid's first step only, for step-invariant subtrees. */
  private Evaluator once() {
    return new Evaluator(ctx, start, start, interval);
  }

  /** Spreads a one-step result over every step of this grid. */
  private StepMatrix repeat(StepMatrix one) {
    StepMatrix out = new StepMatrix(numSteps, one.size());
    for (int i = 0; i < one.size(); i++) {
      StepSeries s = one.get(i);
      if (!s.has(0)) {
        continue;
      }
      StepSeries r = out.newSeries(s.labels, s.dropName);
      for (int k = 0; k < numSteps; k++) {
        r.set(k, s.v[0]);
      }
    }
    return out;
  }

  private StepMatrix evalVector(Expr e) {
    return switch (e) {
      case AggregateExpr a -> AggregateEval.eval(this, a);
      case BinaryExpr b -> BinaryEval.vector(this, b);
      case Call c -> FunctionEval.vector(this, c);
      case ParenExpr p -> vector(p.expr());
      case UnaryExpr u -> negate(u);
      case VectorSelector vs -> SelectorEval.vector(this, vs, false);
      case NumberLiteral n -> throw notA(e, "instant vector");
      case StringLiteral s -> throw notA(e, "instant vector");
      case MatrixSelector m -> throw notA(e, "instant vector");
      case SubqueryExpr s -> throw notA(e, "instant vector");
    };
  }

  private static IllegalStateException notA(Expr e, String what) {
    return new IllegalStateException("expression is not an " + what + ": " + e);
  }

  private StepMatrix negate(UnaryExpr u) {
    StepMatrix m = vector(u.expr());
    if (!u.negative()) {
      return m;
    }
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      for (int k = 0; k < numSteps; k++) {
        s.v[k] = -s.v[k];
      }
      markNameDropped(s);
    }
    return delayedNameRemoval() ? m : mergeSameLabels(m);
  }

  /** Upstream's DropName: removes the name now, or flags it for removal at the end. */
  void markNameDropped(StepSeries s) {
    s.dropName = true;
    if (!delayedNameRemoval()) {
      s.labels = dropMetricName(s.labels);
    }
  }

  /** Removes {@code __name__} and the type and unit labels that travel with it. */
  static Labels dropMetricName(Labels l) {
    if (l.get(Labels.METRIC_NAME).isEmpty() && l.get("__type__").isEmpty() && l.get("__unit__").isEmpty()) {
      return l;
    }
    LabelsBuilder b = l.toBuilder();
    b.delete(Labels.METRIC_NAME);
    b.delete("__type__");
    b.delete("__unit__");
    return b.build();
  }

  /**
   * Merges series that ended up with the same labels (after a name was dropped); two of them with
   * a point at the same step is upstream's duplicate-labelset error.
   */
  StepMatrix mergeSameLabels(StepMatrix m) {
    if (m.size() <= 1) {
      return m;
    }
    HashMap<Labels, StepSeries> seen = new HashMap<>(m.size() * 2);
    boolean dup = false;
    for (int i = 0; i < m.size(); i++) {
      if (seen.putIfAbsent(m.get(i).labels, m.get(i)) != null) {
        dup = true;
        break;
      }
    }
    if (!dup) {
      return m;
    }
    seen.clear();
    StepMatrix out = new StepMatrix(numSteps, m.size());
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      StepSeries prev = seen.get(s.labels);
      if (prev == null) {
        seen.put(s.labels, s);
        out.add(s);
        continue;
      }
      for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
        if (prev.has(k)) {
          throw QueryContext.error("vector cannot contain metrics with the same labelset");
        }
        prev.set(k, s.v[k]);
      }
      prev.dropName |= s.dropName;
    }
    return out;
  }

  // ---- scalars ----

  double[] scalar(Expr e) {
    ctx.checkInterrupted();
    if (numSteps > 1 && ctx.invariance.isInvariant(e)) {
      return filled(once().scalar(e)[0]);
    }
    return switch (e) {
      case NumberLiteral n -> filled(n.value());
      case ParenExpr p -> scalar(p.expr());
      case UnaryExpr u -> {
        double[] v = scalar(u.expr());
        if (u.negative()) {
          for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
          }
        }
        yield v;
      }
      case BinaryExpr b -> BinaryEval.scalar(this, b);
      case Call c -> FunctionEval.scalar(this, c);
      case AggregateExpr a -> throw notA(e, "scalar");
      case StringLiteral s -> throw notA(e, "scalar");
      case MatrixSelector m -> throw notA(e, "scalar");
      case SubqueryExpr s -> throw notA(e, "scalar");
      case VectorSelector vs -> throw notA(e, "scalar");
    };
  }

  double[] filled(double v) {
    double[] out = new double[numSteps];
    java.util.Arrays.fill(out, v);
    return out;
  }

  // ---- range vectors, only as the result of an instant query ----

  List<FloatSeries> matrix(Expr e) {
    return switch (unwrap(e)) {
      case MatrixSelector m -> SelectorEval.matrix(this, m);
      case SubqueryExpr s -> RangeEval.subqueryMatrix(this, s);
      default -> throw notA(e, "range vector");
    };
  }

  static boolean isScalar(Expr e) {
    return e.type() == ExprType.SCALAR;
  }
}
