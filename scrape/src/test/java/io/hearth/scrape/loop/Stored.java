package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.StaleMarker;
import io.hearth.storage.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads back what a test appended, through the storage's own querier. */
final class Stored {
  /** One stored sample; {@code stale} for a staleness marker. */
  record Sample(long t, double v, boolean stale) {
    @Override
    public String toString() {
      return stale ? "stale@" + t : v + "@" + t;
    }
  }

  private Stored() {}

  /** Every series and its samples, in label order. */
  static Map<Labels, List<Sample>> all(Queryable db) {
    Map<Labels, List<Sample>> out = new LinkedHashMap<>();
    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(true, Matcher.regex(Labels.METRIC_NAME, ".+"));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        List<Sample> samples = new ArrayList<>();
        while (it.next() != ValueType.NONE) {
          samples.add(new Sample(it.t(), it.v(), StaleMarker.isStale(it.v())));
        }
        out.put(set.at().labels(), samples);
      }
    }
    return out;
  }

  /** The samples of the one series named {@code name} (with any labels). */
  static List<Sample> of(Queryable db, String name) {
    List<Sample> found = null;
    for (var e : all(db).entrySet()) {
      if (e.getKey().metricName().equals(name)) {
        if (found != null) {
          throw new AssertionError("more than one series named " + name + ": " + all(db).keySet());
        }
        found = e.getValue();
      }
    }
    if (found == null) {
      throw new AssertionError("no series named " + name + " in " + all(db).keySet());
    }
    return found;
  }
}
