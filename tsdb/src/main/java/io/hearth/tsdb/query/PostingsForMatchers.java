package io.hearth.tsdb.query;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.tsdb.index.IndexReader;
import io.hearth.tsdb.index.Postings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Turns label matchers into postings, and answers label names and values under matchers, with
 * Prometheus's semantics: a series without a label matches as if it had the value {@code ""}.
 *
 * <p>A matcher that rejects {@code ""} needs the label, so it contributes the union of the values
 * it accepts, and these are intersected. A matcher that accepts {@code ""} also keeps series
 * without the label, so it contributes the values it rejects, which are subtracted. If no matcher
 * needs a label, subtraction starts from all postings. Every postings that is intersected is taken
 * from the index before any that is subtracted, so a series added meanwhile can be missing from
 * the result but never wrongly present in it.
 *
 * <p>Stateless and thread-safe, as long as the index reader is.
 */
public final class PostingsForMatchers {
  /**
   * What reading one series' labels costs, in heap steps of the intersecting strategy: a series
   * lookup, a binary search of its labels and a hash-set insert, against an advance and a sift.
   */
  private static final int SERIES_READ_COST = 4;
  /** Matching series held in memory at most while deciding between the two strategies. */
  private static final int MAX_EXPANDED = 1 << 20;

  private PostingsForMatchers() {}

  /**
   * The series matching all matchers. No matchers select nothing; {@code {a=~".*"}} alone selects
   * every series.
   */
  public static Postings select(IndexReader ix, Matcher... ms) {
    if (ms.length == 0) {
      return Postings.empty();
    }
    boolean[] matchesEmpty = new boolean[ms.length];
    List<Postings> its = new ArrayList<>(ms.length);
    for (int i = 0; i < ms.length; i++) {
      matchesEmpty[i] = ms[i].matches("");
      if (matchesEmpty[i] == false) {
        Postings p = ValuePostings.matching(ix, ms[i], false);
        if (p == Postings.empty()) {
          return p;
        }
        its.add(p);
      }
    }
    if (its.isEmpty()) {
      its.add(ix.allPostings());
    }
    Postings result = Postings.intersect(its);
    for (int i = 0; i < ms.length; i++) {
      if (matchesEmpty[i]) {
        result = Postings.without(result, ValuePostings.matching(ix, ms[i], true));
      }
    }
    return result;
  }

  /**
   * The sorted distinct values of label {@code name} across the series matching all matchers;
   * with no matchers, all values in the index. Matchers on {@code name} itself filter the values
   * first. Then, by estimated cost, either the labels of the matching series are read, or each
   * remaining value's postings are checked for a ref in common with the matching series.
   */
  public static List<String> labelValues(IndexReader ix, String name, Matcher... ms) {
    if (ms.length == 0) {
      return ix.labelValues(name);
    }
    List<String> values = new ArrayList<>(ix.labelValues(name));
    boolean hasOtherLabels = false;
    for (Matcher m : ms) {
      if (m.name().equals(name)) {
        values.removeIf(v -> m.matches(v) == false);
      } else {
        hasOtherLabels = true;
      }
    }
    if (values.isEmpty() || hasOtherLabels == false) {
      return values;
    }
    Postings p = select(ix, ms);
    Postings[] candidates = new Postings[values.size()];
    long withLabel = 0;
    for (int i = 0; i < candidates.length; i++) {
      candidates[i] = ix.postings(name, values.get(i));
      withLabel += candidates[i].cost();
    }
    // Like Prometheus, read up to as many matching series as could still be cheaper to read one
    // by one than to intersect every value's postings with them, and decide once that is known.
    int limit = (int) Math.min(withLabel / SERIES_READ_COST, MAX_EXPANDED);
    long[] expanded = new long[(int) Math.min(limit + 1L, Math.max(p.cost(), 0))];
    int n = 0;
    long ref = Postings.END;
    while (n <= limit && (ref = p.next()) != Postings.END) {
      if (n == expanded.length) {
        expanded = Arrays.copyOf(expanded, (int) Math.min(limit + 1L, Math.max(16, 2L * n)));
      }
      expanded[n++] = ref;
    }
    Postings base;
    if (ref == Postings.END) {
      if ((long) n * SERIES_READ_COST <= intersectingCost(candidates, withLabel, n)) {
        return valuesOfSeries(ix, name, expanded, n);
      }
      base = Postings.of(Arrays.copyOf(expanded, n));
    } else {
      base = Postings.union(List.of(Postings.of(Arrays.copyOf(expanded, n)), p));
    }
    boolean[] hit = IntersectingCandidates.find(base, candidates);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < hit.length; i++) {
      if (hit[i]) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  /**
   * Estimates the heap steps of {@link IntersectingCandidates} for {@code matched} series spread
   * over the {@code withLabel} series that have the label: a value's postings are walked until one
   * of them meets a matching series, about every {@code withLabel / matched} refs, or to their end.
   */
  private static long intersectingCost(Postings[] candidates, long withLabel, int matched) {
    long gap = withLabel / Math.max(1, matched) + 1;
    long steps = 0;
    for (Postings c : candidates) {
      steps += Math.min(c.cost(), gap);
    }
    int log = 64 - Long.numberOfLeadingZeros(candidates.length);
    return steps * Math.max(1, log);
  }

  private static List<String> valuesOfSeries(IndexReader ix, String name, long[] refs, int n) {
    HashSet<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Labels ls = ix.series(refs[i]);
      String v = ls == null ? "" : ls.get(name);
      if (v.isEmpty() == false) {
        seen.add(v);
      }
    }
    List<String> out = new ArrayList<>(seen);
    out.sort(null);
    return out;
  }

  /**
   * The sorted distinct label names of the series matching all matchers; with no matchers, all
   * names in the index. Reads the labels of the matching series, stopping early once every name in
   * the index has been seen.
   */
  public static List<String> labelNames(IndexReader ix, Matcher... ms) {
    List<String> all = ix.labelNames();
    if (ms.length == 0) {
      return all;
    }
    Postings p = select(ix, ms);
    HashSet<String> seen = new HashSet<>();
    for (long ref = p.next(); ref != Postings.END && seen.size() < all.size(); ref = p.next()) {
      Labels ls = ix.series(ref);
      if (ls != null) {
        for (int i = 0; i < ls.size(); i++) {
          seen.add(ls.name(i));
        }
      }
    }
    List<String> out = new ArrayList<>(seen);
    out.sort(null);
    return out;
  }
}
