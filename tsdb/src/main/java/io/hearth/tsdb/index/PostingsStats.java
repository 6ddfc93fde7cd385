package io.hearth.tsdb.index;

import java.util.List;

/**
 * Cardinality statistics of an index, as Prometheus's {@code /api/v1/status/tsdb} reports them:
 * each list holds the top entries by count, largest first.
 *
 * @param seriesCountByMetricName series per value of the chosen label ({@code __name__})
 * @param labelValueCountByLabelName distinct values per label name
 * @param memoryInBytesByLabelName per label name, the UTF-8 bytes of name and value summed over
 *     every series carrying it
 * @param seriesCountByLabelValuePair series per {@code name=value} pair
 * @param numLabelPairs distinct (name, value) pairs in the index
 */
public record PostingsStats(
    List<Stat> seriesCountByMetricName,
    List<Stat> labelValueCountByLabelName,
    List<Stat> memoryInBytesByLabelName,
    List<Stat> seriesCountByLabelValuePair,
    long numLabelPairs) {

  /** One named count. */
  public record Stat(String name, long count) {}
}
