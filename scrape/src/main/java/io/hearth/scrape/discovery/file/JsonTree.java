package io.hearth.scrape.discovery.file;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hearth.scrape.parse.GoJson;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A JSON document read whole into a plain tree before it is decoded, because Go's {@code
 * encoding/json} checks the syntax of all of it first (syntax errors win over type errors), with
 * Go's syntax error texts ({@link GoJson}). Objects keep their members in order, duplicates
 * included, because Go decodes them in order.
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

  private JsonTree() {}

  static Object parse(String s) throws SyntaxException {
    try (JsonParser p = GoJson.parser(s)) {
      if (p.nextToken() == null) {
        throw new SyntaxException("unexpected end of JSON input");
      }
      Object root = read(p);
      if (p.nextToken() != null) {
        throw new SyntaxException(GoJson.trailingDataError(s));
      }
      return root;
    } catch (JacksonException e) {
      throw new SyntaxException(GoJson.syntaxError(s, e));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
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

  /**
   * The value starting at the current token. Containers are tracked on a heap stack, not by
   * recursion, so a deep document (Go allows 10000 levels) cannot overflow the thread's stack.
   */
  private static Object read(JsonParser p) throws IOException {
    Deque<Object> open = new ArrayDeque<>(); // List<Object> or Obj
    Deque<String> keys = new ArrayDeque<>(); // the pending key of each open object
    JsonToken t = p.currentToken();
    while (true) {
      Object value;
      switch (t) {
        case START_ARRAY -> {
          open.push(new ArrayList<>());
          t = p.nextToken();
          continue;
        }
        case START_OBJECT -> {
          open.push(new Obj(new ArrayList<>()));
          t = p.nextToken();
          continue;
        }
        case FIELD_NAME -> {
          keys.push(p.currentName());
          t = p.nextToken();
          continue;
        }
        case END_ARRAY, END_OBJECT -> value = open.pop();
        case VALUE_STRING -> value = p.getText();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = new Num(p.getText());
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        case VALUE_NULL -> value = NULL;
        default -> throw new IllegalStateException("unexpected token " + t);
      }
      if (open.isEmpty()) {
        return value;
      }
      add(open.peek(), keys, value);
      t = p.nextToken();
    }
  }

  @SuppressWarnings("unchecked")
  private static void add(Object container, Deque<String> keys, Object value) {
    if (container instanceof Obj obj) {
      obj.members().add(Map.entry(keys.pop(), value));
    } else {
      ((List<Object>) container).add(value);
    }
  }
}
