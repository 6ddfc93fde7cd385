package io.hearth.promql.engine;

/** A query's result. Results are plain immutable carriers; the engine's working data is not. */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {}
