package io.hearth.tsdb.block;

import io.hearth.labels.Labels;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.chunk.CorruptChunkException;
import io.hearth.tsdb.chunk.XorChunk;
import io.hearth.tsdb.chunk.XorIterator;
import io.hearth.tsdb.index.ChunkMetas;
import io.hearth.tsdb.index.IndexFileWriter;
import io.hearth.tsdb.io.Utf8Order;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import io.hearth.tsdb.io.OutputFile;

/**
 * Writes one block directory in Prometheus's format: {@code chunks/}, {@code index},
 * {@code meta.json} and an empty {@code tombstones}. Everything goes into
 * {@code <parent>/<ulid>.tmp-for-creation}; {@link #commit()} syncs every file and directory, then
 * renames it to {@code <parent>/<ulid>}, so a crash leaves either the whole block or a temporary
 * directory to delete, never a half block under a block's name.
 *
 * <p>Series are added in label order (Prometheus's: {@link IndexFileWriter#compareLabels}), each
 * with its chunks, whose samples must lie in the block's range {@code [minT, maxT)}. Chunks are
 * written to the segment files at once; the labels and 24 bytes per chunk stay in memory until
 * the index is written at commit. Series without chunks are left out, as Prometheus leaves them.
 * Not thread-safe; single use.
 */
public final class BlockWriter implements AutoCloseable {
  /** Samples per chunk when cutting samples: Prometheus's compactor re-encodes in chunks of 120. */
  public static final int SAMPLES_PER_CHUNK = 120;
  public static final String INDEX = "index";
  public static final String META = "meta.json";
  public static final String CHUNKS = "chunks";

  private final Path parent;
  private final Path tmp;
  private final Ulid ulid;
  private final long minT;
  private final long maxT;
  private final BlockMeta.Compaction compaction;
  private final ChunkFileWriter chunks;
  private final XorIterator it = new XorIterator();
  private final List<Labels> series = new ArrayList<>();
  private int[] firstChunk = new int[64];
  private long[] chunkMinT = new long[64];
  private long[] chunkMaxT = new long[64];
  private long[] chunkRef = new long[64];
  private int numChunks;
  private long numSamples;
  private Labels last;
  private BlockMeta meta;
  private boolean isDone;

  private BlockWriter(Path parent, Ulid ulid, long minT, long maxT, BlockMeta.Compaction compaction, long segmentSize)
      throws IOException {
    if (maxT <= minT) {
      throw new IllegalArgumentException("block range [minT, maxT) must not be empty, got [" + minT + ", " + maxT + ")");
    }
    this.parent = parent;
    this.ulid = ulid;
    this.minT = minT;
    this.maxT = maxT;
    this.compaction = compaction;
    this.tmp = parent.resolve(ulid + BlockFiles.TMP_FOR_CREATION);
    if (Files.exists(parent.resolve(ulid.toString()))) {
      throw new IllegalStateException("block " + parent.resolve(ulid.toString()) + " already exists");
    }
    BlockFiles.deleteRecursively(tmp);
    Files.createDirectories(tmp.resolve(CHUNKS));
    this.chunks = new ChunkFileWriter(tmp.resolve(CHUNKS), segmentSize);
  }

  /** A level-1 block over {@code [minT, maxT)} with a new ULID, in {@code parent}. */
  public static BlockWriter create(Path parent, long minT, long maxT) throws IOException {
    Ulid u = Ulid.generate();
    return new BlockWriter(parent, u, minT, maxT, BlockMeta.Compaction.level1(u), ChunkFileWriter.DEFAULT_SEGMENT_SIZE);
  }

  /**
   * A block with a given name and compaction history.
   *
   * @param segmentSize the largest chunk segment file, {@link ChunkFileWriter#DEFAULT_SEGMENT_SIZE}
   *     unless testing
   */
  public static BlockWriter create(Path parent, Ulid ulid, long minT, long maxT, BlockMeta.Compaction compaction,
      long segmentSize) throws IOException {
    return new BlockWriter(parent, ulid, minT, maxT, compaction, segmentSize);
  }

  public Ulid ulid() {
    return ulid;
  }

  /** Adds a series with its XOR chunks, in time order and not overlapping. */
  public void addSeries(Labels labels, List<XorChunk> seriesChunks) throws IOException {
    checkOpen();
    if (last != null && IndexFileWriter.compareLabels(last, labels) >= 0) {
      throw new IllegalArgumentException("series out of order: " + labels + " after " + last);
    }
    if (seriesChunks.isEmpty()) {
      return;
    }
    int start = numChunks;
    ensure(numChunks + seriesChunks.size());
    long prevMaxT = Long.MIN_VALUE;
    for (int i = 0; i < seriesChunks.size(); i++) {
      XorChunk c = seriesChunks.get(i);
      byte[] b = c.bytes();
      it.reset(b, 0, b.length);
      long first = 0;
      long lastT = 0;
      int n = 0;
      try {
        while (it.next() == ValueType.FLOAT) {
          if (n == 0) {
            first = it.t();
          } else if (it.t() <= lastT) {
            throw new IllegalArgumentException("chunk " + i + " of " + labels + " has timestamps out of order: " + it.t() + " after " + lastT);
          }
          lastT = it.t();
          n++;
        }
      } catch (CorruptChunkException e) {
        throw new IllegalArgumentException("chunk " + i + " of " + labels + " does not decode: " + e.getMessage(), e);
      }
      if (n == 0) {
        throw new IllegalArgumentException("chunk " + i + " of " + labels + " is empty");
      }
      if (first < minT || lastT >= maxT) {
        throw new IllegalArgumentException("chunk " + i + " of " + labels + " spans [" + first + ", " + lastT
            + "], outside the block's [" + minT + ", " + maxT + ")");
      }
      if (first <= prevMaxT) {
        throw new IllegalArgumentException("chunk " + i + " of " + labels + " starts at " + first + ", not after the previous chunk's end " + prevMaxT);
      }
      prevMaxT = lastT;
      chunkMinT[start + i] = first;
      chunkMaxT[start + i] = lastT;
      numSamples += n;
    }
    long[] refs = chunks.write(seriesChunks);
    System.arraycopy(refs, 0, chunkRef, start, refs.length);
    if (series.size() == firstChunk.length) {
      firstChunk = Arrays.copyOf(firstChunk, series.size() * 2);
    }
    firstChunk[series.size()] = start;
    series.add(labels);
    numChunks += seriesChunks.size();
    last = labels;
  }

  /**
   * Adds a series from its samples, in increasing time order, cut into chunks of
   * {@link #SAMPLES_PER_CHUNK} as Prometheus's compactor cuts re-encoded series.
   */
  public void addSeries(Labels labels, long[] ts, double[] vs, int n) throws IOException {
    List<XorChunk> cs = new ArrayList<>((n + SAMPLES_PER_CHUNK - 1) / SAMPLES_PER_CHUNK);
    for (int i = 0; i < n; i += SAMPLES_PER_CHUNK) {
      int m = Math.min(SAMPLES_PER_CHUNK, n - i);
      cs.add(XorChunk.encode(Arrays.copyOfRange(ts, i, i + m), Arrays.copyOfRange(vs, i, i + m), m));
    }
    addSeries(labels, cs);
  }

  private void ensure(int n) {
    if (n > chunkRef.length) {
      int cap = Math.max(n, chunkRef.length * 2);
      chunkMinT = Arrays.copyOf(chunkMinT, cap);
      chunkMaxT = Arrays.copyOf(chunkMaxT, cap);
      chunkRef = Arrays.copyOf(chunkRef, cap);
    }
  }

  private void checkOpen() {
    if (isDone) {
      throw new IllegalStateException("block writer is committed or closed");
    }
  }

  /**
   * Writes the index, meta file and tombstones, syncs everything and renames the block into place.
   *
   * @return the block's directory
   */
  public Path commit() throws IOException {
    checkOpen();
    isDone = true;
    chunks.finish();
    TreeSet<String> symbols = new TreeSet<>(Utf8Order::compare);
    symbols.add(""); // Prometheus's head lists it (the all-postings key), so its blocks do too
    for (Labels l : series) {
      for (int i = 0; i < l.size(); i++) {
        symbols.add(l.name(i));
        symbols.add(l.value(i));
      }
    }
    ChunkMetas metas = new ChunkMetas();
    try (IndexFileWriter iw = new IndexFileWriter(tmp.resolve(INDEX), new ArrayList<>(symbols))) {
      for (int s = 0; s < series.size(); s++) {
        int end = s + 1 < series.size() ? firstChunk[s + 1] : numChunks;
        metas.clear();
        for (int c = firstChunk[s]; c < end; c++) {
          metas.add(chunkMinT[c], chunkMaxT[c], chunkRef[c]);
        }
        iw.addSeries(series.get(s), metas);
      }
      iw.finish();
    }
    meta = new BlockMeta(ulid, minT, maxT, new BlockMeta.Stats(numSamples, series.size(), numChunks, 0), compaction,
        BlockMeta.VERSION);
    byte[] json = MetaJson.write(meta).getBytes(StandardCharsets.UTF_8);
    try (OutputFile out = new OutputFile(tmp.resolve(META), json.length + 1)) {
      out.write(json);
      out.finish();
    }
    Tombstones.EMPTY.write(tmp);
    BlockFiles.syncDir(tmp.resolve(CHUNKS));
    BlockFiles.syncDir(tmp);
    Path dir = parent.resolve(ulid.toString());
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    BlockFiles.syncDir(parent);
    return dir;
  }

  /** The meta file written by {@link #commit()}; null before. */
  public BlockMeta meta() {
    return meta;
  }

  /** Closes the files; without a commit, the temporary directory is deleted. */
  @Override
  public void close() throws IOException {
    boolean wasCommitted = meta != null;
    isDone = true;
    chunks.close();
    if (wasCommitted == false) {
      BlockFiles.deleteRecursively(tmp);
    }
  }
}
