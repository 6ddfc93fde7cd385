package io.hearth.promql.engine;

import io.hearth.promql.PromqlException;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.ExprType;
import io.hearth.promql.parser.ParserOptions;
import io.hearth.promql.parser.PromqlParser;
import io.hearth.storage.Queryable;

/**
 * The PromQL engine: parses query text and binds it to storage and a time range as a {@link
 * Query}. Thread-safe and stateless beyond its options; each query carries its own state.
 */
public final class Engine {
  private final EngineOptions opts;
  private final ParserOptions parserOptions;

  public Engine(EngineOptions opts) {
    this.opts = opts;
    this.parserOptions = ParserOptions.DEFAULT.withExperimentalFunctions(opts.experimentalFunctions());
  }

  public EngineOptions options() {
    return opts;
  }

  /** An instant query at {@code timeMs}; throws a ParseException for a syntax error. */
  public Query newInstantQuery(Queryable storage, String query, long timeMs) {
    Expr expr = PromqlParser.parse(query, parserOptions);
    return new EngineQuery(opts, storage, query, expr, timeMs, timeMs, 0);
  }

  /** A range query over {@code [startMs, endMs]} every {@code stepMs}. */
  public Query newRangeQuery(
      Queryable storage, String query, long startMs, long endMs, long stepMs) {
    if (stepMs <= 0) {
      throw new PromqlException(
          PromqlException.Kind.BAD_DATA,
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if (endMs < startMs) {
      throw new PromqlException(
          PromqlException.Kind.BAD_DATA, "end timestamp must not be before start time");
    }
    Expr expr = PromqlParser.parse(query, parserOptions);
    ExprType t = expr.type();
    if (t != ExprType.SCALAR && t != ExprType.VECTOR) {
      throw new PromqlException(
          PromqlException.Kind.BAD_DATA,
          "invalid expression type \""
              + t.text()
              + "\" for range query, must be Scalar or instant Vector");
    }
    return new EngineQuery(opts, storage, query, expr, startMs, endMs, stepMs);
  }
}
