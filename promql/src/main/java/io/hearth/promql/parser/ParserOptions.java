package io.hearth.promql.parser;

/**
 * Parser feature switches, mirroring Prometheus's {@code --enable-feature} flags that change what
 * parses.
 *
 * @param experimentalFunctions allow functions and aggregations that Prometheus marks
 *     experimental ({@code promql-experimental-functions}), e.g. {@code limitk}, {@code sort_by_label}
 */
public record ParserOptions(boolean experimentalFunctions) {
  /** Prometheus's defaults: every experimental feature off. */
  public static final ParserOptions DEFAULT = new ParserOptions(false);

  public ParserOptions withExperimentalFunctions(boolean on) {
    return new ParserOptions(on);
  }
}
