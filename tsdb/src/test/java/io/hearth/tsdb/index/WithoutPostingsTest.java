package io.hearth.tsdb.index;

import java.util.Random;

class WithoutPostingsTest extends PostingsContractTest {
  /** Full holds the refs plus extras; drop holds those extras plus refs full never had. */
  @Override
  Postings create(long[] refs, Random random) {
    long[] extras = others(refs, random, random.nextDouble());
    long[] full = merge(refs, extras);
    long[] strangers = others(full, random, 0.3);
    return new WithoutPostings(Postings.of(full), Postings.of(merge(extras, strangers)));
  }
}
