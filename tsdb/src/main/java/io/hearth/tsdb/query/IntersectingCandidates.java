package io.hearth.tsdb.query;

import io.hearth.tsdb.index.Postings;
import io.hearth.tsdb.index.PostingsHeap;

/**
 * Finds which of many candidate postings share at least one ref with a base postings, in one pass
 * over the base. Candidates wait in a min-heap keyed by their current ref; the smallest is
 * advanced to the base, or the base to it, and a candidate leaves the heap as soon as it is known
 * to intersect. Used for label values with matchers: candidates are the postings of each value.
 * Single-use, not thread-safe.
 */
final class IntersectingCandidates {
  private final Postings[] candidates;
  private final PostingsHeap heap;

  private IntersectingCandidates(Postings[] candidates) {
    this.candidates = candidates;
    this.heap = new PostingsHeap(candidates.length);
  }

  /** Returns, per candidate, whether it shares a ref with {@code base}. Consumes all inputs. */
  static boolean[] find(Postings base, Postings[] candidates) {
    return new IntersectingCandidates(candidates).run(base);
  }

  private boolean[] run(Postings base) {
    boolean[] hit = new boolean[candidates.length];
    long cur = base.next();
    if (cur == Postings.END) {
      return hit;
    }
    for (int i = 0; i < candidates.length; i++) {
      long r = candidates[i].advance(cur);
      if (r != Postings.END) {
        heap.add(i, r);
      }
    }
    heap.heapify();
    while (!heap.isEmpty() && cur != Postings.END) {
      int top = heap.topInput();
      long r = heap.topRef();
      if (r == cur) {
        hit[top] = true;
        heap.replaceTop(Postings.END);
      } else if (r < cur) {
        heap.replaceTop(candidates[top].advance(cur));
      } else {
        cur = base.advance(r);
      }
    }
    return hit;
  }
}
