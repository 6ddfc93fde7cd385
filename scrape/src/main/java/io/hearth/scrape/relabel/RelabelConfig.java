package io.hearth.scrape.relabel;

import java.util.List;

/**
 * One relabel rule with Prometheus's defaults applied ({@code separator ";"}, {@code regex
 * (.*)}, {@code replacement $1}, {@code action replace}); validated when built from config.
 *
 * @param modulus for {@code hashmod}; 0 otherwise
 * @param targetLabel empty when unset
 */
public record RelabelConfig(
    List<String> sourceLabels,
    String separator,
    RelabelRegex regex,
    long modulus,
    String targetLabel,
    String replacement,
    Action action) {
  public RelabelConfig {
    sourceLabels = List.copyOf(sourceLabels);
  }
}
