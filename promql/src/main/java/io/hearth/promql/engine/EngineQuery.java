package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.promql.PromqlException;
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
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/** A parsed query bound to storage and a time range; see {@link Query}. */
final class EngineQuery implements Query {
  private final EngineOptions opts;
  private final Queryable storage;
  private final String text;
  private final Expr expr;
  private final long start;
  private final long end;
  private final long step;
  private volatile boolean canceled;
  private volatile QueryContext running;
  private QueryStats stats = QueryStats.NONE;

  EngineQuery(
      EngineOptions opts,
      Queryable storage,
      String text,
      Expr expr,
      long start,
      long end,
      long step) {
    this.opts = opts;
    this.storage = storage;
    this.text = text;
    this.expr = expr;
    this.start = start;
    this.end = end;
    this.step = step;
  }

  @Override
  public Result exec() {
    long t0 = System.nanoTime();
    long[] range = timeRange();
    Querier querier = storage.querier(range[0], range[1]);
    long t1 = System.nanoTime();
    QueryContext ctx = new QueryContext(opts, querier, text, start, end, step, t0);
    running = ctx;
    if (canceled) {
      ctx.cancel();
    }
    try {
      Evaluator ev = new Evaluator(ctx, start, end, step == 0 ? 1 : step);
      Value value;
      long t2;
      long t3;
      switch (expr.type()) {
        case STRING -> {
          value = new StringValue(start, ((StringLiteral) Evaluator.unwrap(expr)).value());
          t2 = t3 = System.nanoTime();
        }
        case SCALAR -> {
          double[] v = ev.scalar(expr);
          t2 = System.nanoTime();
          if (step == 0) {
            value = new Scalar(start, v[0]);
          } else {
            long[] ts = new long[v.length];
            for (int k = 0; k < v.length; k++) {
              ts[k] = ev.stepTime(k);
            }
            value = new Matrix(List.of(new FloatSeries(Labels.EMPTY, ts, v, v.length)));
          }
          t3 = System.nanoTime();
        }
        case MATRIX -> {
          List<FloatSeries> m = new ArrayList<>(ev.matrix(expr));
          t2 = System.nanoTime();
          m.sort(Comparator.comparing(FloatSeries::labels));
          value = new Matrix(m);
          t3 = System.nanoTime();
        }
        default -> {
          StepMatrix m = ev.vector(expr);
          m = cleanupNames(ev, m);
          t2 = System.nanoTime();
          value = step == 0 ? toVector(m, start) : toMatrix(ev, m);
          t3 = System.nanoTime();
        }
      }
      long done = System.nanoTime();
      stats =
          new QueryStats(
              ctx.totalSamples(), ctx.peakSamples(), t1 - t0, t2 - t1, t3 - t2, done - t0);
      return new Result(value, ctx.annotations());
    } catch (PromqlException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new PromqlException(PromqlException.Kind.EXECUTION, "expression is nested too deeply");
    } finally {
      running = null;
      querier.close();
    }
  }

  /**
   * Delayed name removal: drop the names flagged on the way, then merge series that became equal
   * (a range result) or fail on them (an instant vector).
   */
  private StepMatrix cleanupNames(Evaluator ev, StepMatrix m) {
    if (!opts.delayedNameRemoval()) {
      return m;
    }
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      if (s.dropName) {
        s.labels = Evaluator.dropMetricName(s.labels);
      }
    }
    if (step == 0) {
      HashSet<Labels> seen = new HashSet<>();
      for (int i = 0; i < m.size(); i++) {
        if (m.get(i).count > 0 && !seen.add(m.get(i).labels)) {
          throw QueryContext.error("vector cannot contain metrics with the same labelset");
        }
      }
      return m;
    }
    return ev.mergeSameLabels(m);
  }

  private static Vector toVector(StepMatrix m, long t) {
    List<Sample> out = new ArrayList<>(m.size());
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      if (s.has(0)) {
        out.add(new Sample(s.labels, t, s.v[0]));
      }
    }
    return new Vector(out);
  }

  private static Matrix toMatrix(Evaluator ev, StepMatrix m) {
    List<FloatSeries> out = new ArrayList<>(m.size());
    long[] ts = new long[ev.numSteps];
    double[] vs = new double[ev.numSteps];
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      int n = 0;
      for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
        ts[n] = ev.stepTime(k);
        vs[n] = s.v[k];
        n++;
      }
      if (n > 0) {
        out.add(new FloatSeries(s.labels, ts, vs, n));
      }
    }
    out.sort(Comparator.comparing(FloatSeries::labels));
    return new Matrix(out);
  }

  /** The span of samples the query can touch, as upstream's FindMinMaxTime. */
  private long[] timeRange() {
    long[] r = {Long.MAX_VALUE, Long.MIN_VALUE};
    walk(expr, 0, 0, null, 0, r);
    if (r[1] == Long.MIN_VALUE) {
      return new long[] {0, 0};
    }
    return r;
  }

  private void walk(Expr e, long subOffset, long subRange, Long subAt, long evalRange, long[] r) {
    switch (e) {
      case VectorSelector vs -> {
        long s = start;
        long en = end;
        if (subAt != null) {
          s = en = subAt;
        }
        if (vs.at() != null) {
          s = en = atTime(vs.at());
        } else {
          s -= subOffset + subRange;
          en -= subOffset;
        }
        s -= evalRange == 0 ? opts.lookbackDeltaMs() - 1 : evalRange - 1;
        s -= vs.offsetMs();
        en -= vs.offsetMs();
        r[0] = Math.min(r[0], s);
        r[1] = Math.max(r[1], en);
      }
      case MatrixSelector m -> walk(m.selector(), subOffset, subRange, subAt, m.rangeMs(), r);
      case SubqueryExpr sq -> {
        if (sq.at() != null) {
          walk(sq.expr(), sq.offsetMs(), sq.rangeMs(), atTime(sq.at()), 0, r);
        } else {
          walk(sq.expr(), subOffset + sq.offsetMs(), subRange + sq.rangeMs(), subAt, 0, r);
        }
      }
      case AggregateExpr a -> {
        walk(a.expr(), subOffset, subRange, subAt, 0, r);
        if (a.param() != null) {
          walk(a.param(), subOffset, subRange, subAt, 0, r);
        }
      }
      case BinaryExpr b -> {
        walk(b.lhs(), subOffset, subRange, subAt, 0, r);
        walk(b.rhs(), subOffset, subRange, subAt, 0, r);
      }
      case Call c -> {
        for (Expr a : c.args()) {
          walk(a, subOffset, subRange, subAt, 0, r);
        }
      }
      case ParenExpr p -> walk(p.expr(), subOffset, subRange, subAt, evalRange, r);
      case UnaryExpr u -> walk(u.expr(), subOffset, subRange, subAt, 0, r);
      case NumberLiteral n -> {}
      case StringLiteral s -> {}
    }
  }

  private long atTime(At at) {
    return switch (at.kind()) {
      case TIMESTAMP -> at.timestampMs();
      case START -> start;
      case END -> end;
    };
  }

  @Override
  public void cancel() {
    canceled = true;
    QueryContext ctx = running;
    if (ctx != null) {
      ctx.cancel();
    }
  }

  @Override
  public QueryStats stats() {
    return stats;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public void close() {}
}
