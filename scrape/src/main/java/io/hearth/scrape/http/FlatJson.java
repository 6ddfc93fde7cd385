package io.hearth.scrape.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hearth.scrape.parse.GoJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the top-level members of a JSON object into strings: enough for an OAuth2 token response.
 * Strings are unescaped, numbers, booleans and null kept as their literal text, nested objects and
 * arrays kept as their raw text. A JSON {@code null} reads as no members, as Go's {@code
 * json.Unmarshal} leaves a struct alone. Error texts are Go's ({@link GoJson}), as x/oauth2 reports
 * them.
 */
final class FlatJson {
  private FlatJson() {}

  /** The object's members; throws {@link IllegalArgumentException} if it is neither a JSON object nor null. */
  static Map<String, String> parseObject(String text) {
    try (JsonParser p = GoJson.parser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IllegalArgumentException("unexpected end of JSON input");
      }
      Map<String, String> out = new HashMap<>();
      if (t == JsonToken.START_OBJECT) {
        readMembers(p, text, out);
      } else {
        p.skipChildren();
      }
      if (p.nextToken() != null) { // Go checks the syntax of the whole document first
        throw new IllegalArgumentException(GoJson.trailingDataError(text));
      }
      if (t != JsonToken.START_OBJECT && t != JsonToken.VALUE_NULL) { // null leaves Go's struct alone
        throw new IllegalArgumentException(
            "json: cannot unmarshal " + kind(t) + " into Go value of type internal.tokenJSON");
      }
      return out;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(GoJson.syntaxError(text, e), e);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  private static void readMembers(JsonParser p, String text, Map<String, String> out) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        out.put(key, text.substring(start, (int) p.currentLocation().getCharOffset()));
      } else {
        out.put(key, p.getText());
      }
    }
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      default -> "object";
    };
  }
}
