package io.hearth.tsdb.wal;

import java.nio.file.Path;

/**
 * What {@link Wal#repair} cut: the corrupt segment was truncated to {@code offset} and the {@code
 * segmentsDeleted} segments after it were removed, {@code bytesDropped} bytes in all.
 */
public record WalRepair(Path file, int segment, long offset, long bytesDropped, int segmentsDeleted, String reason) {
  @Override
  public String toString() {
    return "truncated " + file + " at offset " + offset + " and deleted " + segmentsDeleted + " later segments, dropping "
        + bytesDropped + " bytes, because: " + reason;
  }
}
