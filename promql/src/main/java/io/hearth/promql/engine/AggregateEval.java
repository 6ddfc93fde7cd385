package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.AggregateOp;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.functions.Quantiles;
import java.util.HashMap;
import java.util.List;

/**
 * Aggregation operators. Each input series' group is computed once per query; every step then
 * accumulates into primitive arrays indexed by group. topk, bottomk and limitk keep a small heap
 * per group that behaves exactly like Go's {@code container/heap}, so ties come out as upstream's.
 */
final class AggregateEval {
  private AggregateEval() {}

  static StepMatrix eval(Evaluator ev, AggregateExpr a) {
    if (a.op() == AggregateOp.COUNT_VALUES) {
      return countValues(ev, a);
    }
    double[] param = null;
    if (a.param() != null) {
      param = ev.scalar(a.param());
    }
    StepMatrix in = ev.vector(a.expr());
    return switch (a.op()) {
      case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> KAggregation.eval(ev, a, in, param);
      default -> simple(ev, a, in, param);
    };
  }

  /** The labels of the group {@code l} belongs to. */
  static Labels groupLabels(Labels l, List<String> grouping, boolean without) {
    if (without) {
      LabelsBuilder b = l.toBuilder();
      for (String g : grouping) {
        b.delete(g);
      }
      b.delete(Labels.METRIC_NAME);
      b.delete("__type__");
      b.delete("__unit__");
      return b.build();
    }
    if (grouping.isEmpty()) {
      return Labels.EMPTY;
    }
    LabelsBuilder b = new LabelsBuilder();
    for (String g : grouping) {
      String v = l.get(g);
      if (!v.isEmpty()) {
        b.set(g, v);
      }
    }
    return b.build();
  }

  /** Assigns each series a group ordinal; returns the labels of each group in first-seen order. */
  static Labels[] groups(StepMatrix in, AggregateExpr a, int[] groupOf) {
    HashMap<Labels, Integer> ords = new HashMap<>();
    Labels[] labels = new Labels[Math.max(1, in.size())];
    for (int i = 0; i < in.size(); i++) {
      Labels g = groupLabels(in.get(i).labels, a.grouping(), a.without());
      Integer o = ords.get(g);
      if (o == null) {
        o = ords.size();
        ords.put(g, o);
        labels[o] = g;
      }
      groupOf[i] = o;
    }
    return java.util.Arrays.copyOf(labels, ords.size());
  }

  private static StepMatrix simple(Evaluator ev, AggregateExpr a, StepMatrix in, double[] param) {
    AggregateOp op = a.op();
    int[] groupOf = new int[in.size()];
    Labels[] gl = groups(in, a, groupOf);
    if (ColumnAggregation.handles(op)) {
      return ColumnAggregation.eval(ev, op, in, groupOf, gl);
    }
    if (op != AggregateOp.QUANTILE) {
      throw new IllegalStateException("not a simple aggregation: " + op);
    }
    warnQuantile(ev, a, param);
    // quantile needs every value of a group at a step at once, so it goes step by step.
    int ng = gl.length;
    StepMatrix out = new StepMatrix(ev.numSteps, ng);
    StepSeries[] outSeries = new StepSeries[ng];
    for (int g = 0; g < ng; g++) {
      outSeries[g] = out.newSeries(gl[g], false);
    }
    int[] seen = new int[ng];
    double[][] values = new double[ng][8];
    int[] nValues = new int[ng];
    for (int k = 0; k < ev.numSteps; k++) {
      if ((k & 255) == 0) {
        ev.ctx.checkInterrupted();
      }
      int mark = k + 1;
      for (int i = 0; i < in.size(); i++) {
        StepSeries s = in.get(i);
        if (!s.has(k)) {
          continue;
        }
        int g = groupOf[i];
        if (seen[g] != mark) {
          seen[g] = mark;
          nValues[g] = 0;
        }
        if (nValues[g] == values[g].length) {
          values[g] = java.util.Arrays.copyOf(values[g], nValues[g] * 2);
        }
        values[g][nValues[g]++] = s.v[k];
        outSeries[g].dropName |= s.dropName;
      }
      for (int g = 0; g < ng; g++) {
        if (seen[g] == mark) {
          outSeries[g].set(k, Quantiles.quantile(param[k], values[g], nValues[g]));
        }
      }
    }
    out.removeEmpty();
    return out;
  }

  private static void warnQuantile(Evaluator ev, AggregateExpr a, double[] param) {
    ParamRange r = ParamRange.of(param);
    if (r.hasNaN()) {
      ev.ctx.warn(Annotation.invalidQuantile(Double.NaN), a.param().pos());
    }
    if (r.max() > 1) {
      ev.ctx.warn(Annotation.invalidQuantile(r.max()), a.param().pos());
    }
    if (r.min() < 0) {
      ev.ctx.warn(Annotation.invalidQuantile(r.min()), a.param().pos());
    }
  }

  /**
   * The extremes of a parameter over all steps, computed as upstream does with Go's math.Min and
   * math.Max: one NaN makes both NaN.
   */
  record ParamRange(double min, double max, boolean hasNaN) {
    static ParamRange of(double[] p) {
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      boolean nan = false;
      for (double v : p) {
        if (Double.isNaN(v)) {
          nan = true;
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return new ParamRange(min, max, nan);
    }
  }

  private static StepMatrix countValues(Evaluator ev, AggregateExpr a) {
    String valueLabel = ((StringLiteral) Evaluator.unwrap(a.param())).value();
    if (!LabelFunctions.isValidLabelName(valueLabel)) {
      throw QueryContext.error("invalid label name " + Annotation.goQuote(valueLabel));
    }
    List<String> grouping = a.grouping();
    if (!a.without()) {
      java.util.ArrayList<String> g = new java.util.ArrayList<>(grouping);
      g.add(valueLabel);
      grouping = g;
    }
    StepMatrix in = ev.vector(a.expr());
    StepMatrix out = new StepMatrix(ev.numSteps, 16);
    HashMap<Labels, StepSeries> byLabels = new HashMap<>();
    for (int k = 0; k < ev.numSteps; k++) {
      for (int i = 0; i < in.size(); i++) {
        StepSeries s = in.get(i);
        if (!s.has(k)) {
          continue;
        }
        Labels withValue = s.labels.toBuilder().set(valueLabel, Annotation.goF(s.v[k])).build();
        Labels g = groupLabels(withValue, grouping, a.without());
        StepSeries o = byLabels.get(g);
        if (o == null) {
          o = out.newSeries(g, false);
          byLabels.put(g, o);
        }
        o.set(k, o.has(k) ? o.v[k] + 1 : 1);
      }
    }
    return out;
  }
}
