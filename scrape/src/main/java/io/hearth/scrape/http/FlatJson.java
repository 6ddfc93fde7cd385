package io.hearth.scrape.http;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the top-level members of a JSON object into strings: enough for an OAuth2 token response,
 * without a JSON library. Strings are unescaped, numbers, booleans and null kept as their literal
 * text, nested objects and arrays skipped (kept as their raw text).
 */
final class FlatJson {
  private final String s;
  private int i;

  private FlatJson(String s) {
    this.s = s;
  }

  /** The object's members; throws {@link IllegalArgumentException} if it is not a JSON object. */
  static Map<String, String> parseObject(String text) {
    FlatJson p = new FlatJson(text);
    Map<String, String> out = new HashMap<>();
    p.skipSpace();
    p.expect('{');
    p.skipSpace();
    if (p.peek() == '}') {
      p.i++;
      p.end();
      return out;
    }
    while (true) {
      p.skipSpace();
      String key = p.string();
      p.skipSpace();
      p.expect(':');
      p.skipSpace();
      String value = p.value();
      out.put(key, value);
      p.skipSpace();
      char c = p.next();
      if (c == '}') {
        p.end();
        return out;
      }
      if (c != ',') {
        throw p.error("expected , or }");
      }
    }
  }

  private void end() {
    skipSpace();
    if (i != s.length()) {
      throw error("invalid character after top-level value");
    }
  }

  private String value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    int start = i;
    if (c == '{' || c == '[') {
      skipNested();
      return s.substring(start, i);
    }
    while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
      i++;
    }
    if (start == i) {
      throw error("expected a value");
    }
    return s.substring(start, i);
  }

  private void skipNested() {
    int depth = 0;
    do {
      char c = next();
      if (c == '"') {
        i--;
        string();
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    } while (depth > 0);
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("truncated \\u escape");
          }
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> b.append(e);
      }
    }
  }

  private void skipSpace() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private char peek() {
    if (i >= s.length()) {
      throw error("unexpected end of JSON input");
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i);
  }
}
