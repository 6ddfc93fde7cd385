package io.hearth.server.api;

import io.hearth.promql.PromqlException;

/**
 * The HTTP API's {@code errorType} values and the status code Prometheus answers each with
 * ({@code getDefaultErrorCode} in Prometheus's {@code web/api/v1/api.go}): an error type Prometheus
 * does not map explicitly, such as {@code unavailable}, is a 500 there and here.
 */
public enum ErrorType {
  TIMEOUT("timeout", 503),
  CANCELED("canceled", 499),
  EXECUTION("execution", 422),
  BAD_DATA("bad_data", 400),
  INTERNAL("internal", 500),
  UNAVAILABLE("unavailable", 500),
  NOT_FOUND("not_found", 404),
  NOT_ACCEPTABLE("not_acceptable", 406);

  private final String text;
  private final int status;

  ErrorType(String text, int status) {
    this.text = text;
    this.status = status;
  }

  /** The JSON {@code errorType} string. */
  public String text() {
    return text;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The type a failed evaluation is reported with, as Prometheus's {@code returnAPIError}. */
  public static ErrorType of(PromqlException.Kind kind) {
    return switch (kind) {
      case BAD_DATA -> BAD_DATA;
      case EXECUTION -> EXECUTION;
      case CANCELED -> CANCELED;
      case TIMEOUT -> TIMEOUT;
      case INTERNAL -> INTERNAL;
    };
  }
}
