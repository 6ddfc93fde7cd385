package io.hearth.promql.testdata;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.Query;
import io.hearth.storage.Queryable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Reaches {@code io.hearth.promql.engine.Engine} through method handles, so the differential test
 * and the query benchmarks build before the engine is merged and run as soon as it is. Once the
 * engine is on main this class can become three direct calls. The handle call costs nanoseconds
 * against queries that take microseconds to seconds.
 */
public final class EngineBinding {
  private static final String ENGINE = "io.hearth.promql.engine.Engine";

  private final Object engine;
  private final MethodHandle instant;
  private final MethodHandle range;

  private EngineBinding(Object engine, MethodHandle instant, MethodHandle range) {
    this.engine = engine;
    this.instant = instant;
    this.range = range;
  }

  /** The engine with these options, or empty if this build has no {@code Engine} class. */
  public static Optional<EngineBinding> find(EngineOptions options) {
    Class<?> c;
    try {
      c = Class.forName(ENGINE);
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
    try {
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      Object engine = l.findConstructor(c, MethodType.methodType(void.class, EngineOptions.class)).invoke(options);
      MethodHandle instant = l.findVirtual(c, "newInstantQuery",
          MethodType.methodType(Query.class, Queryable.class, String.class, long.class));
      MethodHandle range = l.findVirtual(c, "newRangeQuery",
          MethodType.methodType(Query.class, Queryable.class, String.class, long.class, long.class, long.class));
      return Optional.of(new EngineBinding(engine, instant, range));
    } catch (Throwable e) {
      throw new IllegalStateException("cannot bind " + ENGINE + ": " + e, e);
    }
  }

  /** {@code Engine.newInstantQuery}; its exceptions pass through unchanged. */
  public Query instant(Queryable storage, String query, long timeMs) {
    try {
      return (Query) instant.invoke(engine, storage, query, timeMs);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code Engine.newRangeQuery}; its exceptions pass through unchanged. */
  public Query range(Queryable storage, String query, long startMs, long endMs, long stepMs) {
    try {
      return (Query) range.invoke(engine, storage, query, startMs, endMs, stepMs);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
