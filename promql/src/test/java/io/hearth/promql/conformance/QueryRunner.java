package io.hearth.promql.conformance;

import io.hearth.promql.engine.Engine;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.Query;
import io.hearth.promql.engine.Result;
import io.hearth.storage.Queryable;

/**
 * How the runner evaluates a query: creates it, runs it once, closes it. Creation and evaluation
 * errors both surface as {@link io.hearth.promql.PromqlException}, since the scripts' {@code
 * expect fail} covers both. Tests of the runner itself plug in a stand-in.
 */
interface QueryRunner {
  Result instant(Queryable storage, String query, long timeMs);

  Result range(Queryable storage, String query, long startMs, long endMs, long stepMs);

  /** The engine settings the scripts assume (FORMAT.md §6); none of them is a runner special case. */
  static EngineOptions scriptOptions() {
    return EngineOptions.defaults()
        .withLookbackDelta(5 * 60_000)
        .withDefaultSubqueryStep(60_000)
        .withMaxSamples(10_000)
        .withTimeout(100_000)
        .withExperimentalFunctions(true)
        .withDelayedNameRemoval(true);
  }

  /** Hearth's {@link Engine} with {@code options}. */
  static QueryRunner engine(EngineOptions options) {
    Engine engine = new Engine(options);
    return new QueryRunner() {
      @Override
      public Result instant(Queryable storage, String query, long timeMs) {
        return run(engine.newInstantQuery(storage, query, timeMs));
      }

      @Override
      public Result range(Queryable storage, String query, long startMs, long endMs, long stepMs) {
        return run(engine.newRangeQuery(storage, query, startMs, endMs, stepMs));
      }
    };
  }

  private static Result run(Query q) {
    try (q) {
      return q.exec();
    }
  }
}
