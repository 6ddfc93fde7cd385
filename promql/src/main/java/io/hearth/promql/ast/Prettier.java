package io.hearth.promql.ast;

import java.nio.charset.StandardCharsets;

/**
 * Prometheus's {@code Prettify} ({@code /api/v1/format_query}): an expression whose one-line form
 * fits in 100 bytes stays on one line; a longer one is split at its top node, children indented
 * two spaces per level, and so on down. Aggregations and calls put their arguments on their own
 * lines, binary operations put the operator between its operands, parentheses wrap their content.
 */
public final class Prettier {
  private static final int MAX_LINE = 100;

  private Prettier() {}

  public static String pretty(Expr e) {
    return pretty(e, 0);
  }

  private static String pretty(Expr e, int level) {
    String indent = "  ".repeat(level);
    return switch (e) {
      case AggregateExpr a -> {
        if (!needsSplit(a)) {
          yield indent + Printer.print(a);
        }
        StringBuilder sb = new StringBuilder(indent);
        Printer.aggregationPrefix(sb, a);
        sb.append("(\n");
        if (a.param() != null) {
          sb.append(pretty(a.param(), level + 1)).append(",\n");
        }
        yield sb.append(pretty(a.expr(), level + 1)).append('\n').append(indent).append(')').toString();
      }
      case BinaryExpr b -> {
        if (!needsSplit(b)) {
          yield indent + Printer.print(b);
        }
        yield pretty(b.lhs(), level + 1) + "\n" + indent + b.op().text() + (b.returnBool() ? " bool" : "")
            + Printer.matching(b.matching()) + "\n" + pretty(b.rhs(), level + 1);
      }
      case Call c -> {
        if (!needsSplit(c)) {
          yield indent + Printer.print(c);
        }
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < c.args().size(); i++) {
          if (i > 0) {
            args.append(",\n");
          }
          args.append(pretty(c.args().get(i), level + 1));
        }
        yield indent + c.function().name() + "(\n" + args + "\n" + indent + ")";
      }
      case ParenExpr p -> {
        if (!needsSplit(p)) {
          yield indent + Printer.print(p);
        }
        yield indent + "(\n" + pretty(p.expr(), level + 1) + "\n" + indent + ")";
      }
      case SubqueryExpr s -> {
        if (!needsSplit(s)) {
          // Prometheus adds no indent here: the parent's line already has it when it split.
          yield Printer.print(s);
        }
        StringBuilder suffix = new StringBuilder();
        Printer.subquerySuffix(suffix, s);
        yield pretty(s.expr(), level) + suffix;
      }
      case UnaryExpr u -> indent + (u.negative() ? "-" : "+") + pretty(u.expr(), level).strip();
      case MatrixSelector m -> indent + Printer.print(m);
      case VectorSelector v -> indent + Printer.print(v);
      case NumberLiteral n -> indent + Printer.print(n);
      case StringLiteral s -> indent + Printer.print(s);
    };
  }

  private static boolean needsSplit(Expr e) {
    return Printer.print(e).getBytes(StandardCharsets.UTF_8).length > MAX_LINE;
  }
}
