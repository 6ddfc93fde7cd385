package io.hearth.promql.engine;

/** A successful evaluation: its value and the annotations raised on the way. */
public record Result(Value value, Annotations annotations) {}
