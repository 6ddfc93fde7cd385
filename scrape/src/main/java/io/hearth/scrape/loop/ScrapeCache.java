package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.scrape.parse.ExpositionParser;
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
    /** Where the line came in the order of the last scrape that had it. */
    int order = -1;

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

  /**
   * The lines in the order the previous scrape met them (each once), and the current scrape's so
   * far. Every entry in {@code prevOrder} is in the table: only lines the ending scrape did not
   * meet are ever removed, and those are not in its order.
   */
  private Entry[] prevOrder = new Entry[64];
  private int prevCount;
  private Entry[] curOrder = new Entry[64];
  private int curCount;
  /** Index in {@code prevOrder} of the line expected next. */
  private int cursor;

  private ArrayList<Entry> trackedCur = new ArrayList<>();
  private ArrayList<Entry> trackedPrev = new ArrayList<>();

  private final Object metaLock = new Object();
  private final Map<String, MetaEntry> metadata = new HashMap<>();

  /**
   * A HELP, TYPE or UNIT line seen before, decoded once: a steady target repeats the same lines
   * every scrape, and decoding them made most of a scrape's garbage.
   */
  private static final class MetaLine {
    final byte[] key;
    final int hash;
    /** The parser that decoded the line: OpenMetrics and Prometheus text unescape HELP differently. */
    final ExpositionParser parser;
    final io.hearth.scrape.parse.Entry kind;
    final String metric;
    final MetricType type;
    final String text;
    long lastIter;

    MetaLine(byte[] key, int hash, ExpositionParser parser, io.hearth.scrape.parse.Entry kind,
        String metric, MetricType type, String text) {
      this.key = key;
      this.hash = hash;
      this.parser = parser;
      this.kind = kind;
      this.metric = metric;
      this.type = type;
      this.text = text;
    }
  }

  private MetaLine[] metaLines = new MetaLine[64];
  private int metaLineCount;

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
    Entry e = null;
    if (cursor < prevCount) {
      // A target exposes its lines in the same order every scrape: the line after the last one
      // found is most likely the one that followed it last time. Checking it first walks the
      // entries in memory order instead of hashing and probing the table at random.
      Entry guess = prevOrder[cursor];
      if (guess.key.length == len && Arrays.equals(guess.key, 0, len, buf, off, off + len)) {
        e = guess;
      }
    }
    if (e == null) {
      e = lookup(buf, off, len);
      if (e == null) {
        return null;
      }
    }
    seenBefore = e.lastIter == iter;
    e.lastIter = iter;
    if (!seenBefore) {
      cursor = e.order + 1;
      record(e);
    }
    return e;
  }

  /** Appends {@code e} to this scrape's order of lines. */
  private void record(Entry e) {
    if (curCount == curOrder.length) {
      curOrder = Arrays.copyOf(curOrder, curCount * 2);
    }
    curOrder[curCount] = e;
    e.order = curCount++;
  }

  private Entry lookup(byte[] buf, int off, int len) {
    int h = hash(buf, off, len);
    Entry[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry e = t[i];
      if (e == null) {
        return null;
      }
      if (e.hash == h && Arrays.equals(e.key, 0, e.key.length, buf, off, off + len)) {
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
    record(e);
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
      removeUnseenMetaLines();
      synchronized (metaLock) {
        // Metadata outlives its series by 10 scrapes, so a briefly absent family keeps its HELP.
        metadata.values().removeIf(m -> iter - m.lastIter > 10);
      }
    }
    Entry[] order = prevOrder;
    Arrays.fill(order, 0, prevCount, null);
    prevOrder = curOrder;
    prevCount = curCount;
    curOrder = order;
    curCount = 0;
    cursor = 0;
    ArrayList<Entry> swap = trackedPrev;
    trackedPrev = trackedCur;
    trackedCur = swap;
    trackedCur.clear();
    iter++;
  }

  private void removeUnseen() {
    // Every entry met in this iteration is in its order once, so a steady scrape ends here
    // without scanning the table.
    if (curCount == size) {
      return;
    }
    Entry[] old = table;
    int live = curCount;
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

  /** Records the HELP, TYPE or UNIT entry {@code p} is at ({@code kind}). */
  void setMetadata(ExpositionParser p, io.hearth.scrape.parse.Entry kind) {
    int off = p.metadataOffset();
    if (off < 0) {
      setDecoded(kind, p.metricName(), p.type(), kind == io.hearth.scrape.parse.Entry.HELP ? p.help() : p.unit());
      return;
    }
    byte[] buf = p.seriesBytes();
    int len = p.metadataLength();
    int h = hash(buf, off, len);
    MetaLine[] t = metaLines;
    int mask = t.length - 1;
    MetaLine line = null;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      MetaLine l = t[i];
      if (l == null) {
        break;
      }
      if (l.hash == h && l.parser == p && Arrays.equals(l.key, 0, l.key.length, buf, off, off + len)) {
        line = l;
        break;
      }
    }
    if (line == null) {
      String text = switch (kind) {
        case HELP -> p.help();
        case UNIT -> p.unit();
        default -> null;
      };
      MetricType type = kind == io.hearth.scrape.parse.Entry.TYPE ? p.type() : null;
      line = new MetaLine(Arrays.copyOfRange(buf, off, off + len), h, p, kind, p.metricName(), type, text);
      if ((metaLineCount + 1) * 4 > metaLines.length * 3) {
        metaLines = rehash(metaLines, metaLines.length * 2, Long.MIN_VALUE);
      }
      placeLine(metaLines, line);
      metaLineCount++;
    }
    line.lastIter = iter;
    setDecoded(kind, line.metric, line.type, line.text);
  }

  private void setDecoded(io.hearth.scrape.parse.Entry kind, String metric, MetricType type, String text) {
    switch (kind) {
      case TYPE -> setType(metric, type);
      case HELP -> setHelp(metric, text);
      case UNIT -> setUnit(metric, text);
      default -> throw new IllegalArgumentException("not a metadata entry: " + kind);
    }
  }

  /** The lines of {@code t} in a table of {@code cap}; only those seen in {@code onlyIter} unless MIN_VALUE. */
  private static MetaLine[] rehash(MetaLine[] t, int cap, long onlyIter) {
    MetaLine[] out = new MetaLine[cap];
    for (MetaLine l : t) {
      if (l != null && (onlyIter == Long.MIN_VALUE || l.lastIter == onlyIter)) {
        placeLine(out, l);
      }
    }
    return out;
  }

  private static void placeLine(MetaLine[] t, MetaLine l) {
    int mask = t.length - 1;
    int i = l.hash & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = l;
  }

  /** Forgets the metadata lines the current scrape did not have, as series lines are forgotten. */
  private void removeUnseenMetaLines() {
    int live = 0;
    for (MetaLine l : metaLines) {
      if (l != null && l.lastIter == iter) {
        live++;
      }
    }
    if (live == metaLineCount) {
      return;
    }
    int cap = 64;
    while (cap < live * 2) {
      cap <<= 1;
    }
    metaLines = rehash(metaLines, cap, iter);
    metaLineCount = live;
  }

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
