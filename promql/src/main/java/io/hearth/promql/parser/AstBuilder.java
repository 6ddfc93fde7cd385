package io.hearth.promql.parser;

import io.hearth.labels.MatchType;
import io.hearth.labels.Matcher;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.AggregateOp;
import io.hearth.promql.ast.At;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.BinaryOp;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.FunctionSignature;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.PositionRange;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorMatching;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.promql.parser.antlr.PromqlGrammar;
import io.hearth.promql.parser.antlr.PromqlGrammar.*;
import io.hearth.promql.parser.antlr.PromqlGrammarBaseVisitor;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the {@link Expr} tree from ANTLR's parse tree, applying the checks Prometheus makes
 * while it parses (function names, modifiers, ranges, literals). It stops at the first problem,
 * whose message is Prometheus's. Type checks follow in {@link TypeChecker}.
 */
final class AstBuilder extends PromqlGrammarBaseVisitor<Expr> {
  private static final double MAX_DURATION_SECONDS = 9.223372036854775807e9;

  private final String query;
  private final ParserOptions options;

  AstBuilder(String query, ParserOptions options) {
    this.query = query;
    this.options = options;
  }

  // ---- selectors -----------------------------------------------------------------------------

  @Override
  public Expr visitSelectorExpr(SelectorExprContext ctx) {
    return selector(ctx.vectorSelector());
  }

  VectorSelector selector(VectorSelectorContext ctx) {
    String name = ctx.metricIdentifier() == null ? "" : ctx.metricIdentifier().getText();
    List<Matcher> matchers = new ArrayList<>();
    if (!name.isEmpty()) {
      matchers.add(Matcher.equal("__name__", name));
    }
    if (ctx.labelMatchers() != null) {
      for (LabelMatcherContext m : ctx.labelMatchers().labelMatcher()) {
        matchers.add(matcher(m));
      }
    }
    return new VectorSelector(name, matchers, 0, null, pos(ctx));
  }

  private Matcher matcher(LabelMatcherContext m) {
    if (m.name != null) {
      return Matcher.equal("__name__", unquote(m.name));
    }
    String label = m.label.getType() == PromqlGrammar.STRING ? unquote(m.label) : m.label.getText();
    String value = unquote(m.value);
    MatchType type =
        switch (m.matchOp().getStart().getType()) {
          case PromqlGrammar.EQL -> MatchType.EQUAL;
          case PromqlGrammar.NEQ -> MatchType.NOT_EQUAL;
          case PromqlGrammar.EQL_REGEX -> MatchType.REGEX;
          default -> MatchType.NOT_REGEX;
        };
    if (type.isRegex()) {
      // Compile the bare expression so that the message quotes what the user wrote, as Go's
      // regexp package does.
      try {
        com.google.re2j.Pattern.compile(value);
      } catch (com.google.re2j.PatternSyntaxException e) {
        throw error(range(m.label, m.value), e.getMessage());
      }
    }
    try {
      return Matcher.of(type, label, value);
    } catch (IllegalArgumentException e) {
      throw error(range(m.label, m.value), e.getMessage());
    }
  }

  @Override
  public Expr visitMatrixExpr(MatrixExprContext ctx) {
    Expr inner = visit(ctx.expr());
    PositionRange brackets = range(ctx.LEFT_BRACKET().getSymbol(), ctx.RIGHT_BRACKET().getSymbol());
    if (!(inner instanceof VectorSelector vs)) {
      throw error(brackets, "ranges only allowed for vector selectors");
    }
    if (vs.offsetMs() != 0) {
      throw error(brackets, "no offset modifiers allowed before range");
    }
    if (vs.at() != null) {
      throw error(brackets, "no @ modifiers allowed before range");
    }
    long rangeMs = bracketDuration(ctx.range);
    return new MatrixSelector(vs, rangeMs, pos(ctx));
  }

  @Override
  public Expr visitSubqueryExpr(SubqueryExprContext ctx) {
    Expr inner = visit(ctx.expr());
    long rangeMs = bracketDuration(ctx.range);
    long stepMs = ctx.step == null ? 0 : bracketDuration(ctx.step);
    return new SubqueryExpr(inner, rangeMs, stepMs, 0, null, pos(ctx));
  }

  /** A range or step: a positive number of seconds or a duration, in milliseconds. */
  private long bracketDuration(DurationExprContext ctx) {
    double seconds = durationSeconds(ctx);
    if (seconds <= 0) {
      throw error(pos(ctx), "duration must be greater than 0");
    }
    return secondsToMillis(seconds);
  }

  /**
   * The value of a duration inside brackets or after offset; arithmetic on durations is
   * Prometheus's experimental duration-expression feature, which we do not offer.
   */
  private double durationSeconds(DurationExprContext ctx) {
    switch (ctx) {
      case DurationLiteralContext lit -> {
        double v = literalSeconds(lit.value);
        if (outOfRange(v)) {
          throw error(pos(lit), "duration out of range");
        }
        return v;
      }
      case DurationUnaryContext u when u.durationExpr() instanceof DurationLiteralContext
          || u.durationExpr() instanceof DurationUnaryContext -> {
        double v = durationSeconds(u.durationExpr());
        if (u.sign.getType() == PromqlGrammar.SUB) {
          v = -v;
        }
        if (outOfRange(v)) {
          throw error(pos(u.sign), "duration out of range");
        }
        return v;
      }
      case DurationBinaryContext b -> throw experimentalDuration(b.durationExpr(0));
      case DurationUnaryContext u -> throw experimentalDuration(u.durationExpr());
      case DurationParenContext p -> throw experimentalDuration(p.durationExpr());
      default -> throw experimentalDuration(ctx);
    }
  }

  private ParseException experimentalDuration(ParserRuleContext ctx) {
    return error(pos(ctx), "experimental duration expression is not enabled");
  }

  private static boolean outOfRange(double seconds) {
    return seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS;
  }

  /** Seconds to milliseconds as Prometheus does: round to nanoseconds, then truncate. */
  static long secondsToMillis(double seconds) {
    double ns = seconds * 1e9;
    long rounded = (long) (Math.signum(ns) * Math.floor(Math.abs(ns) + 0.5));
    return rounded / 1_000_000L;
  }

  private double literalSeconds(Token t) {
    if (t.getType() == PromqlGrammar.DURATION) {
      try {
        return Literals.durationMillis(t.getText()) / 1000.0;
      } catch (Literals.LiteralException e) {
        throw error(pos(t), e.getMessage());
      }
    }
    try {
      return Literals.number(t.getText());
    } catch (Literals.LiteralException e) {
      throw error(pos(t), e.getMessage());
    }
  }

  // ---- modifiers -----------------------------------------------------------------------------

  @Override
  public Expr visitOffsetExpr(OffsetExprContext ctx) {
    Expr inner = visit(ctx.expr());
    OffsetValueContext ov = ctx.offsetValue();
    double seconds;
    if (ov.value != null) {
      seconds = literalSeconds(ov.value);
      if (ov.sign != null && ov.sign.getType() == PromqlGrammar.SUB) {
        seconds = -seconds;
      }
      if (outOfRange(seconds)) {
        throw error(ov.sign != null ? pos(ov.sign) : pos(ov.value), "duration out of range");
      }
    } else {
      seconds = durationSeconds(ov.durationExpr());
    }
    long offsetMs = secondsToMillis(seconds);
    PositionRange p = new PositionRange(inner.pos().start(), end(ctx));
    String multiple = "offset may not be set multiple times";
    return switch (inner) {
      case VectorSelector vs -> {
        if (vs.offsetMs() != 0) {
          throw error(vs.pos(), multiple);
        }
        yield new VectorSelector(vs.name(), vs.matchers(), offsetMs, vs.at(), p);
      }
      case MatrixSelector ms -> {
        VectorSelector vs = ms.selector();
        if (vs.offsetMs() != 0) {
          throw error(ms.pos(), multiple);
        }
        yield new MatrixSelector(
            new VectorSelector(vs.name(), vs.matchers(), offsetMs, vs.at(), vs.pos()),
            ms.rangeMs(),
            p);
      }
      case SubqueryExpr sq -> {
        if (sq.offsetMs() != 0) {
          throw error(sq.pos(), multiple);
        }
        yield new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.stepMs(), offsetMs, sq.at(), p);
      }
      default ->
          throw error(
              inner.pos(),
              "offset modifier must be preceded by an instant vector selector or range vector"
                  + " selector or a subquery");
    };
  }

  @Override
  public Expr visitAtExpr(AtExprContext ctx) {
    Expr inner = visit(ctx.expr());
    AtValueContext av = ctx.atValue();
    At at;
    if (av.which != null) {
      at = av.which.getType() == PromqlGrammar.START ? At.START : At.END;
    } else {
      double ts = literalSeconds(av.value);
      if (av.sign != null && av.sign.getType() == PromqlGrammar.SUB) {
        ts = -ts;
      }
      if (Double.isInfinite(ts) || Double.isNaN(ts) || ts >= 9.223372036854775807e18
          || ts <= -9.223372036854775808e18) {
        throw error(inner.pos(), "timestamp out of bounds for @ modifier: " + goFloat(ts));
      }
      at = At.timestamp(Math.round(ts * 1000));
    }
    PositionRange p = new PositionRange(inner.pos().start(), end(ctx));
    String multiple = "@ <timestamp> may not be set multiple times";
    return switch (inner) {
      case VectorSelector vs -> {
        if (vs.at() != null) {
          throw error(vs.pos(), multiple);
        }
        yield new VectorSelector(vs.name(), vs.matchers(), vs.offsetMs(), at, p);
      }
      case MatrixSelector ms -> {
        VectorSelector vs = ms.selector();
        if (vs.at() != null) {
          throw error(ms.pos(), multiple);
        }
        yield new MatrixSelector(
            new VectorSelector(vs.name(), vs.matchers(), vs.offsetMs(), at, vs.pos()),
            ms.rangeMs(),
            p);
      }
      case SubqueryExpr sq -> {
        if (sq.at() != null) {
          throw error(sq.pos(), multiple);
        }
        yield new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.stepMs(), sq.offsetMs(), at, p);
      }
      default ->
          throw error(
              inner.pos(),
              "@ modifier must be preceded by an instant vector selector or range vector selector"
                  + " or a subquery");
    };
  }

  /** Go's {@code %f}. */
  private static String goFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return String.format(java.util.Locale.ROOT, "%f", v);
  }

  @Override
  public Expr visitExtendedRangeExpr(ExtendedRangeExprContext ctx) {
    Expr inner = visit(ctx.expr());
    String which = ctx.modifier.getType() == PromqlGrammar.ANCHORED ? "anchored" : "smoothed";
    throw error(inner.pos(), which + " modifier is experimental and not enabled");
  }

  // ---- operators -----------------------------------------------------------------------------

  @Override
  public Expr visitUnaryExpr(UnaryExprContext ctx) {
    Expr inner = visit(ctx.expr());
    boolean negative = ctx.sign.getType() == PromqlGrammar.SUB;
    PositionRange p = new PositionRange(ctx.sign.getStartIndex(), inner.pos().end());
    if (inner instanceof NumberLiteral n) {
      return new NumberLiteral(negative ? -n.value() : n.value(), n.duration(), p);
    }
    return new UnaryExpr(negative, inner, p);
  }

  @Override
  public Expr visitBinaryExpr(BinaryExprContext ctx) {
    Expr lhs = visit(ctx.expr(0));
    Expr rhs = visit(ctx.expr(1));
    BinModifiersContext mods = ctx.binModifiers();
    PositionRange p = new PositionRange(lhs.pos().start(), rhs.pos().end());
    if (!mods.fillModifier().isEmpty()) {
      throw error(p, "binop fill modifiers are experimental and not enabled");
    }
    VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
    List<String> labels = List.of();
    List<String> include = List.of();
    boolean on = false;
    if (mods.matchKind != null) {
      on = mods.matchKind.getType() == PromqlGrammar.ON;
      labels = grouping(mods.on);
      GroupModifierContext g = mods.groupModifier();
      if (g != null) {
        card =
            g.side.getType() == PromqlGrammar.GROUP_LEFT
                ? VectorMatching.Cardinality.MANY_TO_ONE
                : VectorMatching.Cardinality.ONE_TO_MANY;
        if (g.groupingLabels() != null) {
          include = grouping(g.groupingLabels());
        }
      }
    }
    VectorMatching matching = new VectorMatching(card, labels, on, include);
    return new BinaryExpr(binaryOp(ctx.op), lhs, rhs, matching, mods.BOOL() != null, p);
  }

  private static BinaryOp binaryOp(Token op) {
    return switch (op.getType()) {
      case PromqlGrammar.ADD -> BinaryOp.ADD;
      case PromqlGrammar.SUB -> BinaryOp.SUB;
      case PromqlGrammar.MUL -> BinaryOp.MUL;
      case PromqlGrammar.DIV -> BinaryOp.DIV;
      case PromqlGrammar.MOD -> BinaryOp.MOD;
      case PromqlGrammar.POW -> BinaryOp.POW;
      case PromqlGrammar.ATAN2 -> BinaryOp.ATAN2;
      case PromqlGrammar.EQLC -> BinaryOp.EQL;
      case PromqlGrammar.NEQ -> BinaryOp.NEQ;
      case PromqlGrammar.LTE -> BinaryOp.LTE;
      case PromqlGrammar.LSS -> BinaryOp.LSS;
      case PromqlGrammar.GTE -> BinaryOp.GTE;
      case PromqlGrammar.GTR -> BinaryOp.GTR;
      case PromqlGrammar.TRIM_UPPER -> BinaryOp.TRIM_UPPER;
      case PromqlGrammar.TRIM_LOWER -> BinaryOp.TRIM_LOWER;
      case PromqlGrammar.LAND -> BinaryOp.AND;
      case PromqlGrammar.LOR -> BinaryOp.OR;
      case PromqlGrammar.LUNLESS -> BinaryOp.UNLESS;
      default -> throw new IllegalStateException("operator " + op.getText());
    };
  }

  private List<String> grouping(GroupingLabelsContext ctx) {
    List<String> out = new ArrayList<>();
    for (GroupingLabelContext g : ctx.groupingLabel()) {
      if (g.STRING() != null) {
        String name = unquote(g.STRING().getSymbol());
        if (name.isEmpty()) {
          throw error(pos(g), "invalid label name for grouping: " + GoQuote.string(name));
        }
        out.add(name);
      } else {
        out.add(g.getText());
      }
    }
    return out;
  }

  // ---- aggregations and calls ----------------------------------------------------------------

  @Override
  public Expr visitAggregateExpr(AggregateExprContext ctx) {
    AggregationContext a = ctx.aggregation();
    AggregateOp op = AggregateOp.byName(a.aggregateOp().getText());
    List<String> grouping = List.of();
    boolean without = false;
    List<Expr> args = arguments(a.callBody());
    if (a.aggregateModifier() != null) {
      without = a.aggregateModifier().kind.getType() == PromqlGrammar.WITHOUT;
      grouping = grouping(a.aggregateModifier().groupingLabels());
    }
    PositionRange p = pos(ctx);
    if (args.isEmpty()) {
      throw error(p, "no arguments for aggregate expression provided");
    }
    int desired = 1;
    Expr param = null;
    if (op.hasParam()) {
      if (op.isExperimental() && !options.experimentalFunctions()) {
        throw error(
            p,
            op.text()
                + "() is experimental and must be enabled with"
                + " --enable-feature=promql-experimental-functions");
      }
      desired = 2;
      param = args.get(0);
    }
    if (args.size() != desired) {
      throw error(
          p,
          "wrong number of arguments for aggregate expression provided, expected "
              + desired
              + ", got "
              + args.size());
    }
    return new AggregateExpr(op, args.get(desired - 1), param, grouping, without, p);
  }

  @Override
  public Expr visitCallExpr(CallExprContext ctx) {
    FunctionCallContext f = ctx.functionCall();
    List<Expr> args = arguments(f.callBody());
    String name = f.name.getText();
    FunctionSignature fn = Functions.byName(name);
    if (fn == null) {
      throw error(pos(f.name), "unknown function with name " + GoQuote.string(name));
    }
    if (fn.experimental() && !options.experimentalFunctions()) {
      throw error(pos(f.name), "function " + GoQuote.string(name) + " is not enabled");
    }
    return new Call(fn, args, pos(ctx));
  }

  private List<Expr> arguments(CallBodyContext body) {
    List<Expr> args = new ArrayList<>();
    for (ExprContext e : body.expr()) {
      args.add(visit(e));
    }
    if (body.trailing != null) {
      throw error(pos(body.trailing), "trailing commas not allowed in function call args");
    }
    return args;
  }

  // ---- leaves --------------------------------------------------------------------------------

  @Override
  public Expr visitParenExpr(ParenExprContext ctx) {
    return new ParenExpr(visit(ctx.expr()), pos(ctx));
  }

  @Override
  public Expr visitNumberExpr(NumberExprContext ctx) {
    return new NumberLiteral(
        literalSeconds(ctx.number), ctx.number.getType() == PromqlGrammar.DURATION, pos(ctx));
  }

  @Override
  public Expr visitStringExpr(StringExprContext ctx) {
    return new StringLiteral(unquote(ctx.STRING().getSymbol()), pos(ctx));
  }

  private String unquote(Token t) {
    try {
      return Literals.unquote(t.getText());
    } catch (Literals.LiteralException e) {
      throw error(
          pos(t), "error unquoting string " + GoQuote.string(t.getText()) + ": " + e.getMessage());
    }
  }

  // ---- positions and errors ------------------------------------------------------------------

  private static int end(ParserRuleContext ctx) {
    return ctx.stop.getStopIndex() + 1;
  }

  static PositionRange pos(ParserRuleContext ctx) {
    return new PositionRange(ctx.start.getStartIndex(), ctx.stop.getStopIndex() + 1);
  }

  static PositionRange pos(Token t) {
    return new PositionRange(t.getStartIndex(), t.getStopIndex() + 1);
  }

  private static PositionRange range(Token from, Token to) {
    return new PositionRange(from.getStartIndex(), to.getStopIndex() + 1);
  }

  private ParseException error(PositionRange p, String message) {
    return new ParseException(p, query, message);
  }
}
