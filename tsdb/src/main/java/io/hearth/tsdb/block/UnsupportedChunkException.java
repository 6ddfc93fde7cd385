package io.hearth.tsdb.block;

/**
 * A chunk is intact but in an encoding Hearth cannot decode yet (native histograms). Unlike
 * corruption, the data is fine and must be kept as it is.
 */
public final class UnsupportedChunkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedChunkException(String message) {
    super(message);
  }
}
