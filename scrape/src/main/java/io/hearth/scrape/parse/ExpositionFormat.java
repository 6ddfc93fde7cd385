package io.hearth.scrape.parse;

/** Which parser reads a scrape's body, as Prometheus picks it from the media type. */
public enum ExpositionFormat {
  /** {@code text/plain}, any version: the Prometheus text parser. */
  PROMETHEUS_TEXT,
  /** {@code application/openmetrics-text}: the OpenMetrics parser. */
  OPENMETRICS,
  /** {@code application/vnd.google.protobuf}: {@link ProtobufParser}. */
  PROTOBUF
}
