package io.hearth.promql.engine;

/** A string result at {@code t} (milliseconds). */
public record StringValue(long t, String v) implements Value {}
