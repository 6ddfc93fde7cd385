package io.hearth.tsdb.block;

import io.hearth.tsdb.io.ByteArrayBuilder;
import io.hearth.tsdb.io.CorruptBlockException;
import io.hearth.tsdb.io.FileDecoder;
import io.hearth.tsdb.io.MappedFile;
import io.hearth.tsdb.io.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A block's deletions: per series ref, time intervals {@code [minT, maxT]} (inclusive) whose
 * samples are deleted. Immutable and thread-safe; built with {@link Builder}.
 *
 * <h2>Format</h2>
 *
 * The {@code tombstones} file, as Prometheus writes it (see {@code docs/format/blocks.md}):
 *
 * <pre>
 * Tombstones --&gt; Magic(0x0130BA30, 4) Version(1, 1) Stone* CRC(4)
 * Stone      --&gt; uvarint seriesRef, varint minT, varint maxT
 * CRC        --&gt; CRC32C of the stones (not the version byte)
 * </pre>
 */
public final class Tombstones {
  public static final String FILE_NAME = "tombstones";
  static final int MAGIC = 0x0130BA30;
  private static final int HEADER_BYTES = 5;

  public static final Tombstones EMPTY = new Tombstones(new TreeMap<>());

  // ref -> sorted, disjoint intervals as (minT, maxT) pairs
  private final TreeMap<Long, long[]> byRef;
  private final long count;

  private Tombstones(TreeMap<Long, long[]> byRef) {
    this.byRef = byRef;
    long n = 0;
    for (long[] iv : byRef.values()) {
      n += iv.length / 2;
    }
    this.count = n;
  }

  /** The number of intervals, Prometheus's {@code numTombstones}. */
  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return byRef.isEmpty();
  }

  /** The deleted intervals of a series as (minT, maxT) pairs, sorted and disjoint; empty if none. */
  public long[] intervals(long ref) {
    long[] iv = byRef.get(ref);
    return iv == null ? NONE : iv;
  }

  private static final long[] NONE = new long[0];

  /** Every series ref with deletions, ascending. */
  public long[] refs() {
    return byRef.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  /** Collects intervals, merging those of a series that overlap or touch. */
  public static final class Builder {
    private final TreeMap<Long, long[]> byRef = new TreeMap<>();

    public Builder add(long ref, long minT, long maxT) {
      if (maxT < minT) {
        throw new IllegalArgumentException("interval maxT " + maxT + " is below minT " + minT);
      }
      long[] old = byRef.getOrDefault(ref, NONE);
      long[] all = Arrays.copyOf(old, old.length + 2);
      all[old.length] = minT;
      all[old.length + 1] = maxT;
      byRef.put(ref, merge(all));
      return this;
    }

    public Builder addAll(Tombstones t) {
      for (Map.Entry<Long, long[]> e : t.byRef.entrySet()) {
        long[] iv = e.getValue();
        for (int i = 0; i < iv.length; i += 2) {
          add(e.getKey(), iv[i], iv[i + 1]);
        }
      }
      return this;
    }

    public Tombstones build() {
      return byRef.isEmpty() ? EMPTY : new Tombstones(new TreeMap<>(byRef));
    }

    private static long[] merge(long[] iv) {
      int n = iv.length / 2;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(iv[2 * a], iv[2 * b]));
      long[] out = new long[iv.length];
      int m = 0;
      for (int k = 0; k < n; k++) {
        long lo = iv[2 * order[k]];
        long hi = iv[2 * order[k] + 1];
        if (m > 0 && (out[m - 1] == Long.MAX_VALUE || lo <= out[m - 1] + 1)) {
          out[m - 1] = Math.max(out[m - 1], hi);
        } else {
          out[m++] = lo;
          out[m++] = hi;
        }
      }
      return Arrays.copyOf(out, m);
    }
  }

  /** Reads {@code dir/tombstones}; a missing file means no deletions, as in Prometheus. */
  public static Tombstones read(Path dir) throws IOException {
    Path path = dir.resolve(FILE_NAME);
    if (Files.exists(path) == false) {
      return EMPTY;
    }
    try (MappedFile f = MappedFile.open(path)) {
      if (f.size() < HEADER_BYTES + 4) {
        throw new CorruptBlockException(path, 0, "tombstones file of " + f.size() + " bytes is too short for its header and checksum");
      }
      int magic = f.be32(0);
      if (magic != MAGIC) {
        throw new CorruptBlockException(path, 0, "not a tombstones file: magic " + Integer.toHexString(magic) + ", expected 130ba30");
      }
      if (f.byteAt(4) != 1) {
        throw new CorruptBlockException(path, 4, "unsupported tombstones format version " + f.byteAt(4) + ", supported: 1");
      }
      long end = f.size() - 4;
      f.verifyCrc(HEADER_BYTES, end - HEADER_BYTES, end, "tombstones");
      Builder b = new Builder();
      FileDecoder d = f.decoder(HEADER_BYTES, end);
      while (d.hasRemaining()) {
        long at = d.position();
        long ref = d.getUvarint();
        long minT = d.getVarint();
        long maxT = d.getVarint();
        if (maxT < minT) {
          throw new CorruptBlockException(path, at, "tombstone interval [" + minT + ", " + maxT + "] ends before it starts");
        }
        b.add(ref, minT, maxT);
      }
      return b.build();
    }
  }

  /**
   * Writes {@code dir/tombstones}, replacing any existing file atomically: through a temporary file
   * that is synced, then renamed.
   */
  public void write(Path dir) throws IOException {
    Path path = dir.resolve(FILE_NAME);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    ByteArrayBuilder b = new ByteArrayBuilder(64);
    b.putBE32(MAGIC).putByte(1);
    for (Map.Entry<Long, long[]> e : byRef.entrySet()) {
      long[] iv = e.getValue();
      for (int i = 0; i < iv.length; i += 2) {
        b.putUvarint(e.getKey()).putVarint(iv[i]).putVarint(iv[i + 1]);
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), HEADER_BYTES, b.length() - HEADER_BYTES);
    b.putBE32((int) crc.getValue());
    try (OutputFile out = new OutputFile(tmp, b.length())) {
      out.write(b);
      out.finish();
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    BlockFiles.syncDir(dir);
  }
}
