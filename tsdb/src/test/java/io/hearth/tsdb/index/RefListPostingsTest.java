package io.hearth.tsdb.index;

import io.hearth.labels.Labels;
import java.util.Random;

/** The postings {@link MemPostings} hands out, filled in an order that is only roughly sorted. */
class RefListPostingsTest extends PostingsContractTest {
  @Override
  Postings create(long[] refs, Random random) {
    MemPostings mp = new MemPostings();
    long[] others = others(refs, random, 0.3);
    Labels mine = Labels.of("a", "x");
    Labels theirs = Labels.of("a", "y");
    for (long r : nearlySorted(refs, random)) {
      mp.add(r, mine);
    }
    for (long r : nearlySorted(others, random)) {
      mp.add(r, theirs);
    }
    return random.nextInt(4) == 0 && others.length == 0 ? mp.all() : mp.postings("a", "x");
  }

  /** A copy with random swaps, most short, some deeper than {@link RefList#TAIL}. */
  static long[] nearlySorted(long[] refs, Random random) {
    long[] out = refs.clone();
    for (int i = 0; i < out.length / 3; i++) {
      int a = random.nextInt(out.length);
      int reach = random.nextInt(10) == 0 ? 3 * RefList.TAIL : 4;
      int b = Math.min(out.length - 1, a + random.nextInt(reach));
      long t = out[a];
      out[a] = out[b];
      out[b] = t;
    }
    return out;
  }
}
