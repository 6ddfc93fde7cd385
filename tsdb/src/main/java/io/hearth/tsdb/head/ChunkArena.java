package io.hearth.tsdb.head;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Off-heap, append-only storage for the head's closed chunks: 4 MiB native slabs that chunk bytes
 * are copied into when a series cuts a new chunk. The garbage collector sees one object per slab
 * instead of one byte array per chunk.
 *
 * <p>A chunk is addressed by a {@code long} packing slab index (16 bits), offset (32 bits) and
 * length (16 bits). Adding is synchronized; reading is lock-free, because a reference is only
 * published (through the series lock) after its bytes are written. Memory is released when the
 * arena is closed; a later issue moves closed chunks to memory-mapped {@code chunks_head/} files.
 */
public final class ChunkArena implements AutoCloseable {
  static final int SLAB_SIZE = 4 << 20;
  private static final int MAX_CHUNK = 0xFFFF;

  private final Arena arena = Arena.ofShared();
  private volatile MemorySegment[] slabs = new MemorySegment[0];
  private MemorySegment current; // guarded by this
  private int pos; // guarded by this
  private long bytesUsed; // guarded by this
  /** Chunks started by the head's series, the open ones included; counted once per cut. */
  private final java.util.concurrent.atomic.LongAdder chunksStarted = new java.util.concurrent.atomic.LongAdder();

  /** Copies {@code len} bytes of {@code buf} into the arena and returns their address. */
  public synchronized long add(byte[] buf, int len) {
    if (len <= 0 || len > MAX_CHUNK) {
      throw new IllegalArgumentException("chunk length must be in [1, " + MAX_CHUNK + "], got " + len);
    }
    if (current == null || pos + len > SLAB_SIZE) {
      MemorySegment[] old = slabs;
      if (old.length == 0xFFFF) {
        throw new IllegalStateException("head chunk arena is full: " + old.length + " slabs");
      }
      current = arena.allocate(SLAB_SIZE, 8);
      MemorySegment[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = current;
      slabs = grown;
      pos = 0;
    }
    MemorySegment.copy(buf, 0, current, ValueLayout.JAVA_BYTE, pos, len);
    long ref = ((long) (slabs.length - 1) << 48) | ((long) pos << 16) | len;
    pos += len;
    bytesUsed += len;
    return ref;
  }

  /** The slab holding the chunk at {@code ref}. */
  public MemorySegment slab(long ref) {
    return slabs[(int) (ref >>> 48)];
  }

  public static long offset(long ref) {
    return (ref >>> 16) & 0xFFFF_FFFFL;
  }

  public static int length(long ref) {
    return (int) (ref & 0xFFFF);
  }

  /** Bytes of chunk data held. */
  public synchronized long bytesUsed() {
    return bytesUsed;
  }

  /** Counts a chunk a series started (at its cut); read by {@link #chunksStarted()}. */
  void countChunkStarted() {
    chunksStarted.increment();
  }

  /** Chunks the head's series started since the head was created, replayed ones included. */
  public long chunksStarted() {
    return chunksStarted.sum();
  }

  /** Native memory reserved, in bytes. */
  public long bytesReserved() {
    return (long) slabs.length * SLAB_SIZE;
  }

  @Override
  public void close() {
    arena.close();
  }
}
