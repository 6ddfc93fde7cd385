package io.hearth.tsdb.index;

import java.util.Arrays;

/**
 * The refs common to two or more postings. The input with the lowest cost leads: each of its refs
 * is a candidate, the others are advanced to it, and the first one that overshoots moves the lead
 * forward to where it landed. Not thread-safe.
 */
final class IntersectPostings implements Postings {
  private final Postings lead;
  private final Postings[] others;
  private final long[] at; // current ref of others[i]; -1 before its first move
  private long current = -1;

  IntersectPostings(Postings[] inputs) {
    assert inputs.length >= 2;
    // Insertion sort by cost, each cost computed once: a union's cost walks all its inputs, and
    // intersections rarely have more than a handful of inputs.
    long[] costs = new long[inputs.length];
    Postings[] sorted = new Postings[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      long c = inputs[i].cost();
      int j = i;
      while (j > 0 && costs[j - 1] > c) {
        costs[j] = costs[j - 1];
        sorted[j] = sorted[j - 1];
        j--;
      }
      costs[j] = c;
      sorted[j] = inputs[i];
    }
    this.lead = sorted[0];
    this.others = new Postings[sorted.length - 1];
    System.arraycopy(sorted, 1, others, 0, others.length);
    this.at = new long[others.length];
    Arrays.fill(at, -1);
  }

  @Override
  public long next() {
    if (current == END) {
      return END;
    }
    return current = align(lead.next());
  }

  @Override
  public long advance(long target) {
    if (current == END) {
      return END;
    }
    return current = align(lead.advance(target));
  }

  /** Returns the first ref at or after the lead's {@code candidate} that every input holds. */
  private long align(long candidate) {
    outer:
    while (candidate != END) {
      for (int i = 0; i < others.length; i++) {
        long r = at[i];
        if (r < candidate) {
          r = others[i].advance(candidate);
          at[i] = r;
        }
        if (r > candidate) {
          // r may be END; the lead then returns END too and the loop ends.
          candidate = lead.advance(r);
          continue outer;
        }
      }
      return candidate;
    }
    return END;
  }

  @Override
  public long cost() {
    if (current == END) {
      return 0;
    }
    long min = lead.cost();
    for (int i = 0; i < others.length; i++) {
      // others[i] may hold one ref it has already returned but we have not yet consumed.
      long c = others[i].cost() + (at[i] > current && at[i] != END ? 1 : 0);
      min = Math.min(min, c);
    }
    return min;
  }

  @Override
  public String toString() {
    return "Postings.intersect(" + (others.length + 1) + " inputs)";
  }
}
