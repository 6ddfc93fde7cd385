package io.hearth.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MemPostingsTest {
  @Test
  void indexesEachLabelAndAllSeries() {
    MemPostings mp = new MemPostings();
    mp.add(1, Labels.of("__name__", "up", "job", "api"));
    mp.add(2, Labels.of("__name__", "up", "job", "web"));
    mp.add(3, Labels.of("__name__", "errors", "job", "api", "code", "500"));
    assertThat(Postings.toArray(mp.postings("__name__", "up"))).containsExactly(1, 2);
    assertThat(Postings.toArray(mp.postings("job", "api"))).containsExactly(1, 3);
    assertThat(Postings.toArray(mp.postings("code", "500"))).containsExactly(3);
    assertThat(Postings.toArray(mp.all())).containsExactly(1, 2, 3);
    assertThat(mp.postings("job", "db")).isSameAs(Postings.empty());
    assertThat(mp.postings("nope", "x")).isSameAs(Postings.empty());
    assertThat(mp.labelNames()).containsExactly("__name__", "code", "job");
    assertThat(mp.labelValues("job")).containsExactly("api", "web");
    assertThat(mp.labelValues("__name__")).containsExactly("errors", "up");
    assertThat(mp.labelValues("nope")).isEmpty();
    assertThat(mp.numSeries()).isEqualTo(3);
  }

  @Test
  void labelValuesFollowValuesThatComeAndGo() {
    MemPostings mp = new MemPostings();
    mp.add(1, Labels.of("a", "m"));
    assertThat(mp.labelValues("a")).containsExactly("m");
    mp.add(2, Labels.of("a", "b"));
    mp.add(3, Labels.of("a", "z"));
    List<String> three = mp.labelValues("a");
    assertThat(three).containsExactly("b", "m", "z");
    mp.add(4, Labels.of("a", "z"));
    assertThat(mp.labelValues("a")).isSameAs(three);
    mp.delete(new long[] {2});
    assertThat(mp.labelValues("a")).containsExactly("m", "z");
    mp.delete(new long[] {3});
    assertThat(mp.labelValues("a")).containsExactly("m", "z");
    assertThat(three).containsExactly("b", "m", "z");
  }

  @Test
  void emptyIndex() {
    MemPostings mp = new MemPostings();
    assertThat(mp.all()).isSameAs(Postings.empty());
    assertThat(mp.labelNames()).isEmpty();
    assertThat(mp.numSeries()).isZero();
  }

  @Test
  void outOfOrderAndRepeatedAddsKeepListsSortedAndDistinct() {
    MemPostings mp = new MemPostings();
    Labels ls = Labels.of("a", "1");
    for (long r : new long[] {7, 6, 9, 8, 1, 9, 100, 50}) {
      mp.add(r, ls);
    }
    assertThat(Postings.toArray(mp.postings("a", "1"))).containsExactly(1, 6, 7, 8, 9, 50, 100);
    assertThat(mp.numSeries()).isEqualTo(7);
  }

  @Test
  void rejectsRefsOutsideTheUnsigned32BitRange() {
    MemPostings mp = new MemPostings();
    assertThatThrownBy(() -> mp.add(0, Labels.of("a", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("series ref must be in [1, 4294967295], got 0");
    assertThatThrownBy(() -> mp.add(1L << 32, Labels.of("a", "1")))
        .hasMessageContaining("got 4294967296");
    mp.add((1L << 32) - 1, Labels.of("a", "1"));
    assertThat(Postings.toArray(mp.all())).containsExactly((1L << 32) - 1);
  }

  @Test
  void postingsAreSnapshotsThatLaterAddsAndDeletesDoNotChange() {
    MemPostings mp = new MemPostings();
    Labels ls = Labels.of("a", "1");
    for (long r = 1; r <= 100; r++) {
      mp.add(r, ls);
    }
    Postings before = mp.postings("a", "1");
    Postings allBefore = mp.all();
    mp.add(101, ls);
    mp.add(150, ls);
    mp.delete(new long[] {1, 2, 3, 99});
    assertThat(Postings.toArray(before)).hasSize(100).startsWith(1, 2, 3).endsWith(99, 100);
    assertThat(Postings.toArray(allBefore)).hasSize(100);
    assertThat(Postings.toArray(mp.postings("a", "1"))).hasSize(98).startsWith(4).endsWith(100, 101, 150);
  }

  @Test
  void deleteDropsRefsAndEmptyValuesAndNames() {
    MemPostings mp = new MemPostings();
    mp.add(1, Labels.of("a", "x", "b", "only"));
    mp.add(2, Labels.of("a", "x"));
    mp.add(3, Labels.of("a", "y"));
    mp.delete(new long[] {3, 1, 1, 42});
    assertThat(Postings.toArray(mp.all())).containsExactly(2);
    assertThat(Postings.toArray(mp.postings("a", "x"))).containsExactly(2);
    assertThat(mp.postings("a", "y")).isSameAs(Postings.empty());
    assertThat(mp.labelValues("a")).containsExactly("x");
    assertThat(mp.labelNames()).containsExactly("a");
    assertThat(mp.numSeries()).isEqualTo(1);
    mp.delete(new long[0]);
    mp.delete(new long[] {2});
    assertThat(mp.labelNames()).isEmpty();
    assertThat(mp.numSeries()).isZero();
    mp.add(2, Labels.of("a", "x"));
    assertThat(Postings.toArray(mp.postings("a", "x"))).containsExactly(2);
  }

  /**
   * Appenders add refs from a shared counter, so they arrive out of order across threads, and
   * some add whole batches backwards; readers iterate meanwhile. Readers must only see sorted refs
   * that belong to the list, must see every ref whose add finished before they started, and the
   * final state must be complete. Labels are a function of the ref, so every check is exact.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentOutOfOrderAddsWithReaders() throws Exception {
    int writers = 4;
    int readers = 3;
    int total = 200_000;
    MemPostings mp = new MemPostings();
    AtomicLong nextRef = new AtomicLong();
    AtomicIntegerArray done = new AtomicIntegerArray(total + 1);
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      threads.add(Thread.ofPlatform().start(() -> run(start, failures, () -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (true) {
          int batch = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 80 : 4);
          long first = nextRef.getAndAdd(batch) + 1;
          if (first > total) {
            return;
          }
          long last = Math.min(total, first + batch - 1);
          for (long r = last; r >= first; r--) { // backwards: out of order even on one thread
            mp.add(r, labelsOf(r));
            done.set((int) r, 1);
          }
        }
      })));
    }
    AtomicLong reads = new AtomicLong();
    for (int rd = 0; rd < readers; rd++) {
      threads.add(Thread.ofPlatform().start(() -> run(start, failures, () -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (writing.get()) {
          int mod = rnd.nextBoolean() ? 7 : 13;
          int rem = rnd.nextInt(mod);
          // A ref known to be fully added before the snapshots must be in them.
          long probe = 1 + rnd.nextInt((int) Math.max(1, Math.min(total, nextRef.get())));
          boolean mustSee = done.get((int) probe) == 1 && probe % mod == rem;
          String name = mod == 7 ? "a" : "b";
          Postings early = mp.postings(name, name + rem);
          Postings late = mp.postings(name, name + rem);
          long[] first = drainChecked(early, mod, rem, total);
          // Let writers shift and grow the lists before reading the second snapshot.
          long until = nextRef.get() + 64;
          while (writing.get() && nextRef.get() < until) {
            Thread.onSpinWait();
          }
          long[] second = drainChecked(late, mod, rem, total);
          long[] third = drainChecked(mp.postings(name, name + rem), mod, rem, total);
          if (mustSee && java.util.Arrays.binarySearch(first, probe) < 0) {
            throw new AssertionError("missed ref " + probe + " added before the read started");
          }
          assertSubset(first, second);
          assertSubset(second, third);
          reads.incrementAndGet();
        }
      })));
    }
    start.countDown();
    for (int i = 0; i < writers; i++) {
      threads.get(i).join();
    }
    writing.set(false);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
    assertThat(reads.get()).isPositive();
    assertThat(mp.numSeries()).isEqualTo(total);
    for (int rem = 0; rem < 7; rem++) {
      long[] got = Postings.toArray(mp.postings("a", "a" + rem));
      final int fr = rem;
      long[] want = java.util.stream.LongStream.rangeClosed(1, total).filter(r -> r % 7 == fr).toArray();
      assertThat(got).containsExactly(want);
    }
    assertThat(Postings.toArray(mp.all())).hasSize(total).startsWith(1, 2, 3).endsWith(total);
  }

  /** Drains postings, failing unless refs are increasing and all in list {@code r % mod == rem}. */
  private static long[] drainChecked(Postings p, int mod, int rem, int total) {
    long[] refs = Postings.toArray(p);
    long prev = 0;
    for (long r : refs) {
      if (r <= prev || r % mod != rem || r > total) {
        throw new AssertionError("list " + mod + "/" + rem + " yielded " + r + " after " + prev);
      }
      prev = r;
    }
    return refs;
  }

  /** Lists only grow here, so a later snapshot must hold everything an earlier one did. */
  private static void assertSubset(long[] earlier, long[] later) {
    int j = 0;
    for (long r : earlier) {
      while (j < later.length && later[j] < r) {
        j++;
      }
      if (j == later.length || later[j] != r) {
        throw new AssertionError("ref " + r + " of an earlier snapshot missing from a later one");
      }
    }
  }

  private static Labels labelsOf(long r) {
    return Labels.of("a", "a" + (r % 7), "b", "b" + (r % 13), "id", Long.toString(r % 1000));
  }

  private static void run(CountDownLatch start, ConcurrentLinkedQueue<Throwable> failures, Runnable body) {
    try {
      start.await();
      body.run();
    } catch (Throwable t) {
      failures.add(t);
    }
  }
}
