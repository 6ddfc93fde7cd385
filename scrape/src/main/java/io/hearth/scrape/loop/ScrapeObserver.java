package io.hearth.scrape.loop;

import java.time.Duration;

/**
 * Timings the scrape manager reports as they happen, for self-monitoring summaries that cannot be
 * kept as plain counters. Called from scrape loops and pool syncs, once per scrape or sync, never
 * per sample; implementations must be thread-safe and quick.
 */
public interface ScrapeObserver {
  /** Observes nothing. */
  ScrapeObserver NONE = new ScrapeObserver() {};

  /**
   * A loop began a scrape {@code nanos} after it began the previous one.
   *
   * @param interval the target's configured scrape interval
   */
  default void scrapeInterval(Duration interval, long nanos) {}

  /**
   * A pool turned discovered groups into targets.
   *
   * @param nanos how long the sync took
   * @param failedTargets targets whose labels could not be made (logged and skipped)
   */
  default void poolSynced(String job, long nanos, int failedTargets) {}
}
