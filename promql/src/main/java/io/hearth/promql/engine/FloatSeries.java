package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import java.util.Arrays;

/** One series of a matrix result: labels and float points in increasing time order. Immutable. */
public final class FloatSeries {
  private final Labels labels;
  private final long[] t;
  private final double[] v;

  /** Takes the first {@code n} points of the arrays, copying them. */
  public FloatSeries(Labels labels, long[] t, double[] v, int n) {
    if (n > t.length || n > v.length) {
      throw new IllegalArgumentException("n exceeds the arrays, got " + n);
    }
    this.labels = labels;
    this.t = Arrays.copyOf(t, n);
    this.v = Arrays.copyOf(v, n);
  }

  public Labels labels() {
    return labels;
  }

  public int size() {
    return t.length;
  }

  public long t(int i) {
    return t[i];
  }

  public double v(int i) {
    return v[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatSeries s
        && labels.equals(s.labels)
        && Arrays.equals(t, s.t)
        && Arrays.equals(v, s.v);
  }

  @Override
  public int hashCode() {
    return labels.hashCode() * 31 + Arrays.hashCode(t);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(labels.toString()).append(" =>");
    for (int i = 0; i < t.length; i++) {
      b.append(' ').append(v[i]).append(" @").append(t[i]);
    }
    return b.toString();
  }
}
