package io.hearth.promql.parser;

import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.PositionRange;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorSelector;
import java.util.List;

/** Test helper: trees compared without their source positions. */
final class Trees {
  private static final PositionRange P = PositionRange.NONE;

  private Trees() {}

  static Expr strip(Expr e) {
    return switch (e) {
      case AggregateExpr a ->
          new AggregateExpr(
              a.op(), strip(a.expr()), a.param() == null ? null : strip(a.param()), a.grouping(),
              a.without(), P);
      case BinaryExpr b ->
          new BinaryExpr(b.op(), strip(b.lhs()), strip(b.rhs()), b.matching(), b.returnBool(), P);
      case Call c -> new Call(c.function(), c.args().stream().map(Trees::strip).toList(), P);
      case MatrixSelector m -> new MatrixSelector(vs(m.selector()), m.rangeMs(), P);
      case NumberLiteral n -> new NumberLiteral(n.value(), P);
      case ParenExpr p -> new ParenExpr(strip(p.expr()), P);
      case StringLiteral s -> new StringLiteral(s.value(), P);
      case SubqueryExpr s ->
          new SubqueryExpr(strip(s.expr()), s.rangeMs(), s.stepMs(), s.offsetMs(), s.at(), P);
      case UnaryExpr u -> new UnaryExpr(u.negative(), strip(u.expr()), P);
      case VectorSelector v -> vs(v);
    };
  }

  private static VectorSelector vs(VectorSelector v) {
    // The printer sorts matchers, so order is not part of a tree's meaning.
    List<io.hearth.labels.Matcher> sorted =
        v.matchers().stream().sorted(java.util.Comparator.comparing(Object::toString)).toList();
    return new VectorSelector(v.name(), sorted, v.offsetMs(), v.at(), P);
  }

  /** Parses, prints and parses again; the two trees must agree. Returns the printed form. */
  static String roundTrip(String query, ParserOptions options) {
    Expr first = PromqlParser.parse(query, options);
    String printed = first.toPromql();
    Expr second;
    try {
      second = PromqlParser.parse(printed, options);
    } catch (ParseException e) {
      throw new AssertionError("printed form of " + query + " does not parse: " + printed, e);
    }
    if (!strip(first).equals(strip(second))) {
      throw new AssertionError(
          "round trip changed the tree: " + query + " -> " + printed + "\n" + strip(first) + "\n"
              + strip(second));
    }
    return printed;
  }
}
