package io.hearth.promql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads the independent per-series work of one query node over the machine's cores. Decoding a
 * series and sliding a function over its windows touches nothing shared, so a large range query
 * is bound by one core only if it runs on one. Small work stays on the calling thread, where
 * handing it over would cost more than it saves. The pool's threads are daemons shared by every
 * engine.
 */
final class QueryWorkers {
  /**
   * Below this estimate (samples decoded plus windows evaluated) work stays on the caller. Tests
   * move it to run the same query down both paths.
   */
  static volatile long minParallelWork = 200_000;

  /**
   * Series handed out per round: enough to keep every core busy, few enough that their chunk
   * snapshots (up to about 1 KiB each for the open chunk) stay small.
   */
  static final int BATCH = 4096;

  private static final int PARALLELISM = Runtime.getRuntime().availableProcessors();
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ForkJoinPool POOL =
      PARALLELISM > 1
          ? new ForkJoinPool(
              PARALLELISM,
              pool -> {
                ForkJoinWorkerThread t =
                    ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("hearth-query-worker-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              },
              null,
              false)
          : null;

  /** A slice {@code [from, to)} of the work, run on one thread with its own scratch state. */
  @FunctionalInterface
  interface Slice {
    void run(int from, int to);
  }

  private QueryWorkers() {}

  /** Whether work of this estimated size is worth spreading. */
  static boolean isWorthIt(long work) {
    return POOL != null && work >= minParallelWork;
  }

  /**
   * Runs {@code slice} over {@code [0, n)} in a few slices per core and waits for all of them. The
   * first failure is rethrown as it was thrown (a {@link io.hearth.promql.PromqlException} stays
   * one); the other slices still finish, since they stop at their next interruption check anyway.
   */
  static void forEach(int n, Slice slice) {
    int parts = Math.min(n, PARALLELISM * 4);
    if (POOL == null || parts <= 1) {
      slice.run(0, n);
      return;
    }
    List<Callable<Void>> tasks = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      tasks.add(
          () -> {
            slice.run(from, to);
            return null;
          });
    }
    RuntimeException failure = null;
    try {
      for (Future<Void> f : POOL.invokeAll(tasks)) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = unwrap(e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for query workers", e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(cause);
  }
}
