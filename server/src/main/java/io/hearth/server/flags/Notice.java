package io.hearth.server.flags;

import java.util.List;

/**
 * A start-up log line the command line calls for (a flag Hearth does not implement, a feature
 * turned on), kept until logging is set up from the same command line.
 *
 * @param isWarning logged at WARN, else at INFO
 * @param keyValues slog attributes, alternating keys and values
 */
public record Notice(boolean isWarning, String message, List<Object> keyValues) {
  public Notice {
    keyValues = List.copyOf(keyValues);
  }

  static Notice warn(String message, Object... keyValues) {
    return new Notice(true, message, List.of(keyValues));
  }

  static Notice info(String message, Object... keyValues) {
    return new Notice(false, message, List.of(keyValues));
  }
}
