package io.hearth.server.flags;

/**
 * A command line Hearth refuses to start with, with the exit code Prometheus uses for it: 2 for a
 * malformed command line (kingpin's wording, e.g. {@code unknown long flag '--foo'}) or a value
 * Prometheus rejects before starting, 3 for flags of the other mode, 1 for out-of-range settings.
 */
public final class FlagException extends Exception {
  private final int exitCode;
  private final boolean isUsageError;

  /** A malformed command line: exit code 2, and the error suggests {@code --help}. */
  public FlagException(String message) {
    this(message, 2, true);
  }

  FlagException(String message, int exitCode, boolean isUsageError) {
    super(message);
    this.exitCode = exitCode;
    this.isUsageError = isUsageError;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Whether this is a parse error, reported kingpin's way ({@code hearth: error: …, try --help}). */
  public boolean isUsageError() {
    return isUsageError;
  }
}
