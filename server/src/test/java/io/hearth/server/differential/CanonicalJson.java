package io.hearth.server.differential;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API response body as comparable Java values that keep each number's exact text ({@code
 * 1.500} is not {@code 1.5}): objects as maps, arrays as lists, strings as strings. {@link
 * #normalise} sorts what Prometheus leaves unordered: the samples of a vector result (series
 * order follows the index) and the warnings and infos (Prometheus keeps them in a Go map).
 */
final class CanonicalJson {
  private static final JsonFactory JSON = new JsonFactory();

  /** A JSON number, by its text. */
  record Num(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  private CanonicalJson() {}

  static Object parse(String body) {
    try (JsonParser p = JSON.createParser(body)) {
      p.nextToken();
      Object v = value(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing data after the JSON value: " + body);
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Num(p.getText());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalStateException("unexpected " + t);
    }
  }

  @SuppressWarnings("unchecked")
  static Object normalise(Object root) {
    if (!(root instanceof Map<?, ?> m)) {
      return root;
    }
    Map<String, Object> r = (Map<String, Object>) m;
    if (r.get("data") instanceof Map<?, ?> data && "vector".equals(data.get("resultType"))
        && data.get("result") instanceof List<?> result) {
      List<Object> sorted = new ArrayList<>(result);
      sorted.sort(Comparator.comparing(o -> String.valueOf(((Map<?, ?>) o).get("metric"))));
      ((Map<String, Object>) data).put("result", sorted);
    }
    for (String k : List.of("warnings", "infos")) {
      if (r.get(k) instanceof List<?> l) {
        List<Object> sorted = new ArrayList<>(l);
        sorted.sort(Comparator.comparing(String::valueOf));
        r.put(k, sorted);
      }
    }
    return r;
  }
}
