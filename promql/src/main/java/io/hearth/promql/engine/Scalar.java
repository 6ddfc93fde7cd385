package io.hearth.promql.engine;

/** A scalar result at {@code t} (milliseconds). */
public record Scalar(long t, double v) implements Value {}
