package io.hearth.promql.conformance;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.Query;
import io.hearth.promql.engine.Result;
import io.hearth.storage.Queryable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * How the runner evaluates a query: creates it, runs it once, closes it. Creation and evaluation
 * errors both surface as {@link io.hearth.promql.PromqlException}, since the scripts' {@code
 * expect fail} covers both.
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

  /**
   * {@code io.hearth.promql.engine.Engine} with {@code options}, or empty while the engine is not
   * on the class path. Found by reflection so that the runner compiles before the engine exists.
   */
  static Optional<QueryRunner> engine(EngineOptions options) {
    Class<?> cls;
    try {
      cls = Class.forName("io.hearth.promql.engine.Engine");
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
    try {
      Constructor<?> ctor = cls.getConstructor(EngineOptions.class);
      Method instant = cls.getMethod("newInstantQuery", Queryable.class, String.class, long.class);
      Method range =
          cls.getMethod("newRangeQuery", Queryable.class, String.class, long.class, long.class, long.class);
      Object engine = ctor.newInstance(options);
      return Optional.of(
          new QueryRunner() {
            @Override
            public Result instant(Queryable storage, String query, long timeMs) {
              return run(invoke(instant, engine, storage, query, timeMs));
            }

            @Override
            public Result range(Queryable storage, String query, long startMs, long endMs, long stepMs) {
              return run(invoke(range, engine, storage, query, startMs, endMs, stepMs));
            }
          });
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("io.hearth.promql.engine.Engine does not have the expected API", e);
    }
  }

  private static Result run(Query q) {
    try (q) {
      return q.exec();
    }
  }

  private static Query invoke(Method m, Object target, Object... args) {
    try {
      return (Query) m.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
