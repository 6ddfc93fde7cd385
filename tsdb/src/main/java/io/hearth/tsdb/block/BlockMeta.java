package io.hearth.tsdb.block;

import java.util.List;

/**
 * What a block's {@code meta.json} says: its name, its time range {@code [minT, maxT)} (maxT
 * exclusive, as Prometheus has it), counts, and how it was made. Immutable.
 *
 * @param version the meta format version; 1 is the only one
 */
public record BlockMeta(Ulid ulid, long minT, long maxT, Stats stats, Compaction compaction, int version) {
  public static final int VERSION = 1;

  public BlockMeta {
    if (maxT < minT) {
      throw new IllegalArgumentException("block maxT " + maxT + " is below minT " + minT);
    }
  }

  /** Counts of what the block holds; Prometheus leaves out the zero ones. */
  public record Stats(long numSamples, long numSeries, long numChunks, long numTombstones) {
    public static final Stats EMPTY = new Stats(0, 0, 0, 0);
  }

  /**
   * How the block was made: level 1 is cut from a head, higher levels by compaction.
   *
   * @param sources the level-1 blocks whose data this holds (itself, for level 1)
   * @param parents the blocks compacted directly into this one
   * @param hints Prometheus's compaction hints, such as {@code "from-out-of-order"}
   */
  public record Compaction(int level, List<Ulid> sources, boolean isDeletable, List<BlockDesc> parents,
      boolean isFailed, List<String> hints) {
    public Compaction {
      sources = List.copyOf(sources);
      parents = List.copyOf(parents);
      hints = List.copyOf(hints);
    }

    /** A level-1 block cut from a head, its own only source. */
    public static Compaction level1(Ulid self) {
      return new Compaction(1, List.of(self), false, List.of(), false, List.of());
    }
  }

  /** A parent block: its name and time range. */
  public record BlockDesc(Ulid ulid, long minT, long maxT) {}
}
