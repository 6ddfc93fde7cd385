package io.hearth.server;

import io.hearth.promql.PromqlException;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.parser.PromqlParser;
import java.io.PrintStream;
import java.util.Set;

/**
 * The command-line flags that configure the PromQL engine, under Prometheus's names and with its
 * defaults: {@code --query.lookback-delta}, {@code --query.timeout}, {@code --query.max-samples}
 * {@code --query.max-concurrency} and the features of {@code --enable-feature} (the PromQL ones and
 * {@code extra-scrape-metrics}). Not thread-safe; used once at start-up.
 */
final class QueryFlags {
  /** Features Prometheus knows that Hearth does not implement yet: accepted with a warning. */
  private static final Set<String> NOT_YET = Set.of(
      "exemplar-storage", "memory-snapshot-on-shutdown",
      "metadata-wal-records", "promql-per-step-stats", "auto-reload-config",
      "concurrent-rule-eval", "promql-duration-expr", "native-histograms",
      "ooo-native-histograms", "created-timestamp-zero-ingestion", "xor2-encoding",
      "histograms-st-encoding", "st-synthesis", "st-storage", "use-start-timestamps",
      "delayed-compaction", "promql-extended-range-selectors", "promql-binop-fill-modifiers",
      "old-ui", "otlp-deltatocumulative", "otlp-native-delta-ingestion", "type-and-unit-labels",
      "use-uncached-io", "fast-startup", "search-api");

  private EngineOptions options = EngineOptions.defaults();
  /** {@code --query.max-concurrency}: Prometheus's default is 20. */
  private int maxConcurrency = 20;
  private boolean extraScrapeMetrics;

  /**
   * Applies {@code arg} if it is one of these flags and returns whether it was.
   *
   * @throws IllegalArgumentException naming the flag when its value is malformed
   */
  boolean accept(String arg, PrintStream warnings) {
    int eq = arg.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String name = arg.substring(0, eq);
    String value = arg.substring(eq + 1);
    switch (name) {
      case "--query.lookback-delta" -> options = options.withLookbackDelta(duration(name, value));
      case "--query.timeout" -> options = options.withTimeout(duration(name, value));
      case "--query.max-samples" -> options = options.withMaxSamples(positive(name, value));
      case "--query.max-concurrency" -> maxConcurrency = (int) Math.min(positive(name, value), 10_000);
      case "--enable-feature" -> {
        for (String feature : value.split(",")) {
          enable(feature.trim(), warnings);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code extra-scrape-metrics} made {@code extra_scrape_metrics} default to true. */
  boolean extraScrapeMetrics() {
    return extraScrapeMetrics;
  }

  EngineOptions options() {
    return options;
  }

  /** Queries evaluated at once; more wait for a slot. */
  int maxConcurrency() {
    return maxConcurrency;
  }

  private void enable(String feature, PrintStream warnings) {
    switch (feature) {
      case "promql-experimental-functions" -> options = options.withExperimentalFunctions(true);
      case "promql-delayed-name-removal" -> options = options.withDelayedNameRemoval(true);
      case "extra-scrape-metrics" -> {
        extraScrapeMetrics = true;
        warnings.println("hearth: --enable-feature=extra-scrape-metrics is being phased out, as in"
            + " Prometheus: it makes extra_scrape_metrics default to true; set it in the config instead");
      }
      default -> {
        if (NOT_YET.contains(feature)) {
          warnings.println("hearth: feature " + feature + " is not supported by Hearth yet; ignored");
        } else {
          // Prometheus warns and carries on, so an old command line keeps starting.
          warnings.println("hearth: unknown option for --enable-feature: " + feature);
        }
      }
    }
  }

  private static long duration(String flag, String value) {
    long ms;
    try {
      ms = PromqlParser.parseDuration(value);
    } catch (PromqlException e) {
      throw new IllegalArgumentException(
          "invalid value \"" + value + "\" for flag " + flag + ": " + e.getMessage());
    }
    if (ms <= 0) {
      throw new IllegalArgumentException(
          "invalid value \"" + value + "\" for flag " + flag + ": must be positive");
    }
    return ms;
  }

  private static long positive(String flag, String value) {
    try {
      long n = Long.parseLong(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the flag's name
    }
    throw new IllegalArgumentException(
        "invalid value \"" + value + "\" for flag " + flag + ": expected a positive integer");
  }
}
