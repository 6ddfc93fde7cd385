package io.hearth.promql.ast;

import java.util.List;

/**
 * How the two sides of a vector-vector binary operation pair up.
 *
 * @param labels the {@code on} or {@code ignoring} labels
 * @param on whether {@code labels} came from {@code on} (true) or {@code ignoring} (false); also
 *     true for an explicit {@code on()} with no labels
 * @param include the extra labels of {@code group_left}/{@code group_right}
 */
public record VectorMatching(
    Cardinality cardinality, List<String> labels, boolean on, List<String> include) {
  public enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY,
    MANY_TO_MANY
  }

  public VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }
}
