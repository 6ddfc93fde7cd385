package io.hearth.tsdb.index;

import io.hearth.labels.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The head's inverted index: for every label name and value, the sorted refs of the series that
 * carry that pair, plus the sorted refs of all series.
 *
 * <p>Refs are stored as unsigned 32-bit ints, so they must lie in {@code [1, 2^32 - 1]}; one ref in
 * one list costs 4 bytes plus growth slack, and each (name, value) pair costs one small list
 * object and its map entry.
 *
 * <p>Thread-safe. {@link #add} and {@link #delete} hold a write lock for the whole call, so a
 * series enters or leaves all its lists at once as far as readers can tell; refs may be added out
 * of order (concurrent appenders) and land in place. Readers hold the read lock only while taking a
 * snapshot of one list; the returned {@link Postings} then iterate without locks, always see
 * sorted refs, and reflect the list as it was when taken: later adds and deletes do not show.
 * This is what lets a querier take the base of a subtraction before the sets it subtracts.
 */
public final class MemPostings {
  private static final long MAX_REF = 0xFFFF_FFFFL;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  // Guarded by lock. Plain maps: every access holds the lock, and HashMap is smaller than CHM.
  private final HashMap<String, ValueLists> byName = new HashMap<>();
  private final RefList all = new RefList();

  /** The lists of one label name, with its values in sorted order cached for regex scans. */
  private static final class ValueLists {
    final HashMap<String, RefList> lists = new HashMap<>();
    // Null whenever a value has come or gone since it was built. Readers holding the read lock
    // may race to fill it, but they build the same list, and writers are locked out meanwhile.
    volatile List<String> sorted;
  }

  /**
   * Indexes a series under each of its labels and in the all-series list. Adding a ref twice
   * with the same labels has no further effect.
   *
   * @throws IllegalArgumentException if {@code ref} is outside {@code [1, 2^32 - 1]}
   */
  public void add(long ref, Labels labels) {
    if (ref < 1 || ref > MAX_REF) {
      throw new IllegalArgumentException("series ref must be in [1, " + MAX_REF + "], got " + ref);
    }
    int r = (int) ref;
    lock.writeLock().lock();
    try {
      for (int i = 0; i < labels.size(); i++) {
        ValueLists values = byName.computeIfAbsent(labels.name(i), k -> new ValueLists());
        RefList list = values.lists.get(labels.value(i));
        if (list == null) {
          list = new RefList();
          values.lists.put(labels.value(i), list);
          values.sorted = null;
        }
        list.add(r);
      }
      all.add(r);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes the given refs (any order, duplicates allowed) from every list, and drops label values
   * and names left without series. Every list is scanned, so call it with a batch of refs, as
   * head garbage collection does, rather than once per series.
   */
  public void delete(long[] refs) {
    long[] sorted = sortedDistinct(refs);
    if (sorted.length == 0) {
      return;
    }
    lock.writeLock().lock();
    try {
      Iterator<ValueLists> names = byName.values().iterator();
      while (names.hasNext()) {
        ValueLists values = names.next();
        if (values.lists.values().removeIf(list -> list.removeAll(sorted) == 0)) {
          values.sorted = null;
        }
        if (values.lists.isEmpty()) {
          names.remove();
        }
      }
      all.removeAll(sorted);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static long[] sortedDistinct(long[] refs) {
    long[] s = refs.clone();
    Arrays.sort(s);
    int w = 0;
    for (int i = 0; i < s.length; i++) {
      if (w == 0 || s[i] != s[w - 1]) {
        s[w++] = s[i];
      }
    }
    return w == s.length ? s : Arrays.copyOf(s, w);
  }

  /** The series with label {@code name="value"}, as of now; {@link Postings#empty()} if none. */
  public Postings postings(String name, String value) {
    lock.readLock().lock();
    try {
      ValueLists values = byName.get(name);
      RefList list = values == null ? null : values.lists.get(value);
      return list == null ? Postings.empty() : list.snapshot();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every series, as of now. */
  public Postings all() {
    lock.readLock().lock();
    try {
      return all.snapshot();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The label names of all series, sorted; a new list the caller owns. */
  public List<String> labelNames() {
    List<String> names;
    lock.readLock().lock();
    try {
      names = new ArrayList<>(byName.keySet());
    } finally {
      lock.readLock().unlock();
    }
    names.sort(null);
    return names;
  }

  /**
   * The values of the label across all series, sorted; empty if no series has it. The list is
   * unmodifiable and cached until a value of this label comes or goes, because regex matchers ask
   * for it on every query.
   */
  public List<String> labelValues(String name) {
    lock.readLock().lock();
    try {
      ValueLists values = byName.get(name);
      if (values == null) {
        return List.of();
      }
      List<String> sorted = values.sorted;
      if (sorted == null) {
        String[] keys = values.lists.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        sorted = List.of(keys);
        values.sorted = sorted;
      }
      return sorted;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The index's cardinality statistics: for {@code byLabel}'s values, for label names and for
   * pairs, the {@code limit} largest counts each. Walks every list under the read lock, so it
   * costs a pass over the index: callers cache it (a status page, not a query path).
   */
  public PostingsStats stats(String byLabel, int limit) {
    TopN metrics = new TopN(limit);
    TopN names = new TopN(limit);
    TopN bytes = new TopN(limit);
    TopN pairs = new TopN(limit);
    long numPairs = 0;
    lock.readLock().lock();
    try {
      for (var e : byName.entrySet()) {
        String name = e.getKey();
        var lists = e.getValue().lists;
        names.offer(name, lists.size());
        numPairs += lists.size();
        long size = 0;
        int nameBytes = io.hearth.tsdb.io.Utf8.encodedLength(name);
        for (var v : lists.entrySet()) {
          int n = v.getValue().size();
          if (name.equals(byLabel)) {
            metrics.offer(v.getKey(), n);
          }
          pairs.offer(name + "=" + v.getKey(), n);
          size += (long) (nameBytes + io.hearth.tsdb.io.Utf8.encodedLength(v.getKey())) * n;
        }
        bytes.offer(name, size);
      }
    } finally {
      lock.readLock().unlock();
    }
    return new PostingsStats(metrics.sorted(), names.sorted(), bytes.sorted(), pairs.sorted(), numPairs);
  }

  /** The {@code n} largest counts offered, kept in a min-heap. */
  private static final class TopN {
    private final int n;
    // Smallest count first, and among equal counts the greatest name, so that which entries make
    // the cut does not depend on hash order.
    private static final java.util.Comparator<PostingsStats.Stat> WORST_FIRST =
        java.util.Comparator.comparingLong(PostingsStats.Stat::count)
            .thenComparing(PostingsStats.Stat::name, java.util.Comparator.reverseOrder());
    private final java.util.PriorityQueue<PostingsStats.Stat> heap = new java.util.PriorityQueue<>(WORST_FIRST);

    TopN(int n) {
      this.n = n;
    }

    void offer(String name, long count) {
      if (n <= 0) {
        return;
      }
      PostingsStats.Stat s = new PostingsStats.Stat(name, count);
      if (heap.size() < n) {
        heap.add(s);
      } else if (WORST_FIRST.compare(s, heap.peek()) > 0) {
        heap.poll();
        heap.add(s);
      }
    }

    /** Largest first; equal counts by name, so the answer does not depend on hash order. */
    List<PostingsStats.Stat> sorted() {
      List<PostingsStats.Stat> out = new ArrayList<>(heap);
      out.sort(java.util.Comparator.comparingLong(PostingsStats.Stat::count).reversed()
          .thenComparing(PostingsStats.Stat::name));
      return out;
    }
  }

  /** The number of series indexed. */
  public int numSeries() {
    lock.readLock().lock();
    try {
      return all.size();
    } finally {
      lock.readLock().unlock();
    }
  }
}
