package io.hearth.promql.parser;

import static io.hearth.promql.parser.antlr.PromqlGrammar.*;

import io.hearth.promql.ast.PositionRange;
import io.hearth.promql.parser.antlr.PromqlGrammar;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * Replaces ANTLR's error reporting and recovery: the first syntax error ends the parse with a
 * {@link ParseException} worded as Prometheus words it ("unexpected &lt;op:+&gt; in aggregation",
 * "unexpected end of input"...). A lexical error token is reported with the lexer's own message.
 */
final class SyntaxErrors extends DefaultErrorStrategy {
  private final String query;

  SyntaxErrors(String query) {
    this.query = query;
  }

  @Override
  public void reportError(Parser recognizer, RecognitionException e) {
    Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
    throw unexpected(recognizer, offending, e.getCtx() != null ? e.getCtx() : recognizer.getContext());
  }

  @Override
  public void recover(Parser recognizer, RecognitionException e) {
    throw unexpected(recognizer, e.getOffendingToken(), recognizer.getContext());
  }

  @Override
  public Token recoverInline(Parser recognizer) {
    InputMismatchException e = new InputMismatchException(recognizer);
    throw unexpected(recognizer, e.getOffendingToken(), recognizer.getContext());
  }

  @Override
  public void sync(Parser recognizer) {
    // Errors surface where a token fails to match; there is no recovery to prepare.
  }

  ParseException unexpected(Parser recognizer, Token token, RuleContext ctx) {
    if (token.getType() == PromqlLexer.ERROR_TYPE) {
      return new ParseException(
          new PositionRange(token.getStartIndex(), query.length()), query, token.getText());
    }
    TokenStream tokens = recognizer.getInputStream();
    if (token.getType() == Token.EOF && token.getTokenIndex() == 0) {
      return new ParseException(new PositionRange(0, 0), query, "no expression found in input");
    }
    String where = context(tokens, token, ctx);
    StringBuilder msg = new StringBuilder("unexpected ").append(describe(token));
    if (where != null) {
      msg.append(where);
    }
    int start = token.getType() == Token.EOF ? query.length() : token.getStartIndex();
    int end = token.getType() == Token.EOF ? query.length() : token.getStopIndex() + 1;
    return new ParseException(new PositionRange(start, end), query, msg.toString());
  }

  /**
   * The " in X, expected Y" part, from the innermost construct Prometheus's grammar has an error
   * rule for: label matchers, brackets, grouping lists, offset, @ and aggregations.
   */
  private static String context(TokenStream tokens, Token token, RuleContext ctx) {
    int index = token.getTokenIndex();
    Token prev = index > 0 ? tokens.get(index - 1) : null;
    // Braces and brackets never nest, so the nearest unclosed one is found by scanning back.
    for (int i = index - 1; i >= 0; i--) {
      int t = tokens.get(i).getType();
      if (t == RIGHT_BRACE || t == RIGHT_BRACKET) {
        break;
      }
      if (t == LEFT_BRACE) {
        return braceContext(tokens, index, prev);
      }
      if (t == LEFT_BRACKET) {
        return bracketContext(tokens, i, index, prev);
      }
    }
    for (RuleContext c = ctx; c != null; c = c.parent) {
      if (c instanceof PromqlGrammar.GroupingLabelsContext) {
        return groupingContext(prev);
      }
      if (c instanceof PromqlGrammar.AtValueContext) {
        return " in @, expected timestamp";
      }
      if (c instanceof PromqlGrammar.OffsetValueContext) {
        return " in offset, expected number, duration, step(), or range()";
      }
      if (c instanceof PromqlGrammar.AggregationContext) {
        return " in aggregation";
      }
    }
    if (prev != null) {
      switch (prev.getType()) {
        case BY, WITHOUT, ON, IGNORING -> {
          return " in grouping opts, expected \"(\"";
        }
        case AT -> {
          return " in @, expected timestamp";
        }
        case OFFSET -> {
          return " in offset, expected number, duration, step(), or range()";
        }
        default -> {}
      }
    }
    return null;
  }

  private static String groupingContext(Token prev) {
    if (prev == null) {
      return null;
    }
    return switch (prev.getType()) {
      case BY, WITHOUT, ON, IGNORING, GROUP_LEFT, GROUP_RIGHT -> " in grouping opts, expected \"(\"";
      case LEFT_PAREN, COMMA -> " in grouping opts, expected label";
      default -> " in grouping opts, expected \",\" or \")\"";
    };
  }

  private static String braceContext(TokenStream tokens, int index, Token prev) {
    switch (prev.getType()) {
      case LEFT_BRACE, COMMA -> {
        return " in label matching, expected identifier or \"}\"";
      }
      case IDENTIFIER -> {
        return " in label matching, expected label matching operator";
      }
      case EQL, NEQ, EQL_REGEX, NEQ_REGEX -> {
        return " in label matching, expected string";
      }
      default -> {
        return " in label matching, expected \",\" or \"}\"";
      }
    }
  }

  private static String bracketContext(TokenStream tokens, int open, int index, Token prev) {
    boolean colon = false;
    boolean durationSeen = false;
    for (int i = open + 1; i < index; i++) {
      int t = tokens.get(i).getType();
      if (t == COLON) {
        colon = true;
        durationSeen = false;
      } else if (t == NUMBER || t == DURATION) {
        durationSeen = true;
      }
    }
    if (!colon) {
      return durationSeen
          ? " in subquery or range, expected \":\" or \"]\""
          : " in subquery or range selector, expected number, duration, step(), or range()";
    }
    return durationSeen
        ? " in subquery selector, expected \"]\""
        : " in subquery selector, expected number, duration, step(), range(), or \"]\"";
  }

  /** How Prometheus names a token in "unexpected ..." messages. */
  static String describe(Token t) {
    String text = t.getText();
    return switch (t.getType()) {
      case Token.EOF -> "end of input";
      case IDENTIFIER -> "identifier " + GoQuote.string(text);
      case METRIC_IDENTIFIER -> "metric identifier " + GoQuote.string(text);
      case STRING -> "string " + shortQuote(text);
      case NUMBER -> "number " + shortQuote(text);
      case DURATION -> "duration " + shortQuote(text);
      case BOOL, BY, GROUP_LEFT, GROUP_RIGHT, FILL, FILL_LEFT, FILL_RIGHT, IGNORING, OFFSET,
          SMOOTHED, ANCHORED, ON, WITHOUT ->
          "<" + text + ">";
      case ADD, DIV, EQLC, EQL_REGEX, GTE, GTR, TRIM_UPPER, TRIM_LOWER, LAND, LOR, LSS, LTE,
          LUNLESS, MOD, MUL, NEQ, NEQ_REGEX, POW, SUB, AT, ATAN2 ->
          "<op:" + text + ">";
      case AVG, BOTTOMK, COUNT, COUNT_VALUES, GROUP, MAX, MIN, QUANTILE, STDDEV, STDVAR, SUM, TOPK,
          LIMITK, LIMIT_RATIO ->
          "<aggr:" + text + ">";
      default -> shortQuote(text);
    };
  }

  /** Go's {@code %q}, shortened to ten characters and "..." for long texts. */
  private static String shortQuote(String text) {
    if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 10) {
      int cut = text.offsetByCodePoints(0, Math.min(10, text.codePointCount(0, text.length())));
      return GoQuote.string(text.substring(0, cut)) + "...";
    }
    return GoQuote.string(text);
  }
}
