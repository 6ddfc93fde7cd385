package io.hearth.promql.ast;

/**
 * An {@code @} modifier: a fixed timestamp, or the query's {@code start()} or {@code end()}, which
 * the engine resolves per query.
 */
public record At(Kind kind, long timestampMs) {
  public enum Kind {
    TIMESTAMP,
    START,
    END
  }

  public static At timestamp(long ms) {
    return new At(Kind.TIMESTAMP, ms);
  }

  public static final At START = new At(Kind.START, 0);
  public static final At END = new At(Kind.END, 0);
}
