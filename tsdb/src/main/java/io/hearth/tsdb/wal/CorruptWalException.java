package io.hearth.tsdb.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a WAL segment holds bytes that are not a valid continuation of the log: a checksum
 * mismatch, an impossible fragment sequence, a torn last write and the like.
 *
 * <p>{@link #offset()} is where the last good record in the segment ends (0 if none), so
 * truncating the segment there, and deleting every later segment, keeps exactly the records that
 * were read; {@link Wal#repair} does that.
 */
public final class CorruptWalException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int segment;
  private final long offset;
  private final String reason;

  public CorruptWalException(Path file, int segment, long offset, String reason) {
    this(file, segment, offset, reason, null);
  }

  public CorruptWalException(Path file, int segment, long offset, String reason, Throwable cause) {
    super("corrupt WAL segment " + file + " after offset " + offset + ": " + reason, cause);
    this.file = file;
    this.segment = segment;
    this.offset = offset;
    this.reason = reason;
  }

  /** The segment file. */
  public Path file() {
    return file;
  }

  public int segment() {
    return segment;
  }

  /** The end of the last good record in the segment: everything before it is intact. */
  public long offset() {
    return offset;
  }

  /** What was wrong, and where it was found. */
  public String reason() {
    return reason;
  }
}
