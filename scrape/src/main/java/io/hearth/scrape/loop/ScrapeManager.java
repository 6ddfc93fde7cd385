package io.hearth.scrape.loop;

import io.hearth.labels.SymbolTable;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.storage.Appendable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * All scrape jobs: one {@link ScrapePool} per {@code job_name}. A config reload keeps the pools
 * whose config is unchanged as they are (their loops do not even pause), restarts changed ones and
 * stops removed ones. Discovery feeds it through {@link #updateTargets}.
 */
public final class ScrapeManager implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ScrapeManager.class.getName());

  private final Appendable storage;
  private final SymbolTable symbols;
  private final FetcherFactory.Maker fetchers;
  private final long offsetSeed;
  private final ScrapeStats stats;
  private final Map<String, ScrapePool> pools = new LinkedHashMap<>();
  private final Map<String, List<TargetGroup>> pendingGroups = new LinkedHashMap<>();
  private boolean closed;

  /**
   * @param offsetSeed mixed into every target's offset within its interval, so two servers with
   *     different external labels (HA pairs) do not scrape a target at the same instant
   */
  public ScrapeManager(Appendable storage, long offsetSeed) {
    this(storage, new SymbolTable(), HttpFetchers::new, offsetSeed);
  }

  /**
   * @param symbols the storage's own symbol table: label strings of new series are interned
   *     through it before they are cached, so the cache and the storage share one copy
   */
  public ScrapeManager(Appendable storage, SymbolTable symbols, long offsetSeed) {
    this(storage, symbols, HttpFetchers::new, offsetSeed, ScrapeObserver.NONE);
  }

  /** As {@link #ScrapeManager(Appendable, SymbolTable, long)}, reporting timings to {@code observer}. */
  public ScrapeManager(Appendable storage, SymbolTable symbols, long offsetSeed, ScrapeObserver observer) {
    this(storage, symbols, HttpFetchers::new, offsetSeed, observer);
  }

  ScrapeManager(
      Appendable storage, SymbolTable symbols, FetcherFactory.Maker fetchers, long offsetSeed) {
    this(storage, symbols, fetchers, offsetSeed, ScrapeObserver.NONE);
  }

  ScrapeManager(Appendable storage, SymbolTable symbols, FetcherFactory.Maker fetchers, long offsetSeed,
      ScrapeObserver observer) {
    this.storage = storage;
    this.symbols = symbols;
    this.fetchers = fetchers;
    this.offsetSeed = offsetSeed;
    this.stats = new ScrapeStats(observer);
  }

  /** Counters over every pool and loop this manager ran, for self-monitoring. */
  public ScrapeStats stats() {
    return stats;
  }

  /** Makes the set of jobs equal to {@code configs}. */
  public synchronized void applyConfig(List<ScrapeConfig> configs) {
    if (closed) {
      throw new IllegalStateException("scrape manager is closed");
    }
    Map<String, ScrapeConfig> byJob = new LinkedHashMap<>();
    for (ScrapeConfig c : configs) {
      byJob.put(c.jobName(), c);
    }
    for (var it = pools.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!byJob.containsKey(e.getKey())) {
        e.getValue().stop(true);
        it.remove();
      }
    }
    for (ScrapeConfig c : byJob.values()) {
      ScrapePool pool = pools.get(c.jobName());
      if (pool == null) {
        stats.poolsCreated.increment();
        try {
          pool = new ScrapePool(c, storage, symbols, fetchers, offsetSeed, stats);
        } catch (RuntimeException e) {
          stats.poolsFailed.increment();
          // As Prometheus: one job whose HTTP client cannot be built does not stop the others.
          LOG.warning(
              "error creating new scrape pool: scrape_pool="
                  + c.jobName()
                  + " err=error creating HTTP client: "
                  + e.getMessage());
          continue;
        }
        pools.put(c.jobName(), pool);
        List<TargetGroup> groups = pendingGroups.remove(c.jobName());
        if (groups != null) {
          pool.sync(groups);
        }
      } else if (!pool.config().equals(c)) {
        stats.poolReloads.increment();
        try {
          pool.reload(c);
        } catch (RuntimeException e) {
          stats.poolReloadsFailed.increment();
          throw e;
        }
      }
    }
  }

  /**
   * Replaces the target groups of the jobs named in {@code groupsByJob}; jobs not named keep
   * theirs. Groups for a job not (yet) configured are kept until it is.
   */
  public synchronized void updateTargets(Map<String, List<TargetGroup>> groupsByJob) {
    if (closed) {
      return;
    }
    for (var e : groupsByJob.entrySet()) {
      ScrapePool pool = pools.get(e.getKey());
      if (pool == null) {
        // Discovery may run ahead of the scrape config (or report a removed job one last time).
        if (e.getValue().isEmpty()) {
          pendingGroups.remove(e.getKey());
        } else {
          pendingGroups.put(e.getKey(), List.copyOf(e.getValue()));
        }
      } else {
        pool.sync(e.getValue());
      }
    }
  }

  /** Active targets by job, in config order. */
  public synchronized Map<String, List<Target>> activeTargets() {
    Map<String, List<Target>> out = new LinkedHashMap<>();
    pools.forEach((job, p) -> out.put(job, p.activeTargets()));
    return out;
  }

  /** Dropped targets by job (at most {@code keep_dropped_targets} each, when set). */
  public synchronized Map<String, List<Target>> droppedTargets() {
    Map<String, List<Target>> out = new LinkedHashMap<>();
    pools.forEach((job, p) -> out.put(job, p.droppedTargets()));
    return out;
  }

  /** How many targets relabeling dropped, by job, including those not kept. */
  public synchronized Map<String, Integer> droppedTargetCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    pools.forEach((job, p) -> out.put(job, p.droppedTargetsCount()));
    return out;
  }

  /** How many active targets each job has, in config order. */
  public synchronized Map<String, Integer> activeTargetCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    pools.forEach((job, p) -> out.put(job, p.activeTargetsCount()));
    return out;
  }

  /** Each job's {@code target_limit} (0: none), in config order. */
  public synchronized Map<String, Long> targetLimits() {
    Map<String, Long> out = new LinkedHashMap<>();
    pools.forEach((job, p) -> out.put(job, p.config().targetLimit()));
    return out;
  }

  /** Every active target, for callers that do not care about jobs. */
  public synchronized List<Target> allActiveTargets() {
    List<Target> out = new ArrayList<>();
    pools.values().forEach(p -> out.addAll(p.activeTargets()));
    return out;
  }

  /**
   * Stops scraping without staleness markers: after a restart the series simply continue. Waits
   * for scrapes in flight to commit.
   */
  @Override
  public synchronized void close() {
    closed = true;
    for (ScrapePool p : pools.values()) {
      p.stop(false);
    }
    pools.clear();
  }
}
