package io.hearth.tsdb.block;

import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.index.IndexFileReader;
import io.hearth.tsdb.io.CorruptBlockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A persistent block opened from its directory: the meta file, the index and the chunk segments
 * mapped into memory, and the tombstones. Opening reads the meta file, the index's table of
 * contents, symbol table and postings offset table, and every segment header; the rest is read
 * when used. Corrupt files throw {@link CorruptBlockException} naming the file and offset.
 *
 * <p>Thread-safe. {@link #close()} unmaps the files: queriers, postings and iterators taken from
 * the block must not be used afterwards.
 */
public final class Block implements Queryable, AutoCloseable {
  private final Path dir;
  private final BlockMeta meta;
  private final IndexFileReader index;
  private final ChunkFileReader chunks;
  private final Tombstones tombstones;

  private Block(Path dir, BlockMeta meta, IndexFileReader index, ChunkFileReader chunks, Tombstones tombstones) {
    this.dir = dir;
    this.meta = meta;
    this.index = index;
    this.chunks = chunks;
    this.tombstones = tombstones;
  }

  /** Opens the block in {@code dir}. */
  public static Block open(Path dir) throws IOException {
    BlockMeta meta = readMeta(dir);
    Tombstones tombstones = Tombstones.read(dir);
    IndexFileReader index = IndexFileReader.open(dir.resolve(BlockWriter.INDEX));
    try {
      ChunkFileReader chunks = ChunkFileReader.open(dir.resolve(BlockWriter.CHUNKS));
      return new Block(dir, meta, index, chunks, tombstones);
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  /** Reads and checks {@code dir/meta.json}. */
  public static BlockMeta readMeta(Path dir) throws IOException {
    Path file = dir.resolve(BlockWriter.META);
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CorruptBlockException(file, 0, "meta.json is missing");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptBlockException(file, 0, "meta.json is not UTF-8");
    }
    return MetaJson.read(file, text);
  }

  public Path dir() {
    return dir;
  }

  public BlockMeta meta() {
    return meta;
  }

  public IndexFileReader index() {
    return index;
  }

  public ChunkFileReader chunks() {
    return chunks;
  }

  public Tombstones tombstones() {
    return tombstones;
  }

  /** A querier over the samples in {@code [minT, maxT]} (inclusive), tombstones applied. */
  @Override
  public Querier querier(long minT, long maxT) {
    return new BlockQuerier(this, minT, maxT);
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      chunks.close();
    }
  }

  @Override
  public String toString() {
    return "Block[" + meta.ulid() + ", " + meta.minT() + ".." + meta.maxT() + "]";
  }
}
