package io.hearth.tsdb.index;

import static io.hearth.tsdb.index.Postings.END;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Postings} implementation passes: subclasses say how to build one that
 * yields a given set of refs, and inherit these tests (Lucene's {@code Base*TestCase} pattern).
 */
abstract class PostingsContractTest {
  /** Seed for the randomized tests; set {@code -Dtests.seed=N} to replay a failure. */
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  static {
    System.out.println("PostingsContractTest seed: -Dtests.seed=" + SEED);
  }

  private final Random random = new Random(SEED ^ getClass().getName().hashCode());

  /**
   * Returns postings over exactly {@code refs} (strictly increasing, positive, possibly empty),
   * built the way the implementation under test is built; {@code random} may shape the inputs.
   */
  abstract Postings create(long[] refs, Random random);

  static Stream<long[]> sets() {
    return Stream.of(
        new long[0],
        new long[] {1},
        new long[] {7},
        new long[] {1, 2, 3},
        new long[] {2, 4, 8, 16, 32, 64, 128},
        new long[] {1, 1000, 1_000_000, 4_000_000_000L},
        dense(1, 300),
        sparse(5, 200, 37));
  }

  @ParameterizedTest
  @MethodSource("sets")
  void nextYieldsEveryRefInOrderThenEndForever(long[] refs) {
    Postings p = create(refs, random);
    List<Long> got = new ArrayList<>();
    for (long r = p.next(); r != END; r = p.next()) {
      got.add(r);
    }
    assertThat(got).containsExactly(boxed(refs));
    assertThat(p.next()).isEqualTo(END);
    assertThat(p.advance(1)).isEqualTo(END);
    assertThat(p.advance(END)).isEqualTo(END);
    assertThat(p.cost()).isZero();
  }

  @ParameterizedTest
  @MethodSource("sets")
  void advanceBeforeFirstNextFindsFirstRefAtOrAboveTarget(long[] refs) {
    for (long target : new long[] {0, 1, 2, 3, 8, 9, 100, 1000, 1001, 4_000_000_000L, END - 1, END}) {
      Postings p = create(refs, random);
      assertThat(p.advance(target)).as("advance(%d) on %s", target, p).isEqualTo(ceiling(refs, target));
    }
  }

  @Test
  void advanceTable() {
    // refs, then pairs of (op, want): op > 0 is advance(op), op == 0 is next().
    check(new long[] {1, 3, 5, 7}, 0, 1, 3, 3, 3, 5, 0, 7, 0, END);
    check(new long[] {1, 3, 5, 7}, 4, 5, 5, 7, 7, END, 0, END);
    check(new long[] {1, 3, 5, 7}, 1, 1, 1, 3, 2, 5, 8, END);
    check(new long[] {10, 20, 30}, 31, END, 0, END, 5, END);
    check(new long[] {10, 20, 30}, END, END);
    check(new long[] {10, 20, 30}, 20, 20, 21, 30, 0, END);
    check(new long[] {5}, 5, 5, 5, END);
    check(new long[0], 1, END, 0, END);
  }

  private void check(long[] refs, long... opsAndWants) {
    Postings p = create(refs, random);
    for (int i = 0; i < opsAndWants.length; i += 2) {
      long op = opsAndWants[i];
      long got = op == 0 ? p.next() : p.advance(op);
      assertThat(got).as("step %d (%s) over %s", i / 2, op == 0 ? "next()" : "advance(" + op + ")", p).isEqualTo(opsAndWants[i + 1]);
    }
  }

  @ParameterizedTest
  @MethodSource("sets")
  void advanceToCurrentOrBelowActsAsNext(long[] refs) {
    Postings p = create(refs, random);
    long prev = p.next();
    for (int i = 1; i < refs.length; i++) {
      long got = (i % 2 == 0) ? p.advance(prev) : p.advance(prev - 1);
      assertThat(got).isEqualTo(refs[i]);
      prev = got;
    }
    assertThat(p.advance(prev)).isEqualTo(END);
  }

  @ParameterizedTest
  @MethodSource("sets")
  void costIsAnUpperBoundOfWhatRemains(long[] refs) {
    Postings p = create(refs, random);
    assertThat(p.cost()).isGreaterThanOrEqualTo(refs.length);
    for (int i = 0; i < refs.length; i++) {
      p.next();
      assertThat(p.cost()).as("after %d refs", i + 1).isGreaterThanOrEqualTo(refs.length - i - 1);
    }
  }

  @RepeatedTest(30)
  void randomOperationsAgreeWithSortedSetModel() {
    int universe = 1 + random.nextInt(random.nextBoolean() ? 50 : 5000);
    double density = random.nextDouble();
    TreeSet<Long> model = new TreeSet<>();
    for (long r = 1; r <= universe; r++) {
      if (random.nextDouble() < density) {
        model.add(r);
      }
    }
    long[] refs = model.stream().mapToLong(Long::longValue).toArray();
    Postings p = create(refs, random);
    long cur = 0;
    List<String> ops = new ArrayList<>();
    for (int step = 0; cur != END && step < 10_000; step++) {
      long want;
      long got;
      if (random.nextInt(3) == 0) {
        want = ceilingAfter(model, cur, cur + 1);
        ops.add("next()");
        got = p.next();
      } else {
        long target = cur + random.nextLong(-3, Math.max(4, universe / 8));
        if (random.nextInt(20) == 0) {
          target = random.nextBoolean() ? END : universe + 1;
        }
        want = ceilingAfter(model, cur, target);
        ops.add("advance(" + target + ")");
        got = p.advance(target);
      }
      assertThat(got)
          .as(() -> "seed " + SEED + ", universe " + universe + ", " + refs.length + " refs, last ops "
              + ops.subList(Math.max(0, ops.size() - 20), ops.size()))
          .isEqualTo(want);
      cur = got;
    }
  }

  /** The model's answer for advance(target) from {@code cur}: never at or below cur. */
  private static long ceilingAfter(NavigableSet<Long> model, long cur, long target) {
    Long r = model.ceiling(Math.max(target, cur + 1));
    return r == null ? END : r;
  }

  static long ceiling(long[] refs, long target) {
    for (long r : refs) {
      if (r >= target) {
        return r;
      }
    }
    return END;
  }

  static long[] dense(long from, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = from + i;
    }
    return out;
  }

  static long[] sparse(long from, int n, long step) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = from + i * step;
    }
    return out;
  }

  static Long[] boxed(long[] refs) {
    Long[] out = new Long[refs.length];
    for (int i = 0; i < refs.length; i++) {
      out[i] = refs[i];
    }
    return out;
  }

  /** Refs in [1, max] not in {@code refs}, each kept with probability {@code p}. */
  static long[] others(long[] refs, Random random, double p) {
    long max = refs.length == 0 ? 64 : Math.min(refs[refs.length - 1] + 64, 20_000);
    TreeSet<Long> in = new TreeSet<>();
    for (long r : refs) {
      in.add(r);
    }
    List<Long> out = new ArrayList<>();
    for (long r = 1; r <= max; r++) {
      if (in.contains(r) == false && random.nextDouble() < p) {
        out.add(r);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  static long[] merge(long[] a, long[] b) {
    TreeSet<Long> s = new TreeSet<>();
    for (long r : a) {
      s.add(r);
    }
    for (long r : b) {
      s.add(r);
    }
    return s.stream().mapToLong(Long::longValue).toArray();
  }
}
