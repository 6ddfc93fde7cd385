package io.hearth.promql.differential;

import io.hearth.labels.Labels;
import java.util.List;

/**
 * A query's answer from either side, reduced to what both can express: the result type, its
 * series (one point each for a vector, one unlabelled series for a scalar), the string of a
 * string result, or the error text.
 */
final class Answer {
  enum Kind { SCALAR, STRING, VECTOR, MATRIX, ERROR }

  final Kind kind;
  final List<Curve> curves;
  final String text;

  private Answer(Kind kind, List<Curve> curves, String text) {
    this.kind = kind;
    this.curves = List.copyOf(curves);
    this.text = text;
  }

  static Answer scalar(long t, double v) {
    return new Answer(Kind.SCALAR, List.of(new Curve(Labels.EMPTY, new long[] {t}, new double[] {v})), "");
  }

  static Answer string(long t, String s) {
    return new Answer(Kind.STRING, List.of(new Curve(Labels.EMPTY, new long[] {t}, new double[] {0})), s);
  }

  static Answer vector(List<Curve> points) {
    return new Answer(Kind.VECTOR, points, "");
  }

  static Answer matrix(List<Curve> series) {
    return new Answer(Kind.MATRIX, series, "");
  }

  static Answer error(String message) {
    return new Answer(Kind.ERROR, List.of(), message);
  }

  /** Points over all series. */
  long points() {
    long n = 0;
    for (Curve c : curves) {
      n += c.t.length;
    }
    return n;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ERROR -> "error: " + text;
      case STRING -> "string " + text;
      default -> kind.name().toLowerCase() + " of " + curves.size() + " series, " + points() + " points";
    };
  }

  /** One series of an answer: labels and points in time order (milliseconds). */
  static final class Curve {
    final Labels labels;
    final long[] t;
    final double[] v;

    Curve(Labels labels, long[] t, double[] v) {
      if (t.length != v.length) {
        throw new IllegalArgumentException("times and values differ in length: " + t.length + " vs " + v.length);
      }
      this.labels = labels;
      this.t = t;
      this.v = v;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(labels.toString()).append(" =>");
      for (int i = 0; i < t.length && i < 6; i++) {
        b.append(' ').append(v[i]).append(" @").append(t[i]);
      }
      if (t.length > 6) {
        b.append(" ... (").append(t.length).append(" points)");
      }
      return b.toString();
    }
  }
}
