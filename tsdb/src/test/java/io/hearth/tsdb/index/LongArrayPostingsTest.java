package io.hearth.tsdb.index;

import java.util.Random;

class LongArrayPostingsTest extends PostingsContractTest {
  @Override
  Postings create(long[] refs, Random random) {
    return Postings.of(refs.clone());
  }
}
