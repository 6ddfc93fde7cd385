package io.hearth.promql.functions;

/**
 * rate, increase, delta, irate and idelta over float samples, plus the variants for the {@code
 * anchored} and {@code smoothed} selector modifiers. Stateless; see {@link RangeFunctions} for the
 * registry and {@link Window} for the input contract.
 *
 * <p>Start timestamps (created timestamps) are not used yet: every counter reset is detected from
 * a decreasing value.
 */
final class RateFunctions {
  /**
   * How much further than the average sample spacing a window edge may lie from the nearest
   * sample and still be extrapolated to: a bigger gap means the series starts or ends inside the
   * window.
   */
  private static final double EXTRAPOLATION_THRESHOLD = 1.1;

  private RateFunctions() {}

  static boolean rate(Window w, double[] out) {
    return extrapolated(w, out, true, true);
  }

  static boolean increase(Window w, double[] out) {
    return extrapolated(w, out, true, false);
  }

  static boolean delta(Window w, double[] out) {
    return extrapolated(w, out, false, false);
  }

  static boolean irate(Window w, double[] out) {
    return instant(w, out, true);
  }

  static boolean idelta(Window w, double[] out) {
    return instant(w, out, false);
  }

  /**
   * The range in seconds, computed like Go's {@code Duration.Seconds()} (whole seconds plus the
   * fraction) so the quotient matches Prometheus to the last bit.
   */
  static double rangeSeconds(Window w) {
    long ms = w.rangeEndMs - w.rangeStartMs;
    return (double) (ms / 1000) + (double) ((ms % 1000) * 1_000_000L) / 1e9;
  }

  /**
   * Upstream's extrapolatedRate: the difference between the last and first sample (plus the
   * value before each reset, for counters), extrapolated towards the window edges. An edge is
   * extrapolated to fully when the nearest sample is within 1.1 average sample intervals of it,
   * otherwise by half an average interval. Counters are never extrapolated below zero. Needs two
   * samples.
   */
  private static boolean extrapolated(Window w, double[] out, boolean isCounter, boolean isRate) {
    int from = w.from;
    int last = w.to - 1;
    int intervals = last - from;
    if (intervals < 1) {
      return false;
    }
    long[] t = w.t;
    double[] v = w.v;
    long firstT = t[from];
    long lastT = t[last];
    double result = v[last] - v[from];
    if (isCounter && !w.isMonotonic) {
      for (int i = from + 1; i <= last; i++) {
        if (v[i] < v[i - 1]) {
          result += v[i - 1];
        }
      }
    }
    double durationToStart = (double) (firstT - w.rangeStartMs) / 1000;
    double durationToEnd = (double) (w.rangeEndMs - lastT) / 1000;
    double sampledInterval = (double) (lastT - firstT) / 1000;
    double averageInterval = sampledInterval / intervals;
    double threshold = averageInterval * EXTRAPOLATION_THRESHOLD;
    if (durationToStart >= threshold) {
      durationToStart = averageInterval / 2;
    }
    if (isCounter) {
      // A counter starts at zero: if the slope reaches zero before the window start, assume
      // that is where the series began instead of extrapolating to negative values.
      double durationToZero = durationToStart;
      if (result > 0 && v[from] >= 0) {
        durationToZero = sampledInterval * (v[from] / result);
      }
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= threshold) {
      durationToEnd = averageInterval / 2;
    }
    double factor = 1.0;
    if (sampledInterval != 0) {
      factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    }
    if (isRate) {
      factor /= rangeSeconds(w);
    }
    out[0] = result * factor;
    return true;
  }

  /**
   * Upstream's instantValue: the difference between the last two samples, per second for irate.
   * For irate a decrease is a counter reset and the last value itself is the increase. Needs two
   * samples with distinct timestamps.
   */
  private static boolean instant(Window w, double[] out, boolean isRate) {
    int last = w.to - 1;
    if (last - w.from < 1) {
      return false;
    }
    long interval = w.t[last] - w.t[last - 1];
    if (interval == 0) {
      return false;
    }
    double prev = w.v[last - 1];
    double cur = w.v[last];
    double result = cur;
    if (!isRate || !(cur < prev)) {
      result = cur - prev;
    }
    if (isRate) {
      result /= (double) interval / 1000;
    }
    out[0] = result;
    return true;
  }

  // ---- anchored and smoothed modifiers ----

  /**
   * Index of the last sample at or before {@code rangeStartMs}, or {@code w.from} when there is
   * none: the anchor of anchored and smoothed windows.
   */
  static int anchorIndex(Window w) {
    int i = firstAfter(w.t, w.from, w.to, w.rangeStartMs) - 1;
    return Math.max(w.from, i);
  }

  /** First index in [from, to) whose timestamp is greater than {@code ms}, or {@code to}. */
  static int firstAfter(long[] t, int from, int to, long ms) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] > ms) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Upstream's extendedRate for anchored ({@code smoothed == false}) and smoothed selectors. The
   * window holds, besides the samples in (rangeStart, rangeEnd], those up to one lookback delta
   * before rangeStart and, when smoothed, up to one lookback delta after rangeEnd. The first value
   * is the last sample at or before rangeStart (anchored) or the value interpolated at rangeStart
   * (smoothed); the last value is the last sample (anchored) or the value interpolated at rangeEnd
   * (smoothed). Needs one sample after rangeStart (and, smoothed, one at or before rangeEnd).
   */
  static boolean extended(
      Window w, double[] out, boolean isCounter, boolean isRate, boolean smoothed) {
    if (w.to == w.from) {
      return false;
    }
    long[] t = w.t;
    double[] v = w.v;
    int first = anchorIndex(w);
    int last = w.to - 1;
    if (smoothed) {
      last = firstAtOrAfter(t, w.from, w.to - 1, w.rangeEndMs);
    }
    if (t[last] <= w.rangeStartMs) {
      return false;
    }
    if (smoothed && t[first] > w.rangeEndMs) {
      return false;
    }
    double left = v[first];
    if (smoothed && t[first] < w.rangeStartMs) {
      left = interpolate(t[first], v[first], t[first + 1], v[first + 1], w.rangeStartMs, isCounter);
    }
    double right = v[last];
    if (smoothed && last > w.from && t[last] > w.rangeEndMs) {
      right = interpolate(t[last - 1], v[last - 1], t[last], v[last], w.rangeEndMs, isCounter);
    }
    double result = right - left;
    if (isCounter) {
      // The edges were handled by the interpolation; correct for resets strictly inside.
      int i0 = t[first] <= w.rangeStartMs ? first + 1 : first;
      int i1 = t[last] >= w.rangeEndMs ? last - 1 : last;
      double correction = 0;
      double prev = left;
      for (int i = i0; i <= i1; i++) {
        if (v[i] < prev) {
          correction += prev;
        }
        prev = v[i];
      }
      if (right < prev) {
        correction += prev;
      }
      result += correction;
    }
    if (isRate) {
      result /= rangeSeconds(w);
    }
    out[0] = result;
    return true;
  }

  /** First index in [from, to) whose timestamp is at or after {@code ms}, or {@code to}. */
  private static int firstAtOrAfter(long[] t, int from, int to, long ms) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] >= ms) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * The value at {@code at} on the line through two samples. For counters a decrease between them
   * is a reset, so the line starts from zero.
   */
  static double interpolate(long t1, double y1, long t2, double y2, long at, boolean isCounter) {
    if (isCounter && y2 < y1) {
      y1 = 0;
    }
    return y1 + (y2 - y1) * (double) (at - t1) / (double) (t2 - t1);
  }
}
