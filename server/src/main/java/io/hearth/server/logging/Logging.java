package io.hearth.server.logging;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.logging.Handler;
import java.util.logging.Logger;

/** Installs the slog-style output as the only handler of the root {@code java.util.logging} logger. */
public final class Logging {
  private Logging() {}

  /**
   * Replaces the root logger's handlers with one {@link SlogHandler} writing to {@code out} at
   * {@code level} and above. Records of {@code System.Logger} reach it too, since the JDK routes
   * those to {@code java.util.logging}.
   */
  public static SlogHandler install(LogLevel level, LogFormat format, PrintStream out) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    SlogHandler handler = new SlogHandler(
        new SlogFormatter(format, ZoneId.systemDefault(), level == LogLevel.DEBUG), out);
    handler.setLevel(level.threshold());
    root.addHandler(handler);
    root.setLevel(level.threshold());
    return handler;
  }
}
