package io.hearth.tsdb.index;

import java.util.Arrays;

/**
 * The refs of any of three or more postings, each once, produced a window at a time.
 *
 * <p>The inputs wait in a binary min-heap keyed by their current ref. To fill a window, every
 * input whose current ref falls inside it is drained into a bitset up to the window's end, then
 * goes back into the heap; the window's refs are then read off the bitset in order. A heap step
 * per input per window, instead of per ref, is what makes unions of thousands of small lists
 * (a regex over pod names) cheap; for sparse inputs a window holds few refs and this degrades to
 * a plain heap merge. Memory stays bounded by the window (at most 8 KiB): nothing is materialised
 * beyond it. Not thread-safe.
 */
final class UnionPostings implements Postings {
  private static final int MAX_WINDOW_WORDS = 1024; // 65,536 refs

  private final Postings[] inputs;
  private final PostingsHeap heap; // inputs by current ref; beyond the window while in the heap
  private final long[] bits; // the window: bit k is ref base + k
  private long base;
  private int usedWords; // words at or above this are zero
  private boolean isStarted;
  private long current = -1;

  UnionPostings(Postings[] inputs) {
    this.inputs = inputs;
    this.heap = new PostingsHeap(inputs.length);
    long total = 0;
    for (Postings p : inputs) {
      total += Math.max(0, p.cost());
    }
    // A window no larger than the union needs: small unions stay small.
    long words = Long.highestOneBit(Math.max(1, total >>> 6)) << 1;
    this.bits = new long[(int) Math.min(MAX_WINDOW_WORDS, words)];
  }

  @Override
  public long next() {
    if (current == END) {
      return END;
    }
    if (isStarted == false) {
      start(-1);
      return current = fill() ? scan(base) : END;
    }
    long r = scan(current + 1);
    if (r == END && fill()) {
      r = scan(base);
    }
    return current = r;
  }

  @Override
  public long advance(long target) {
    if (current == END) {
      return END;
    }
    long t = Math.max(target, current + 1);
    if (isStarted == false) {
      start(t);
      return current = fill() ? scan(base) : END;
    }
    long r = scan(t);
    if (r != END) {
      return current = r;
    }
    // Past the window: every input is at or beyond its end; move those still below t.
    while (!heap.isEmpty() && heap.topRef() < t) {
      heap.replaceTop(inputs[heap.topInput()].advance(t));
    }
    return current = fill() ? scan(base) : END;
  }

  /** Positions every input (on its first ref, or at {@code target} if not negative) and heapifies. */
  private void start(long target) {
    isStarted = true;
    for (int i = 0; i < inputs.length; i++) {
      long r = target < 0 ? inputs[i].next() : inputs[i].advance(target);
      if (r != END) {
        heap.add(i, r);
      }
    }
    heap.heapify();
  }

  /** Refills the window from the smallest pending ref; false when every input is exhausted. */
  private boolean fill() {
    Arrays.fill(bits, 0, usedWords, 0L);
    usedWords = 0;
    if (heap.isEmpty()) {
      return false;
    }
    base = heap.topRef();
    long span = 64L * bits.length;
    long end = base > END - span ? END : base + span;
    int maxWord = 0;
    while (!heap.isEmpty() && heap.topRef() < end) {
      Postings in = inputs[heap.topInput()];
      long r = heap.topRef();
      do {
        long off = r - base;
        int w = (int) (off >>> 6);
        bits[w] |= 1L << off; // the shift uses the low six bits of off
        maxWord = Math.max(maxWord, w);
        r = in.next();
      } while (r < end);
      heap.replaceTop(r);
    }
    usedWords = maxWord + 1;
    return true;
  }

  /** The first ref in the window at or above {@code from}, or {@link #END}. */
  private long scan(long from) {
    long off = Math.max(0, from - base);
    if (off >= 64L * usedWords) {
      return END;
    }
    int w = (int) (off >>> 6);
    long word = bits[w] & (-1L << off);
    while (word == 0) {
      if (++w >= usedWords) {
        return END;
      }
      word = bits[w];
    }
    return base + ((long) w << 6) + Long.numberOfTrailingZeros(word);
  }

  @Override
  public long cost() {
    if (current == END) {
      return 0;
    }
    long sum = 0;
    if (isStarted == false) {
      for (Postings p : inputs) {
        sum += p.cost();
      }
      return sum;
    }
    for (int k = 0; k < heap.size(); k++) {
      sum += inputs[heap.input(k)].cost() + 1; // +1: its current ref is still to come
    }
    long from = Math.max(0, current + 1 - base);
    if (from < 64L * usedWords) { // the rest of the window
      int w = (int) (from >>> 6);
      sum += Long.bitCount(bits[w] & (-1L << from));
      while (++w < usedWords) {
        sum += Long.bitCount(bits[w]);
      }
    }
    return sum;
  }

  @Override
  public String toString() {
    return "Postings.union(" + inputs.length + " inputs)";
  }
}
