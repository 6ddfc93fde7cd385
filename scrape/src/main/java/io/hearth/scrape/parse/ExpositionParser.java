package io.hearth.scrape.parse;

import io.hearth.labels.LabelsBuilder;

/**
 * A pull cursor over one scrape's exposition. Not thread-safe; reuse an instance across scrapes
 * with {@link #reset}. Every byte array and value an accessor returns is valid only until the
 * next call to {@link #next()} or {@link #reset}.
 *
 * <p>Accessors by entry: {@link Entry#SERIES}: {@link #seriesBytes()}/{@link #seriesOffset()}/
 * {@link #seriesLength()}, {@link #labels}, {@link #value()}, {@link #hasTimestamp()}/{@link
 * #timestamp()}, {@link #exemplar}, {@link #startTimestamp()}. {@link Entry#HELP}, {@link
 * Entry#TYPE}, {@link Entry#UNIT}: {@link #metricName()} plus {@link #help()}, {@link #type()} or
 * {@link #unit()}. {@link Entry#COMMENT}: {@link #comment()}.
 */
public interface ExpositionParser {
  /** Points the parser at {@code buf[0, length)}, forgetting everything about earlier input. */
  void reset(byte[] buf, int length);

  /**
   * Advances to the next entry.
   *
   * @return {@link Entry#EOF} once the input is used up (OpenMetrics: after {@code # EOF})
   * @throws ExpositionException for malformed input, naming the line and the reason
   */
  Entry next();

  /**
   * The bytes that identify the current sample's series within this target's exposition: the
   * same bytes for the same series on every scrape, so they key the scrape cache. For the text
   * formats this is the raw {@code name{labels}} text; the protobuf parser builds an equivalent.
   */
  byte[] seriesBytes();

  int seriesOffset();

  int seriesLength();

  /**
   * Adds the current sample's labels, {@code __name__} included, to {@code into} (which the caller
   * has reset). {@code le} on histogram buckets and {@code quantile} on summaries are written in
   * OpenMetrics float form ({@code "1"} becomes {@code "1.0"}), as Prometheus 3 stores them.
   */
  void labels(LabelsBuilder into);

  /**
   * Whether the current sample has a label called {@code name}, even one with an empty value,
   * which {@link #labels} leaves out. Prometheus's parsers keep such labels until its label
   * builder drops them, so with {@code honor_labels: true} an exposed {@code job=""} still keeps
   * the target's {@code job} off the series.
   */
  boolean exposesLabel(String name);

  double value();

  boolean hasTimestamp();

  /** The sample's own timestamp in milliseconds; meaningful only when {@link #hasTimestamp()}. */
  long timestamp();

  /**
   * Writes the current sample's next exemplar into {@code into}.
   *
   * @return false once there are no more (or none at all)
   */
  boolean exemplar(Exemplar into);

  /** The created ({@code _created}/start) timestamp of the current sample in ms, or 0 if unknown. */
  long startTimestamp();

  /** The family name a HELP, TYPE or UNIT entry is about. */
  String metricName();

  String help();

  MetricType type();

  String unit();

  String comment();

  /**
   * For a HELP, TYPE or UNIT entry: where its raw text lies in {@link #seriesBytes()}, so that a
   * cache can recognise an entry it has seen before without decoding it. The same bytes from the
   * same parser always give the same {@link #metricName()}, {@link #help()}, {@link #type()} and
   * {@link #unit()}. -1 when the parser has no such text (the default).
   */
  default int metadataOffset() {
    return -1;
  }

  /** The length of the span {@link #metadataOffset()} starts; meaningless when that is -1. */
  default int metadataLength() {
    return 0;
  }
}
