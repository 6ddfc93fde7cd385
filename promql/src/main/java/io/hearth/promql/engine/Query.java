package io.hearth.promql.engine;

/**
 * A parsed query bound to its storage and time range, evaluated once by {@link #exec()}. {@link
 * #cancel()} may be called from any thread; the running evaluation then fails with a canceled
 * error at its next check.
 */
public interface Query extends AutoCloseable {
  /** Evaluates the query; throws {@link io.hearth.promql.PromqlException} on failure. */
  Result exec();

  /** Asks a running {@link #exec()} to stop. */
  void cancel();

  /** What the last {@link #exec()} cost; {@link QueryStats#NONE} before it ran. */
  QueryStats stats();

  /** The query text. */
  String text();

  /** Releases the querier and pooled buffers; the result stays valid. */
  @Override
  void close();
}
