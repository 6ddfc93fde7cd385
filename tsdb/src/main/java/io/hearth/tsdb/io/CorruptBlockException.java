package io.hearth.tsdb.io;

import java.nio.file.Path;

/**
 * A block file does not hold what its format promises: a checksum mismatch, a bad magic number or
 * version, a section that runs past the end of the file, a reference to nothing. The message names
 * the file and the byte offset where reading failed, as {@code "<file> at <offset>: <what>"}.
 */
public final class CorruptBlockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  public CorruptBlockException(Path file, long offset, String message) {
    this(file, offset, message, null);
  }

  public CorruptBlockException(Path file, long offset, String message, Throwable cause) {
    super(file + " at " + offset + ": " + message, cause);
    this.file = file;
    this.offset = offset;
  }

  /** The file that failed to read. */
  public Path file() {
    return file;
  }

  /** The byte offset in {@link #file()} where reading failed. */
  public long offset() {
    return offset;
  }
}
