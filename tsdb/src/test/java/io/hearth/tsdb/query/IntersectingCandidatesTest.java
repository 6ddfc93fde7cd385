package io.hearth.tsdb.query;

import static io.hearth.tsdb.index.Postings.empty;
import static io.hearth.tsdb.index.Postings.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.tsdb.index.Postings;
import org.junit.jupiter.api.Test;

class IntersectingCandidatesTest {
  @Test
  void findsEveryCandidateThatSharesARef() {
    check(of(1, 5, 9), new Postings[] {of(2, 3), of(5), of(9, 10), empty(), of(1), of(10, 11)},
        false, true, true, false, true, false);
    check(empty(), new Postings[] {of(1), of(2)}, false, false);
    check(of(4), new Postings[0]);
    check(of(100), new Postings[] {of(1, 2, 3, 100), of(101)}, true, false);
    check(of(1, 2, 3, 4, 5, 6), new Postings[] {of(6), of(6), of(7)}, true, true, false);
  }

  private static void check(Postings base, Postings[] candidates, boolean... want) {
    assertThat(IntersectingCandidates.find(base, candidates)).containsExactly(want);
  }
}
