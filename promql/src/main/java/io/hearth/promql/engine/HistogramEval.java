package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.functions.Buckets;
import io.hearth.promql.functions.Quantiles;
import java.util.HashMap;

/**
 * histogram_quantile and histogram_fraction over classic histograms: series grouped by all labels
 * but {@code le}, the group of each series computed once, buckets gathered per step.
 */
final class HistogramEval {
  private HistogramEval() {}

  static StepMatrix quantile(Evaluator ev, Call c) {
    double[] q = ev.scalar(c.args().get(0));
    for (int k = 0; k < q.length; k++) {
      if (Double.isNaN(q[k]) || q[k] < 0 || q[k] > 1) {
        ev.ctx.warn(Annotation.invalidQuantile(q[k]), c.args().get(0).pos());
      }
    }
    return eval(ev, c.args().get(1), new double[][] {q}, null, null, null);
  }

  /** histogram_quantiles(v, "label", q0, q1, ...): one output series per group and quantile. */
  static StepMatrix quantiles(Evaluator ev, Call c) {
    String label = LabelFunctions.stringArg(c, 1);
    int nq = c.args().size() - 2;
    double[][] qs = new double[nq][];
    for (int j = 0; j < nq; j++) {
      Expr qa = c.args().get(j + 2);
      qs[j] = ev.scalar(qa);
      for (int k = 0; k < qs[j].length; k++) {
        if (Double.isNaN(qs[j][k]) || qs[j][k] < 0 || qs[j][k] > 1) {
          ev.ctx.warn(Annotation.invalidQuantile(qs[j][k]), qa.pos());
        }
      }
    }
    return eval(ev, c.args().get(0), qs, null, null, label);
  }

  /** Prometheus's FormatOpenMetricsFloat: integers get ".0". */
  static String openMetricsFloat(double f) {
    if (f == 1) {
      return "1.0";
    } else if (f == 0) {
      return "0.0";
    } else if (f == -1) {
      return "-1.0";
    }
    String s = Annotation.goG(f);
    if (Double.isNaN(f) || Double.isInfinite(f) || s.contains("e") || s.contains(".")) {
      return s;
    }
    return s + ".0";
  }

  static StepMatrix fraction(Evaluator ev, Call c) {
    double[] lower = ev.scalar(c.args().get(0));
    double[] upper = ev.scalar(c.args().get(1));
    return eval(ev, c.args().get(2), null, lower, upper, null);
  }

  private static StepMatrix eval(
      Evaluator ev, Expr arg, double[][] qs, double[] lower, double[] upper, String qLabel) {
    StepMatrix in = ev.vector(arg);
    int n = in.size();
    int[] groupOf = new int[n];
    double[] le = new double[n];
    HashMap<Labels, Integer> ords = new HashMap<>();
    java.util.ArrayList<Labels> groupLabels = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      StepSeries s = in.get(i);
      String raw = s.labels.get("le");
      double bound = parseGoFloat(raw);
      if (Double.isNaN(bound) && !raw.equalsIgnoreCase("nan")) {
        groupOf[i] = -1;
        if (s.count > 0) {
          String metric = ev.delayedNameRemoval() ? s.labels.get(Labels.METRIC_NAME) : "";
          ev.ctx.warn(Annotation.badBucketLabel(metric, raw), arg.pos());
        }
        continue;
      }
      le[i] = bound;
      Labels g = s.labels.toBuilder().delete("le").build();
      Integer o = ords.get(g);
      if (o == null) {
        o = groupLabels.size();
        ords.put(g, o);
        groupLabels.add(g);
      }
      groupOf[i] = o;
    }
    int ng = groupLabels.size();
    int nq = qs == null ? 1 : qs.length;
    StepMatrix out = new StepMatrix(ev.numSteps, ng);
    StepSeries[] outSeries = new StepSeries[ng * nq];
    Buckets[] buckets = new Buckets[ng];
    int[] seen = new int[ng];
    for (int k = 0; k < ev.numSteps; k++) {
      int mark = k + 1;
      for (int i = 0; i < n; i++) {
        StepSeries s = in.get(i);
        int g = groupOf[i];
        if (g < 0 || !s.has(k)) {
          continue;
        }
        if (buckets[g] == null) {
          buckets[g] = new Buckets();
        }
        if (seen[g] != mark) {
          seen[g] = mark;
          buckets[g].clear();
        }
        buckets[g].add(le[i], s.v[k]);
      }
      for (int j = 0; j < nq; j++) {
        for (int g = 0; g < ng; g++) {
          if (seen[g] != mark) {
            continue;
          }
          Buckets b = buckets[g];
          double v;
          if (qs != null) {
            v = Quantiles.bucketQuantile(qs[j][k], b);
            if (b.forcedMonotonic) {
              String metric =
                  ev.delayedNameRemoval() ? groupLabels.get(g).get(Labels.METRIC_NAME) : "";
              ev.ctx.monotonicityInfo(
                  Annotation.forcedMonotonicity(metric),
                  arg.pos(),
                  ev.stepTime(k),
                  b.minForcedBound,
                  b.maxForcedBound,
                  b.maxForcedDiff);
            }
          } else {
            v = Quantiles.bucketFraction(lower[k], upper[k], b);
          }
          int o = j * ng + g;
          if (outSeries[o] == null) {
            Labels l = groupLabels.get(g);
            if (qLabel != null) {
              l = l.toBuilder().set(qLabel, openMetricsFloat(qs[j][k])).build();
            }
            outSeries[o] =
                out.newSeries(ev.delayedNameRemoval() ? l : Evaluator.dropMetricName(l), true);
          }
          outSeries[o].set(k, v);
        }
      }
    }
    return ev.delayedNameRemoval() ? out : ev.mergeSameLabels(out);
  }

  /**
   * Go's strconv.ParseFloat for a bucket bound: decimal or hex floats, Inf, Infinity and NaN in
   * any case with an optional sign, no surrounding space. Returns NaN when it does not parse
   * (callers tell a literal NaN apart by its text).
   */
  static double parseGoFloat(String s) {
    if (s.isEmpty()) {
      return Double.NaN;
    }
    String body = s;
    boolean neg = false;
    if (body.charAt(0) == '+' || body.charAt(0) == '-') {
      neg = body.charAt(0) == '-';
      body = body.substring(1);
    }
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (body.isEmpty()) {
      return Double.NaN;
    }
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      boolean ok =
          (ch >= '0' && ch <= '9')
              || ch == '.'
              || ch == 'e'
              || ch == 'E'
              || ch == '+'
              || ch == '-'
              || ch == 'x'
              || ch == 'X'
              || ch == 'p'
              || ch == 'P'
              || (ch >= 'a' && ch <= 'f')
              || (ch >= 'A' && ch <= 'F')
              || ch == '_';
      if (!ok) {
        return Double.NaN;
      }
    }
    char last = body.charAt(body.length() - 1);
    if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
      if (!lower.startsWith("0x")) {
        return Double.NaN;
      }
    }
    try {
      double v = Double.parseDouble(body.replace("_", ""));
      return neg ? -v : v;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
