package io.hearth.server.flags;

import io.hearth.promql.engine.EngineOptions;
import java.util.List;
import java.util.Set;

/**
 * {@code --enable-feature}: each value is split at commas (not trimmed, as Prometheus does). The
 * PromQL features and {@code extra-scrape-metrics} take effect; Prometheus's other feature names
 * are accepted with a warning that Hearth lacks them; unknown names are warned about and ignored,
 * as Prometheus does, so an old command line keeps starting.
 *
 * @param engine the engine options with the PromQL features applied
 * @param extraScrapeMetrics whether {@code extra_scrape_metrics} defaults to true
 */
record Features(EngineOptions engine, boolean extraScrapeMetrics) {
  /** Feature names Prometheus 3.x knows that Hearth does not implement yet. */
  static final Set<String> NOT_YET = Set.of(
      "exemplar-storage", "memory-snapshot-on-shutdown", "metadata-wal-records",
      "promql-per-step-stats", "auto-reload-config", "concurrent-rule-eval", "promql-duration-expr",
      "native-histograms", "ooo-native-histograms", "created-timestamp-zero-ingestion",
      "xor2-encoding", "histograms-st-encoding", "st-synthesis", "st-storage",
      "use-start-timestamps", "delayed-compaction", "promql-extended-range-selectors",
      "promql-binop-fill-modifiers", "old-ui", "otlp-deltatocumulative",
      "otlp-native-delta-ingestion", "type-and-unit-labels", "use-uncached-io", "fast-startup",
      "search-api");

  static Features apply(List<String> values, EngineOptions engine, List<Notice> notices) {
    boolean extra = false;
    for (String value : values) {
      for (String feature : value.split(",", -1)) {
        switch (feature) {
          case "promql-experimental-functions" -> {
            engine = engine.withExperimentalFunctions(true);
            notices.add(Notice.info("Experimental PromQL functions enabled."));
          }
          case "promql-delayed-name-removal" -> {
            engine = engine.withDelayedNameRemoval(true);
            notices.add(Notice.info("Experimental PromQL delayed name removal enabled."));
          }
          case "extra-scrape-metrics" -> {
            extra = true;
            notices.add(Notice.warn("This --enable-feature option is being phased out, as in"
                + " Prometheus: for now it makes extra_scrape_metrics default to true; set"
                + " extra_scrape_metrics in the configuration file instead.", "option", feature));
          }
          default -> {
            if (NOT_YET.contains(feature)) {
              notices.add(Notice.warn("flag --enable-feature=" + feature + " is accepted for"
                  + " compatibility; Hearth does not implement that feature yet, so it has no"
                  + " effect", "option", feature));
            } else {
              notices.add(Notice.warn("Unknown option for --enable-feature", "option", feature));
            }
          }
        }
      }
    }
    return new Features(engine, extra);
  }
}
