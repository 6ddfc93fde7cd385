package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.MatchType;
import io.hearth.labels.Matcher;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.promql.functions.RangeFunction;
import io.hearth.promql.functions.Window;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.Series;
import io.hearth.storage.SeriesSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Functions over a range vector (rate, *_over_time, …): series outer, steps inner. Each series is
 * decoded once into a {@link SampleBuffer}; a {@link Window} slides over it with two monotonic
 * indexes, so a step costs only the samples entering and leaving the window.
 */
final class RangeEval {
  private RangeEval() {}

  /** Where the windows of one range argument sit relative to the outer steps. */
  private record Placement(boolean hasAt, long atRef, long offsetMs, long rangeMs) {}

  static StepMatrix call(Evaluator ev, Call c, int matrixArg, RangeFunction fn) {
    String name = c.function().name();
    // The scalar arguments, in order, become the window's param0 and param1.
    double[] p0 = null;
    double[] p1 = null;
    for (int i = 0; i < c.args().size(); i++) {
      if (i == matrixArg) {
        continue;
      }
      double[] p = ev.scalar(c.args().get(i));
      if (p0 == null) {
        p0 = p;
      } else {
        p1 = p;
      }
    }
    Expr arg = Evaluator.unwrap(c.args().get(matrixArg));
    if (name.equals("absent_over_time")) {
      return absentOverTime(ev, arg);
    }
    boolean counterInfo = name.equals("rate") || name.equals("increase");
    StepMatrix out = new StepMatrix(ev.numSteps, 16);
    Kernel kernel = new Kernel(ev, c, fn, p0, p1);
    SeriesSource src = source(ev, arg);
    // Workers may not raise annotations: the only one raised per step is quantile_over_time's,
    // so such a call stays on this thread.
    if (src instanceof SelectorSource sel && !kernel.mayWarn()) {
      SampleBuffer buf = new SampleBuffer();
      SampleIterator it = null;
      long windowSamples = 0;
      // Batches bound what is held at once: each drained series carries a chunk snapshot.
      for (List<Series> batch = sel.drain(); !batch.isEmpty(); batch = sel.drain()) {
        List<Series> all = batch;
        long work = (long) all.size() * (ev.numSteps + sel.spanMs() / 15_000);
        if (QueryWorkers.isWorthIt(work)) {
          StepSeries[] results = new StepSeries[all.size()];
          long[] perSlice = new long[all.size()];
          QueryWorkers.forEach(
              all.size(),
              (from, to) -> {
                Kernel k = kernel.copy();
                SampleBuffer b = new SampleBuffer();
                SampleIterator i2 = null;
                for (int i = from; i < to; i++) {
                  ev.ctx.checkInterruptedFromWorker();
                  i2 = sel.load(all.get(i), b, i2);
                  results[i] = k.eval(all.get(i).labels(), false, b, sel.placement);
                }
                perSlice[from] = k.windowSamples;
              });
          for (long n : perSlice) {
            windowSamples += n;
          }
          for (int i = 0; i < results.length; i++) {
            if (results[i] != null) {
              emit(ev, c, out, results[i], all.get(i).labels(), counterInfo);
            }
          }
        } else {
          for (int i = 0; i < all.size(); i++) {
            ev.ctx.checkInterrupted();
            it = sel.load(all.get(i), buf, it);
            StepSeries s = kernel.eval(all.get(i).labels(), false, buf, sel.placement);
            if (s != null) {
              emit(ev, c, out, s, all.get(i).labels(), counterInfo);
            }
          }
        }
      }
      ev.ctx.addQueryable(windowSamples + kernel.windowSamples);
    } else {
      SampleBuffer buf = new SampleBuffer();
      while (src.next(buf)) {
        ev.ctx.checkInterrupted();
        StepSeries s = kernel.eval(src.labels(), src.dropName(), buf, src.placement);
        if (s != null) {
          emit(ev, c, out, s, src.labels(), counterInfo);
        }
      }
      ev.ctx.addQueryable(kernel.windowSamples);
    }
    if (!ev.delayedNameRemoval()) {
      HashSet<Labels> seen = new HashSet<>();
      for (int i = 0; i < out.size(); i++) {
        if (!seen.add(out.get(i).labels)) {
          throw QueryContext.error("vector cannot contain metrics with the same labelset");
        }
      }
    }
    return out;
  }

  /** Adds one finished series to the node's output, in input order, and accounts for it. */
  private static void emit(
      Evaluator ev, Call c, StepMatrix out, StepSeries s, Labels in, boolean counterInfo) {
    out.add(s);
    ev.ctx.addSamples(s.count);
    if (counterInfo) {
      String metric = in.get(Labels.METRIC_NAME);
      if (!metric.isEmpty()
          && !metric.endsWith("_total")
          && !metric.endsWith("_sum")
          && !metric.endsWith("_count")
          && !metric.endsWith("_bucket")) {
        ev.ctx.info(Annotation.possibleNonCounter(metric), c.args().get(0).pos());
      }
    }
  }

  /**
   * One range function slid over the windows of one series at every step. Holds the scratch
   * window, so each thread needs its own ({@link #copy()}); everything else is read-only.
   */
  private static final class Kernel {
    private final Evaluator ev;
    private final Call c;
    private final RangeFunction fn;
    private final double[] p0;
    private final double[] p1;
    private final boolean keepName;
    private final boolean quantile;
    private final boolean isCounterFunction;
    // With @ every step sees the same window; unless the function reads the step time or a
    // parameter changes, compute it once and repeat it (upstream's step-invariant evaluation).
    private final boolean invariantParams;
    private final Window w = new Window();
    private final double[] res = new double[1];
    /** Upstream's totalQueryableSamples counts every window's samples at every step. */
    long windowSamples;

    Kernel(Evaluator ev, Call c, RangeFunction fn, double[] p0, double[] p1) {
      this.ev = ev;
      this.c = c;
      this.fn = fn;
      this.p0 = p0;
      this.p1 = p1;
      String name = c.function().name();
      this.keepName = name.equals("last_over_time") || name.equals("first_over_time");
      this.quantile = name.equals("quantile_over_time");
      this.isCounterFunction = name.equals("rate") || name.equals("increase");
      this.invariantParams = isConstant(p0) && isConstant(p1) && !name.equals("predict_linear");
    }

    Kernel copy() {
      return new Kernel(ev, c, fn, p0, p1);
    }

    /** Whether some step would raise quantile_over_time's invalid-quantile warning. */
    boolean mayWarn() {
      if (!quantile || p0 == null) {
        return false;
      }
      for (double q : p0) {
        if (Double.isNaN(q) || q < 0 || q > 1) {
          return true;
        }
      }
      return false;
    }

    /** The function over every step's window of the series in {@code buf}, or null if none. */
    StepSeries eval(Labels in, boolean srcDropName, SampleBuffer buf, Placement pl) {
      StepSeries s = null;
      int lo = 0;
      int hi = 0;
      boolean repeat = pl.hasAt && invariantParams;
      long[] bt = buf.t;
      int n = buf.n;
      // A series that never decreases in the buffer has no counter reset in any window of it;
      // only the counter functions read that, so the others skip the scan.
      w.isMonotonic = isCounterFunction && isMonotonic(buf);
      long range = pl.rangeMs;
      long firstRef = ev.start - pl.offsetMs;
      for (int step = 0; step < ev.numSteps; step++) {
        if (repeat && step > 0) {
          if (s == null) {
            break;
          }
          windowSamples += hi - lo;
          s.set(step, s.v[0]);
          continue;
        }
        long ref = pl.hasAt ? pl.atRef : firstRef + step * ev.interval;
        long from = ref - range;
        while (hi < n && bt[hi] <= ref) {
          hi++;
        }
        while (lo < hi && bt[lo] <= from) {
          lo++;
        }
        if (lo == hi) {
          continue;
        }
        windowSamples += hi - lo;
        w.set(bt, buf.v, lo, hi, from, ref);
        w.stepTimeMs = ev.start + step * ev.interval;
        if (p0 != null) {
          w.param0 = p0[step];
          if (quantile && (Double.isNaN(w.param0) || w.param0 < 0 || w.param0 > 1)) {
            ev.ctx.warn(Annotation.invalidQuantile(w.param0), c.args().get(0).pos());
          }
          if (p1 != null) {
            w.param1 = p1[step];
          }
        }
        if (!fn.apply(w, res)) {
          continue;
        }
        if (s == null) {
          boolean drop = !keepName || srcDropName;
          Labels l = drop && !ev.delayedNameRemoval() ? Evaluator.dropMetricName(in) : in;
          s = new StepSeries(l, drop, ev.numSteps);
        }
        s.set(step, res[0]);
      }
      return s;
    }
  }

  /** absent_over_time: one series, at the steps where no input series had a sample in range. */
  private static StepMatrix absentOverTime(Evaluator ev, Expr arg) {
    long[] covered = new long[(ev.numSteps + 63) >>> 6];
    SeriesSource src = source(ev, arg);
    SampleBuffer buf = new SampleBuffer();
    long windowSamples = 0;
    while (src.next(buf)) {
      ev.ctx.checkInterrupted();
      Placement pl = src.placement;
      long[] bt = buf.t;
      int n = buf.n;
      int lo = 0;
      int hi = 0;
      long firstRef = ev.start - pl.offsetMs;
      for (int step = 0; step < ev.numSteps; step++) {
        if (pl.hasAt && step > 0) {
          // With @ every step has the same window as the first.
          if ((covered[0] & 1L) != 0) {
            covered[step >>> 6] |= 1L << step;
          }
          continue;
        }
        long ref = pl.hasAt ? pl.atRef : firstRef + step * ev.interval;
        long from = ref - pl.rangeMs;
        while (hi < n && bt[hi] <= ref) {
          hi++;
        }
        while (lo < hi && bt[lo] <= from) {
          lo++;
        }
        if (lo < hi) {
          windowSamples += hi - lo;
          covered[step >>> 6] |= 1L << step;
        }
      }
    }
    ev.ctx.addQueryable(windowSamples);
    return absentSteps(ev, arg, covered);
  }

  private static boolean isMonotonic(SampleBuffer buf) {
    double[] v = buf.v;
    for (int i = 1; i < buf.n; i++) {
      // !(a >= b) also catches NaN, which a reset check must not skip.
      if (!(v[i] >= v[i - 1])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isConstant(double[] p) {
    if (p == null) {
      return true;
    }
    for (int i = 1; i < p.length; i++) {
      if (Double.doubleToRawLongBits(p[i]) != Double.doubleToRawLongBits(p[0])) {
        return false;
      }
    }
    return true;
  }

  private static StepMatrix absentSteps(Evaluator ev, Expr arg, long[] covered) {
    StepMatrix out = new StepMatrix(ev.numSteps, 1);
    StepSeries s = null;
    for (int step = 0; step < ev.numSteps; step++) {
      if ((covered[step >>> 6] & (1L << step)) != 0) {
        continue;
      }
      if (s == null) {
        Labels l = arg instanceof MatrixSelector m ? absentLabels(m.selector()) : Labels.EMPTY;
        s = out.newSeries(l, true);
      }
      s.set(step, 1);
    }
    return out;
  }

  /** The labels {@code absent} and {@code absent_over_time} can infer from equality matchers. */
  static Labels absentLabels(VectorSelector vs) {
    LabelsBuilder b = new LabelsBuilder();
    HashSet<String> has = new HashSet<>();
    for (Matcher m : vs.matchers()) {
      if (m.name().equals(Labels.METRIC_NAME)) {
        continue;
      }
      // Upstream keeps the first equality matcher of a name and drops the label when any other
      // matcher on it follows.
      if (m.type() == MatchType.EQUAL && has.add(m.name())) {
        b.set(m.name(), m.value());
      } else {
        b.delete(m.name());
      }
    }
    return b.build();
  }

  /** A top-level subquery of an instant query: the inner evaluation's points. */
  static List<FloatSeries> subqueryMatrix(Evaluator ev, SubqueryExpr sq) {
    StepMatrix inner = innerEval(ev, sq);
    Evaluator in = innerEvaluator(ev, sq);
    List<FloatSeries> out = new ArrayList<>(inner.size());
    SampleBuffer buf = new SampleBuffer();
    for (int i = 0; i < inner.size(); i++) {
      StepSeries s = inner.get(i);
      fill(buf, s, in);
      Labels l = s.dropName && ev.delayedNameRemoval() ? Evaluator.dropMetricName(s.labels) : s.labels;
      out.add(new FloatSeries(l, buf.t, buf.v, buf.n));
    }
    return out;
  }

  static Evaluator innerEvaluator(Evaluator ev, SubqueryExpr sq) {
    long step = sq.stepMs() != 0 ? sq.stepMs() : ev.ctx.opts.defaultSubqueryStepMs();
    long baseStart = sq.at() != null ? ev.atTime(sq.at()) : ev.start;
    long baseEnd = sq.at() != null ? ev.atTime(sq.at()) : ev.end;
    long lowest = baseStart - sq.offsetMs() - sq.rangeMs();
    // The first multiple of the step strictly after the range's exclusive start: subquery grids
    // are aligned to absolute time, not to the query.
    long start = step * (lowest / step);
    if (start <= lowest) {
      start += step;
    }
    return new Evaluator(ev.ctx, start, baseEnd - sq.offsetMs(), step);
  }

  static StepMatrix innerEval(Evaluator ev, SubqueryExpr sq) {
    Evaluator in = innerEvaluator(ev, sq);
    if (in.numSteps == 0) {
      return new StepMatrix(0, 0);
    }
    return in.vector(sq.expr());
  }

  private static void fill(SampleBuffer buf, StepSeries s, Evaluator in) {
    buf.clear();
    for (int k = s.nextPresent(0); k >= 0; k = s.nextPresent(k + 1)) {
      buf.add(in.stepTime(k), s.v[k]);
    }
  }

  private static SeriesSource source(Evaluator ev, Expr arg) {
    return switch (arg) {
      case MatrixSelector m -> new SelectorSource(ev, m);
      case SubqueryExpr sq -> new SubquerySource(ev, sq);
      default -> throw new IllegalStateException("not a range vector: " + arg);
    };
  }

  /** The series of a range argument, one at a time, decoded into the caller's buffer. */
  private abstract static class SeriesSource {
    Placement placement;

    abstract boolean next(SampleBuffer buf);

    abstract Labels labels();

    abstract boolean dropName();
  }

  private static final class SelectorSource extends SeriesSource {
    private final Evaluator ev;
    private final SeriesSet set;
    private final long minT;
    private final long maxT;
    private SampleIterator it;
    private Labels labels;

    SelectorSource(Evaluator ev, MatrixSelector m) {
      this.ev = ev;
      VectorSelector vs = m.selector();
      boolean hasAt = vs.at() != null;
      long atRef = hasAt ? ev.atTime(vs.at()) - vs.offsetMs() : 0;
      placement = new Placement(hasAt, atRef, vs.offsetMs(), m.rangeMs());
      this.minT = (hasAt ? atRef : ev.start - vs.offsetMs()) - m.rangeMs() + 1;
      this.maxT = hasAt ? atRef : ev.end - vs.offsetMs();
      this.set = SelectorEval.select(ev, vs);
    }

    @Override
    boolean next(SampleBuffer buf) {
      if (!set.next()) {
        return false;
      }
      Series s = set.at();
      labels = s.labels();
      it = load(s, buf, it);
      return true;
    }

    /** The next batch of selected series; see {@link SelectorEval#drain}. */
    List<Series> drain() {
      return SelectorEval.drain(ev, set);
    }

    /** Decodes {@code s}'s samples in range into {@code buf}; returns the iterator to reuse. */
    SampleIterator load(Series s, SampleBuffer buf, SampleIterator reuse) {
      SampleIterator i = s.iterator(reuse);
      buf.load(i, minT, maxT, true);
      return i;
    }

    /** How much time the windows cover, all steps together. */
    long spanMs() {
      return maxT - minT + 1;
    }

    @Override
    Labels labels() {
      return labels;
    }

    @Override
    boolean dropName() {
      return false;
    }
  }

  private static final class SubquerySource extends SeriesSource {
    private final StepMatrix inner;
    private final Evaluator in;
    private int i = -1;

    SubquerySource(Evaluator ev, SubqueryExpr sq) {
      boolean hasAt = sq.at() != null;
      long atRef = hasAt ? ev.atTime(sq.at()) - sq.offsetMs() : 0;
      placement = new Placement(hasAt, atRef, sq.offsetMs(), sq.rangeMs());
      this.in = innerEvaluator(ev, sq);
      this.inner = innerEval(ev, sq);
    }

    @Override
    boolean next(SampleBuffer buf) {
      if (++i >= inner.size()) {
        return false;
      }
      fill(buf, inner.get(i), in);
      return true;
    }

    @Override
    Labels labels() {
      return inner.get(i).labels;
    }

    @Override
    boolean dropName() {
      return inner.get(i).dropName;
    }
  }
}
