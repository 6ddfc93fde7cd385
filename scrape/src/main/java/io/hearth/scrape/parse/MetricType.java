package io.hearth.scrape.parse;

/** A metric family's type, named as Prometheus's metadata API names it. */
public enum MetricType {
  COUNTER("counter"),
  GAUGE("gauge"),
  HISTOGRAM("histogram"),
  GAUGE_HISTOGRAM("gaugehistogram"),
  SUMMARY("summary"),
  INFO("info"),
  STATESET("stateset"),
  UNKNOWN("unknown");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /** The name Prometheus uses in {@code /api/v1/metadata}: "counter", "gaugehistogram", …. */
  public String text() {
    return text;
  }
}
