package io.hearth.promql.conformance;

/**
 * Unquotes string literals as Go's {@code strconv.Unquote} and PromQL read them: double or single
 * quotes with backslash escapes, or backticks with none.
 */
final class GoStrings {
  private GoStrings() {}

  /** The value of the quoted literal {@code q}; throws {@link IllegalArgumentException} if malformed. */
  static String unquote(String q) {
    if (q.length() < 2) {
      throw new IllegalArgumentException("invalid quoted string: " + q);
    }
    char quote = q.charAt(0);
    if (q.charAt(q.length() - 1) != quote || (quote != '"' && quote != '\'' && quote != '`')) {
      throw new IllegalArgumentException("invalid quoted string: " + q);
    }
    String body = q.substring(1, q.length() - 1);
    if (quote == '`') {
      if (body.indexOf('`') >= 0) {
        throw new IllegalArgumentException("invalid quoted string: " + q);
      }
      return body;
    }
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == quote || c == '\n') {
        throw new IllegalArgumentException("invalid quoted string: " + q);
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= body.length()) {
        throw new IllegalArgumentException("invalid escape at end of " + q);
      }
      char e = body.charAt(i);
      switch (e) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case '\\' -> sb.append('\\');
        case '"', '\'' -> {
          if (e != quote) {
            throw new IllegalArgumentException("invalid escape \\" + e + " in " + q);
          }
          sb.append(e);
        }
        case 'x' -> {
          // Go's \x is one byte; the scripts only use it for ASCII, so a char is enough.
          sb.append((char) Integer.parseInt(hex(body, i + 1, 2, q), 16));
          i += 2;
        }
        case 'u' -> {
          sb.appendCodePoint(Integer.parseInt(hex(body, i + 1, 4, q), 16));
          i += 4;
        }
        case 'U' -> {
          sb.appendCodePoint(Integer.parseInt(hex(body, i + 1, 8, q), 16));
          i += 8;
        }
        default -> {
          if (e >= '0' && e <= '7' && i + 2 < body.length()) {
            sb.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
            i += 2;
          } else {
            throw new IllegalArgumentException("invalid escape \\" + e + " in " + q);
          }
        }
      }
    }
    return sb.toString();
  }

  private static String hex(String s, int from, int n, String q) {
    if (from + n > s.length()) {
      throw new IllegalArgumentException("short escape in " + q);
    }
    return s.substring(from, from + n);
  }
}
