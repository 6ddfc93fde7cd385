package io.hearth.scrape.relabel;

import java.util.List;

/**
 * Test shorthand for relabel rules with Prometheus's defaults: {@code replace}, separator {@code
 * ;}, regex {@code (.*)}, replacement {@code $1}. Each method returns a changed copy.
 */
public record Rules(
    Action action, List<String> sources, String separator, String regex, String target, String replacement, long modulus) {

  public static Rules rule(Action action) {
    return new Rules(action, List.of(), ";", "(.*)", "", "$1", 0);
  }

  public Rules src(String... names) {
    return new Rules(action, List.of(names), separator, regex, target, replacement, modulus);
  }

  public Rules sep(String s) {
    return new Rules(action, sources, s, regex, target, replacement, modulus);
  }

  public Rules regex(String r) {
    return new Rules(action, sources, separator, r, target, replacement, modulus);
  }

  public Rules target(String t) {
    return new Rules(action, sources, separator, regex, t, replacement, modulus);
  }

  public Rules replacement(String r) {
    return new Rules(action, sources, separator, regex, target, r, modulus);
  }

  public Rules modulus(long m) {
    return new Rules(action, sources, separator, regex, target, replacement, m);
  }

  public RelabelConfig build() {
    return new RelabelConfig(sources, separator, RelabelRegex.compile(regex), modulus, target, replacement, action);
  }

  public static List<RelabelConfig> all(Rules... rules) {
    return java.util.Arrays.stream(rules).map(Rules::build).toList();
  }
}
