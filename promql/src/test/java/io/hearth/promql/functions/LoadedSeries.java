package io.hearth.promql.functions;

import java.util.ArrayList;
import java.util.List;

/**
 * A float series written in the promqltest {@code load} notation ("0+10x10 0 1 NaN _"), loaded
 * from t=0 at a fixed interval, that fills a {@link Window} the way the engine's range selector
 * would: the samples in (evalTime - offset - range, evalTime - offset].
 */
final class LoadedSeries {
  final long[] t;
  final double[] v;

  private LoadedSeries(long[] t, double[] v) {
    this.t = t;
    this.v = v;
  }

  static LoadedSeries load(long intervalMs, String spec) {
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    long step = 0;
    for (String token : spec.trim().split("\\s+")) {
      int x = token.indexOf('x');
      if (token.equals("_")) {
        step++;
        continue;
      }
      if (x < 0) {
        ts.add(step++ * intervalMs);
        vs.add(parse(token));
        continue;
      }
      String head = token.substring(0, x);
      int times = Integer.parseInt(token.substring(x + 1));
      int op = Math.max(head.lastIndexOf('+'), head.lastIndexOf('-'));
      double start;
      double inc = 0;
      if (op > 0) {
        start = parse(head.substring(0, op));
        inc = parse(head.substring(op + 1)) * (head.charAt(op) == '-' ? -1 : 1);
      } else {
        start = parse(head);
      }
      for (int i = 0; i <= times; i++) {
        ts.add(step++ * intervalMs);
        vs.add(start + i * inc);
      }
    }
    long[] t = new long[ts.size()];
    double[] v = new double[vs.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = ts.get(i);
      v[i] = vs.get(i);
    }
    return new LoadedSeries(t, v);
  }

  private static double parse(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  /** Points {@code w} at the samples of range {@code rangeMs} ending at {@code endMs}. */
  Window window(Window w, long endMs, long rangeMs) {
    long start = endMs - rangeMs;
    int from = 0;
    while (from < t.length && t[from] <= start) {
      from++;
    }
    int to = from;
    while (to < t.length && t[to] <= endMs) {
      to++;
    }
    w.set(t, v, from, to, start, endMs);
    w.stepTimeMs = endMs;
    return w;
  }

  /** Like {@link #window} but also keeping samples in the {@code before}/{@code after} margins. */
  Window widened(Window w, long endMs, long rangeMs, long before, long after) {
    window(w, endMs, rangeMs);
    int from = 0;
    while (from < t.length && t[from] <= w.rangeStartMs - before) {
      from++;
    }
    int to = from;
    while (to < t.length && t[to] <= endMs + after) {
      to++;
    }
    w.from = from;
    w.to = to;
    return w;
  }
}
