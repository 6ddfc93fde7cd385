package io.hearth.scrape.config;

/** {@code metric_name_validation_scheme}: which metric and label names are valid. */
public enum NameValidation {
  /** Any non-empty valid UTF-8 string (Prometheus 3's default). */
  UTF8,
  /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*} for metric names, {@code [a-zA-Z_][a-zA-Z0-9_]*} for labels. */
  LEGACY
}
