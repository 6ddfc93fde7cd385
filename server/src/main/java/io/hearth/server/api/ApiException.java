package io.hearth.server.api;

/**
 * A request the API answers with an error envelope: its {@link ErrorType} and Prometheus's
 * message, word for word. Thrown by parameter parsing and caught once per request; it carries no
 * stack trace because it reports bad input, not a bug.
 */
public final class ApiException extends RuntimeException {
  private final ErrorType type;

  public ApiException(ErrorType type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  /** Prometheus's {@code invalid parameter "name": cause} error. */
  public static ApiException invalidParam(String name, String cause) {
    return new ApiException(ErrorType.BAD_DATA, "invalid parameter \"" + name + "\": " + cause);
  }

  public ErrorType type() {
    return type;
  }
}
