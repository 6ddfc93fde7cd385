package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.storage.Appendable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The targets of one scrape job and their loops. {@link #sync} turns discovered groups into
 * targets (relabeling, validation, deduplication by label set), starts loops for new targets and
 * stops those whose target is gone, which then write end-of-run staleness markers.
 */
final class ScrapePool {
  private static final Logger LOG = Logger.getLogger(ScrapePool.class.getName());

  private final Appendable storage;
  private final SymbolTable symbols;
  private final FetcherFactory.Maker fetchers;
  private final long offsetSeed;
  private final ScrapeStats stats;

  private ScrapeConfig config;
  private FetcherFactory factory;
  private ScrapeFailureLog failureLog;
  private List<TargetGroup> lastGroups = List.of();
  /** Loops by the target's full label set (the {@code __} labels included: they make the URL). */
  private final Map<Labels, ScrapeLoop> loops = new LinkedHashMap<>();
  private List<Target> dropped = List.of();
  private int droppedCount;

  ScrapePool(
      ScrapeConfig config,
      Appendable storage,
      SymbolTable symbols,
      FetcherFactory.Maker fetchers,
      long offsetSeed,
      ScrapeStats stats) {
    this.storage = storage;
    this.symbols = symbols;
    this.fetchers = fetchers;
    this.offsetSeed = offsetSeed;
    this.stats = stats;
    setConfig(config);
  }

  private void setConfig(ScrapeConfig config) {
    this.config = config;
    this.factory = fetchers.forConfig(config);
    String logFile = config.scrapeFailureLogFile();
    this.failureLog = logFile == null || logFile.isEmpty() ? null : new ScrapeFailureLog(Path.of(logFile));
  }

  synchronized ScrapeConfig config() {
    return config;
  }

  /** Replaces the targets with those the groups describe. */
  synchronized void sync(List<TargetGroup> groups) {
    long syncStart = System.nanoTime();
    int failed = 0;
    lastGroups = List.copyOf(groups);
    Map<Labels, TargetLabels.Result> wanted = new LinkedHashMap<>();
    List<Target> newDropped = new ArrayList<>();
    int newDroppedCount = 0;
    for (TargetGroup g : groups) {
      for (int i = 0; i < g.targets().size(); i++) {
        TargetLabels.Result r = TargetLabels.populate(g.targets().get(i), g.labels(), config);
        if (r.error() != null) {
          failed++;
          LOG.warning(
              "creating target failed: scrape_pool="
                  + config.jobName()
                  + " err=instance "
                  + i
                  + " in group "
                  + g.source()
                  + ": "
                  + r.error());
          continue;
        }
        if (r.dropped()) {
          newDroppedCount++;
          if (config.keepDroppedTargets() == 0 || newDropped.size() < config.keepDroppedTargets()) {
            newDropped.add(droppedTarget(r));
          }
          continue;
        }
        wanted.putIfAbsent(r.labels(), r);
      }
    }
    dropped = List.copyOf(newDropped);
    droppedCount = newDroppedCount;

    for (var it = loops.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.containsKey(e.getKey())) {
        e.getValue().stop(true);
        it.remove();
      }
    }
    List<ScrapeLoop> started = new ArrayList<>();
    for (var e : wanted.entrySet()) {
      if (!loops.containsKey(e.getKey())) {
        ScrapeLoop loop = newLoop(newTarget(e.getValue()));
        loops.put(e.getKey(), loop);
        started.add(loop);
      }
    }
    // The limit applies before any new loop runs: none may scrape once past it.
    applyTargetLimit();
    for (ScrapeLoop l : started) {
      l.start();
    }
    stats.observer.poolSynced(config.jobName(), System.nanoTime() - syncStart, failed);
  }

  private void applyTargetLimit() {
    long limit = config.targetLimit();
    String error =
        limit > 0 && loops.size() > limit
            ? "target_limit exceeded (number of targets: " + loops.size() + ", limit: " + limit + ")"
            : null;
    if (error != null) {
      stats.exceededTargetLimit.increment();
    }
    for (ScrapeLoop l : loops.values()) {
      l.forceError(error);
    }
  }

  private Target newTarget(TargetLabels.Result r) {
    return new Target(
        config.jobName(),
        TargetLabels.publicLabels(r.labels()),
        r.discovered(),
        URI.create(TargetLabels.scrapeUrl(r.labels(), config.params())),
        Duration.ofNanos(TargetLabels.intervalNanos(r.labels())),
        Duration.ofNanos(TargetLabels.timeoutNanos(r.labels())),
        TargetLabels.hash(r.labels(), TargetLabels.scrapeUrl(r.labels(), config.params())));
  }

  /** A dropped target has only its discovered labels: relabeling left nothing to scrape. */
  private Target droppedTarget(TargetLabels.Result r) {
    return new Target(
        config.jobName(),
        Labels.EMPTY,
        r.discovered(),
        null,
        config.scrapeInterval(),
        config.scrapeTimeout(),
        0);
  }

  private ScrapeLoop newLoop(Target t) {
    ScrapeConfig perTarget = config;
    if (!t.interval().equals(config.scrapeInterval()) || !t.timeout().equals(config.scrapeTimeout())) {
      perTarget = ScrapeConfigs.withTiming(config, t.interval(), t.timeout());
    }
    long offset =
        TargetLabels.offsetNanos(
            t.hash(), perTarget.scrapeInterval().toNanos(), offsetSeed, epochNanos());
    TargetFetcher fetcher = factory.fetcher(t.url(), perTarget.scrapeTimeout());
    return new ScrapeLoop(t, perTarget, fetcher, storage, symbols, offset, failureLog, stats);
  }

  /**
   * Applies a changed configuration: every loop restarts under it (the series continue, so no
   * staleness markers), and the targets are rebuilt from the last discovered groups.
   */
  synchronized void reload(ScrapeConfig newConfig) {
    List<ScrapeLoop> old = new ArrayList<>(loops.values());
    loops.clear();
    for (ScrapeLoop l : old) {
      l.stop(false);
    }
    awaitAll(old);
    closeResources();
    setConfig(newConfig);
    sync(lastGroups);
  }

  synchronized List<Target> activeTargets() {
    List<Target> out = new ArrayList<>(loops.size());
    for (ScrapeLoop l : loops.values()) {
      out.add(l.target());
    }
    return out;
  }

  synchronized int activeTargetsCount() {
    return loops.size();
  }

  synchronized List<Target> droppedTargets() {
    return dropped;
  }

  synchronized int droppedTargetsCount() {
    return droppedCount;
  }

  /**
   * Stops every loop.
   *
   * @param markStale true when the job was removed from the config (its series end), false on
   *     shutdown (they continue after a restart)
   */
  synchronized void stop(boolean markStale) {
    List<ScrapeLoop> old = new ArrayList<>(loops.values());
    loops.clear();
    for (ScrapeLoop l : old) {
      l.stop(markStale);
    }
    if (!markStale) {
      awaitAll(old);
      closeResources();
    } else {
      // The loops linger for their staleness markers; release the client once they are done.
      FetcherFactory f = factory;
      ScrapeFailureLog log = failureLog;
      Thread.ofVirtual()
          .name("scrape pool " + config.jobName() + " cleanup")
          .start(
              () -> {
                awaitAll(old);
                f.close();
                if (log != null) {
                  log.close();
                }
              });
    }
  }

  private void closeResources() {
    factory.close();
    if (failureLog != null) {
      failureLog.close();
    }
  }

  private static void awaitAll(List<ScrapeLoop> loops) {
    for (ScrapeLoop l : loops) {
      try {
        l.awaitTermination(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.log(Level.WARNING, "interrupted while stopping scrape loops", e);
        return;
      }
    }
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
