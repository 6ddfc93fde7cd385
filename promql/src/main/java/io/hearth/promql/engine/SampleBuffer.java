package io.hearth.promql.engine;

import io.hearth.storage.SampleIterator;
import io.hearth.storage.StaleMarker;
import io.hearth.storage.ValueType;
import java.util.Arrays;

/**
 * The decoded float samples of one series, reused from series to series so a selector decodes
 * each series once into primitive arrays. Not thread-safe.
 */
final class SampleBuffer {
  long[] t = new long[64];
  double[] v = new double[64];
  int n;

  /**
   * Replaces the contents with the samples of {@code it} in {@code [minT, maxT]}.
   *
   * @param dropStale whether to leave stale markers out (range selectors) or keep them (instant
   *     selectors, where a marker ends the series)
   */
  void load(SampleIterator it, long minT, long maxT, boolean dropStale) {
    n = 0;
    ValueType vt = it.seek(minT);
    while (vt == ValueType.FLOAT) {
      long ts = it.t();
      if (ts > maxT) {
        break;
      }
      double val = it.v();
      if (!dropStale || !StaleMarker.isStale(val)) {
        add(ts, val);
      }
      vt = it.next();
    }
  }

  void add(long ts, double val) {
    if (n == t.length) {
      t = Arrays.copyOf(t, n * 2);
      v = Arrays.copyOf(v, n * 2);
    }
    t[n] = ts;
    v[n] = val;
    n++;
  }

  void clear() {
    n = 0;
  }
}
