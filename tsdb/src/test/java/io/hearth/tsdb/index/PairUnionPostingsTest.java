package io.hearth.tsdb.index;

import java.util.Random;

class PairUnionPostingsTest extends PostingsContractTest {
  @Override
  Postings create(long[] refs, Random random) {
    Postings[] two = UnionPostingsTest.split(refs, 2, random);
    return new PairUnionPostings(two[0], two[1]);
  }
}
