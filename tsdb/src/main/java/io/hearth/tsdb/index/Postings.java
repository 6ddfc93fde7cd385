package io.hearth.tsdb.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A forward-only iterator over series refs in strictly increasing order, ended by the sentinel
 * {@link #END} (Lucene's {@code DocIdSetIterator} style: one call per element, no {@code hasNext}).
 *
 * <p>An iterator starts before its first ref. Once it has returned {@link #END}, every later call
 * returns {@code END} again. Refs are positive and below {@code END}.
 *
 * <p>Instances are single-use and not thread-safe. The set operations ({@link #intersect},
 * {@link #union}, {@link #without}) are lazy: they take ownership of their inputs and pull from
 * them on demand without materialising intermediate sets.
 */
public interface Postings {
  /** Returned once the iterator is exhausted. */
  long END = Long.MAX_VALUE;

  /** Moves to the next ref and returns it, or returns {@link #END}. */
  long next();

  /**
   * Moves to the first ref at or after {@code target} that lies beyond the current ref, and returns
   * it or {@link #END}. It always moves forward by at least one ref, so it behaves exactly like:
   *
   * <pre>{@code
   * long advance(long target) {
   *   long ref;
   *   while ((ref = next()) < target) {}
   *   return ref;
   * }
   * }</pre>
   *
   * <p>Callers normally pass a target above the current ref; with a lower target the call is a
   * {@link #next()}.
   */
  long advance(long target);

  /**
   * An upper bound on the number of refs still to come, cheap to compute. Exact for lists; for set
   * operations it is the bound their inputs give (the smallest input of an intersection, the sum
   * of a union's inputs, the full side of a difference).
   */
  long cost();

  /** Postings with no refs. A shared, stateless instance. */
  static Postings empty() {
    return EmptyPostings.INSTANCE;
  }

  /**
   * Postings over the given refs, which must be strictly increasing, positive and below
   * {@link #END}. The array is not copied; do not change it while the postings are in use.
   *
   * @throws IllegalArgumentException if the refs are not strictly increasing or out of range
   */
  static Postings of(long... sortedRefs) {
    return sortedRefs.length == 0 ? empty() : new LongArrayPostings(sortedRefs);
  }

  /**
   * The refs present in every input. The cheapest input (by {@link #cost()}) leads, and the others
   * are advanced to its candidates. No inputs give {@link #empty()}.
   */
  static Postings intersect(List<Postings> postings) {
    List<Postings> live = new ArrayList<>(postings.size());
    for (int i = 0; i < postings.size(); i++) {
      Postings p = postings.get(i);
      if (p == EmptyPostings.INSTANCE) {
        return empty();
      }
      live.add(p);
    }
    return switch (live.size()) {
      case 0 -> empty();
      case 1 -> live.getFirst();
      default -> new IntersectPostings(live.toArray(new Postings[0]));
    };
  }

  /**
   * The refs present in any input, each once. Two inputs are merged directly; more go through a
   * heap ordered by each input's current ref.
   */
  static Postings union(List<Postings> postings) {
    List<Postings> live = new ArrayList<>(postings.size());
    for (int i = 0; i < postings.size(); i++) {
      Postings p = postings.get(i);
      if (p != EmptyPostings.INSTANCE) {
        live.add(p);
      }
    }
    return switch (live.size()) {
      case 0 -> empty();
      case 1 -> live.getFirst();
      case 2 -> new PairUnionPostings(live.get(0), live.get(1));
      default -> new UnionPostings(live.toArray(new Postings[0]));
    };
  }

  /** The refs of {@code full} that are not in {@code drop}. */
  static Postings without(Postings full, Postings drop) {
    if (full == EmptyPostings.INSTANCE) {
      return empty();
    }
    if (drop == EmptyPostings.INSTANCE) {
      return full;
    }
    return new WithoutPostings(full, drop);
  }

  /** Drains the remaining refs into an array. Meant for tests and small sets. */
  static long[] toArray(Postings p) {
    long[] out = new long[(int) Math.min(Math.max(p.cost(), 0), 1024)];
    int n = 0;
    for (long ref = p.next(); ref != END; ref = p.next()) {
      if (n == out.length) {
        out = Arrays.copyOf(out, Math.max(8, n + (n >> 1)));
      }
      out[n++] = ref;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
