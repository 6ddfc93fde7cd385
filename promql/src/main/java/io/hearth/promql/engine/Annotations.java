package io.hearth.promql.engine;

import java.util.List;

/**
 * Warnings and infos raised while evaluating, rendered as the HTTP API renders them, for example
 * {@code PromQL warning: sort is ineffective for range queries since results are always ordered by
 * labels (1:1)}. Each message appears once.
 */
public record Annotations(List<String> warnings, List<String> infos) {
  public static final Annotations NONE = new Annotations(List.of(), List.of());

  public Annotations {
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }
}
