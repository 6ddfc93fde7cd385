package io.hearth.tsdb.query;

import io.hearth.tsdb.index.Postings;

/**
 * Finds which of many candidate postings share at least one ref with a base postings, in one pass
 * over the base. Candidates wait in a min-heap keyed by their current ref; the smallest is
 * advanced to the base, or the base to it, and a candidate leaves the heap as soon as it is known
 * to intersect. Used for label values with matchers: candidates are the postings of each value.
 * Single-use, not thread-safe.
 */
final class IntersectingCandidates {
  private final Postings[] candidates;
  private final long[] at;
  private final int[] heap;
  private int size;

  private IntersectingCandidates(Postings[] candidates) {
    this.candidates = candidates;
    this.at = new long[candidates.length];
    this.heap = new int[candidates.length];
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
        at[i] = r;
        heap[size++] = i;
      }
    }
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i);
    }
    while (size > 0 && cur != Postings.END) {
      int top = heap[0];
      long r = at[top];
      if (r == cur) {
        hit[top] = true;
        replaceTop(Postings.END);
      } else if (r < cur) {
        replaceTop(candidates[top].advance(cur));
      } else {
        cur = base.advance(r);
      }
    }
    return hit;
  }

  private void replaceTop(long r) {
    if (r == Postings.END) {
      heap[0] = heap[--size];
    } else {
      at[heap[0]] = r;
    }
    if (size > 1) {
      siftDown(0);
    }
  }

  private void siftDown(int i) {
    int node = heap[i];
    long key = at[node];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && at[heap[right]] < at[heap[child]]) {
        child = right;
      }
      if (key <= at[heap[child]]) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = node;
  }
}
