package io.hearth.server.logging;

import java.util.Locale;
import java.util.logging.Level;

/** {@code --log.level}: the least severity written, and how a {@code java.util.logging} level is named. */
public enum LogLevel {
  DEBUG(Level.FINE),
  INFO(Level.INFO),
  WARN(Level.WARNING),
  ERROR(Level.SEVERE);

  private final Level threshold;

  LogLevel(Level threshold) {
    this.threshold = threshold;
  }

  /** The least {@code java.util.logging} level that passes. */
  public Level threshold() {
    return threshold;
  }

  /** promslog's names, in any case: debug, info, warn, error. */
  public static LogLevel parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  /** slog's name of the level a record is logged at: SEVERE is ERROR, FINE and below DEBUG. */
  static String nameOf(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (v >= Level.WARNING.intValue()) {
      return "WARN";
    }
    if (v >= Level.INFO.intValue()) {
      return "INFO";
    }
    return "DEBUG";
  }
}
