package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The head's series, found by label set or by reference. Thread-safe.
 *
 * <p>Lookup by labels goes through lock-striped open-addressing tables keyed by the label set's
 * 64-bit hash; colliding hashes are told apart by comparing the labels. Lookup by reference is a
 * lock-free index into pages of a dense array, because the head hands out references 1, 2, 3, …
 */
final class SeriesTable {
  private static final int PAGE_BITS = 12;
  private static final int PAGE_SIZE = 1 << PAGE_BITS;

  private final Stripe[] stripes;
  private final int stripeMask;
  private volatile MemSeries[][] pages = new MemSeries[16][];
  private final Object pagesLock = new Object();
  private final AtomicLong lastRef = new AtomicLong();

  private final ToLongFunction<Labels> hasher;

  SeriesTable(int numStripes) {
    this(numStripes, Labels::hash);
  }

  /** A table hashing labels with {@code hasher}: tests pass a colliding one. */
  SeriesTable(int numStripes, ToLongFunction<Labels> hasher) {
    this.hasher = hasher;
    if (Integer.bitCount(numStripes) != 1) {
      throw new IllegalArgumentException("stripe count must be a power of two, got " + numStripes);
    }
    stripes = new Stripe[numStripes];
    for (int i = 0; i < numStripes; i++) {
      stripes[i] = new Stripe(hasher);
    }
    stripeMask = numStripes - 1;
  }

  /** The series with exactly these labels, or null. */
  MemSeries get(Labels labels) {
    long hash = hasher.applyAsLong(labels);
    Stripe s = stripes[(int) hash & stripeMask];
    synchronized (s) {
      return s.find(hash, labels);
    }
  }

  /**
   * Returns the series with these labels, creating it if it does not exist. A new series gets
   * {@code ref} if it is positive, else the next free reference, and is passed to
   * {@code onCreate} before any other thread can find it.
   */
  MemSeries getOrCreate(Labels labels, long ref, Consumer<MemSeries> onCreate) {
    long hash = hasher.applyAsLong(labels);
    Stripe s = stripes[(int) hash & stripeMask];
    synchronized (s) {
      MemSeries series = s.find(hash, labels);
      if (series != null) {
        return series;
      }
      if (ref > 0) {
        lastRef.accumulateAndGet(ref, Math::max);
      } else {
        ref = lastRef.incrementAndGet();
      }
      series = new MemSeries(ref, labels);
      setByRef(series);
      onCreate.accept(series);
      s.insert(hash, series);
      return series;
    }
  }

  /** Makes sure {@code ref} is never handed out to a new series. */
  void reserve(long ref) {
    lastRef.accumulateAndGet(ref, Math::max);
  }

  /** The highest reference handed out so far. */
  long lastRef() {
    return lastRef.get();
  }

  /** The series with this reference, or null. Lock-free. */
  MemSeries byRef(long ref) {
    if (ref <= 0) {
      return null;
    }
    MemSeries[][] p = pages;
    int page = (int) (ref >>> PAGE_BITS);
    if (page >= p.length || p[page] == null) {
      return null;
    }
    return p[page][(int) ref & (PAGE_SIZE - 1)];
  }

  /** Calls {@code action} with every series, lowest reference first. Not for use while series are created. */
  void forEachInRefOrder(Consumer<MemSeries> action) {
    for (MemSeries[] page : pages) {
      if (page == null) {
        continue;
      }
      for (MemSeries s : page) {
        if (s != null) {
          action.accept(s);
        }
      }
    }
  }

  private void setByRef(MemSeries series) {
    long ref = series.ref;
    if (ref <= 0 || ref >= (long) Integer.MAX_VALUE << PAGE_BITS) {
      throw new IllegalArgumentException("series reference out of range, got " + ref);
    }
    int page = (int) (ref >>> PAGE_BITS);
    synchronized (pagesLock) {
      MemSeries[][] p = pages;
      if (page >= p.length) {
        p = java.util.Arrays.copyOf(p, Math.max(page + 1, p.length * 2));
      }
      if (p[page] == null) {
        p[page] = new MemSeries[PAGE_SIZE];
      }
      p[page][(int) ref & (PAGE_SIZE - 1)] = series;
      pages = p; // volatile write publishes the slot as well as any new page
    }
  }

  /**
   * One stripe: open addressing with linear probing over the series themselves (no hash array:
   * the labels carry their hash), kept at most half full.
   */
  static final class Stripe {
    private final ToLongFunction<Labels> hasher;
    private MemSeries[] slots = new MemSeries[4];
    private int size;

    Stripe(ToLongFunction<Labels> hasher) {
      this.hasher = hasher;
    }

    MemSeries find(long hash, Labels labels) {
      MemSeries[] t = slots;
      int mask = t.length - 1;
      for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
        MemSeries s = t[i];
        if (s == null) {
          return null;
        }
        if (s.labels.equals(labels)) { // Labels.equals compares the cached hashes first
          return s;
        }
      }
    }

    void insert(long hash, MemSeries series) {
      if (2 * (size + 1) > slots.length) {
        grow();
      }
      place(slots, hash, series);
      size++;
    }

    private void grow() {
      MemSeries[] old = slots;
      MemSeries[] t = new MemSeries[old.length * 2];
      for (MemSeries s : old) {
        if (s != null) {
          place(t, hasher.applyAsLong(s.labels), s);
        }
      }
      slots = t;
    }

    private static void place(MemSeries[] t, long hash, MemSeries series) {
      int mask = t.length - 1;
      int i = spread(hash) & mask;
      while (t[i] != null) {
        i = (i + 1) & mask;
      }
      t[i] = series;
    }

    // The low bits picked the stripe, so slots use the high bits.
    private static int spread(long hash) {
      return (int) (hash >>> 32);
    }

    int size() {
      return size;
    }
  }
}
