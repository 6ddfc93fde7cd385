package io.hearth.scrape.loop;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters over every scrape pool and loop of one {@link ScrapeManager}, read by self-monitoring
 * when it is scraped. Each is bumped at most once per scrape, sync or rejected sample, so the
 * scrape path pays a {@link LongAdder} increment and no lookup. Thread-safe.
 */
public final class ScrapeStats {
  final ScrapeObserver observer;
  final LongAdder poolsCreated = new LongAdder();
  final LongAdder poolsFailed = new LongAdder();
  final LongAdder poolReloads = new LongAdder();
  final LongAdder poolReloadsFailed = new LongAdder();
  final LongAdder exceededTargetLimit = new LongAdder();
  final LongAdder exceededSampleLimit = new LongAdder();
  final LongAdder exceededBodySizeLimit = new LongAdder();
  final LongAdder sampleOutOfOrder = new LongAdder();
  final LongAdder sampleDuplicate = new LongAdder();

  public ScrapeStats(ScrapeObserver observer) {
    this.observer = observer;
  }

  /** Scrape pools the manager tried to create (one per new job), failures included. */
  public long poolsCreated() {
    return poolsCreated.sum();
  }

  /** Scrape pools that could not be created (their HTTP client could not be built). */
  public long poolsFailed() {
    return poolsFailed.sum();
  }

  /** Reloads of a pool under a changed configuration. */
  public long poolReloads() {
    return poolReloads.sum();
  }

  /** Pool reloads that failed (the new HTTP client could not be built). */
  public long poolReloadsFailed() {
    return poolReloadsFailed.sum();
  }

  /** Syncs and reloads after which a pool had more targets than its {@code target_limit}. */
  public long exceededTargetLimit() {
    return exceededTargetLimit.sum();
  }

  /** Scrapes failed for exceeding their {@code sample_limit}. */
  public long exceededSampleLimit() {
    return exceededSampleLimit.sum();
  }

  /** Scrapes failed for a body larger than their {@code body_size_limit}. */
  public long exceededBodySizeLimit() {
    return exceededBodySizeLimit.sum();
  }

  /** Samples the storage refused as older than their series' newest sample. */
  public long sampleOutOfOrder() {
    return sampleOutOfOrder.sum();
  }

  /** Samples refused for repeating a timestamp with another value (or twice in one scrape). */
  public long sampleDuplicate() {
    return sampleDuplicate.sum();
  }
}
