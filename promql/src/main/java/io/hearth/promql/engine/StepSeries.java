package io.hearth.promql.engine;

import io.hearth.labels.Labels;

/**
 * One series of an instant-vector node evaluated over every step of the grid: a dense value per
 * step plus a presence bitmap, so a node costs two arrays per series and no object per sample.
 * Mutable working data, owned by the node that produced it until handed to its parent.
 */
final class StepSeries {
  Labels labels;
  /** Upstream's DropName: the metric name is to be removed once evaluation ends. */
  boolean dropName;

  final double[] v;
  final long[] present;
  int count;

  StepSeries(Labels labels, boolean dropName, int numSteps) {
    this.labels = labels;
    this.dropName = dropName;
    this.v = new double[numSteps];
    this.present = new long[(numSteps + 63) >>> 6];
  }

  boolean has(int step) {
    return (present[step >>> 6] & (1L << step)) != 0;
  }

  void set(int step, double value) {
    long bit = 1L << step;
    int w = step >>> 6;
    if ((present[w] & bit) == 0) {
      present[w] |= bit;
      count++;
    }
    v[step] = value;
  }

  void clear(int step) {
    long bit = 1L << step;
    int w = step >>> 6;
    if ((present[w] & bit) != 0) {
      present[w] &= ~bit;
      count--;
    }
  }

  /** A copy with other labels, same points. */
  StepSeries copyWith(Labels newLabels, boolean newDropName) {
    StepSeries s = new StepSeries(newLabels, newDropName, v.length);
    System.arraycopy(v, 0, s.v, 0, v.length);
    System.arraycopy(present, 0, s.present, 0, present.length);
    s.count = count;
    return s;
  }

  /** The index of the first present step at or after {@code from}, or -1. */
  int nextPresent(int from) {
    int w = from >>> 6;
    if (w >= present.length) {
      return -1;
    }
    long word = present[w] & (-1L << from);
    while (true) {
      if (word != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      if (++w == present.length) {
        return -1;
      }
      word = present[w];
    }
  }
}
