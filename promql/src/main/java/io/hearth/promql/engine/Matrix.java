package io.hearth.promql.engine;

import java.util.List;

/** A range-vector result: series sorted by labels, as Prometheus returns them. */
public record Matrix(List<FloatSeries> series) implements Value {
  public Matrix {
    series = List.copyOf(series);
  }
}
