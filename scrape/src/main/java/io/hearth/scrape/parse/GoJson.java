package io.hearth.scrape.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * JSON read as Go's {@code encoding/json} reads it, for the places where Prometheus decodes JSON
 * (file_sd files, OAuth2 token responses): Jackson's streaming parser does the reading, and this
 * class turns a document Jackson rejects into the syntax error Go would report, word for word
 * ({@code invalid character ']' after object key:value pair}, {@code unexpected end of JSON
 * input}). Go checks a whole document before it decodes any of it, so a syntax error anywhere wins
 * over a type error earlier on; callers read the whole document before they judge its types.
 *
 * <p>Jackson's defaults already refuse what Go refuses (comments, single quotes, leading zeros,
 * {@code NaN}, trailing commas, raw control characters); its size limits are lifted, except the
 * nesting depth, which is Go's. Stateless and thread-safe.
 */
public final class GoJson {
  /** Go's {@code maxNestingDepth}. */
  static final int MAX_DEPTH = 10000;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .build())
      .build();

  private GoJson() {}

  /**
   * A parser over {@code text}. After the top-level value, callers check that {@link
   * JsonParser#nextToken()} returns null: Jackson reads a stream of values, Go exactly one.
   */
  public static JsonParser parser(String text) throws IOException {
    return FACTORY.createParser(text);
  }

  /** The message for a document that made Jackson throw {@code e}: Go's, or Jackson's if Go would accept it. */
  public static String syntaxError(String text, JacksonException e) {
    String go = goSyntaxError(text);
    return go != null ? go : e.getOriginalMessage();
  }

  /** Go's syntax error for a document with more than its top-level value; null if there is none. */
  public static String trailingDataError(String text) {
    String go = goSyntaxError(text);
    return go != null ? go : "invalid character after top-level value";
  }

  /** Go's syntax error for {@code text}, null when Go's scanner accepts it. */
  static String goSyntaxError(String text) {
    return new Scanner(text).firstError();
  }

  /**
   * Go's {@code checkValid} over chars: the state machine of {@code encoding/json}'s scanner, run
   * only once Jackson has found a document wrong, to name the first wrong character and what the
   * scanner was looking for. A character outside ASCII is named by its first UTF-8 byte, as Go's
   * byte-wise scanner names it.
   */
  private static final class Scanner {
    private static final byte IN_ARRAY = 0;
    private static final byte OBJECT_KEY = 1;
    private static final byte OBJECT_VALUE = 2;

    private enum State {
      BEGIN_VALUE_OR_EMPTY, BEGIN_VALUE, BEGIN_STRING_OR_EMPTY, BEGIN_STRING, END_VALUE, END_TOP,
      IN_STRING, IN_STRING_ESC, IN_STRING_ESC_U, NEG, ONE, ZERO, DOT, DOT0, E, E_SIGN, E0, LITERAL
    }

    private final String s;
    private final byte[] stack = new byte[MAX_DEPTH + 1];
    private int depth;
    private State state = State.BEGIN_VALUE;
    private int hexLeft; // in \\u escapes
    private String literal; // the word being matched in LITERAL
    private int literalAt;
    private String error;
    private int pos;

    Scanner(String s) {
      this.s = s;
    }

    String firstError() {
      for (; pos < s.length() && error == null; pos++) {
        step(s.charAt(pos));
      }
      if (error != null) {
        return error;
      }
      if (state == State.END_TOP) {
        return null;
      }
      step(' '); // Go ends a number or a literal at the end with a space
      if (error == null && state != State.END_TOP) {
        error = "unexpected end of JSON input";
      }
      return error;
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private void fail(char c, String context) {
      int cp = pos < s.length() ? s.codePointAt(pos) : c;
      error = "invalid character " + GoQuote.quoteChar(firstUtf8Byte(cp)) + " " + context;
    }

    private static int firstUtf8Byte(int cp) {
      if (cp < 0x80) {
        return cp;
      } else if (cp < 0x800) {
        return 0xC0 | cp >> 6;
      } else if (cp < 0x10000) {
        return 0xE0 | cp >> 12;
      }
      return 0xF0 | cp >> 18;
    }

    private void push(char c, byte kind) {
      if (depth == MAX_DEPTH) {
        fail(c, "exceeded max depth");
        return;
      }
      stack[depth++] = kind;
    }

    private void step(char c) {
      switch (state) {
        case BEGIN_VALUE_OR_EMPTY -> {
          if (isSpace(c)) {
            return;
          }
          if (c == ']') {
            endContainer();
          } else {
            beginValue(c);
          }
        }
        case BEGIN_VALUE -> {
          if (!isSpace(c)) {
            beginValue(c);
          }
        }
        case BEGIN_STRING_OR_EMPTY -> {
          if (isSpace(c)) {
            return;
          }
          if (c == '}') {
            stack[depth - 1] = OBJECT_VALUE;
            endContainer();
          } else {
            beginString(c);
          }
        }
        case BEGIN_STRING -> {
          if (!isSpace(c)) {
            beginString(c);
          }
        }
        case END_VALUE -> endValue(c);
        case END_TOP -> {
          if (!isSpace(c)) {
            fail(c, "after top-level value");
          }
        }
        case IN_STRING -> {
          if (c == '"') {
            state = State.END_VALUE;
          } else if (c == '\\') {
            state = State.IN_STRING_ESC;
          } else if (c < 0x20) {
            fail(c, "in string literal");
          }
        }
        case IN_STRING_ESC -> {
          switch (c) {
            case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> state = State.IN_STRING;
            case 'u' -> {
              state = State.IN_STRING_ESC_U;
              hexLeft = 4;
            }
            default -> fail(c, "in string escape code");
          }
        }
        case IN_STRING_ESC_U -> {
          if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            fail(c, "in \\u hexadecimal character escape");
          } else if (--hexLeft == 0) {
            state = State.IN_STRING;
          }
        }
        case NEG -> {
          if (c == '0') {
            state = State.ZERO;
          } else if (c >= '1' && c <= '9') {
            state = State.ONE;
          } else {
            fail(c, "in numeric literal");
          }
        }
        case ONE -> {
          if (!isDigit(c)) {
            afterZero(c);
          }
        }
        case ZERO -> afterZero(c);
        case DOT -> {
          if (isDigit(c)) {
            state = State.DOT0;
          } else {
            fail(c, "after decimal point in numeric literal");
          }
        }
        case DOT0 -> {
          if (c == 'e' || c == 'E') {
            state = State.E;
          } else if (!isDigit(c)) {
            endValue(c);
          }
        }
        case E -> {
          if (c == '+' || c == '-') {
            state = State.E_SIGN;
          } else {
            eSign(c);
          }
        }
        case E_SIGN -> eSign(c);
        case E0 -> {
          if (!isDigit(c)) {
            endValue(c);
          }
        }
        case LITERAL -> {
          char want = literal.charAt(literalAt);
          if (c != want) {
            fail(c, "in literal " + literal + " (expecting " + GoQuote.quoteChar(want) + ")");
          } else if (++literalAt == literal.length()) {
            state = State.END_VALUE;
          }
        }
      }
    }

    private void beginValue(char c) {
      switch (c) {
        case '{' -> {
          push(c, OBJECT_KEY);
          state = State.BEGIN_STRING_OR_EMPTY;
        }
        case '[' -> {
          push(c, IN_ARRAY);
          state = State.BEGIN_VALUE_OR_EMPTY;
        }
        case '"' -> state = State.IN_STRING;
        case '-' -> state = State.NEG;
        case '0' -> state = State.ZERO;
        case 't' -> beginLiteral("true");
        case 'f' -> beginLiteral("false");
        case 'n' -> beginLiteral("null");
        default -> {
          if (c >= '1' && c <= '9') {
            state = State.ONE;
          } else {
            fail(c, "looking for beginning of value");
          }
        }
      }
    }

    private void beginLiteral(String word) {
      literal = word;
      literalAt = 1;
      state = State.LITERAL;
    }

    private void beginString(char c) {
      if (c == '"') {
        state = State.IN_STRING;
      } else {
        fail(c, "looking for beginning of object key string");
      }
    }

    private void afterZero(char c) {
      if (c == '.') {
        state = State.DOT;
      } else if (c == 'e' || c == 'E') {
        state = State.E;
      } else {
        endValue(c);
      }
    }

    private void eSign(char c) {
      if (isDigit(c)) {
        state = State.E0;
      } else {
        fail(c, "in exponent of numeric literal");
      }
    }

    private void endValue(char c) {
      state = State.END_VALUE;
      if (depth == 0) {
        state = State.END_TOP;
        step(c);
        return;
      }
      if (isSpace(c)) {
        return;
      }
      switch (stack[depth - 1]) {
        case OBJECT_KEY -> {
          if (c == ':') {
            stack[depth - 1] = OBJECT_VALUE;
            state = State.BEGIN_VALUE;
          } else {
            fail(c, "after object key");
          }
        }
        case OBJECT_VALUE -> {
          if (c == ',') {
            stack[depth - 1] = OBJECT_KEY;
            state = State.BEGIN_STRING;
          } else if (c == '}') {
            endContainer();
          } else {
            fail(c, "after object key:value pair");
          }
        }
        default -> {
          if (c == ',') {
            state = State.BEGIN_VALUE;
          } else if (c == ']') {
            endContainer();
          } else {
            fail(c, "after array element");
          }
        }
      }
    }

    private void endContainer() {
      depth--;
      state = depth == 0 ? State.END_TOP : State.END_VALUE;
    }
  }
}
