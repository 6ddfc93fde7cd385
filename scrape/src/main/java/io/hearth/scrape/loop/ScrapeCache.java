package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.scrape.parse.MetricType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One target's memory between scrapes, keyed by the raw series bytes of its exposition: a known
 * line costs a hash probe and a byte comparison, never label parsing or relabeling. It also tracks
 * which series the last scrape exposed, so the next one can write staleness markers for those that
 * went away, and the metric metadata (TYPE, HELP, UNIT) the target exposed.
 *
 * <p>Only the target's scrape loop touches the series map. Metadata is read by the API while the
 * loop writes it, so it is guarded by its own lock.
 */
final class ScrapeCache {
  /** A cached series line: its storage reference and final labels, or a marker that it is dropped. */
  static final class Entry {
    final byte[] key;
    final int hash;
    long ref;
    final Labels labels;
    final boolean dropped;
    /** Last iteration the line was seen in; equal to the current one means a repeat within a scrape. */
    long lastIter;
    /** Last iteration the series was tracked for staleness. */
    long trackedIter = -1;

    Entry(byte[] key, int hash, long ref, Labels labels, boolean dropped, long iter) {
      this.key = key;
      this.hash = hash;
      this.ref = ref;
      this.labels = labels;
      this.dropped = dropped;
      this.lastIter = iter;
    }
  }

  /** Metadata of one metric family as the target last exposed it. */
  record Metadata(String metric, MetricType type, String help, String unit) {}

  private static final class MetaEntry {
    MetricType type = MetricType.UNKNOWN;
    String help = "";
    String unit = "";
    long lastIter;
  }

  private Entry[] table = new Entry[64];
  private int size;
  private long iter;
  /** Entries + metadata after the last successful scrape, to spot a cache growing through failures. */
  private int successfulCount;

  private ArrayList<Entry> trackedCur = new ArrayList<>();
  private ArrayList<Entry> trackedPrev = new ArrayList<>();

  private final Object metaLock = new Object();
  private final Map<String, MetaEntry> metadata = new HashMap<>();

  long iteration() {
    return iter;
  }

  int size() {
    return size;
  }

  /**
   * Finds the line {@code buf[off, off+len)} and marks it seen in this iteration.
   *
   * @return the entry, or null; {@link #seenBefore} tells whether this scrape already had it
   */
  Entry get(byte[] buf, int off, int len) {
    int h = hash(buf, off, len);
    Entry[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry e = t[i];
      if (e == null) {
        return null;
      }
      if (e.hash == h && Arrays.equals(e.key, 0, e.key.length, buf, off, off + len)) {
        seenBefore = e.lastIter == iter;
        e.lastIter = iter;
        return e;
      }
    }
  }

  /** Set by {@link #get}: whether the entry had already been seen in the current iteration. */
  boolean seenBefore;

  Entry add(byte[] buf, int off, int len, long ref, Labels labels) {
    return insert(buf, off, len, ref, labels, false);
  }

  void addDropped(byte[] buf, int off, int len) {
    insert(buf, off, len, 0, null, true);
  }

  private Entry insert(byte[] buf, int off, int len, long ref, Labels labels, boolean dropped) {
    if ((size + 1) * 4 > table.length * 3) {
      grow();
    }
    int h = hash(buf, off, len);
    Entry e = new Entry(Arrays.copyOfRange(buf, off, off + len), h, ref, labels, dropped, iter);
    place(table, e);
    size++;
    return e;
  }

  /** Remembers that {@code e} was written this scrape, so it is not marked stale. */
  void track(Entry e) {
    if (e.trackedIter != iter) {
      e.trackedIter = iter;
      trackedCur.add(e);
    }
  }

  /**
   * Forgets what the current scrape tracked: it failed part-way and was rolled back, so every
   * series of the previous scrape is stale. (Prometheus keeps the partial tracking, which spares
   * the series before a parse error their markers; its own comments intend a failed scrape to
   * count as an empty one, and so does this.)
   */
  void untrackCurrent() {
    for (int i = 0, n = trackedCur.size(); i < n; i++) {
      trackedCur.get(i).trackedIter = -1;
    }
    trackedCur.clear();
  }

  /**
   * Calls {@code sink} with each series the previous scrape wrote and this one did not. A series
   * reached through two lines (two spellings relabeled to one series) stays live if either line
   * was written.
   */
  void forEachStale(StaleSink sink) {
    Set<Long> liveRefs = null;
    for (int i = 0, n = trackedPrev.size(); i < n; i++) {
      Entry e = trackedPrev.get(i);
      if (e.trackedIter == iter) {
        continue;
      }
      if (liveRefs == null) {
        liveRefs = new HashSet<>();
        for (int j = 0, m = trackedCur.size(); j < m; j++) {
          liveRefs.add(trackedCur.get(j).ref);
        }
      }
      if (!liveRefs.contains(e.ref)) {
        sink.stale(e.ref, e.labels);
      }
    }
  }

  interface StaleSink {
    void stale(long ref, Labels labels);
  }

  /**
   * Ends an iteration. After a successful scrape ({@code success}), lines not seen in it are
   * forgotten, as Prometheus does; after failures the cache is only flushed when it has doubled
   * (plus 1000) since the last success, so a target with churning labels cannot grow it forever.
   */
  void iterationDone(boolean success) {
    int count = size + metadataSize();
    boolean flush = success;
    if (success) {
      successfulCount = count;
    } else if (count > successfulCount * 2 + 1000) {
      flush = true;
    }
    if (flush) {
      removeUnseen();
      synchronized (metaLock) {
        // Metadata outlives its series by 10 scrapes, so a briefly absent family keeps its HELP.
        metadata.values().removeIf(m -> iter - m.lastIter > 10);
      }
    }
    ArrayList<Entry> swap = trackedPrev;
    trackedPrev = trackedCur;
    trackedCur = swap;
    trackedCur.clear();
    iter++;
  }

  private void removeUnseen() {
    Entry[] old = table;
    int live = 0;
    for (Entry e : old) {
      if (e != null && e.lastIter == iter) {
        live++;
      }
    }
    if (live == size) {
      return;
    }
    int cap = 64;
    while (cap < live * 2) {
      cap <<= 1;
    }
    Entry[] t = new Entry[cap];
    for (Entry e : old) {
      if (e != null && e.lastIter == iter) {
        place(t, e);
      }
    }
    table = t;
    size = live;
  }

  private void grow() {
    Entry[] t = new Entry[table.length * 2];
    for (Entry e : table) {
      if (e != null) {
        place(t, e);
      }
    }
    table = t;
  }

  private static void place(Entry[] t, Entry e) {
    int mask = t.length - 1;
    int i = e.hash & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = e;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * A multiply-mix hash eight bytes at a time: every sample of every scrape hashes its line, so
   * this is one of the few per-sample costs of a steady target.
   */
  static int hash(byte[] b, int off, int len) {
    long h = 0x9E3779B97F4A7C15L ^ len;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * 0xff51afd7ed558ccdL;
      h ^= h >>> 29;
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (b[i] & 0xffL) << shift;
    }
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 32;
    return (int) h;
  }

  // ---- metadata

  void setType(String metric, MetricType type) {
    synchronized (metaLock) {
      MetaEntry m = metadata.computeIfAbsent(metric, k -> new MetaEntry());
      m.type = type;
      m.lastIter = iter;
    }
  }

  void setHelp(String metric, String help) {
    synchronized (metaLock) {
      MetaEntry m = metadata.computeIfAbsent(metric, k -> new MetaEntry());
      m.help = help;
      m.lastIter = iter;
    }
  }

  void setUnit(String metric, String unit) {
    synchronized (metaLock) {
      MetaEntry m = metadata.computeIfAbsent(metric, k -> new MetaEntry());
      m.unit = unit;
      m.lastIter = iter;
    }
  }

  /** A snapshot of the metadata, sorted by metric name. */
  List<Metadata> metadata() {
    List<Metadata> out = new ArrayList<>();
    synchronized (metaLock) {
      metadata.forEach((k, m) -> out.add(new Metadata(k, m.type, m.help, m.unit)));
    }
    out.sort((a, b) -> a.metric().compareTo(b.metric()));
    return out;
  }

  Metadata metadata(String metric) {
    synchronized (metaLock) {
      MetaEntry m = metadata.get(metric);
      return m == null ? null : new Metadata(metric, m.type, m.help, m.unit);
    }
  }

  private int metadataSize() {
    synchronized (metaLock) {
      return metadata.size();
    }
  }
}
