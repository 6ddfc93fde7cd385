package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GoJsonTest {
  /** Go's json.Unmarshal errors for these documents (null: valid). */
  private static void check(String doc, String want) {
    assertThat(GoJson.goSyntaxError(doc)).as(doc).isEqualTo(want);
    assertThat(jacksonAccepts(doc)).as("Jackson on %s", doc).isEqualTo(want == null);
  }

  @Test
  void syntaxErrorsAreGosWordForWord() {
    check("[1, {\"a\": \"b\"}, null, true, false, -0.5e+3, \"\\u00e9\\n\"]", null);
    check("  42  ", null);
    check("", "unexpected end of JSON input");
    check("  ", "unexpected end of JSON input");
    check("[1,", "unexpected end of JSON input");
    check("\"ab", "unexpected end of JSON input");
    check("]", "invalid character ']' looking for beginning of value");
    check("[1,]", "invalid character ']' looking for beginning of value");
    check("{\"a\":}", "invalid character '}' looking for beginning of value");
    check("[1 2]", "invalid character '2' after array element");
    check("[1}", "invalid character '}' after array element");
    check("{\"a\" 1}", "invalid character '1' after object key");
    check("{\"a\":1]", "invalid character ']' after object key:value pair");
    check("{a: 1}", "invalid character 'a' looking for beginning of object key string");
    check("{\"a\":1,}", "invalid character '}' looking for beginning of object key string");
    check("[] x", "invalid character 'x' after top-level value");
    check("1 2", "invalid character '2' after top-level value");
    check("01", "invalid character '1' after top-level value");
    check("[nul]", "invalid character ']' in literal null (expecting 'l')");
    check("[truex]", "invalid character 'x' after array element");
    check("'a'", "invalid character '\\'' looking for beginning of value");
    check("-x", "invalid character 'x' in numeric literal");
    check("1.x", "invalid character 'x' after decimal point in numeric literal");
    check("1ex", "invalid character 'x' in exponent of numeric literal");
    check("\"a\nb\"", "invalid character '\\n' in string literal");
    check("\"\\q\"", "invalid character 'q' in string escape code");
    check("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape");
    // At the end, Go's scanner is fed a space: a cut-off number or literal names it.
    check("tru", "invalid character ' ' in literal true (expecting 'e')");
    check("-", "invalid character ' ' in numeric literal");
    check("[1.", "invalid character ' ' after decimal point in numeric literal");
    check("1e", "invalid character ' ' in exponent of numeric literal");
    check("\"\\", "invalid character ' ' in string escape code");
    // Go's scanner reads bytes: a character outside ASCII is named by its first byte.
    check("[é]", "invalid character 'Ã' looking for beginning of value");
    check("\uFEFF[]", "invalid character 'ï' looking for beginning of value");
  }

  @Test
  void nestingStopsAtGosDepth() {
    String ok = "[".repeat(GoJson.MAX_DEPTH) + "]".repeat(GoJson.MAX_DEPTH);
    check(ok, null);
    String deep = "[".repeat(GoJson.MAX_DEPTH + 1) + "]".repeat(GoJson.MAX_DEPTH + 1);
    check(deep, "invalid character '[' exceeded max depth");
  }

  /** Jackson refuses exactly what Go's scanner refuses, so every refusal gets Go's words. */
  @Test
  void jacksonAndGoAgreeOnMutatedDocuments() {
    String seed = "[{\"targets\": [\"a:1\"], \"labels\": {\"x\": \"y\\n\\u0041\"}}, null, 1.5e3, -0, true, false]";
    String alphabet = "[]{}\",:01-.eE+tfnrul\\ \n\tx\u00e9\u0001/";
    Random r = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder(seed);
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        int p = r.nextInt(b.length() + 1);
        switch (r.nextInt(3)) {
          case 0 -> b.insert(p, alphabet.charAt(r.nextInt(alphabet.length())));
          case 1 -> b.delete(p, Math.min(p + 1, b.length()));
          default -> b.setLength(p);
        }
      }
      String doc = b.toString();
      assertThat(jacksonAccepts(doc)).as(doc).isEqualTo(GoJson.goSyntaxError(doc) == null);
    }
  }

  private static boolean jacksonAccepts(String doc) {
    try (JsonParser p = GoJson.parser(doc)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
