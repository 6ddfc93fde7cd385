package io.hearth.tsdb.wal;

/**
 * The constants of the on-disk framing (see {@code docs/format/wal.md}): page size, fragment header
 * and the fragment type byte.
 *
 * <pre>
 * Fragment --&gt; Type:byte, Length:BE16, Crc32c(Data):BE32, Data:byte^Length
 * Type     --&gt; bits 0-2 kind (0 padding, 1 full, 2 first, 3 middle, 4 last), bit 3 snappy,
 *              bit 4 zstd (Prometheus 3.x; not supported here), bits 5-7 zero
 * </pre>
 */
final class Fragment {
  static final int PAGE_SIZE = 32 * 1024;
  static final int HEADER_SIZE = 7;

  static final int PADDING = 0;
  static final int FULL = 1;
  static final int FIRST = 2;
  static final int MIDDLE = 3;
  static final int LAST = 4;

  static final int KIND_MASK = 0x07;
  static final int SNAPPY = 0x08;

  private Fragment() {}

  static String kindName(int kind) {
    return switch (kind) {
      case PADDING -> "padding";
      case FULL -> "full";
      case FIRST -> "first";
      case MIDDLE -> "middle";
      case LAST -> "last";
      default -> "invalid(" + kind + ")";
    };
  }
}
