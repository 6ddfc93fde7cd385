package io.hearth.scrape.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the discoverers of every scrape job and hands the scrape manager each changed job's full
 * current list of target groups, as Prometheus's discovery manager does.
 *
 * <p>A provider is one running {@link Discoverer}, made from one {@link DiscoveryConfig}; jobs
 * whose configs are equal share it. A provider's groups are kept by source, so a report replaces
 * or (with no targets) removes only the groups it names. Pushes are coalesced: the first change
 * after a quiet spell goes out at once, and while changes keep coming the pause between pushes
 * grows from 100 ms to the update delay (5 s by default), like upstream's backed-off {@code
 * updatert}. Each push maps every job that changed to all its groups, in config order; a job
 * removed by {@link #apply} is pushed once with no groups.
 *
 * <p>Thread-safe. Discoverers report from their own threads; the consumer is called from one
 * sender thread, one push at a time, never under a lock.
 */
public final class DiscoveryManager implements AutoCloseable {
  public static final Duration DEFAULT_UPDATE_DELAY = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(DiscoveryManager.class.getName());
  private static final long FIRST_BACKOFF_NANOS = Duration.ofMillis(100).toNanos();

  private final Consumer<Map<String, List<TargetGroup>>> consumer;
  private final long delayNanos;
  private final ReentrantLock applyLock = new ReentrantLock(); // one apply or close at a time
  private final ReentrantLock lock = new ReentrantLock(); // guards everything below
  private final Condition wake = lock.newCondition();
  private final Thread sender;

  private Map<String, List<Provider>> jobs = Map.of();
  private final Set<String> dirty = new LinkedHashSet<>();
  private int applying; // pushes wait while apply starts discoverers, so none goes out half-built
  private int nextProviderIndex;
  private boolean closed;
  // Self-metrics: reports received from discoverers and pushes sent to the consumer.
  private final java.util.concurrent.atomic.LongAdder receivedUpdates = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder sentUpdates = new java.util.concurrent.atomic.LongAdder();

  /** One running discoverer and the groups it has reported. */
  private static final class Provider {
    final int index;
    final DiscoveryConfig config;
    final Map<String, TargetGroup> groups = new LinkedHashMap<>();
    Set<String> jobs = Set.of();
    Discoverer discoverer;
    boolean stopped;
    boolean failed; // failed to start: holds no groups, and a reload makes a fresh one

    Provider(int index, DiscoveryConfig config) {
      this.index = index;
      this.config = config;
    }
  }

  public DiscoveryManager(Consumer<Map<String, List<TargetGroup>>> consumer) {
    this(consumer, DEFAULT_UPDATE_DELAY);
  }

  public DiscoveryManager(Consumer<Map<String, List<TargetGroup>>> consumer, Duration updateDelay) {
    if (updateDelay.isNegative()) {
      throw new IllegalArgumentException("update delay must not be negative, got " + updateDelay);
    }
    this.consumer = consumer;
    this.delayNanos = updateDelay.toNanos();
    this.sender = Thread.ofVirtual().name("discovery-sender").start(this::sendLoop);
  }

  /**
   * Makes the running discoverers those of {@code configs} (job name → its discovery configs).
   * A discoverer whose config equals a running one's keeps running, with its groups; others start,
   * and those no job needs any more stop before this returns. Jobs whose discoverers are all kept
   * see no push.
   */
  public void apply(Map<String, List<DiscoveryConfig>> configs) {
    applyLock.lock();
    try {
      List<Provider> toStart = new ArrayList<>();
      List<Provider> toStop = new ArrayList<>();
      lock.lock();
      try {
        if (closed) {
          throw new IllegalStateException("discovery manager is closed");
        }
        applying++;
        Map<Provider, Set<String>> subs = new LinkedHashMap<>();
        Map<String, List<Provider>> next = new LinkedHashMap<>();
        for (Map.Entry<String, List<DiscoveryConfig>> job : configs.entrySet()) {
          List<Provider> list = new ArrayList<>();
          for (DiscoveryConfig cfg : job.getValue()) {
            Provider p = find(cfg, subs.keySet());
            if (p == null) {
              p = new Provider(nextProviderIndex++, cfg);
              toStart.add(p);
            }
            if (!list.contains(p)) {
              list.add(p);
            }
            subs.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(job.getKey());
          }
          next.put(job.getKey(), List.copyOf(list));
        }
        subs.forEach((p, s) -> p.jobs = Set.copyOf(s));
        for (List<Provider> old : jobs.values()) {
          for (Provider p : old) {
            if (!subs.containsKey(p) && !p.stopped) {
              p.stopped = true;
              toStop.add(p);
            }
          }
        }
        for (Map.Entry<String, List<Provider>> job : next.entrySet()) {
          List<Provider> old = jobs.get(job.getKey());
          if (old == null || !old.equals(job.getValue())) { // Provider equality is identity
            dirty.add(job.getKey());
          }
        }
        for (String job : jobs.keySet()) {
          if (!next.containsKey(job)) {
            dirty.add(job);
          }
        }
        jobs = next;
      } finally {
        lock.unlock();
      }
      for (Provider p : toStop) {
        closeQuietly(p);
      }
      for (Provider p : toStart) {
        start(p);
      }
    } finally {
      lock.lock();
      try {
        applying = Math.max(0, applying - 1);
        wake.signalAll();
      } finally {
        lock.unlock();
      }
      applyLock.unlock();
    }
  }

  /** A running provider whose config equals {@code cfg}: an old one, or one made in this apply. */
  private Provider find(DiscoveryConfig cfg, Set<Provider> made) {
    for (Provider p : made) {
      if (p.config.equals(cfg)) {
        return p;
      }
    }
    for (List<Provider> list : jobs.values()) {
      for (Provider p : list) {
        if (!p.failed && !p.stopped && p.config.equals(cfg)) {
          return p;
        }
      }
    }
    return null;
  }

  private void start(Provider p) {
    try {
      Discoverer d = p.config.newDiscoverer();
      lock.lock();
      try {
        p.discoverer = d;
      } finally {
        lock.unlock();
      }
      d.start(groups -> report(p, groups));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Cannot start service discovery #" + p.index + " (" + p.config.key() + ") for " + p.jobs, e);
      lock.lock();
      try {
        p.failed = true;
        if (!p.groups.isEmpty()) {
          p.groups.clear();
          dirty.addAll(p.jobs);
          wake.signalAll();
        }
      } finally {
        lock.unlock();
      }
      closeQuietly(p);
    }
  }

  private void report(Provider p, List<TargetGroup> groups) {
    receivedUpdates.increment();
    lock.lock();
    try {
      if (p.stopped || p.failed || groups == null) {
        return;
      }
      boolean changed = false;
      for (TargetGroup g : groups) {
        if (g == null) {
          continue;
        }
        if (g.targets().isEmpty()) {
          changed |= p.groups.remove(g.source()) != null;
        } else if (!g.equals(p.groups.get(g.source()))) {
          p.groups.put(g.source(), g);
          changed = true;
        }
      }
      if (changed) {
        dirty.addAll(p.jobs);
        wake.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void sendLoop() {
    long lastSent = System.nanoTime() - delayNanos - 1;
    long backoff = 0;
    while (true) {
      Map<String, List<TargetGroup>> push;
      lock.lock();
      try {
        while (!closed && (dirty.isEmpty() || applying > 0)) {
          wake.awaitUninterruptibly();
        }
        if (closed) {
          return;
        }
        long now = System.nanoTime();
        if (now - lastSent > delayNanos) {
          backoff = 0; // quiet for a while: this change goes out at once
        }
        long due = lastSent + backoff;
        if (due - now > 0) {
          try {
            wake.awaitNanos(due - now);
          } catch (InterruptedException e) {
            return;
          }
          continue; // recheck: closed, or an apply began
        }
        push = snapshot();
        dirty.clear();
      } finally {
        lock.unlock();
      }
      sentUpdates.increment();
      try {
        consumer.accept(push);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "discovery consumer failed on a push of " + push.keySet(), e);
      }
      lastSent = System.nanoTime();
      backoff = backoff == 0 ? Math.min(FIRST_BACKOFF_NANOS, delayNanos) : Math.min(backoff * 3 / 2, delayNanos);
    }
  }

  /** Every dirty job's full current groups; called under {@link #lock}. */
  private Map<String, List<TargetGroup>> snapshot() {
    Map<String, List<TargetGroup>> out = new LinkedHashMap<>();
    for (String job : dirty) {
      List<Provider> providers = jobs.get(job);
      List<TargetGroup> groups = new ArrayList<>();
      if (providers != null) {
        for (Provider p : providers) {
          groups.addAll(p.groups.values());
        }
      }
      out.put(job, List.copyOf(groups));
    }
    return out;
  }

  /** Every job's current groups, whether pushed yet or not. */
  public Map<String, List<TargetGroup>> current() {
    lock.lock();
    try {
      Map<String, List<TargetGroup>> out = new LinkedHashMap<>();
      jobs.forEach((job, providers) -> {
        List<TargetGroup> groups = new ArrayList<>();
        providers.forEach(p -> groups.addAll(p.groups.values()));
        out.put(job, List.copyOf(groups));
      });
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Reports the discoverers have made, changed or not. */
  public long receivedUpdates() {
    return receivedUpdates.sum();
  }

  /** Pushes handed to the consumer. */
  public long sentUpdates() {
    return sentUpdates.sum();
  }

  /** How many targets each job's groups hold now, duplicates across groups counted each time. */
  public Map<String, Integer> discoveredTargetCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    current().forEach((job, groups) -> {
      int n = 0;
      for (TargetGroup g : groups) {
        n += g.targets().size();
      }
      out.put(job, n);
    });
    return out;
  }

  /** Stops every discoverer and the sender; a push under way finishes first. Never throws. */
  @Override
  public void close() {
    applyLock.lock();
    List<Provider> toStop = new ArrayList<>();
    try {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        Set<Provider> all = new HashSet<>();
        jobs.values().forEach(all::addAll);
        for (Provider p : all) {
          p.stopped = true;
          toStop.add(p);
        }
        wake.signalAll();
      } finally {
        lock.unlock();
      }
      for (Provider p : toStop) {
        closeQuietly(p);
      }
    } finally {
      applyLock.unlock();
    }
    if (Thread.currentThread() != sender) {
      try {
        if (!sender.join(Duration.ofSeconds(10))) {
          LOG.log(Level.WARNING, "discovery consumer did not return within 10s of close");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(Provider p) {
    Discoverer d = p.discoverer;
    if (d == null) {
      return;
    }
    try {
      d.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "closing service discovery " + p.config.key() + " failed", e);
    }
  }
}
