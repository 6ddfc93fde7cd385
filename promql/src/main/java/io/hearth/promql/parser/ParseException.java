package io.hearth.promql.parser;

import io.hearth.promql.PromqlException;
import io.hearth.promql.ast.PositionRange;
import java.nio.charset.StandardCharsets;

/**
 * A query that does not parse or does not type-check. {@link #getMessage()} reads exactly as
 * Prometheus's parse errors do, e.g. {@code 1:14: parse error: unexpected <op:+>}: line and
 * column are 1-based, and the column counts UTF-8 bytes as Prometheus does.
 */
public final class ParseException extends PromqlException {
  private final PositionRange position;
  private final String query;
  private final String detail;

  public ParseException(PositionRange position, String query, String detail) {
    super(Kind.BAD_DATA, render(position, query, detail));
    this.position = position;
    this.query = query;
    this.detail = detail;
  }

  /** Where in the query the problem is. */
  public PositionRange positionRange() {
    return position;
  }

  public String query() {
    return query;
  }

  /** The message without its {@code line:col: parse error: } prefix. */
  public String detail() {
    return detail;
  }

  private static String render(PositionRange position, String query, String detail) {
    return where(position.start(), query) + ": parse error: " + detail;
  }

  private static String where(int start, String query) {
    if (query.isEmpty()) {
      return "unknown position";
    }
    if (start < 0 || start > query.length()) {
      return "invalid position";
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < start; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    // Prometheus counts bytes, so a column after multi-byte characters is larger than the
    // character count.
    int column = query.substring(lineStart, start).getBytes(StandardCharsets.UTF_8).length + 1;
    return line + ":" + column;
  }
}
