package io.hearth.tsdb.index;

import java.util.Arrays;

/**
 * A reusable list of chunk metadata for one series, as the index stores it: per chunk the time of
 * its first and last sample and its reference in the block's chunk files. Primitive arrays, so
 * reading a series' chunks allocates nothing once the arrays have grown. Not thread-safe.
 */
public final class ChunkMetas {
  private long[] minT = new long[8];
  private long[] maxT = new long[8];
  private long[] ref = new long[8];
  private int size;

  public ChunkMetas clear() {
    size = 0;
    return this;
  }

  public ChunkMetas add(long minT, long maxT, long ref) {
    if (size == this.ref.length) {
      int n = size * 2;
      this.minT = Arrays.copyOf(this.minT, n);
      this.maxT = Arrays.copyOf(this.maxT, n);
      this.ref = Arrays.copyOf(this.ref, n);
    }
    this.minT[size] = minT;
    this.maxT[size] = maxT;
    this.ref[size] = ref;
    size++;
    return this;
  }

  public int size() {
    return size;
  }

  public long minT(int i) {
    return minT[check(i)];
  }

  public long maxT(int i) {
    return maxT[check(i)];
  }

  public long ref(int i) {
    return ref[check(i)];
  }

  private int check(int i) {
    if (i >= size) {
      throw new IndexOutOfBoundsException("chunk " + i + " of " + size);
    }
    return i;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append(minT[i]).append("..").append(maxT[i]).append("@").append(Long.toHexString(ref[i]));
    }
    return sb.append(']').toString();
  }
}
