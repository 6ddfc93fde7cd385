package io.hearth.server.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Structured logging over {@code java.util.logging}: a message plus slog-style attributes, e.g.
 * {@code Log.info(LOG, "TSDB started", "series", 12)}. Thread-safe.
 */
public final class Log {
  private Log() {}

  public static void debug(Logger logger, String msg, Object... keyValues) {
    log(logger, Level.FINE, msg, keyValues);
  }

  public static void info(Logger logger, String msg, Object... keyValues) {
    log(logger, Level.INFO, msg, keyValues);
  }

  public static void warn(Logger logger, String msg, Object... keyValues) {
    log(logger, Level.WARNING, msg, keyValues);
  }

  public static void error(Logger logger, String msg, Object... keyValues) {
    log(logger, Level.SEVERE, msg, keyValues);
  }

  public static void log(Logger logger, Level level, String msg, Object... keyValues) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord r = new LogRecord(level, msg);
    r.setLoggerName(logger.getName());
    r.setParameters(new Object[] {Attributes.of(keyValues)});
    logger.log(r);
  }
}
