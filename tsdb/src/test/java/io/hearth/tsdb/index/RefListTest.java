package io.hearth.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefListTest {
  @Test
  void keepsRefsSortedWhateverTheArrivalOrder() {
    RefList l = new RefList();
    for (int r : new int[] {5, 3, 9, 1, 7, 7, 2, 10, 4}) {
      l.add(r);
    }
    assertThat(Postings.toArray(l.snapshot())).containsExactly(1, 2, 3, 4, 5, 7, 9, 10);
    assertThat(l.size()).isEqualTo(8);
  }

  @Test
  void storesRefsAboveIntMaxAsUnsigned() {
    RefList l = new RefList();
    long[] refs = {1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};
    for (int i = refs.length - 1; i >= 0; i--) {
      l.add((int) refs[i]);
    }
    assertThat(Postings.toArray(l.snapshot())).containsExactly(refs);
    Postings p = l.snapshot();
    assertThat(p.advance(0x8000_0000L)).isEqualTo(0x8000_0000L);
    assertThat(p.advance(0x1_0000_0000L)).isEqualTo(Postings.END);
  }

  /** Whatever happens to the list later (at the tail, deep inside, deletions), a snapshot holds. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, RefList.TAIL - 1, RefList.TAIL, RefList.TAIL + 1, 200, 999})
  void snapshotIsUnaffectedByLaterInsertsAtAnyDepthAndByRemovals(int depth) {
    RefList l = new RefList();
    List<Long> want = new ArrayList<>();
    for (int r = 10; r <= 10_000; r += 10) {
      l.add(r);
      want.add((long) r);
    }
    Postings before = l.snapshot();
    Postings partlyRead = l.snapshot();
    assertThat(partlyRead.advance(9_000)).isEqualTo(9_000);
    // One ref `depth` positions from the end, then a burst of appends and a removal.
    l.add(10_000 - 10 * depth - 5);
    for (int r = 10_001; r < 10_100; r++) {
      l.add(r);
    }
    l.removeAll(new long[] {10, 9_990, 10_000});
    assertThat(PostingsContractTest.boxed(Postings.toArray(before))).containsExactlyElementsOf(want);
    assertThat(Postings.toArray(partlyRead)).hasSize(100).startsWith(9_010).endsWith(10_000);
  }

  @Test
  void removeAllDropsOnlyTheGivenRefs() {
    RefList l = new RefList();
    for (int r = 1; r <= 100; r++) {
      l.add(r);
    }
    assertThat(l.removeAll(new long[] {0, 1, 50, 100, 101, 5000})).isEqualTo(97);
    assertThat(l.removeAll(new long[] {200, 300})).isEqualTo(97);
    long[] left = Postings.toArray(l.snapshot());
    assertThat(left).hasSize(97).startsWith(2).endsWith(99).doesNotContain(50);
    assertThat(l.removeAll(left)).isZero();
    assertThat(l.snapshot()).isSameAs(Postings.empty());
  }

  @Test
  void randomAddsAndRemovesAgreeWithSortedSetModel() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    RefList l = new RefList();
    TreeSet<Long> model = new TreeSet<>();
    int next = 1;
    for (int step = 0; step < 20_000; step++) {
      int op = random.nextInt(100);
      if (op < 90) {
        int r = Math.max(1, next - (random.nextInt(10) == 0 ? random.nextInt(200) : random.nextInt(3)));
        next++;
        l.add(r);
        model.add((long) r);
      } else if (op < 92) {
        long[] del = random.longs(5, 1, next + 1).toArray();
        java.util.Arrays.sort(del);
        del = java.util.Arrays.stream(del).distinct().toArray();
        l.removeAll(del);
        for (long d : del) {
          model.remove(d);
        }
      }
    }
    assertThat(PostingsContractTest.boxed(Postings.toArray(l.snapshot())))
        .as("seed %d", seed)
        .containsExactlyElementsOf(model);
  }
}
