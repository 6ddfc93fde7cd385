package io.hearth.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class UnionPostingsTest extends PostingsContractTest {
  /** A thousand small lists over two million refs: many full-size windows, as a regex makes. */
  @Test
  void manySmallListsAcrossManyWindows() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    TreeSet<Long> model = new TreeSet<>();
    Postings[] inputs = new Postings[1000];
    for (int i = 0; i < inputs.length; i++) {
      long[] refs = random.longs(1 + random.nextInt(400), 1, 2_000_000).sorted().distinct().toArray();
      for (long r : refs) {
        model.add(r);
      }
      inputs[i] = Postings.of(refs);
    }
    Postings p = new UnionPostings(inputs);
    assertThat(p.cost()).isGreaterThanOrEqualTo(model.size());
    long cur = 0;
    int seen = 0;
    while (cur != Postings.END) {
      long want;
      long got;
      if (random.nextInt(4) == 0) {
        long target = cur + random.nextInt(random.nextBoolean() ? 100 : 200_000);
        Long c = model.ceiling(Math.max(target, cur + 1));
        want = c == null ? Postings.END : c;
        got = p.advance(target);
      } else {
        Long c = model.higher(cur);
        want = c == null ? Postings.END : c;
        got = p.next();
      }
      assertThat(got).as("seed %d after %d", seed, cur).isEqualTo(want);
      if (got != Postings.END && seen % 64 == 0) {
        assertThat(p.cost()).as("seed %d", seed).isGreaterThanOrEqualTo(model.tailSet(got, false).size());
      }
      cur = got;
      seen++;
    }
    assertThat(seen).isPositive();
  }

  /** Three to eight inputs; each ref goes to one random input, and sometimes to others too. */
  @Override
  Postings create(long[] refs, Random random) {
    return new UnionPostings(split(refs, 3 + random.nextInt(6), random));
  }

  static Postings[] split(long[] refs, int k, Random random) {
    long[][] parts = new long[k][refs.length];
    int[] sizes = new int[k];
    for (long r : refs) {
      int home = random.nextInt(k);
      for (int i = 0; i < k; i++) {
        if (i == home || random.nextInt(4) == 0) {
          parts[i][sizes[i]++] = r;
        }
      }
    }
    Postings[] out = new Postings[k];
    for (int i = 0; i < k; i++) {
      out[i] = Postings.of(Arrays.copyOf(parts[i], sizes[i]));
    }
    return out;
  }
}
