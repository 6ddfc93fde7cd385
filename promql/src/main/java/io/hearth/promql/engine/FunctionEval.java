package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.promql.functions.DateFunctions;
import io.hearth.promql.functions.MathFunctions;
import io.hearth.promql.functions.RangeFunction;
import io.hearth.promql.functions.RangeFunctions;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Function calls: the range-vector functions go to {@link RangeEval}, elementwise maths to the
 * functions package, and the ones that need the engine (labels, sorting, absence, time) are here
 * and in {@link LabelFunctions} and {@link HistogramEval}.
 */
final class FunctionEval {
  private FunctionEval() {}

  static double[] scalar(Evaluator ev, Call c) {
    String name = c.function().name();
    return switch (name) {
      case "time" -> {
        double[] out = new double[ev.numSteps];
        for (int k = 0; k < out.length; k++) {
          out[k] = ev.stepTime(k) / 1000.0;
        }
        yield out;
      }
      case "pi" -> ev.filled(Math.PI);
      case "scalar" -> {
        StepMatrix m = ev.vector(c.args().get(0));
        double[] out = ev.filled(Double.NaN);
        int[] found = new int[ev.numSteps];
        for (int i = 0; i < m.size(); i++) {
          StepSeries s = m.get(i);
          for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
            out[k] = found[k]++ == 0 ? s.v[k] : Double.NaN;
          }
        }
        yield out;
      }
      case "start" -> ev.filled(ev.ctx.queryStart / 1000.0);
      case "end" -> ev.filled(ev.ctx.queryEnd / 1000.0);
      case "range" -> ev.filled((ev.ctx.queryEnd - ev.ctx.queryStart) / 1000.0);
      case "step" -> ev.filled(ev.ctx.queryStep / 1000.0);
      case "min_of", "max_of" -> {
        double[] a = ev.scalar(c.args().get(0));
        double[] b = ev.scalar(c.args().get(1));
        for (int k = 0; k < a.length; k++) {
          a[k] = name.equals("min_of") ? Math.min(a[k], b[k]) : Math.max(a[k], b[k]);
        }
        yield a;
      }
      default -> throw new IllegalStateException("not a scalar function: " + name);
    };
  }

  static StepMatrix vector(Evaluator ev, Call c) {
    String name = c.function().name();
    List<Expr> args = c.args();
    for (int i = 0; i < args.size(); i++) {
      Expr a = Evaluator.unwrap(args.get(i));
      if (a instanceof MatrixSelector || a instanceof SubqueryExpr) {
        RangeFunction fn = RangeFunctions.byName(name);
        if (fn == null) {
          throw QueryContext.error("function " + name + " is not supported");
        }
        return RangeEval.call(ev, c, i, fn);
      }
    }
    if (isSort(name) && !ev.isInstant()) {
      ev.ctx.warn(Annotation.sortInRangeQuery(), c.pos());
    }
    DoubleUnaryOperator math = MathFunctions.byName(name);
    if (math != null) {
      return map(ev, ev.vector(args.get(0)), math);
    }
    DoubleUnaryOperator date = DateFunctions.byName(name);
    if (date != null) {
      if (args.isEmpty()) {
        StepMatrix out = new StepMatrix(ev.numSteps, 1);
        StepSeries s = out.newSeries(Labels.EMPTY, false);
        for (int k = 0; k < ev.numSteps; k++) {
          s.set(k, date.applyAsDouble(ev.stepTime(k) / 1000L));
        }
        return out;
      }
      return map(ev, ev.vector(args.get(0)), v -> date.applyAsDouble(truncate(v)));
    }
    return switch (name) {
      case "vector" -> {
        double[] v = ev.scalar(args.get(0));
        StepMatrix out = new StepMatrix(ev.numSteps, 1);
        StepSeries s = out.newSeries(Labels.EMPTY, false);
        for (int k = 0; k < ev.numSteps; k++) {
          s.set(k, v[k]);
        }
        yield out;
      }
      case "timestamp" -> timestamp(ev, args.get(0));
      case "absent" -> absent(ev, args.get(0));
      case "clamp", "clamp_min", "clamp_max" -> clamp(ev, name, args);
      case "round" -> {
        StepMatrix m = ev.vector(args.get(0));
        double[] to = args.size() > 1 ? ev.scalar(args.get(1)) : ev.filled(1);
        yield mapStep(ev, m, (k, v) -> MathFunctions.round(v, to[k]));
      }
      case "label_replace" -> LabelFunctions.labelReplace(ev, c);
      case "label_join" -> LabelFunctions.labelJoin(ev, c);
      case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc" ->
          LabelFunctions.sort(ev, c);
      case "histogram_quantile" -> HistogramEval.quantile(ev, c);
      case "histogram_fraction" -> HistogramEval.fraction(ev, c);
      case "histogram_quantiles" -> HistogramEval.quantiles(ev, c);
      case "info" -> InfoEval.eval(ev, c);
      case "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev",
          "histogram_stdvar" -> {
        // Native-histogram functions ignore float samples: over floats they return nothing.
        ev.vector(args.get(0));
        yield new StepMatrix(ev.numSteps, 0);
      }
      default -> throw QueryContext.error("function " + name + " is not supported");
    };
  }

  private static boolean isSort(String name) {
    return name.equals("sort")
        || name.equals("sort_desc")
        || name.equals("sort_by_label")
        || name.equals("sort_by_label_desc");
  }

  /** Go's {@code int64(f)} for the date functions' seconds: towards zero. */
  private static double truncate(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? v : (double) (long) v;
  }

  interface StepOperator {
    double apply(int step, double v);
  }

  /** An elementwise function: values change, the name goes. */
  static StepMatrix map(Evaluator ev, StepMatrix m, DoubleUnaryOperator f) {
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
        s.v[k] = f.applyAsDouble(s.v[k]);
      }
      ev.markNameDropped(s);
    }
    return ev.delayedNameRemoval() ? m : ev.mergeSameLabels(m);
  }

  static StepMatrix mapStep(Evaluator ev, StepMatrix m, StepOperator f) {
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
        s.v[k] = f.apply(k, s.v[k]);
      }
      ev.markNameDropped(s);
    }
    return ev.delayedNameRemoval() ? m : ev.mergeSameLabels(m);
  }

  private static StepMatrix clamp(Evaluator ev, String name, List<Expr> args) {
    StepMatrix m = ev.vector(args.get(0));
    double[] lo;
    double[] hi;
    switch (name) {
      case "clamp" -> {
        lo = ev.scalar(args.get(1));
        hi = ev.scalar(args.get(2));
      }
      case "clamp_min" -> {
        lo = ev.scalar(args.get(1));
        hi = ev.filled(Double.POSITIVE_INFINITY);
      }
      default -> {
        lo = ev.filled(Double.NEGATIVE_INFINITY);
        hi = ev.scalar(args.get(1));
      }
    }
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
        if (!MathFunctions.clampOutputs(lo[k], hi[k])) {
          s.clear(k);
        } else {
          s.v[k] = MathFunctions.clamp(s.v[k], lo[k], hi[k]);
        }
      }
      ev.markNameDropped(s);
    }
    m.removeEmpty();
    return ev.delayedNameRemoval() ? m : ev.mergeSameLabels(m);
  }

  private static StepMatrix timestamp(Evaluator ev, Expr arg) {
    Expr a = Evaluator.unwrap(arg);
    StepMatrix m;
    if (a instanceof VectorSelector vs) {
      m = SelectorEval.vector(ev, vs, true);
    } else {
      // A computed vector's samples carry the evaluation time.
      m = ev.vector(arg);
      for (int i = 0; i < m.size(); i++) {
        StepSeries s = m.get(i);
        for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
          s.v[k] = ev.stepTime(k) / 1000.0;
        }
      }
    }
    for (int i = 0; i < m.size(); i++) {
      ev.markNameDropped(m.get(i));
    }
    return ev.delayedNameRemoval() ? m : ev.mergeSameLabels(m);
  }

  private static StepMatrix absent(Evaluator ev, Expr arg) {
    StepMatrix m = ev.vector(arg);
    StepMatrix out = new StepMatrix(ev.numSteps, 1);
    StepSeries s = null;
    for (int k = 0; k < ev.numSteps; k++) {
      boolean any = false;
      for (int i = 0; i < m.size() && !any; i++) {
        any = m.get(i).has(k);
      }
      if (any) {
        continue;
      }
      if (s == null) {
        Expr a = Evaluator.unwrap(arg);
        Labels l = a instanceof VectorSelector vs ? RangeEval.absentLabels(vs) : Labels.EMPTY;
        s = out.newSeries(l, false);
      }
      s.set(k, 1);
    }
    return out;
  }
}
