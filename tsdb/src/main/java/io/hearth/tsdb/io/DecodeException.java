package io.hearth.tsdb.io;

/**
 * Thrown when bytes do not decode: input that ends early, a varint that overflows, a value out of
 * range. The message says what was being read and at which offset, counted from the start of the
 * decoded range.
 */
public final class DecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public DecodeException(int offset, String message) {
    super(message);
    this.offset = offset;
  }

  /** Where decoding failed, counted from the start of the decoded range. */
  public int offset() {
    return offset;
  }
}
