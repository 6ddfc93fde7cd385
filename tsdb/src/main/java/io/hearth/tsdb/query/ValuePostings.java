package io.hearth.tsdb.query;

import io.hearth.labels.MatchType;
import io.hearth.labels.Matcher;
import io.hearth.tsdb.index.IndexReader;
import io.hearth.tsdb.index.Postings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the values of a matcher's label that the matcher accepts (or rejects) and unions their
 * postings. Only values present in the index take part: a series without the label never appears
 * in the result. Equality and pure alternations are looked up directly; regexes are checked only
 * against the values that share their literal prefix, and not at all when {@code .*} or {@code .+}
 * follows the prefix. Stateless and thread-safe.
 */
final class ValuePostings {
  private ValuePostings() {}

  /**
   * The union of the postings of every value {@code v} of {@code m.name()} in the index for which
   * {@code m.matches(v) != inverse}; {@link Postings#empty()} if there is none.
   */
  static Postings matching(IndexReader ix, Matcher m, boolean inverse) {
    String name = m.name();
    return switch (m.type()) {
      case EQUAL -> inverse ? allExcept(ix, name, Set.of(m.value())) : ix.postings(name, m.value());
      case NOT_EQUAL -> inverse ? ix.postings(name, m.value()) : allExcept(ix, name, Set.of(m.value()));
      case REGEX, NOT_REGEX -> regex(ix, m, (m.type() == MatchType.REGEX) != inverse);
    };
  }

  /** Values whose regex outcome equals {@code want}. */
  private static Postings regex(IndexReader ix, Matcher m, boolean want) {
    RegexLiterals lit = RegexLiterals.of(m.value());
    String name = m.name();
    List<String> set = lit.set();
    if (set != null) {
      if (want) {
        return union(ix, name, set);
      }
      return allExcept(ix, name, set.size() <= 8 ? set : new HashSet<>(set));
    }
    String prefix = lit.prefix();
    if (prefix.isEmpty() && lit.tail() == RegexLiterals.Tail.ANY) {
      return want ? allExcept(ix, name, Set.of()) : Postings.empty();
    }
    boolean byLiterals = lit.isDecidedByLiterals();
    List<String> values = ix.labelValues(name);
    List<String> hits = new ArrayList<>();
    if (want) {
      // Only values starting with the prefix can match, and they sit together in sorted order.
      for (int i = lowerBound(values, prefix); i < values.size(); i++) {
        String v = values.get(i);
        if (v.startsWith(prefix) == false) {
          break;
        }
        if (byLiterals ? lit.matchesByLiterals(v) : regexMatches(m, v)) {
          hits.add(v);
        }
      }
    } else {
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        boolean matches;
        if (v.startsWith(prefix) == false) {
          matches = false;
        } else {
          matches = byLiterals ? lit.matchesByLiterals(v) : regexMatches(m, v);
        }
        if (matches == false) {
          hits.add(v);
        }
      }
    }
    return union(ix, name, hits);
  }

  /** Whether the regex itself matches, whatever the matcher's polarity. */
  private static boolean regexMatches(Matcher m, String v) {
    return m.matches(v) == (m.type() == MatchType.REGEX);
  }

  private static Postings allExcept(IndexReader ix, String name, Collection<String> skip) {
    List<String> values = ix.labelValues(name);
    if (skip.isEmpty()) {
      return union(ix, name, values);
    }
    List<String> hits = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (skip.contains(v) == false) {
        hits.add(v);
      }
    }
    return union(ix, name, hits);
  }

  private static Postings union(IndexReader ix, String name, List<String> values) {
    if (values.size() == 1) {
      return ix.postings(name, values.getFirst());
    }
    List<Postings> ps = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      ps.add(ix.postings(name, values.get(i)));
    }
    return Postings.union(ps);
  }

  /** The first index whose value is {@code >= key}, in a list sorted in natural String order. */
  private static int lowerBound(List<String> sorted, String key) {
    if (key.isEmpty()) {
      return 0;
    }
    int i = Collections.binarySearch(sorted, key);
    return i >= 0 ? i : -i - 1;
  }
}
