package io.hearth.scrape.differential;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one server shows after scraping: its active and dropped targets and the label sets of
 * every stored series. Labels are sorted maps, so both servers' answers print alike and compare
 * as values.
 */
record Observed(Set<Active> active, Set<Dropped> dropped, Set<SortedMap<String, String>> series) {
  Observed {
    active = new TreeSet<>(active);
    dropped = new TreeSet<>(dropped);
    Set<SortedMap<String, String>> s = new TreeSet<>(Observed::compare);
    s.addAll(series);
    series = s;
  }

  /** One active target as {@code /api/v1/targets} lists it. */
  record Active(
      String pool,
      String url,
      SortedMap<String, String> labels,
      SortedMap<String, String> discovered,
      String health)
      implements Comparable<Active> {
    @Override
    public int compareTo(Active o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return pool + " " + url + " " + health + " labels=" + labels + " discovered=" + discovered;
    }
  }

  /** One target relabeling dropped. */
  record Dropped(String pool, SortedMap<String, String> discovered) implements Comparable<Dropped> {
    @Override
    public int compareTo(Dropped o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return pool + " discovered=" + discovered;
    }
  }

  static SortedMap<String, String> labels(Map<String, String> m) {
    return new TreeMap<>(m);
  }

  static int compare(SortedMap<String, String> a, SortedMap<String, String> b) {
    return a.toString().compareTo(b.toString());
  }
}
