package io.hearth.promql.differential;

/** One side of the differential test: runs a query and reduces its result to an {@link Answer}. */
interface Evaluator {
  Answer instant(String query, long timeMs);

  Answer range(String query, long startMs, long endMs, long stepMs);
}
