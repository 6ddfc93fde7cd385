package io.hearth.promql.functions;

import io.hearth.promql.PromqlException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Functions about the shape of a series over the window: deriv, predict_linear,
 * double_exponential_smoothing, resets and changes (plus anchored resets and changes). Stateless;
 * see {@link RangeFunctions} for the registry.
 */
final class TrendFunctions {
  private TrendFunctions() {}

  /** Per-second slope of the least-squares line; needs two samples. */
  static boolean deriv(Window w, double[] out) {
    if (w.to - w.from < 2) {
      return false;
    }
    // Time is measured from the first sample so that x stays small and precise.
    out[0] = regression(w, w.t[w.from], 0, true);
    return true;
  }

  /**
   * The least-squares line's value {@link Window#param0} seconds after the step time ({@link
   * Window#stepTimeMs}); needs two samples.
   */
  static boolean predictLinear(Window w, double[] out) {
    if (w.to - w.from < 2) {
      return false;
    }
    out[0] = regression(w, w.stepTimeMs, w.param0, false);
    return true;
  }

  /**
   * Least-squares slope and intercept at {@code interceptTimeMs}, with Kahan-compensated sums.
   * A constant series has slope 0 and its value as intercept; a constant infinite one has NaN
   * for both.
   *
   * @return the slope when {@code slopeOnly}, else {@code slope * seconds + intercept}
   */
  private static double regression(
      Window w, long interceptTimeMs, double seconds, boolean slopeOnly) {
    long[] t = w.t;
    double[] v = w.v;
    double n = 0;
    double sumX = 0;
    double cX = 0;
    double sumY = 0;
    double cY = 0;
    double sumXY = 0;
    double cXY = 0;
    double sumX2 = 0;
    double cX2 = 0;
    double initY = v[w.from];
    boolean constY = true;
    for (int i = w.from; i < w.to; i++) {
      double y = v[i];
      if (constY && i > w.from && y != initY) {
        constY = false;
      }
      n += 1.0;
      double x = (double) (t[i] - interceptTimeMs) / 1e3;
      double s = sumX + x;
      cX = KahanSum.nextCompensation(sumX, x, s, cX);
      sumX = s;
      s = sumY + y;
      cY = KahanSum.nextCompensation(sumY, y, s, cY);
      sumY = s;
      double xy = x * y;
      s = sumXY + xy;
      cXY = KahanSum.nextCompensation(sumXY, xy, s, cXY);
      sumXY = s;
      double x2 = x * x;
      s = sumX2 + x2;
      cX2 = KahanSum.nextCompensation(sumX2, x2, s, cX2);
      sumX2 = s;
    }
    double slope;
    double intercept;
    if (constY) {
      slope = Double.isInfinite(initY) ? Double.NaN : 0;
      intercept = Double.isInfinite(initY) ? Double.NaN : initY;
      return slopeOnly ? slope : slope * seconds + intercept;
    }
    sumX += cX;
    sumY += cY;
    sumXY += cXY;
    sumX2 += cX2;
    double covXY = sumXY - sumX * sumY / n;
    double varX = sumX2 - sumX * sumX / n;
    slope = covXY / varX;
    if (slopeOnly) {
      return slope;
    }
    intercept = sumY / n - slope * sumX / n;
    return slope * seconds + intercept;
  }

  /**
   * Holt's double exponential smoothing with smoothing factor {@link Window#param0} and trend
   * factor {@link Window#param1}, both required to lie strictly between 0 and 1 (checked before
   * the samples are looked at, as upstream does). Needs two samples.
   *
   * @throws PromqlException (EXECUTION) "invalid smoothing factor. Expected: 0 < sf < 1, got: …"
   *     or the same for the trend factor, numbers printed like Go's {@code %f}
   */
  static boolean doubleExponentialSmoothing(Window w, double[] out) {
    double sf = w.param0;
    double tf = w.param1;
    if (sf <= 0 || sf >= 1) {
      throw new PromqlException(
          PromqlException.Kind.EXECUTION,
          "invalid smoothing factor. Expected: 0 < sf < 1, got: " + formatGoF(sf));
    }
    if (tf <= 0 || tf >= 1) {
      throw new PromqlException(
          PromqlException.Kind.EXECUTION,
          "invalid trend factor. Expected: 0 < tf < 1, got: " + formatGoF(tf));
    }
    int n = w.to - w.from;
    if (n < 2) {
      return false;
    }
    double[] v = w.v;
    int from = w.from;
    double s0 = 0;
    double s1 = v[from];
    double b = v[from + 1] - v[from];
    for (int i = 1; i < n; i++) {
      double x = sf * v[from + i];
      // The trend starts as the first difference and is then smoothed at every later step.
      if (i > 1) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    out[0] = s1;
    return true;
  }

  /** A float as Go's {@code %f} prints it: six decimals, exact rounding, Go's names for Inf/NaN. */
  static String formatGoF(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = d < 0 || (d == 0 && 1 / d < 0);
    return negative && !s.startsWith("-") ? "-" + s : s;
  }

  /** Number of decreases between consecutive samples; 0 for a single sample. */
  static boolean resets(Window w, double[] out) {
    return resets(w, out, w.from);
  }

  /** Number of value changes between consecutive samples (NaN to NaN is no change). */
  static boolean changes(Window w, double[] out) {
    return changes(w, out, w.from);
  }

  /**
   * resets for an anchored selector: the window also holds up to one lookback delta of samples
   * before rangeStart, and the last of those is the starting point. No output unless a sample
   * lies after rangeStart.
   */
  static boolean anchoredResets(Window w, double[] out) {
    if (RateFunctions.firstAfter(w.t, w.from, w.to, w.rangeStartMs) == w.to) {
      return false;
    }
    return resets(w, out, RateFunctions.anchorIndex(w));
  }

  /** changes for an anchored selector; window as in {@link #anchoredResets}. */
  static boolean anchoredChanges(Window w, double[] out) {
    if (RateFunctions.firstAfter(w.t, w.from, w.to, w.rangeStartMs) == w.to) {
      return false;
    }
    return changes(w, out, RateFunctions.anchorIndex(w));
  }

  private static boolean resets(Window w, double[] out, int start) {
    if (w.to == start) {
      return false;
    }
    double[] v = w.v;
    int resets = 0;
    for (int i = start + 1; i < w.to; i++) {
      if (v[i] < v[i - 1]) {
        resets++;
      }
    }
    out[0] = resets;
    return true;
  }

  private static boolean changes(Window w, double[] out, int start) {
    if (w.to == start) {
      return false;
    }
    double[] v = w.v;
    int changes = 0;
    for (int i = start + 1; i < w.to; i++) {
      double cur = v[i];
      double prev = v[i - 1];
      if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
        changes++;
      }
    }
    out[0] = changes;
    return true;
  }
}
