package io.hearth.scrape.discovery.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser into a plain tree, with Go's {@code encoding/json} syntax error texts
 * (Go checks the whole input before decoding, so syntax errors win over type errors, as here).
 * Objects keep their members in order, duplicates included, because Go decodes them in order.
 *
 * <p>Tree: {@link #NULL}, {@link Boolean}, {@link Num} (the literal text), {@link String}, {@code
 * List<Object>}, {@link Obj}.
 */
final class JsonTree {
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  record Num(String text) {}

  record Obj(List<Map.Entry<String, Object>> members) {}

  static final class SyntaxException extends Exception {
    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  private final String s;
  private int pos;

  private JsonTree(String s) {
    this.s = s;
  }

  static Object parse(String s) throws SyntaxException {
    JsonTree p = new JsonTree(s);
    p.skipSpace();
    Object v = p.value();
    p.skipSpace();
    if (p.pos < s.length()) {
      throw p.invalid(p.cp(), "after top-level value");
    }
    return v;
  }

  /** Go's {@code encoding/json} name for a value's kind in type errors. */
  static String kind(Object v) {
    return switch (v) {
      case String x -> "string";
      case Num x -> "number";
      case Boolean x -> "bool";
      case List<?> x -> "array";
      case Obj x -> "object";
      default -> "null";
    };
  }

  private Object value() throws SyntaxException {
    if (pos >= s.length()) {
      throw eof();
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw invalid(cp(), "looking for beginning of value");
      }
    };
  }

  private Obj object() throws SyntaxException {
    pos++; // '{'
    List<Map.Entry<String, Object>> members = new ArrayList<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return new Obj(members);
    }
    while (true) {
      if (pos >= s.length()) {
        throw eof();
      }
      if (s.charAt(pos) != '"') {
        throw invalid(cp(), "looking for beginning of object key string");
      }
      String key = string();
      skipSpace();
      if (pos >= s.length()) {
        throw eof();
      }
      if (s.charAt(pos) != ':') {
        throw invalid(cp(), "after object key");
      }
      pos++;
      skipSpace();
      members.add(Map.entry(key, value()));
      skipSpace();
      if (pos >= s.length()) {
        throw eof();
      }
      char c = s.charAt(pos++);
      if (c == '}') {
        return new Obj(members);
      }
      if (c != ',') {
        pos--;
        throw invalid(cp(), "after object key:value pair");
      }
      skipSpace();
    }
  }

  private List<Object> array() throws SyntaxException {
    pos++; // '['
    List<Object> items = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return items;
    }
    while (true) {
      items.add(value());
      skipSpace();
      if (pos >= s.length()) {
        throw eof();
      }
      char c = s.charAt(pos++);
      if (c == ']') {
        return items;
      }
      if (c != ',') {
        pos--;
        throw invalid(cp(), "after array element");
      }
      skipSpace();
    }
  }

  private String string() throws SyntaxException {
    pos++; // '"'
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw eof();
      }
      char c = s.charAt(pos);
      if (c == '"') {
        pos++;
        return b.toString();
      }
      if (c < 0x20) {
        throw invalid(c, "in string literal");
      }
      if (c != '\\') {
        b.append(c);
        pos++;
        continue;
      }
      pos++;
      if (pos >= s.length()) {
        throw eof();
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          int v = 0;
          for (int k = 0; k < 4; k++) {
            if (pos >= s.length()) {
              throw eof();
            }
            int d = Character.digit(s.charAt(pos), 16);
            if (d < 0) {
              throw invalid(cp(), "in \\u hexadecimal character escape");
            }
            v = v * 16 + d;
            pos++;
          }
          b.append((char) v);
        }
        default -> {
          pos--;
          throw invalid(cp(), "in string escape code");
        }
      }
    }
  }

  private Num number() throws SyntaxException {
    int start = pos;
    if (peek() == '-') {
      pos++;
      if (pos >= s.length()) {
        throw eof();
      }
      if (!isDigit(peek())) {
        throw invalid(cp(), "in numeric literal");
      }
    }
    if (peek() == '0') {
      pos++;
    } else {
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == '.') {
      pos++;
      if (pos >= s.length()) {
        throw eof();
      }
      if (!isDigit(peek())) {
        throw invalid(cp(), "after decimal point in numeric literal");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (pos >= s.length()) {
        throw eof();
      }
      if (!isDigit(peek())) {
        throw invalid(cp(), "in exponent of numeric literal");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    return new Num(s.substring(start, pos));
  }

  private Object literal(String word, Object v) throws SyntaxException {
    for (int k = 0; k < word.length(); k++, pos++) {
      if (pos >= s.length()) {
        throw eof();
      }
      if (s.charAt(pos) != word.charAt(k)) {
        throw invalid(cp(), "in literal " + word + " (expecting '" + word.charAt(k) + "')");
      }
    }
    return v;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private int peek() {
    return pos < s.length() ? s.charAt(pos) : -1;
  }

  private int cp() {
    return s.codePointAt(pos);
  }

  private void skipSpace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static SyntaxException eof() {
    return new SyntaxException("unexpected end of JSON input");
  }

  private static SyntaxException invalid(int c, String context) {
    return new SyntaxException("invalid character " + quoteChar(c) + " " + context);
  }

  /** Go's {@code quoteChar}: the character in single quotes, escaped as strconv.Quote would. */
  static String quoteChar(int c) {
    return switch (c) {
      case '\'' -> "'\\''";
      case '"' -> "'\"'";
      case '\\' -> "'\\\\'";
      case '\n' -> "'\\n'";
      case '\t' -> "'\\t'";
      case '\r' -> "'\\r'";
      case 0x07 -> "'\\a'";
      case '\b' -> "'\\b'";
      case '\f' -> "'\\f'";
      case 0x0b -> "'\\v'";
      default -> {
        if (c < 0x20 || c == 0x7f) {
          yield String.format("'\\x%02x'", c);
        }
        yield "'" + Character.toString(c) + "'";
      }
    };
  }
}
