package io.hearth.promql.engine;

import java.util.List;

/**
 * An instant-vector result. Its order is meaningful only after {@code sort}, {@code sort_desc},
 * {@code sort_by_label}, {@code topk} and {@code bottomk}; otherwise it is unspecified.
 */
public record Vector(List<Sample> samples) implements Value {
  public Vector {
    samples = List.copyOf(samples);
  }
}
