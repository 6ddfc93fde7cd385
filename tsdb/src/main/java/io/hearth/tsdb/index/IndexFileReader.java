package io.hearth.tsdb.index;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.tsdb.io.CorruptBlockException;
import io.hearth.tsdb.io.FileDecoder;
import io.hearth.tsdb.io.MappedFile;
import io.hearth.tsdb.io.Utf8Order;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a block's {@code index} file (the format is in {@link IndexFileWriter}) from a memory
 * mapping, without loading it: only every 32nd symbol's offset and, per label name, every 32nd
 * entry of the postings offset table (and its first and last) are held in memory, as Prometheus
 * does. Everything else is decoded on demand, and every section's checksum is verified when it is
 * read, so corrupt input throws {@link CorruptBlockException} naming the file and offset.
 *
 * <p>Thread-safe. Postings returned read the mapping directly and, like everything else, must not
 * be used after {@link #close()}.
 */
public final class IndexFileReader implements IndexReader, AutoCloseable {
  static final int TOC_BYTES = 6 * 8 + 4;
  private static final int HEADER_BYTES = 5;
  /** One symbol offset, and one postings table entry per label name, kept in memory in this many. */
  private static final int SAMPLING = 32;
  private static final int SYMBOL_CACHE = 1024;

  private record NameEntry(String[] values, long[] entryOffsets, long end) {}

  private record CachedSymbol(int id, String value) {}

  private final MappedFile file;
  private final long tocSeries;
  private final long tocLabelIndices;
  private final long[] symbolOffsets;
  private final int numSymbols;
  private final long allPostingsOffset;
  private final Map<String, NameEntry> names;
  private final List<String> labelNames;
  private final CachedSymbol[] symbolCache = new CachedSymbol[SYMBOL_CACHE];

  private IndexFileReader(MappedFile file) {
    this.file = file;
    long size = file.size();
    if (size < HEADER_BYTES + TOC_BYTES) {
      throw new CorruptBlockException(file.path(), 0, "index of " + size + " bytes is too short for a header and a table of contents");
    }
    int magic = file.be32(0);
    if (magic != IndexFileWriter.MAGIC) {
      throw new CorruptBlockException(file.path(), 0, "not an index file: magic " + Integer.toHexString(magic) + ", expected baaad700");
    }
    int version = file.byteAt(4);
    if (version != IndexFileWriter.VERSION) {
      throw new CorruptBlockException(file.path(), 4, "unsupported index format version " + version + ", supported: 2");
    }
    long toc = size - TOC_BYTES;
    file.verifyCrc(toc, TOC_BYTES - 4, toc + TOC_BYTES - 4, "table of contents");
    long tocSymbols = file.be64(toc);
    this.tocSeries = file.be64(toc + 8);
    this.tocLabelIndices = file.be64(toc + 16);
    long tocPostingsTable = file.be64(toc + 40);
    for (int i = 0; i < 6; i++) {
      long off = file.be64(toc + 8L * i);
      if (off < 0 || off > toc) {
        throw new CorruptBlockException(file.path(), toc + 8L * i, "section offset " + off + " lies outside the index");
      }
    }
    if (tocSymbols < HEADER_BYTES || tocSeries < tocSymbols || tocLabelIndices < tocSeries) {
      throw new CorruptBlockException(file.path(), toc, "table of contents out of order: symbols at " + tocSymbols
          + ", series at " + tocSeries + ", label indices at " + tocLabelIndices);
    }

    // Symbols: remember every SAMPLING-th symbol's offset.
    FileDecoder d = section(tocSymbols, "symbol table");
    long count = Integer.toUnsignedLong(d.getBE32());
    if (count > d.remaining()) {
      throw new CorruptBlockException(file.path(), tocSymbols + 4, "symbol count " + count + " exceeds the table's " + d.remaining() + " bytes");
    }
    this.numSymbols = (int) count;
    this.symbolOffsets = new long[(numSymbols + SAMPLING - 1) / SAMPLING];
    for (int i = 0; i < numSymbols; i++) {
      if (i % SAMPLING == 0) {
        symbolOffsets[i / SAMPLING] = d.position();
      }
      d.skipUvarintString();
    }

    // The postings offset table: per label name its first, every SAMPLING-th and last entry.
    long allOffset = -1;
    Map<String, NameEntry> byName = new HashMap<>();
    if (tocPostingsTable != 0) {
      d = section(tocPostingsTable, "postings offset table");
      long entries = Integer.toUnsignedLong(d.getBE32());
      String name = null;
      List<String> values = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      String lastValue = null;
      long lastOffset = -1;
      int n = 0;
      for (long e = 0; e < entries; e++) {
        long at = d.position();
        if (d.getUvarint() != 2) {
          throw new CorruptBlockException(file.path(), at, "postings offset table entry must have 2 keys");
        }
        String nm = d.getUvarintString();
        String value = d.getUvarintString();
        long postingsOffset = d.getUvarint();
        if (nm.isEmpty() && value.isEmpty()) {
          allOffset = postingsOffset;
          continue;
        }
        if (nm.equals(name) == false) {
          if (name != null) {
            byName.put(name, nameEntry(values, offsets, lastValue, lastOffset, at));
          }
          name = nm;
          values.clear();
          offsets.clear();
          n = 0;
        }
        if (n++ % SAMPLING == 0) {
          values.add(value);
          offsets.add(at);
          lastValue = null;
        } else {
          lastValue = value;
          lastOffset = at;
        }
      }
      if (name != null) {
        byName.put(name, nameEntry(values, offsets, lastValue, lastOffset, d.position()));
      }
    }
    this.allPostingsOffset = allOffset;
    this.names = byName;
    List<String> ln = new ArrayList<>(byName.keySet());
    Collections.sort(ln);
    this.labelNames = Collections.unmodifiableList(ln);
  }

  private static NameEntry nameEntry(List<String> values, List<Long> offsets, String lastValue, long lastOffset, long end) {
    int n = values.size() + (lastValue != null ? 1 : 0);
    String[] vs = values.toArray(new String[n]);
    long[] os = new long[n];
    for (int i = 0; i < offsets.size(); i++) {
      os[i] = offsets.get(i);
    }
    if (lastValue != null) {
      vs[n - 1] = lastValue;
      os[n - 1] = lastOffset;
    }
    return new NameEntry(vs, os, end);
  }

  /**
   * Opens and checks an index file: header, table of contents, symbol table and postings offset
   * table are read and checksummed now; series and postings lists when they are used.
   */
  public static IndexFileReader open(Path path) throws IOException {
    MappedFile file = MappedFile.open(path);
    try {
      return new IndexFileReader(file);
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** A decoder over the section at {@code off}: {@code len(4) body CRC(4)}, checksum verified. */
  private FileDecoder section(long off, String what) {
    long len = Integer.toUnsignedLong(file.be32(off));
    file.check(off + 4, len + 4, what);
    file.verifyCrc(off + 4, len, off + 4 + len, what);
    return file.decoder(off + 4, off + 4 + len);
  }

  public Path path() {
    return file.path();
  }

  /** The number of symbols in the symbol table. */
  public int numSymbols() {
    return numSymbols;
  }

  /** The symbol with the given id. */
  public String symbol(long id) {
    if (id < 0 || id >= numSymbols) {
      throw new CorruptBlockException(file.path(), 0, "unknown symbol " + id + ", the table has " + numSymbols);
    }
    int slot = (int) (id % SYMBOL_CACHE);
    CachedSymbol c = symbolCache[slot];
    if (c != null && c.id == id) {
      return c.value;
    }
    FileDecoder d = file.decoder(symbolOffsets[(int) (id / SAMPLING)], tocSeries);
    for (long i = id % SAMPLING; i > 0; i--) {
      d.skipUvarintString();
    }
    String s = d.getUvarintString();
    symbolCache[slot] = new CachedSymbol((int) id, s);
    return s;
  }

  @Override
  public Postings postings(String name, String value) {
    if (name.isEmpty() && value.isEmpty()) {
      return allPostings();
    }
    NameEntry e = names.get(name);
    if (e == null) {
      return Postings.empty();
    }
    // The last sampled value at or below the wanted one; then scan the table from there.
    int lo = 0;
    int hi = e.values.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Utf8Order.compare(e.values[mid], value);
      if (c == 0) {
        found = mid;
        break;
      } else if (c < 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) {
      return Postings.empty();
    }
    FileDecoder d = file.decoder(e.entryOffsets[found], e.end);
    while (d.hasRemaining()) {
      d.getUvarint();
      d.skipUvarintString();
      String v = d.getUvarintString();
      long off = d.getUvarint();
      int c = Utf8Order.compare(v, value);
      if (c == 0) {
        return postingsAt(off);
      }
      if (c > 0) {
        break;
      }
    }
    return Postings.empty();
  }

  private Postings postingsAt(long off) {
    FileDecoder d = section(off, "postings list");
    long n = Integer.toUnsignedLong(d.getBE32());
    if (d.remaining() != 4 * n) {
      throw new CorruptBlockException(file.path(), off, "postings list of " + n + " refs in " + (d.remaining() + 4) + " bytes");
    }
    return n == 0 ? Postings.empty() : new MappedPostings(file, d.position(), (int) n);
  }

  @Override
  public Postings allPostings() {
    return allPostingsOffset < 0 ? Postings.empty() : postingsAt(allPostingsOffset);
  }

  @Override
  public List<String> labelValues(String name) {
    NameEntry e = names.get(name);
    if (e == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    FileDecoder d = file.decoder(e.entryOffsets[0], e.end);
    while (d.hasRemaining()) {
      d.getUvarint();
      d.skipUvarintString();
      out.add(d.getUvarintString());
      d.getUvarint();
    }
    return inStringOrder(out);
  }

  /** The file's order is UTF-8's; the interface promises {@link String#compareTo}'s. */
  private static List<String> inStringOrder(List<String> l) {
    for (int i = 1; i < l.size(); i++) {
      if (l.get(i - 1).compareTo(l.get(i)) > 0) {
        l.sort(null);
        break;
      }
    }
    return Collections.unmodifiableList(l);
  }

  @Override
  public List<String> labelNames() {
    return labelNames;
  }

  @Override
  public Labels series(long ref) {
    return series(ref, null);
  }

  /**
   * Reads a series' labels and, when {@code chunks} is not null, its chunk metadata into it
   * (cleared first). Returns null if the ref does not point into the series section.
   */
  public Labels series(long ref, ChunkMetas chunks) {
    FileDecoder d = seriesDecoder(ref);
    if (d == null) {
      return null;
    }
    int n = (int) d.getUvarint(d.remaining() / 2, "label count");
    LabelsBuilder b = new LabelsBuilder();
    for (int i = 0; i < n; i++) {
      String name = symbol(d.getUvarint());
      b.set(name, symbol(d.getUvarint()));
    }
    if (chunks != null) {
      readChunks(d, chunks);
    }
    return b.build();
  }

  /** Reads only a series' chunk metadata into {@code chunks}; false if the ref is unknown. */
  public boolean chunks(long ref, ChunkMetas chunks) {
    FileDecoder d = seriesDecoder(ref);
    if (d == null) {
      return false;
    }
    int n = (int) d.getUvarint(d.remaining() / 2, "label count");
    for (int i = 0; i < 2 * n; i++) {
      d.getUvarint();
    }
    readChunks(d, chunks);
    return true;
  }

  private void readChunks(FileDecoder d, ChunkMetas chunks) {
    chunks.clear();
    long n = d.getUvarint(d.remaining() / 3, "chunk count");
    long maxT = 0;
    long ref = 0;
    for (long i = 0; i < n; i++) {
      long minT;
      if (i == 0) {
        minT = d.getVarint();
        maxT = minT + d.getUvarint();
        ref = d.getUvarint();
      } else {
        minT = maxT + d.getUvarint();
        maxT = minT + d.getUvarint();
        ref += d.getVarint();
      }
      chunks.add(minT, maxT, ref);
    }
    if (d.hasRemaining()) {
      throw new CorruptBlockException(file.path(), d.position(), d.remaining() + " bytes left over after the series' chunks");
    }
  }

  private FileDecoder seriesDecoder(long ref) {
    long off = ref * IndexFileWriter.SERIES_ALIGN;
    if (ref <= 0 || off < tocSeries || off >= tocLabelIndices) {
      return null;
    }
    FileDecoder d = file.decoder(off, tocLabelIndices);
    long len = d.getUvarint(d.remaining(), "series length");
    long body = d.position();
    file.check(body, len + 4, "series");
    file.verifyCrc(body, len, body + len, "series " + ref);
    return file.decoder(body, body + len);
  }

  @Override
  public void close() {
    file.close();
  }

  @Override
  public String toString() {
    return "IndexFileReader[" + file.path() + ", " + numSymbols + " symbols, " + names.size() + " label names]";
  }

}
