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
  /** What {@link #get} returns for a line the cache does not have. */
  static final int NONE = -1;

  /** Metadata of one metric family as the target last exposed it. */
  record Metadata(String metric, MetricType type, String help, String unit) {}

  private static final class MetaEntry {
    MetricType type = MetricType.UNKNOWN;
    String help = "";
    String unit = "";
    long lastIter;
  }

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

  // ---- series lines, one dense id per line, stored as columns
  //
  // A target of 2,000 series kept 4,000 objects here (an entry and its key array each) for the
  // GC to trace on every cycle; as columns it keeps a dozen arrays whatever its size, and the
  // keys sit back to back in one slab, ~20 B of headers and padding less per line.

  /** The lines' bytes back to back; line {@code id} is {@code [keyStart[id], keyStart[id+1])}. */
  private byte[] slab = new byte[4096];
  private int[] keyStart = new int[INITIAL + 1];
  private int[] hashes = new int[INITIAL];
  private long[] refs = new long[INITIAL];
  /** Null for a dropped line, and for a removed one (so its labels can be collected). */
  private Labels[] labels = new Labels[INITIAL];
  private byte[] flags = new byte[INITIAL];
  /** Iteration (truncated) in which the series was last tracked for staleness, or -1. */
  private int[] trackedIter = new int[INITIAL];
  /**
   * Where the line came in the order of the current scrape if it has been met in it, else in the
   * order of the last scrape that had it.
   */
  private int[] order = new int[INITIAL];

  private static final int INITIAL = 64;
  private static final byte DROPPED = 1;
  private static final byte REMOVED = 2;
  /** The line was tracked in the previous iteration too (so a rollback can restore that). */
  private static final byte PREV_TRACKED = 4;

  /** Ids handed out: live lines plus removed ones not yet compacted away. */
  private int count;
  /** Live lines. */
  private int size;
  /** Open addressing over ids, each stored plus one so that 0 is an empty slot. */
  private int[] table = new int[128];

  private long iter;
  /** Entries + metadata after the last successful scrape, to spot a cache growing through failures. */
  private int successfulCount;

  /**
   * The lines in the order the previous scrape met them (each once), and the current scrape's so
   * far. Every id in {@code prevOrder} is live: only lines the ending scrape did not meet are
   * ever removed, and those are not in its order.
   */
  private int[] prevOrder = new int[INITIAL];
  private int prevCount;
  private int[] curOrder = new int[INITIAL];
  private int curCount;
  /** Index in {@code prevOrder} of the line expected next. */
  private int cursor;

  long iteration() {
    return iter;
  }

  int size() {
    return size;
  }

  long ref(int id) {
    return refs[id];
  }

  void setRef(int id, long ref) {
    refs[id] = ref;
  }

  /** The line's final labels; null if it is dropped. */
  Labels labels(int id) {
    return labels[id];
  }

  boolean dropped(int id) {
    return (flags[id] & DROPPED) != 0;
  }

  /** Whether the current scrape has met the line already. */
  private boolean metThisScrape(int id) {
    int o = order[id];
    return o < curCount && curOrder[o] == id;
  }

  private boolean keyEquals(int id, byte[] buf, int off, int len) {
    int from = keyStart[id];
    int to = keyStart[id + 1];
    return to - from == len && Arrays.equals(slab, from, to, buf, off, off + len);
  }

  /**
   * Finds the line {@code buf[off, off+len)} and marks it seen in this iteration.
   *
   * @return its id, or {@link #NONE}; {@link #seenBefore} tells whether this scrape already had it
   */
  int get(byte[] buf, int off, int len) {
    int id = NONE;
    if (cursor < prevCount) {
      // A target exposes its lines in the same order every scrape: the line after the last one
      // found is most likely the one that followed it last time. Checking it first walks the
      // slab in order instead of hashing and probing the table at random.
      int guess = prevOrder[cursor];
      if (keyEquals(guess, buf, off, len)) {
        id = guess;
      }
    }
    if (id == NONE) {
      id = lookup(buf, off, len);
      if (id == NONE) {
        return NONE;
      }
    }
    seenBefore = metThisScrape(id);
    if (!seenBefore) {
      cursor = order[id] + 1;
      record(id);
    }
    return id;
  }

  /** Appends {@code id} to this scrape's order of lines. */
  private void record(int id) {
    if (curCount == curOrder.length) {
      curOrder = Arrays.copyOf(curOrder, curCount * 2);
    }
    curOrder[curCount] = id;
    order[id] = curCount++;
  }

  private int lookup(byte[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int[] t = table;
    int mask = t.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = t[i];
      if (slot == 0) {
        return NONE;
      }
      int id = slot - 1;
      if (hashes[id] == h && keyEquals(id, buf, off, len)) {
        return id;
      }
    }
  }

  /** Set by {@link #get}: whether the entry had already been seen in the current iteration. */
  boolean seenBefore;

  int add(byte[] buf, int off, int len, long ref, Labels labels) {
    return insert(buf, off, len, ref, labels, (byte) 0);
  }

  void addDropped(byte[] buf, int off, int len) {
    insert(buf, off, len, 0, null, DROPPED);
  }

  private int insert(byte[] buf, int off, int len, long ref, Labels lset, byte flag) {
    if ((size + 1) * 4 > table.length * 3) {
      table = rehash(table.length * 2);
    }
    if (count == hashes.length) {
      resize(count * 2);
    }
    int id = count++;
    int from = keyStart[id];
    if (slab.length - from < len) {
      slab = Arrays.copyOf(slab, Math.max(from + len, slab.length * 2));
    }
    System.arraycopy(buf, off, slab, from, len);
    keyStart[id + 1] = from + len;
    int h = hash(buf, off, len);
    hashes[id] = h;
    refs[id] = ref;
    labels[id] = lset;
    flags[id] = flag;
    trackedIter[id] = -1;
    place(table, h, id);
    size++;
    record(id);
    return id;
  }

  private void resize(int cap) {
    keyStart = Arrays.copyOf(keyStart, cap + 1);
    hashes = Arrays.copyOf(hashes, cap);
    refs = Arrays.copyOf(refs, cap);
    labels = Arrays.copyOf(labels, cap);
    flags = Arrays.copyOf(flags, cap);
    trackedIter = Arrays.copyOf(trackedIter, cap);
    order = Arrays.copyOf(order, cap);
  }

  /**
   * Remembers that line {@code id}, met in this scrape, was written, so its series is not marked
   * stale.
   */
  void track(int id) {
    int now = (int) iter;
    int last = trackedIter[id];
    if (last != now) {
      flags[id] = (byte) (last == now - 1 ? flags[id] | PREV_TRACKED : flags[id] & ~PREV_TRACKED);
      trackedIter[id] = now;
    }
  }

  /**
   * Forgets what the current scrape tracked: it failed part-way and was rolled back, so every
   * series of the previous scrape is stale. (Prometheus keeps the partial tracking, which spares
   * the series before a parse error their markers; its own comments intend a failed scrape to
   * count as an empty one, and so does this.)
   */
  void untrackCurrent() {
    // What this scrape tracked it has met, so it is in its order.
    int now = (int) iter;
    for (int i = 0; i < curCount; i++) {
      int id = curOrder[i];
      if (trackedIter[id] == now) {
        trackedIter[id] = (flags[id] & PREV_TRACKED) != 0 ? now - 1 : -1;
      }
    }
  }

  /**
   * Calls {@code sink} with each series the previous scrape wrote and this one did not. A series
   * reached through two lines (two spellings relabeled to one series) stays live if either line
   * was written.
   */
  void forEachStale(StaleSink sink) {
    // A line tracked in the previous scrape was met in it, so it is in prevOrder; tracked again
    // in this one, its trackedIter has moved on to this iteration.
    int now = (int) iter;
    Set<Long> liveRefs = null;
    for (int i = 0; i < prevCount; i++) {
      int id = prevOrder[i];
      if (trackedIter[id] != now - 1) {
        continue;
      }
      if (liveRefs == null) {
        liveRefs = new HashSet<>();
        for (int j = 0; j < curCount; j++) {
          if (trackedIter[curOrder[j]] == now) {
            liveRefs.add(refs[curOrder[j]]);
          }
        }
      }
      if (!liveRefs.contains(refs[id])) {
        sink.stale(refs[id], labels[id]);
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
    int total = size + metadataSize();
    boolean flush = success;
    if (success) {
      successfulCount = total;
    } else if (total > successfulCount * 2 + 1000) {
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
    int[] o = prevOrder;
    prevOrder = curOrder;
    prevCount = curCount;
    curOrder = o;
    curCount = 0;
    cursor = 0;
    trim();
    iter++;
  }

  /**
   * Gives back what doubling left unused once a scrape has ended: a target's cache mostly grows
   * within its first scrape and then stays, and half-empty arrays would cost it up to twice its
   * keys. A sixteenth is left free so that a slowly growing target does not copy on every scrape.
   */
  private void trim() {
    int used = keyStart[count];
    if (slab.length > 4096 && slab.length - used > used / 8) {
      slab = Arrays.copyOf(slab, Math.max(4096, used + used / 16));
    }
    int cap = Math.max(INITIAL, count + count / 16);
    if (hashes.length > INITIAL && hashes.length - count > count / 8) {
      resize(cap);
      prevOrder = Arrays.copyOf(prevOrder, cap);
      curOrder = new int[cap];
    }
  }

  /**
   * Removes the lines this iteration did not meet. Their slab bytes and ids stay until removed
   * ones are over a fifth of all ids, then everything live is copied into fresh columns in this
   * scrape's order: fewer than four lines are copied per line removed, and a steady target's slab
   * is read front to back.
   */
  private void removeUnseen() {
    // Every line met in this iteration is in its order once, so a steady scrape ends here
    // without looking at the lines.
    if (curCount == size) {
      return;
    }
    for (int id = 0; id < count; id++) {
      if ((flags[id] & REMOVED) == 0 && !metThisScrape(id)) {
        flags[id] |= REMOVED;
        labels[id] = null;
      }
    }
    size = curCount;
    if ((count - size) * 5 > count) {
      compact();
      return;
    }
    Arrays.fill(table, 0);
    for (int i = 0; i < curCount; i++) {
      int id = curOrder[i];
      place(table, hashes[id], id);
    }
  }

  /** Renumbers the live lines 0.. in this scrape's order, in columns sized for them. */
  private void compact() {
    int n = curCount;
    // The same slack trim() leaves, so that it has nothing to give back.
    int cap = Math.max(INITIAL, n + n / 16);
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      int id = curOrder[i];
      bytes += keyStart[id + 1] - keyStart[id];
    }
    byte[] nSlab = new byte[Math.max(4096, bytes + bytes / 16)];
    int[] nStart = new int[cap + 1];
    int[] nHashes = new int[cap];
    long[] nRefs = new long[cap];
    Labels[] nLabels = new Labels[cap];
    byte[] nFlags = new byte[cap];
    int[] nTracked = new int[cap];
    int[] nOrder = new int[cap];
    int pos = 0;
    for (int i = 0; i < n; i++) {
      int id = curOrder[i];
      int from = keyStart[id];
      int len = keyStart[id + 1] - from;
      System.arraycopy(slab, from, nSlab, pos, len);
      pos += len;
      nStart[i + 1] = pos;
      nHashes[i] = hashes[id];
      nRefs[i] = refs[id];
      nLabels[i] = labels[id];
      nFlags[i] = flags[id];
      nTracked[i] = trackedIter[id];
      nOrder[i] = i;
    }
    for (int i = 0; i < n; i++) {
      curOrder[i] = i;
    }
    slab = nSlab;
    keyStart = nStart;
    hashes = nHashes;
    refs = nRefs;
    labels = nLabels;
    flags = nFlags;
    trackedIter = nTracked;
    order = nOrder;
    count = n;
    int tcap = 128;
    while (tcap * 3 < n * 4 + 4) {
      tcap <<= 1;
    }
    table = rehash(tcap);
  }

  /** A table of {@code cap} slots holding every live line. */
  private int[] rehash(int cap) {
    int[] t = new int[cap];
    for (int id = 0; id < count; id++) {
      if ((flags[id] & REMOVED) == 0) {
        place(t, hashes[id], id);
      }
    }
    return t;
  }

  private static void place(int[] t, int h, int id) {
    int mask = t.length - 1;
    int i = h & mask;
    while (t[i] != 0) {
      i = (i + 1) & mask;
    }
    t[i] = id + 1;
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
