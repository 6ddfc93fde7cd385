package io.hearth.server.logging;

/** {@code --log.format}: slog's text handler (logfmt) or its JSON handler. */
public enum LogFormat {
  LOGFMT,
  JSON;

  public static LogFormat parse(String s) {
    return switch (s) {
      case "logfmt" -> LOGFMT;
      case "json" -> JSON;
      default -> throw new IllegalArgumentException("unrecognized log format " + s);
    };
  }
}
