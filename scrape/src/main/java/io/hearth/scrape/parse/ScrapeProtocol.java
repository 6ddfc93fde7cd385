package io.hearth.scrape.parse;

/** The exposition formats a scrape may ask for, named as {@code scrape_protocols} names them. */
public enum ScrapeProtocol {
  PROMETHEUS_PROTO(
      "PrometheusProto",
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"),
  PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text/plain;version=0.0.4"),
  PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text/plain;version=1.0.0"),
  OPENMETRICS_TEXT_0_0_1("OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1"),
  OPENMETRICS_TEXT_1_0_0("OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0");

  private final String configName;
  private final String header;

  ScrapeProtocol(String configName, String header) {
    this.configName = configName;
    this.header = header;
  }

  /** The name used in {@code scrape_protocols} and {@code fallback_scrape_protocol}. */
  public String configName() {
    return configName;
  }

  /** The media type with parameters, as offered in the {@code Accept} header. */
  public String header() {
    return header;
  }

  /** @throws IllegalArgumentException naming the valid choices */
  public static ScrapeProtocol byConfigName(String name) {
    for (ScrapeProtocol p : values()) {
      if (p.configName.equals(name)) {
        return p;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (ScrapeProtocol p : values()) {
      valid.append(valid.isEmpty() ? "" : ", ").append(p.configName);
    }
    throw new IllegalArgumentException(
        "unknown scrape protocol " + name + ", supported: " + valid);
  }
}
