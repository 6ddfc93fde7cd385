/**
 * Label sets and label matchers: the identity of a series and the way queries select it.
 *
 * <p>{@link io.hearth.labels.Labels} is immutable and sorted by name; {@link io.hearth.labels.SymbolTable}
 * interns the strings so millions of series share one copy of each common name and value.
 */
package io.hearth.labels;
