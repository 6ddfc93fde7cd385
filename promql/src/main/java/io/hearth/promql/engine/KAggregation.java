package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.AggregateOp;

/**
 * topk, bottomk, limitk and limit_ratio. Each group keeps a heap of input-series indexes that
 * follows Go's {@code container/heap} step for step (same sift order, same comparison with NaN
 * first), so which of several equal values wins, and the order of an instant result, match
 * Prometheus.
 */
final class KAggregation {
  private KAggregation() {}

  static StepMatrix eval(Evaluator ev, AggregateExpr a, StepMatrix in, double[] param) {
    AggregateOp op = a.op();
    AggregateEval.ParamRange pr = AggregateEval.ParamRange.of(param);
    StepMatrix out = new StepMatrix(ev.numSteps, 16);
    if (op == AggregateOp.LIMIT_RATIO) {
      if (pr.max() == 0 && pr.min() == 0) {
        return out;
      }
      if (pr.hasNaN()) {
        throw QueryContext.error("Ratio value is NaN");
      }
      if (pr.max() > 1.0) {
        ev.ctx.warn(Annotation.invalidRatio(pr.max(), 1.0), a.param().pos());
      }
      if (pr.min() < -1.0) {
        ev.ctx.warn(Annotation.invalidRatio(pr.min(), -1.0), a.param().pos());
      }
    } else {
      if (pr.max() < 1) {
        return out;
      }
      if (pr.hasNaN()) {
        throw QueryContext.error("Parameter value is NaN");
      }
      if (pr.min() <= -9.223372036854775808E18) {
        throw QueryContext.error("Scalar value " + Annotation.goG(pr.min()) + " underflows int64");
      }
      if (pr.max() >= 9.223372036854775807E18) {
        throw QueryContext.error("Scalar value " + Annotation.goG(pr.max()) + " overflows int64");
      }
    }
    int[] groupOf = new int[in.size()];
    Labels[] gl = AggregateEval.groups(in, a, groupOf);
    int ng = gl.length;
    int[][] heaps = new int[ng][];
    int[] heapLen = new int[ng];
    int[] seen = new int[ng];
    StepSeries[] outOf = new StepSeries[in.size()];
    // limit_ratio's sampling offset depends on the labels only: hash each series once.
    double[] ratioOffset = null;
    if (op == AggregateOp.LIMIT_RATIO) {
      ratioOffset = new double[in.size()];
      for (int i = 0; i < in.size(); i++) {
        ratioOffset[i] = LabelsHash.offset(in.get(i).labels);
      }
    }
    boolean instant = ev.isInstant();
    for (int k = 0; k < ev.numSteps; k++) {
      if ((k & 255) == 0) {
        ev.ctx.checkInterrupted();
      }
      int mark = k + 1;
      long kk = 0;
      double ratio = 0;
      double p = param[k];
      if (op == AggregateOp.LIMIT_RATIO) {
        if (p == 0) {
          continue;
        }
        ratio = Math.max(-1.0, Math.min(1.0, p));
      } else {
        kk = Math.min((long) p, in.size());
        if (kk < 1) {
          continue;
        }
      }
      for (int i = 0; i < in.size(); i++) {
        StepSeries s = in.get(i);
        if (!s.has(k)) {
          continue;
        }
        int g = groupOf[i];
        if (seen[g] != mark) {
          seen[g] = mark;
          heapLen[g] = 0;
          if (heaps[g] == null) {
            heaps[g] = new int[4];
          }
          if (op != AggregateOp.LIMIT_RATIO || addRatioSample(ratio, ratioOffset[i])) {
            push(heaps, heapLen, g, i, in, k, op == AggregateOp.BOTTOMK);
          }
          continue;
        }
        int[] h = heaps[g];
        double f = s.v[k];
        switch (op) {
          case TOPK -> {
            if (heapLen[g] < kk) {
              push(heaps, heapLen, g, i, in, k, false);
            } else {
              double top = in.get(h[0]).v[k];
              if (top < f || (Double.isNaN(top) && !Double.isNaN(f))) {
                h[0] = i;
                if (kk > 1) {
                  fix(h, heapLen[g], in, k, false);
                }
              }
            }
          }
          case BOTTOMK -> {
            if (heapLen[g] < kk) {
              push(heaps, heapLen, g, i, in, k, true);
            } else {
              double top = in.get(h[0]).v[k];
              if (top > f || (Double.isNaN(top) && !Double.isNaN(f))) {
                h[0] = i;
                if (kk > 1) {
                  fix(h, heapLen[g], in, k, true);
                }
              }
            }
          }
          case LIMITK -> {
            if (heapLen[g] < kk) {
              push(heaps, heapLen, g, i, in, k, false);
            }
          }
          case LIMIT_RATIO -> {
            if (addRatioSample(ratio, ratioOffset[i])) {
              push(heaps, heapLen, g, i, in, k, false);
            }
          }
          default -> throw new IllegalStateException("not a k aggregation: " + op);
        }
      }
      for (int g = 0; g < ng; g++) {
        if (seen[g] != mark) {
          continue;
        }
        int[] h = heaps[g];
        int n = heapLen[g];
        if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK) {
          sortReverse(h, n, in, k, op == AggregateOp.BOTTOMK);
        }
        for (int j = 0; j < n; j++) {
          int si = h[j];
          StepSeries src = in.get(si);
          StepSeries o = instant ? null : outOf[si];
          if (o == null) {
            o = out.newSeries(src.labels, src.dropName);
            outOf[si] = o;
          }
          o.set(k, src.v[k]);
        }
      }
    }
    return out;
  }

  /** Go's vectorByValueHeap.Less (or its reverse for bottomk): NaN sorts below everything. */
  private static boolean less(int[] h, int i, int j, StepMatrix in, int k, boolean reverse) {
    double vi = in.get(h[i]).v[k];
    double vj = in.get(h[j]).v[k];
    if (Double.isNaN(vi)) {
      return true;
    }
    return reverse ? vi > vj : vi < vj;
  }

  private static void push(
      int[][] heaps, int[] len, int g, int si, StepMatrix in, int k, boolean reverse) {
    if (len[g] == heaps[g].length) {
      heaps[g] = java.util.Arrays.copyOf(heaps[g], len[g] * 2);
    }
    int[] h = heaps[g];
    h[len[g]] = si;
    up(h, len[g], in, k, reverse);
    len[g]++;
  }

  private static void up(int[] h, int j, StepMatrix in, int k, boolean reverse) {
    while (true) {
      int i = (j - 1) / 2;
      if (i == j || !less(h, j, i, in, k, reverse)) {
        break;
      }
      swap(h, i, j);
      j = i;
    }
  }

  private static boolean down(int[] h, int i0, int n, StepMatrix in, int k, boolean reverse) {
    int i = i0;
    while (true) {
      int j1 = 2 * i + 1;
      if (j1 >= n || j1 < 0) {
        break;
      }
      int j = j1;
      int j2 = j1 + 1;
      if (j2 < n && less(h, j2, j1, in, k, reverse)) {
        j = j2;
      }
      if (!less(h, j, i, in, k, reverse)) {
        break;
      }
      swap(h, i, j);
      i = j;
    }
    return i > i0;
  }

  private static void fix(int[] h, int n, StepMatrix in, int k, boolean reverse) {
    if (!down(h, 0, n, in, k, reverse)) {
      up(h, 0, in, k, reverse);
    }
  }

  /** Go's sort.Sort(sort.Reverse(heap)): insertion sort, which is what Go uses for short slices. */
  private static void sortReverse(int[] h, int n, StepMatrix in, int k, boolean reverse) {
    for (int i = 1; i < n; i++) {
      for (int j = i; j > 0 && less(h, j - 1, j, in, k, reverse); j--) {
        swap(h, j, j - 1);
      }
    }
  }

  private static void swap(int[] h, int i, int j) {
    int t = h[i];
    h[i] = h[j];
    h[j] = t;
  }

  /**
   * Upstream's HashRatioSampler: a positive ratio keeps the series whose offset is below it, a
   * negative one those at or above {@code 1 + ratio}, so {@code r} and {@code -(1 - r)} split the
   * series into complementary sets.
   */
  private static boolean addRatioSample(double ratio, double offset) {
    return (ratio >= 0 && offset < ratio) || (ratio < 0 && offset >= 1.0 + ratio);
  }
}
