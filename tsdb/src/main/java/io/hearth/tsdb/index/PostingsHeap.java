package io.hearth.tsdb.index;

/**
 * A binary min-heap of input postings keyed by each one's current ref, for merges over many
 * postings: the caller keeps the postings, the heap keeps their indexes and current refs. Add
 * every input with {@link #add}, call {@link #heapify} once, then work at the top. Not
 * thread-safe.
 */
public final class PostingsHeap {
  private final long[] at; // current ref of input i
  private final int[] heap; // input indexes; heap[0] has the smallest at[]
  private int size;

  /** A heap for inputs numbered {@code 0 .. capacity-1}. */
  public PostingsHeap(int capacity) {
    this.at = new long[capacity];
    this.heap = new int[capacity];
  }

  /** Adds input {@code input} positioned on {@code ref}, which must not be {@link Postings#END}. */
  public void add(int input, long ref) {
    at[input] = ref;
    heap[size++] = input;
  }

  /** Restores heap order after the {@link #add} calls. */
  public void heapify() {
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** How many inputs are in the heap. */
  public int size() {
    return size;
  }

  /** The {@code k}-th input in the heap, {@code 0 <= k < size()}, in no particular order. */
  public int input(int k) {
    return heap[k];
  }

  /** The input whose current ref is smallest. */
  public int topInput() {
    return heap[0];
  }

  /** The smallest current ref. */
  public long topRef() {
    return at[heap[0]];
  }

  /** Gives the top input its new ref, dropping it when that is {@link Postings#END}. */
  public void replaceTop(long ref) {
    if (ref == Postings.END) {
      heap[0] = heap[--size];
    } else {
      at[heap[0]] = ref;
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
