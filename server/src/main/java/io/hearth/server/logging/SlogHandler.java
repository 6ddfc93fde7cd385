package io.hearth.server.logging;

import java.io.PrintStream;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A {@code java.util.logging} handler writing each record as one slog line to a stream (stderr in
 * production) and flushing it. The {@code source} is the file and line of the code that logged,
 * found by walking the caller's stack past the logging frameworks, which is why records must be
 * published on the thread that logs them (as {@code java.util.logging} does). Thread-safe.
 */
public final class SlogHandler extends Handler {
  private static final String[] LOGGING_FRAMES = {
    "java.util.logging.", "jdk.internal.logger.", "sun.util.logging.", "java.lang.System$",
    "io.netty.util.internal.logging."
  };
  /** This package's own frames: the handler itself and the structured-logging front end. */
  private static final java.util.Set<String> OWN_FRAMES =
      java.util.Set.of(SlogHandler.class.getName(), Log.class.getName());

  private final SlogFormatter formatter;
  private final PrintStream out;

  public SlogHandler(SlogFormatter formatter, PrintStream out) {
    this.formatter = formatter;
    this.out = out;
  }

  @Override
  public void publish(LogRecord r) {
    if (r == null || !isLoggable(r)) {
      return;
    }
    String line = formatter.format(r, source(r));
    synchronized (out) {
      out.print(line + "\n");
      out.flush();
    }
  }

  private static String source(LogRecord r) {
    Optional<StackWalker.StackFrame> caller = StackWalker.getInstance()
        .walk(frames -> frames.filter(f -> !isLoggingFrame(f.getClassName())).findFirst());
    if (caller.isPresent() && caller.get().getFileName() != null) {
      return caller.get().getFileName() + ":" + caller.get().getLineNumber();
    }
    String cls = r.getSourceClassName() != null ? r.getSourceClassName() : r.getLoggerName();
    if (cls == null) {
      return "";
    }
    return cls.substring(cls.lastIndexOf('.') + 1) + ".java";
  }

  private static boolean isLoggingFrame(String className) {
    if (OWN_FRAMES.contains(className)) {
      return true;
    }
    for (String p : LOGGING_FRAMES) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
