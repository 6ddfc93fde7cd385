package io.hearth.tsdb.index;

import static io.hearth.tsdb.index.Postings.END;
import static io.hearth.tsdb.index.Postings.empty;
import static io.hearth.tsdb.index.Postings.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The static factories and set operations of {@link Postings}, as one-line table rows. */
class PostingsTest {
  @Test
  void setOperations() {
    check(intersect());
    check(intersect(of(1, 2, 3)), 1, 2, 3);
    check(intersect(of(1, 2, 3), of(2, 3, 4)), 2, 3);
    check(intersect(of(1, 2, 3), empty()));
    check(intersect(empty(), of(1, 2, 3)));
    check(intersect(of(1, 5, 9), of(2, 6, 10)));
    check(intersect(of(1, 2, 3), of(1, 2, 3), of(3)), 3);
    check(intersect(of(10, 20, 30, 40), of(5, 10, 15, 40), of(10, 40, 50)), 10, 40);
    check(intersect(of(END - 1), of(1, END - 1)), END - 1);
    check(union());
    check(union(empty(), empty()));
    check(union(of(1, 3), empty()), 1, 3);
    check(union(empty(), of(2)), 2);
    check(union(of(1, 3), of(2, 3, 4)), 1, 2, 3, 4);
    check(union(of(5), of(1), of(3), of(1, 5)), 1, 3, 5);
    check(union(of(1), of(1), of(1), of(1)), 1);
    check(union(of(1, END - 1), of(2), of(END - 2)), 1, 2, END - 2, END - 1);
    check(Postings.without(of(1, 2, 3, 4), of(2, 4)), 1, 3);
    check(Postings.without(of(1, 2, 3), empty()), 1, 2, 3);
    check(Postings.without(empty(), of(1)));
    check(Postings.without(of(1, 2, 3), of(1, 2, 3, 4)));
    check(Postings.without(of(2, 4, 6), of(1, 3, 5, 7)), 2, 4, 6);
    check(
        Postings.without(union(of(1, 4), of(2, 5), of(3, 6)), intersect(of(2, 3, 4), of(3, 4, 5))),
        1, 2, 5, 6);
    check(intersect(union(of(1, 3), of(5, 7), of(9)), Postings.without(of(1, 2, 3, 9), of(2))), 1, 3, 9);
  }

  private static Postings intersect(Postings... ps) {
    return Postings.intersect(List.of(ps));
  }

  private static Postings union(Postings... ps) {
    return Postings.union(List.of(ps));
  }

  private static void check(Postings p, long... want) {
    String desc = p.toString();
    assertThat(Postings.toArray(p)).as(desc).containsExactly(want);
    assertThat(p.next()).as(desc + " after END").isEqualTo(END);
  }

  @Test
  void emptyResultsShareTheEmptyInstance() {
    assertThat(of()).isSameAs(empty());
    assertThat(intersect()).isSameAs(empty());
    assertThat(intersect(of(1), empty(), of(2))).isSameAs(empty());
    assertThat(union()).isSameAs(empty());
    assertThat(union(empty(), empty(), empty())).isSameAs(empty());
    assertThat(Postings.without(empty(), of(1))).isSameAs(empty());
    Postings one = of(1);
    assertThat(union(empty(), one)).isSameAs(one);
    assertThat(intersect(one)).isSameAs(one);
    assertThat(Postings.without(one, empty())).isSameAs(one);
  }

  @Test
  void ofRejectsRefsThatAreNotStrictlyIncreasingPositiveAndBelowEnd() {
    assertThatThrownBy(() -> of(1, 1)).hasMessageContaining("got 1 at index 1 after 1");
    assertThatThrownBy(() -> of(3, 2)).hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> of(0)).hasMessageContaining("got 0 at index 0");
    assertThatThrownBy(() -> of(-5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> of(1, END)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toArrayDrainsWhatRemains() {
    Postings p = of(1, 2, 3, 4, 5);
    assertThat(p.advance(3)).isEqualTo(3);
    assertThat(Postings.toArray(p)).containsExactly(4, 5);
    assertThat(Postings.toArray(p)).isEmpty();
  }

  @Test
  void intersectLeadsWithTheCheapestInput() {
    CountingPostings big = new CountingPostings(of(PostingsContractTest.dense(1, 100_000)));
    CountingPostings small = new CountingPostings(of(500, 70_000));
    check(intersect(big, small), 500, 70_000);
    assertThat(big.calls).as("calls on the big input").isLessThanOrEqualTo(3);
  }

  @Test
  void setOperationsPullNothingUntilIterated() {
    CountingPostings[] ins = new CountingPostings[4];
    for (int i = 0; i < ins.length; i++) {
      ins[i] = new CountingPostings(of(PostingsContractTest.dense(1 + i, 1000)));
    }
    Postings p = Postings.without(intersect(ins[0], union(ins[1], ins[2])), ins[3]);
    for (CountingPostings c : ins) {
      assertThat(c.calls).isZero();
    }
    assertThat(p.next()).isEqualTo(2);
    assertThat(ins[0].calls + ins[1].calls + ins[2].calls + ins[3].calls).isLessThan(12);
  }

  @Test
  void withoutAdvancesTheDropSideOnlyToCandidates() {
    CountingPostings drop = new CountingPostings(of(PostingsContractTest.dense(1, 100_000)));
    check(Postings.without(of(10, 50_000, 100_001), drop), 100_001);
    assertThat(drop.calls).isLessThanOrEqualTo(3);
  }

  /** Counts the calls that move the wrapped postings. */
  static final class CountingPostings implements Postings {
    private final Postings in;
    int calls;

    CountingPostings(Postings in) {
      this.in = in;
    }

    @Override
    public long next() {
      calls++;
      return in.next();
    }

    @Override
    public long advance(long target) {
      calls++;
      return in.advance(target);
    }

    @Override
    public long cost() {
      return in.cost();
    }
  }
}
