package io.hearth.promql;

/**
 * A query failed. {@link #getMessage()} is Prometheus's error text, word for word, so that API
 * clients and the conformance scripts see what Prometheus would have said. Subclasses say which
 * API error type applies.
 */
public class PromqlException extends RuntimeException {
  /** The HTTP API's {@code errorType}. */
  public enum Kind {
    BAD_DATA,
    EXECUTION,
    CANCELED,
    TIMEOUT,
    INTERNAL
  }

  private final Kind kind;

  public PromqlException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
