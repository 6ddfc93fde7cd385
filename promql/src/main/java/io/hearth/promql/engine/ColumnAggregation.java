package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.promql.ast.AggregateOp;

/**
 * sum, avg, count, min, max, group, stddev and stdvar, computed series by series: each input
 * series' points are read in order and folded into per-(group, step) accumulators laid out as
 * {@code g * numSteps + step}. Series still reach each step's accumulator in input order, so
 * the Kahan sums and incremental means come out exactly as upstream's step-by-step loop.
 */
final class ColumnAggregation {
  private ColumnAggregation() {}

  static boolean handles(AggregateOp op) {
    return switch (op) {
      case SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR -> true;
      default -> false;
    };
  }

  static StepMatrix eval(
      Evaluator ev, AggregateOp op, StepMatrix in, int[] groupOf, Labels[] groupLabels) {
    int ns = ev.numSteps;
    int ng = groupLabels.length;
    int n = ng * ns;
    double[] value = new double[n];
    double[] count = new double[n]; // 0 = no sample yet at this group and step
    boolean kahan = op == AggregateOp.SUM || op == AggregateOp.AVG;
    boolean std = op == AggregateOp.STDDEV || op == AggregateOp.STDVAR;
    double[] comp = kahan ? new double[n] : null;
    double[] mean = op == AggregateOp.AVG || std ? new double[n] : null;
    boolean[] incremental = op == AggregateOp.AVG ? new boolean[n] : null;
    boolean[] dropName = new boolean[ng];
    for (int i = 0; i < in.size(); i++) {
      ev.ctx.checkInterrupted();
      StepSeries s = in.get(i);
      if (s.count == 0) {
        continue;
      }
      int g = groupOf[i];
      dropName[g] |= s.dropName;
      int base = g * ns;
      long[] present = s.present;
      double[] v = s.v;
      for (int w = 0; w < present.length; w++) {
        long bits = present[w];
        while (bits != 0) {
          int k = (w << 6) + Long.numberOfTrailingZeros(bits);
          bits &= bits - 1;
          double f = v[k];
          int x = base + k;
          if (count[x] == 0) {
            count[x] = 1;
            switch (op) {
              case STDDEV, STDVAR -> {
                value[x] = Double.isNaN(f) || Double.isInfinite(f) ? Double.NaN : 0;
                mean[x] = f;
              }
              case GROUP -> value[x] = 1;
              case AVG -> {
                value[x] = f;
                mean[x] = f;
              }
              default -> value[x] = f;
            }
            continue;
          }
          switch (op) {
            case SUM -> add(f, value, comp, x);
            case AVG -> {
              double c = ++count[x];
              if (!incremental[x]) {
                if (!Double.isInfinite(value[x] + f)) {
                  add(f, value, comp, x);
                  break;
                }
                // The running sum would overflow: switch to an incremental mean from here on.
                incremental[x] = true;
                mean[x] = value[x] / (c - 1);
                comp[x] /= c - 1;
              }
              double q = (c - 1) / c;
              value[x] = q * mean[x];
              comp[x] = q * comp[x];
              add(f / c, value, comp, x);
              mean[x] = value[x];
            }
            case MAX -> {
              if (value[x] < f || Double.isNaN(value[x])) {
                value[x] = f;
              }
            }
            case MIN -> {
              if (value[x] > f || Double.isNaN(value[x])) {
                value[x] = f;
              }
            }
            case COUNT -> count[x]++;
            case STDDEV, STDVAR -> {
              double c = ++count[x];
              double delta = f - mean[x];
              mean[x] += delta / c;
              value[x] += delta * (f - mean[x]);
            }
            default -> {}
          }
        }
      }
    }
    StepMatrix out = new StepMatrix(ns, ng);
    for (int g = 0; g < ng; g++) {
      StepSeries o = null;
      int base = g * ns;
      for (int k = 0; k < ns; k++) {
        int x = base + k;
        double c = count[x];
        if (c == 0) {
          continue;
        }
        double r =
            switch (op) {
              case SUM -> Double.isInfinite(value[x]) ? value[x] : value[x] + comp[x];
              case AVG -> incremental[x] ? mean[x] + comp[x] : value[x] / c + comp[x] / c;
              case COUNT -> c;
              case STDVAR -> value[x] / c;
              case STDDEV -> Math.sqrt(value[x] / c);
              default -> value[x];
            };
        if (o == null) {
          o = out.newSeries(groupLabels[g], dropName[g]);
        }
        o.set(k, r);
      }
    }
    return out;
  }

  /** Upstream's Kahan-Neumaier increment of {@code sum[x]} with compensation {@code c[x]}. */
  private static void add(double inc, double[] sum, double[] c, int x) {
    double s = sum[x];
    double t = s + inc;
    if (Double.isInfinite(t)) {
      c[x] = 0;
    } else if (Math.abs(s) >= Math.abs(inc)) {
      c[x] += (s - t) + inc;
    } else {
      c[x] += (inc - t) + s;
    }
    sum[x] = t;
  }
}
