package io.hearth.promql.engine;

/**
 * What a query cost, for the API's {@code stats} parameter. Times are nanoseconds.
 *
 * @param totalQueryableSamples samples read from storage (Prometheus's {@code
 *     totalQueryableSamples})
 * @param peakSamples the most samples held in memory at once
 * @param queryPreparationNanos selecting series and opening iterators
 * @param innerEvalNanos evaluating the expression tree
 * @param resultSortNanos sorting the final result
 * @param execTotalNanos all of the above and everything in between
 */
public record QueryStats(
    long totalQueryableSamples,
    long peakSamples,
    long queryPreparationNanos,
    long innerEvalNanos,
    long resultSortNanos,
    long execTotalNanos) {
  public static final QueryStats NONE = new QueryStats(0, 0, 0, 0, 0, 0);
}
