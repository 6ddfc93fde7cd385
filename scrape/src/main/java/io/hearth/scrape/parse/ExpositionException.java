package io.hearth.scrape.parse;

/**
 * Malformed exposition input. The message names the line (1-based; for protobuf, the byte offset
 * of the message) and the reason, in Prometheus's words where it has them, e.g.
 * {@code line 12: expected label name, got "=" while parsing: "foo{=\"bar\"}"}.
 * A scrape that hits one fails as a whole: nothing of it is committed.
 */
public final class ExpositionException extends RuntimeException {
  public ExpositionException(String message) {
    super(message, null, false, false);
  }
}
