package io.hearth.tsdb.chunk;

/**
 * A chunk's bytes do not decode: the stream ends before the header's sample count is reached, or a
 * field holds an impossible value. Readers of files wrap it with the file name and offset.
 */
public final class CorruptChunkException extends RuntimeException {
  public CorruptChunkException(String message) {
    super(message);
  }

  public CorruptChunkException(String message, Throwable cause) {
    super(message, cause);
  }
}
