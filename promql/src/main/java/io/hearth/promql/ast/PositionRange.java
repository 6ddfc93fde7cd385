package io.hearth.promql.ast;

/**
 * Where a node came from in the query text: {@code [start, end)} as UTF-16 offsets into the query
 * string. Errors and annotations render the start as 1-based {@code line:column}.
 */
public record PositionRange(int start, int end) {
  public static final PositionRange NONE = new PositionRange(-1, -1);

  /** Renders the start as {@code line:col}, both 1-based, as Prometheus does in messages. */
  public String lineColumn(String query) {
    int line = 1;
    int lineStart = 0;
    int stop = Math.max(0, Math.min(start, query.length()));
    for (int i = 0; i < stop; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (stop - lineStart + 1);
  }
}
