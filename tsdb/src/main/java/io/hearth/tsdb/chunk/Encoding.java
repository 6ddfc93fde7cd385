package io.hearth.tsdb.chunk;

/**
 * How a chunk's bytes are encoded. The codes are Prometheus's and are written to disk as the byte
 * in front of each chunk (see {@code docs/format/chunks.md}), so they must never change.
 */
public enum Encoding {
  NONE(0),
  XOR(1),
  HISTOGRAM(2),
  FLOAT_HISTOGRAM(3);

  private static final Encoding[] BY_CODE = values();

  private final byte code;

  Encoding(int code) {
    this.code = (byte) code;
  }

  /** The byte written to disk for this encoding. */
  public byte code() {
    return code;
  }

  /**
   * Returns the encoding with the given on-disk code.
   *
   * @throws IllegalArgumentException if no encoding has that code
   */
  public static Encoding fromCode(int code) {
    // The codes equal the ordinals; the assertion in the static block below keeps it that way.
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("unknown chunk encoding " + code);
    }
    return BY_CODE[code];
  }

  static {
    for (Encoding e : BY_CODE) {
      assert e.code == e.ordinal() : e;
    }
  }
}
