/**
 * The PromQL engine: {@link io.hearth.promql.engine.Engine} turns query text into a {@link
 * io.hearth.promql.engine.Query}, evaluates it over a {@link io.hearth.storage.Queryable}, and
 * returns one of the result values ({@link io.hearth.promql.engine.Scalar}, {@link
 * io.hearth.promql.engine.StringValue}, {@link io.hearth.promql.engine.Vector}, {@link
 * io.hearth.promql.engine.Matrix}).
 */
package io.hearth.promql.engine;
