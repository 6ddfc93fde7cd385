package io.hearth.promql.functions;

/**
 * The {@code *_over_time} aggregations over float samples. Each returns false on an empty window
 * (upstream never calls them then) and otherwise always produces a value. Stateless; see {@link
 * RangeFunctions} for the registry.
 */
final class OverTimeFunctions {
  private OverTimeFunctions() {}

  /**
   * The mean, summed directly with Kahan compensation while the running sum stays finite, and
   * switching to an incremental mean (also compensated) once it would overflow — the direct sum
   * is usually more accurate, the incremental mean cannot overflow.
   */
  static boolean avg(Window w, double[] out) {
    int from = w.from;
    int n = w.to - from;
    if (n == 0) {
      return false;
    }
    double[] v = w.v;
    double sum = v[from];
    double count = 1;
    double mean = 0;
    double c = 0;
    boolean incremental = false;
    for (int i = 1; i < n; i++) {
      double f = v[from + i];
      count = i + 1;
      if (!incremental) {
        double newSum = sum + f;
        if (!Double.isInfinite(newSum)) {
          c = KahanSum.nextCompensation(sum, f, newSum, c);
          sum = newSum;
          continue;
        }
        incremental = true;
        mean = sum / (count - 1);
        c /= (count - 1);
      }
      double q = (count - 1) / count;
      double scaledMean = q * mean;
      double inc = f / count;
      double newMean = scaledMean + inc;
      c = KahanSum.nextCompensation(scaledMean, inc, newMean, q * c);
      mean = newMean;
    }
    out[0] = incremental ? mean + c : sum / count + c / count;
    return true;
  }

  /** Kahan-compensated sum; an infinite sum is returned as is. */
  static boolean sum(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    double[] v = w.v;
    double sum = 0;
    double c = 0;
    for (int i = w.from; i < w.to; i++) {
      double t = sum + v[i];
      c = KahanSum.nextCompensation(sum, v[i], t, c);
      sum = t;
    }
    out[0] = Double.isInfinite(sum) ? sum : sum + c;
    return true;
  }

  static boolean count(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = w.to - w.from;
    return true;
  }

  /**
   * The largest value. NaN loses to any number: a NaN first sample is replaced by the next
   * number, and the result is NaN only when all samples are NaN.
   */
  static boolean max(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    double[] v = w.v;
    double m = v[w.from];
    for (int i = w.from; i < w.to; i++) {
      if (v[i] > m || Double.isNaN(m)) {
        m = v[i];
      }
    }
    out[0] = m;
    return true;
  }

  /** The smallest value; NaN handling as in {@link #max}. */
  static boolean min(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    double[] v = w.v;
    double m = v[w.from];
    for (int i = w.from; i < w.to; i++) {
      if (v[i] < m || Double.isNaN(m)) {
        m = v[i];
      }
    }
    out[0] = m;
    return true;
  }

  /**
   * Timestamp in seconds of the largest value; with ties, of the latest one. NaN handling as in
   * {@link #max}; when all samples are NaN, the last sample's timestamp.
   */
  static boolean tsOfMax(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    double[] v = w.v;
    double m = v[w.from];
    long ts = w.t[w.from];
    for (int i = w.from; i < w.to; i++) {
      if (v[i] >= m || Double.isNaN(m)) {
        m = v[i];
        ts = w.t[i];
      }
    }
    out[0] = (double) ts / 1000;
    return true;
  }

  /** Timestamp in seconds of the smallest value; ties and NaN as in {@link #tsOfMax}. */
  static boolean tsOfMin(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    double[] v = w.v;
    double m = v[w.from];
    long ts = w.t[w.from];
    for (int i = w.from; i < w.to; i++) {
      if (v[i] <= m || Double.isNaN(m)) {
        m = v[i];
        ts = w.t[i];
      }
    }
    out[0] = (double) ts / 1000;
    return true;
  }

  /** The φ-quantile ({@link Window#param0}) of the values; see {@link Quantiles#quantile}. */
  static boolean quantile(Window w, double[] out) {
    int n = w.to - w.from;
    if (n == 0) {
      return false;
    }
    double[] scratch = w.scratch(n);
    System.arraycopy(w.v, w.from, scratch, 0, n);
    out[0] = Quantiles.quantile(w.param0, scratch, n);
    return true;
  }

  /**
   * Median absolute deviation from the median. Any NaN sample makes the median undefined, so the
   * result is NaN.
   */
  static boolean mad(Window w, double[] out) {
    int n = w.to - w.from;
    if (n == 0) {
      return false;
    }
    double[] scratch = w.scratch(n);
    for (int i = 0; i < n; i++) {
      double f = w.v[w.from + i];
      if (Double.isNaN(f)) {
        out[0] = Double.NaN;
        return true;
      }
      scratch[i] = f;
    }
    double median = Quantiles.quantile(0.5, scratch, n);
    for (int i = 0; i < n; i++) {
      scratch[i] = Math.abs(scratch[i] - median);
    }
    out[0] = Quantiles.quantile(0.5, scratch, n);
    return true;
  }

  static boolean stdvar(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = variance(w);
    return true;
  }

  static boolean stddev(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = Math.sqrt(variance(w));
    return true;
  }

  /**
   * Population variance by Welford's online algorithm, with the running mean and the sum of
   * squared deviations both Kahan-compensated.
   */
  private static double variance(Window w) {
    double[] v = w.v;
    double count = 0;
    double mean = 0;
    double cMean = 0;
    double aux = 0;
    double cAux = 0;
    for (int i = w.from; i < w.to; i++) {
      double f = v[i];
      count++;
      double delta = f - (mean + cMean);
      double inc = delta / count;
      double newMean = mean + inc;
      cMean = KahanSum.nextCompensation(mean, inc, newMean, cMean);
      mean = newMean;
      double sq = delta * (f - (mean + cMean));
      double newAux = aux + sq;
      cAux = KahanSum.nextCompensation(aux, sq, newAux, cAux);
      aux = newAux;
    }
    return (aux + cAux) / count;
  }

  static boolean last(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = w.v[w.to - 1];
    return true;
  }

  static boolean first(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = w.v[w.from];
    return true;
  }

  static boolean tsOfLast(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = (double) w.t[w.to - 1] / 1000;
    return true;
  }

  static boolean tsOfFirst(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = (double) w.t[w.from] / 1000;
    return true;
  }

  /** 1 for any non-empty window. */
  static boolean present(Window w, double[] out) {
    if (w.to == w.from) {
      return false;
    }
    out[0] = 1;
    return true;
  }
}
