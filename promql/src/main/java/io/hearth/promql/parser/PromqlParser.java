package io.hearth.promql.parser;

import io.hearth.labels.Matcher;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.PositionRange;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.promql.parser.antlr.PromqlGrammar;
import java.util.List;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses PromQL as Prometheus 3.x does. Every failure, however malformed the input, is a {@link
 * ParseException} whose message matches Prometheus's. Thread-safe: each call builds its own
 * lexer and parser.
 */
public final class PromqlParser {
  private PromqlParser() {}

  /** Parses and type-checks a query. */
  public static Expr parse(String query, ParserOptions options) {
    PromqlGrammar parser = newParser(query);
    PromqlGrammar.QueryContext tree;
    try {
      tree = parser.query();
    } catch (StackOverflowError e) {
      throw tooDeep(query);
    }
    try {
      Expr built = new AstBuilder(query, options).visit(tree.expr());
      return new TypeChecker(query).check(built);
    } catch (StackOverflowError e) {
      throw tooDeep(query);
    }
  }

  /** Parses with every experimental feature off. */
  public static Expr parse(String query) {
    return parse(query, ParserOptions.DEFAULT);
  }

  /**
   * Parses a series selector such as {@code up{job="api"}} or {@code {__name__=~"a.*"}}, as the
   * HTTP API's {@code match[]} and the test scripts use them. The matcher for a metric name
   * written before the braces comes first. Unlike queries, selectors are not checked for an
   * empty match.
   */
  public static List<Matcher> parseMatchers(String selector) {
    PromqlGrammar parser = newParser(selector);
    PromqlGrammar.SelectorContext tree = parser.selector();
    VectorSelector vs = new AstBuilder(selector, ParserOptions.DEFAULT).selector(tree.vectorSelector());
    return vs.matchers();
  }

  /**
   * A Prometheus duration such as {@code 1h30m}, {@code 90s} or {@code 0}, in milliseconds. Units
   * ({@code y w d h m s ms}) must go largest first; fractions and signs are not allowed.
   *
   * @throws ParseException with Prometheus's message, e.g. {@code not a valid duration string}
   */
  public static long parseDuration(String duration) {
    try {
      return Literals.durationMillis(duration);
    } catch (Literals.LiteralException e) {
      throw new ParseException(new PositionRange(0, duration.length()), duration, e.getMessage());
    }
  }

  private static PromqlGrammar newParser(String query) {
    PromqlGrammar parser = new PromqlGrammar(new CommonTokenStream(new PromqlLexer(query)));
    parser.removeErrorListeners();
    parser.setErrorHandler(new SyntaxErrors(query));
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    return parser;
  }

  private static ParseException tooDeep(String query) {
    return new ParseException(new PositionRange(0, 0), query, "expression is nested too deeply");
  }
}
