package io.hearth.promql.parser;

import io.hearth.labels.Matcher;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.AggregateOp;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.ExprType;
import io.hearth.promql.ast.FunctionSignature;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.PositionRange;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorMatching;
import io.hearth.promql.ast.VectorMatching.Cardinality;
import io.hearth.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus's {@code checkAST}: type checks and the rules that need the whole tree, visited in
 * the same order so that the first error reported is the one Prometheus reports. It also settles
 * vector matching as Prometheus does: set operators are many-to-many, and a binary operation
 * with a scalar side has no matching at all.
 */
final class TypeChecker {
  private final String query;

  TypeChecker(String query) {
    this.query = query;
  }

  Expr check(Expr e) {
    return switch (e) {
      case AggregateExpr a -> aggregate(a);
      case BinaryExpr b -> binary(b);
      case Call c -> call(c);
      case ParenExpr p -> new ParenExpr(check(p.expr()), p.pos());
      case UnaryExpr u -> {
        Expr inner = check(u.expr());
        ExprType t = inner.type();
        if (t != ExprType.SCALAR && t != ExprType.VECTOR) {
          throw error(
              u.pos(),
              "unary expression only allowed on expressions of type scalar or instant vector, got "
                  + GoQuote.string(t.text()));
        }
        yield new UnaryExpr(u.negative(), inner, u.pos());
      }
      case SubqueryExpr s -> {
        Expr inner = check(s.expr());
        if (inner.type() != ExprType.VECTOR) {
          throw error(
              s.pos(),
              "subquery is only allowed on instant vector, got " + internalName(inner.type())
                  + " instead");
        }
        yield new SubqueryExpr(inner, s.rangeMs(), s.stepMs(), s.offsetMs(), s.at(), s.pos());
      }
      case MatrixSelector m -> {
        selector(m.selector());
        yield m;
      }
      case VectorSelector v -> {
        selector(v);
        yield v;
      }
      case NumberLiteral n -> n;
      case StringLiteral s -> s;
    };
  }

  private Expr aggregate(AggregateExpr a) {
    Expr inner = expect(a.expr(), ExprType.VECTOR, "aggregation expression");
    Expr param = a.param();
    AggregateOp op = a.op();
    if (op == AggregateOp.TOPK
        || op == AggregateOp.BOTTOMK
        || op == AggregateOp.QUANTILE
        || op == AggregateOp.LIMITK
        || op == AggregateOp.LIMIT_RATIO) {
      param = expect(param, ExprType.SCALAR, "aggregation parameter");
    } else if (op == AggregateOp.COUNT_VALUES) {
      param = expect(param, ExprType.STRING, "aggregation parameter");
    }
    return new AggregateExpr(op, inner, param, a.grouping(), a.without(), a.pos());
  }

  private Expr expect(Expr e, ExprType want, String context) {
    Expr checked = check(e);
    ExprType got = checked.type();
    if (got != want) {
      throw error(
          e.pos(), "expected type " + want.text() + " in " + context + ", got " + got.text());
    }
    return checked;
  }

  private Expr binary(BinaryExpr b) {
    Expr lhs = check(b.lhs());
    Expr rhs = check(b.rhs());
    ExprType lt = lhs.type();
    ExprType rt = rhs.type();
    VectorMatching vm = b.matching();
    if (b.returnBool() && !b.op().isComparison()) {
      throw error(operatorRange(b), "bool modifier can only be used on comparison operators");
    }
    if (b.op().isComparison() && !b.returnBool() && lt == ExprType.SCALAR
        && rt == ExprType.SCALAR) {
      throw error(operatorRange(b), "comparisons between scalars must use BOOL modifier");
    }
    if (b.op().isSetOperator() && vm.cardinality() == Cardinality.ONE_TO_ONE) {
      vm = new VectorMatching(Cardinality.MANY_TO_MANY, vm.labels(), vm.on(), vm.include());
    }
    if (vm.on()) {
      for (String l1 : vm.labels()) {
        if (vm.include().contains(l1)) {
          throw error(
              operatorRange(b),
              "label " + GoQuote.string(l1) + " must not occur in ON and GROUP clause at once");
        }
      }
    }
    if (lt != ExprType.SCALAR && lt != ExprType.VECTOR) {
      throw error(lhs.pos(), "binary expression must contain only scalar and instant vector types");
    }
    if (rt != ExprType.SCALAR && rt != ExprType.VECTOR) {
      throw error(rhs.pos(), "binary expression must contain only scalar and instant vector types");
    }
    if (lt != ExprType.VECTOR || rt != ExprType.VECTOR) {
      if (!vm.labels().isEmpty()) {
        throw error(b.pos(), "vector matching only allowed between instant vectors");
      }
      vm = null;
    } else if (b.op().isSetOperator()) {
      if (vm.cardinality() == Cardinality.ONE_TO_MANY
          || vm.cardinality() == Cardinality.MANY_TO_ONE) {
        throw error(b.pos(), "no grouping allowed for " + GoQuote.string(b.op().text()) + " operation");
      }
      if (vm.cardinality() != Cardinality.MANY_TO_MANY) {
        throw error(b.pos(), "set operations must always be many-to-many");
      }
    }
    if ((lt == ExprType.SCALAR || rt == ExprType.SCALAR) && b.op().isSetOperator()) {
      throw error(
          b.pos(),
          "set operator " + GoQuote.string(b.op().text()) + " not allowed in binary scalar expression");
    }
    return new BinaryExpr(b.op(), lhs, rhs, vm, b.returnBool(), b.pos());
  }

  /** The operator's span: from the end of the left side to the start of the right, trimmed. */
  private PositionRange operatorRange(BinaryExpr b) {
    int start = b.lhs().pos().end();
    while (start < query.length() && PromqlLexer.isSpace(query.charAt(start))) {
      start++;
    }
    int end = b.rhs().pos().start() - 1;
    while (end > start && PromqlLexer.isSpace(query.charAt(end))) {
      end--;
    }
    return new PositionRange(start, end);
  }

  private Expr call(Call c) {
    FunctionSignature fn = c.function();
    List<Expr> args = c.args();
    int nargs = fn.argTypes().size();
    String name = GoQuote.string(fn.name());
    if (fn.variadic() == 0) {
      if (nargs != args.size()) {
        throw error(
            c.pos(),
            "expected " + nargs + " argument(s) in call to " + name + ", got " + args.size());
      }
    } else {
      int min = nargs - 1;
      if (min > args.size()) {
        throw error(
            c.pos(),
            "expected at least " + min + " argument(s) in call to " + name + ", got "
                + args.size());
      } else if (fn.variadic() > 0 && min + fn.variadic() < args.size()) {
        throw error(
            c.pos(),
            "expected at most " + (min + fn.variadic()) + " argument(s) in call to " + name
                + ", got " + args.size());
      }
    }
    if (fn.name().equals("info") && args.size() > 1) {
      Expr second = args.get(1);
      if (second.type() != ExprType.VECTOR) {
        throw error(
            c.pos(),
            "expected type instant vector in call to function " + name + ", got "
                + second.type().text());
      }
      if (!(second instanceof VectorSelector vs)) {
        throw error(second.pos(), "expected label selectors only");
      } else if (!vs.name().isEmpty()) {
        throw error(second.pos(), "expected label selectors only, got vector selector instead");
      }
    }
    List<Expr> checked = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      int t = i;
      if (i >= nargs) {
        if (fn.variadic() == 0) {
          break;
        }
        t = nargs - 1;
      }
      Expr arg = args.get(i);
      // info()'s second argument may select by labels alone.
      boolean bypass = fn.name().equals("info") && i == 1 && arg instanceof VectorSelector;
      Expr a = bypass ? arg : check(arg);
      ExprType want = fn.argTypes().get(t);
      if (a.type() != want) {
        throw error(
            arg.pos(),
            "expected type " + want.text() + " in call to function " + name + ", got "
                + a.type().text());
      }
      checked.add(a);
    }
    for (int i = checked.size(); i < args.size(); i++) {
      checked.add(args.get(i));
    }
    return new Call(fn, checked, c.pos());
  }

  private void selector(VectorSelector v) {
    List<Matcher> ms = v.matchers();
    if (!v.name().isEmpty()) {
      // The first matcher is the one for the written name; a second __name__ conflicts.
      for (int i = 1; i < ms.size(); i++) {
        if (ms.get(i).name().equals("__name__")) {
          throw error(
              v.pos(),
              "metric name must not be set twice: " + GoQuote.string(v.name()) + " or "
                  + GoQuote.string(ms.get(i).value()));
        }
      }
      return;
    }
    for (Matcher m : ms) {
      if (!m.matches("")) {
        return;
      }
    }
    throw error(v.pos(), "vector selector must contain at least one non-empty matcher");
  }

  /** The names Prometheus uses inside {@code ValueType} itself, seen in a few messages. */
  private static String internalName(ExprType t) {
    return switch (t) {
      case VECTOR -> "vector";
      case MATRIX -> "matrix";
      default -> t.text();
    };
  }

  private ParseException error(PositionRange p, String message) {
    return new ParseException(p, query, message);
  }
}
