package io.hearth.promql.engine;

import java.util.ArrayList;

/**
 * An instant-vector node's result over the whole step grid: its series in production order. For a
 * one-step (instant) evaluation that order is the result order the user sees, which matters after
 * {@code sort}, {@code topk} and friends.
 */
final class StepMatrix {
  final int numSteps;
  final ArrayList<StepSeries> series;

  StepMatrix(int numSteps, int expectedSeries) {
    this.numSteps = numSteps;
    this.series = new ArrayList<>(expectedSeries);
  }

  int size() {
    return series.size();
  }

  StepSeries get(int i) {
    return series.get(i);
  }

  void add(StepSeries s) {
    series.add(s);
  }

  StepSeries newSeries(io.hearth.labels.Labels labels, boolean dropName) {
    StepSeries s = new StepSeries(labels, dropName, numSteps);
    series.add(s);
    return s;
  }

  /** Total points, for the sample budget. */
  long points() {
    long n = 0;
    for (int i = 0; i < series.size(); i++) {
      n += series.get(i).count;
    }
    return n;
  }

  /** Drops series without any point. */
  void removeEmpty() {
    series.removeIf(s -> s.count == 0);
  }
}
