package io.hearth.tsdb.index;

import io.hearth.labels.Labels;
import io.hearth.tsdb.io.ByteArrayBuilder;
import io.hearth.tsdb.io.OutputFile;
import io.hearth.tsdb.io.Utf8Order;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes a block's {@code index} file in Prometheus's format, version 2, byte for byte as
 * Prometheus 2.x writes it (the sections that 3.x no longer writes, the label indices and their
 * offset table, included, so the file is also what older readers expect).
 *
 * <p>Use: construct with the block's symbols, then {@link #addSeries} in label order, then
 * {@link #finish()}. The postings lists are gathered in memory as series are added (4 bytes per
 * label of each series), not re-read from the file as Prometheus does. Not thread-safe.
 *
 * <h2>Format</h2>
 *
 * This is the grammar; <a href="../../../../../../../../docs/format/index.md">docs/format/index.md</a>
 * has the box diagrams. Integers are big-endian, varints are Go's; every {@code CRC} is the
 * CRC32 (Castagnoli) of the section's bytes after its {@code len}.
 *
 * <pre>
 * Index        --&gt; Magic(0xBAAAD700, 4) Version(2, 1) Symbols Series* LabelIndex* Pad4 Postings*
 *                  LabelOffsetTable PostingsOffsetTable TOC
 * Symbols      --&gt; len(4) count(4) (uvarint-len string)* CRC       strings sorted bytewise, "" first
 * Series       --&gt; Pad16 uvarint-len (#labels (nameId valueId)* #chunks ChunkMeta*) CRC
 *                  its id is its offset / 16; series sorted by labels
 * ChunkMeta    --&gt; first: varint minT, uvarint maxT-minT, uvarint ref
 *                  then:  uvarint minT-prev.maxT, uvarint maxT-minT, varint ref-prev.ref
 * LabelIndex   --&gt; Pad4 len(4) 1(4) #values(4) valueId(4)* CRC   one per label name, sorted
 * Postings     --&gt; Pad4 len(4) #refs(4) seriesId(4)* CRC         all series first (name = value = "")
 * LabelOffsetTable    --&gt; len(4) #entries(4) (uvarint 1, name, uvarint offset)* CRC
 * PostingsOffsetTable --&gt; len(4) #entries(4) (uvarint 2, name, value, uvarint offset)* CRC
 * TOC          --&gt; symbols(8) series(8) labelIndices(8) labelOffsetTable(8) postings(8)
 *                  postingsOffsetTable(8) CRC                       offsets of the sections
 * </pre>
 */
public final class IndexFileWriter implements AutoCloseable {
  public static final int MAGIC = 0xBAAAD700;
  public static final int VERSION = 2;
  static final int SERIES_ALIGN = 16;

  private final OutputFile out;
  private final Map<String, Integer> symbolIds;
  private final String[] symbols;
  private final ByteArrayBuilder buf = new ByteArrayBuilder(1 << 12);
  private final ByteArrayBuilder head = new ByteArrayBuilder(16);
  private final CRC32C crc = new CRC32C();
  // (nameId << 32 | valueId) -> series ids; every series id is also in all.
  private final HashMap<Long, IntList> postings = new HashMap<>();
  private final IntList all = new IntList();
  private long tocSymbols;
  private long tocSeries;
  private Labels lastLabels;
  private long lastChunkRef;
  private boolean isFinished;

  /**
   * Creates {@code file} and writes its header and symbol table.
   *
   * @param symbols every label name and value of the series to come, unique and sorted in
   *     {@link Utf8Order}; Prometheus also lists {@code ""}
   */
  public IndexFileWriter(Path file, List<String> symbols) throws IOException {
    this.symbols = symbols.toArray(new String[0]);
    this.symbolIds = HashMap.newHashMap(this.symbols.length);
    for (int i = 0; i < this.symbols.length; i++) {
      if (i > 0 && Utf8Order.compare(this.symbols[i - 1], this.symbols[i]) >= 0) {
        throw new IllegalArgumentException("symbols must be sorted and unique, got \""
            + this.symbols[i - 1] + "\" before \"" + this.symbols[i] + "\"");
      }
      symbolIds.put(this.symbols[i], i);
    }
    this.out = new OutputFile(file, 1 << 20);
    boolean ok = false;
    try {
      writeHeaderAndSymbols();
      ok = true;
    } finally {
      if (ok == false) {
        out.close();
      }
    }
  }

  private void writeHeaderAndSymbols() throws IOException {
    buf.reset().putBE32(MAGIC).putByte(VERSION);
    out.write(buf);
    tocSymbols = out.position();
    buf.reset().putBE32(0).putBE32(symbols.length);
    for (String s : symbols) {
      buf.putUvarintString(s);
    }
    long len = buf.length() - 4L;
    if (len > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("symbol table of " + len + " bytes exceeds 4 GiB");
    }
    buf.setBE32(0, (int) len);
    crc.reset();
    crc.update(buf.array(), 4, (int) len);
    buf.putBE32((int) crc.getValue());
    out.write(buf);
    tocSeries = out.position();
  }

  /**
   * Adds one series. Series come in strictly increasing label order ({@link Utf8Order} on names,
   * then values); their chunks in time order, not overlapping, with references that never
   * decrease across the whole index.
   */
  public void addSeries(Labels labels, ChunkMetas chunks) throws IOException {
    if (isFinished) {
      throw new IllegalStateException("index is finished");
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("a series needs at least one label");
    }
    if (lastLabels != null && compareLabels(lastLabels, labels) >= 0) {
      throw new IllegalArgumentException("series out of order: " + labels + " after " + lastLabels);
    }
    long lastRef = lastChunkRef;
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.ref(i) < lastRef) {
        throw new IllegalArgumentException("chunk reference " + chunks.ref(i) + " of " + labels + " is below the previous " + lastRef);
      }
      lastRef = chunks.ref(i);
      if (chunks.maxT(i) < chunks.minT(i)) {
        throw new IllegalArgumentException("chunk maxT " + chunks.maxT(i) + " below minT " + chunks.minT(i) + " in " + labels);
      }
      if (i > 0 && chunks.minT(i) <= chunks.maxT(i - 1)) {
        throw new IllegalArgumentException("chunk minT " + chunks.minT(i) + " not above the previous chunk's maxT " + chunks.maxT(i - 1) + " in " + labels);
      }
    }
    out.pad(SERIES_ALIGN);
    long id = out.position() / SERIES_ALIGN;
    if (id > 0xFFFFFFFFL) {
      throw new IllegalStateException("index exceeds 64 GiB: series ids no longer fit 32 bits");
    }
    buf.reset().putUvarint(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      int name = symbolId(labels.name(i));
      int value = symbolId(labels.value(i));
      buf.putUvarint(name).putUvarint(value);
      postings.computeIfAbsent(((long) name << 32) | value, k -> new IntList()).add((int) id);
    }
    all.add((int) id);
    buf.putUvarint(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      if (i == 0) {
        buf.putVarint(chunks.minT(0)).putUvarint(chunks.maxT(0) - chunks.minT(0)).putUvarint(chunks.ref(0));
      } else {
        buf.putUvarint(chunks.minT(i) - chunks.maxT(i - 1))
            .putUvarint(chunks.maxT(i) - chunks.minT(i))
            .putVarint(chunks.ref(i) - chunks.ref(i - 1));
      }
    }
    crc.reset();
    crc.update(buf.array(), 0, buf.length());
    head.reset().putUvarint(buf.length());
    out.write(head);
    buf.putBE32((int) crc.getValue());
    out.write(buf);
    lastLabels = labels;
    lastChunkRef = lastRef;
  }

  private int symbolId(String s) {
    Integer id = symbolIds.get(s);
    if (id == null) {
      throw new IllegalArgumentException("symbol \"" + s + "\" is not in the symbol table");
    }
    return id;
  }

  /** Prometheus's label order: label by label, name then value, bytewise; a prefix first. */
  public static int compareLabels(Labels a, Labels b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = Utf8Order.compare(a.name(i), b.name(i));
      if (c != 0) {
        return c;
      }
      c = Utf8Order.compare(a.value(i), b.value(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Writes the label indices, postings, offset tables and TOC, then syncs and closes the file. */
  public void finish() throws IOException {
    if (isFinished) {
      throw new IllegalStateException("index is finished");
    }
    isFinished = true;
    long[] keys = new long[postings.size()];
    int k = 0;
    for (Long key : postings.keySet()) {
      keys[k++] = key;
    }
    Arrays.sort(keys); // symbol ids follow string order, so this is name, then value order

    long tocLabelIndices = out.position();
    // One label index per name: the value ids, in order.
    int numNames = 0;
    long[] labelIndexOffsets = new long[keys.length];
    int[] labelIndexNames = new int[keys.length];
    for (int i = 0; i < keys.length; ) {
      int name = (int) (keys[i] >>> 32);
      int j = i;
      while (j < keys.length && (int) (keys[j] >>> 32) == name) {
        j++;
      }
      out.pad(4);
      labelIndexOffsets[numNames] = out.position();
      labelIndexNames[numNames++] = name;
      buf.reset().putBE32(0).putBE32(1).putBE32(j - i);
      for (int x = i; x < j; x++) {
        buf.putBE32((int) keys[x]);
      }
      writeWithLengthAndCrc();
      i = j;
    }

    long tocPostings = out.position();
    out.pad(4);
    long[] postingsOffsets = new long[keys.length + 1];
    postingsOffsets[0] = writePostings(all);
    for (int i = 0; i < keys.length; i++) {
      postingsOffsets[i + 1] = writePostings(postings.get(keys[i]));
    }

    long tocLabelOffsetTable = out.position();
    buf.reset().putBE32(0).putBE32(numNames);
    for (int i = 0; i < numNames; i++) {
      buf.putUvarint(1).putUvarintString(symbols[labelIndexNames[i]]).putUvarint(labelIndexOffsets[i]);
    }
    writeWithLengthAndCrc();

    long tocPostingsTable = out.position();
    buf.reset().putBE32(0).putBE32(keys.length + 1);
    buf.putUvarint(2).putUvarintString("").putUvarintString("").putUvarint(postingsOffsets[0]);
    for (int i = 0; i < keys.length; i++) {
      buf.putUvarint(2)
          .putUvarintString(symbols[(int) (keys[i] >>> 32)])
          .putUvarintString(symbols[(int) keys[i]])
          .putUvarint(postingsOffsets[i + 1]);
    }
    writeWithLengthAndCrc();

    buf.reset()
        .putBE64(tocSymbols)
        .putBE64(tocSeries)
        .putBE64(tocLabelIndices)
        .putBE64(tocLabelOffsetTable)
        .putBE64(tocPostings)
        .putBE64(tocPostingsTable);
    crc.reset();
    crc.update(buf.array(), 0, buf.length());
    buf.putBE32((int) crc.getValue());
    out.write(buf);
    out.finish();
    out.close();
  }

  private long writePostings(IntList refs) throws IOException {
    out.pad(4);
    long at = out.position();
    buf.reset().putBE32(0).putBE32(refs.size);
    for (int i = 0; i < refs.size; i++) {
      buf.putBE32(refs.values[i]);
    }
    writeWithLengthAndCrc();
    return at;
  }

  /** Writes {@code buf}, whose first 4 bytes are a placeholder for the length of the rest. */
  private void writeWithLengthAndCrc() throws IOException {
    long len = buf.length() - 4L;
    if (len > 0xFFFFFFFFL) {
      throw new IllegalStateException("index section of " + len + " bytes exceeds 4 GiB");
    }
    buf.setBE32(0, (int) len);
    crc.reset();
    crc.update(buf.array(), 4, (int) len);
    buf.putBE32((int) crc.getValue());
    out.write(buf);
  }

  /** Closes the file; an unfinished index is left incomplete, for the caller to delete. */
  @Override
  public void close() throws IOException {
    out.close();
  }

  private static final class IntList {
    int[] values = new int[4];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }
}
