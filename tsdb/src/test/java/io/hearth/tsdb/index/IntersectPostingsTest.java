package io.hearth.tsdb.index;

import java.util.Random;

class IntersectPostingsTest extends PostingsContractTest {
  /** Two to four inputs, each the refs plus extras that no other input holds. */
  @Override
  Postings create(long[] refs, Random random) {
    int k = 2 + random.nextInt(3);
    long[] pool = others(refs, random, 0.5);
    Postings[] inputs = new Postings[k];
    for (int i = 0; i < k; i++) {
      long[] extras = java.util.Arrays.stream(pool).filter(r -> r % 7 == 0 || r % k == 0).toArray();
      final int input = i;
      // Input i keeps only the extras congruent to i, so no extra is in every input.
      long[] mine = java.util.Arrays.stream(extras).filter(r -> r % k == input).toArray();
      inputs[i] = Postings.of(merge(refs, mine));
    }
    return new IntersectPostings(inputs);
  }
}
