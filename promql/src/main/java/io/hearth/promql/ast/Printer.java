package io.hearth.promql.ast;

import io.hearth.labels.Matcher;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a tree back into canonical PromQL, as Prometheus's {@code String()} methods do (and so as
 * {@code /api/v1/format_query} answers): operators spaced, grouping written as {@code by (a)},
 * matchers sorted, durations in their largest units, {@code @} before {@code offset}.
 */
public final class Printer {
  private Printer() {}

  public static String print(Expr e) {
    StringBuilder sb = new StringBuilder(64);
    write(sb, e);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Expr e) {
    switch (e) {
      case AggregateExpr a -> {
        aggregationPrefix(sb, a);
        sb.append('(');
        if (a.param() != null) {
          write(sb, a.param());
          sb.append(", ");
        }
        write(sb, a.expr());
        sb.append(')');
      }
      case BinaryExpr b -> {
        write(sb, b.lhs());
        sb.append(' ').append(b.op().text());
        if (b.returnBool()) {
          sb.append(" bool");
        }
        matching(sb, b.matching());
        sb.append(' ');
        write(sb, b.rhs());
      }
      case Call c -> {
        sb.append(c.function().name()).append('(');
        for (int i = 0; i < c.args().size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          write(sb, c.args().get(i));
        }
        sb.append(')');
      }
      case MatrixSelector m -> {
        VectorSelector vs = m.selector();
        selector(sb, vs);
        sb.append('[').append(duration(m.rangeMs())).append(']');
        at(sb, vs.at());
        offset(sb, vs.offsetMs());
      }
      case SubqueryExpr s -> {
        write(sb, s.expr());
        subquerySuffix(sb, s);
      }
      case NumberLiteral n when n.duration() && Double.isFinite(n.value()) ->
          sb.append(n.value() < 0 ? "-" : "")
              .append(duration(Math.round(Math.abs(n.value()) * 1000)));
      case NumberLiteral n -> sb.append(number(n.value()));
      case ParenExpr p -> {
        sb.append('(');
        write(sb, p.expr());
        sb.append(')');
      }
      case StringLiteral s -> sb.append(quote(s.value(), '"'));
      case UnaryExpr u -> {
        sb.append(u.negative() ? '-' : '+');
        write(sb, u.expr());
      }
      case VectorSelector v -> {
        selector(sb, v);
        at(sb, v.at());
        offset(sb, v.offsetMs());
      }
    }
  }

  /** An aggregation's operator and grouping, up to its opening parenthesis: {@code sum by (a) }. */
  static void aggregationPrefix(StringBuilder sb, AggregateExpr a) {
    sb.append(a.op().text());
    if (a.without()) {
      sb.append(" without (");
      labels(sb, a.grouping());
      sb.append(") ");
    } else if (!a.grouping().isEmpty()) {
      sb.append(" by (");
      labels(sb, a.grouping());
      sb.append(") ");
    }
  }

  /** A subquery's range, step and modifiers: {@code [5m:1m] @ 100.000 offset 1m}. */
  static void subquerySuffix(StringBuilder sb, SubqueryExpr s) {
    sb.append('[').append(duration(s.rangeMs())).append(':');
    if (s.stepMs() != 0) {
      sb.append(duration(s.stepMs()));
    }
    sb.append(']');
    at(sb, s.at());
    offset(sb, s.offsetMs());
  }

  /** A binary operation's vector matching as written after the operator, or nothing. */
  static String matching(VectorMatching vm) {
    StringBuilder sb = new StringBuilder();
    matching(sb, vm);
    return sb.toString();
  }

  /** The name and matchers, without modifiers. The matcher for the written name is implied. */
  private static void selector(StringBuilder sb, VectorSelector v) {
    List<String> parts = new ArrayList<>(v.matchers().size());
    for (Matcher m : v.matchers()) {
      if (m.name().equals("__name__")
          && m.type() == io.hearth.labels.MatchType.EQUAL
          && m.value().equals(v.name())
          && !m.value().isEmpty()) {
        continue;
      }
      parts.add(matcher(m));
    }
    sb.append(v.name());
    if (!parts.isEmpty()) {
      Collections.sort(parts);
      sb.append('{').append(String.join(",", parts)).append('}');
    }
  }

  /** A matcher as Prometheus prints it: the name quoted unless it is a plain identifier. */
  public static String matcher(Matcher m) {
    String name = isLegacyName(m.name()) ? m.name() : quote(m.name(), '"');
    return name + m.type().op() + quote(m.value(), '"');
  }

  private static void matching(StringBuilder sb, VectorMatching vm) {
    if (vm == null) {
      return;
    }
    boolean grouped =
        vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
            || vm.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
    if (!vm.labels().isEmpty() || vm.on() || grouped) {
      sb.append(vm.on() ? " on (" : " ignoring (");
      labels(sb, vm.labels());
      sb.append(')');
    }
    if (grouped) {
      sb.append(
          vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
              ? " group_left ("
              : " group_right (");
      labels(sb, vm.include());
      sb.append(')');
    }
  }

  private static void labels(StringBuilder sb, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String n = names.get(i);
      sb.append(isLegacyName(n) ? n : quote(n, '"'));
    }
  }

  private static void at(StringBuilder sb, At at) {
    if (at == null) {
      return;
    }
    switch (at.kind()) {
      case START -> sb.append(" @ start()");
      case END -> sb.append(" @ end()");
      case TIMESTAMP ->
          sb.append(" @ ")
              .append(
                  new BigDecimal(at.timestampMs() / 1000.0)
                      .setScale(3, RoundingMode.HALF_EVEN)
                      .toPlainString());
    }
  }

  private static void offset(StringBuilder sb, long offsetMs) {
    if (offsetMs > 0) {
      sb.append(" offset ").append(duration(offsetMs));
    } else if (offsetMs < 0) {
      sb.append(" offset -").append(duration(-offsetMs));
    }
  }

  /**
   * A duration in Prometheus's form, largest units first, e.g. {@code 1h30m}; years and weeks
   * only when they divide it exactly.
   */
  public static String duration(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long rest = ms;
    long[] mult = {365L * 86_400_000, 7L * 86_400_000, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] unit = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < mult.length; i++) {
      boolean exactOnly = i < 2;
      if (exactOnly && rest % mult[i] != 0) {
        continue;
      }
      long v = rest / mult[i];
      if (v > 0) {
        sb.append(v).append(unit[i]);
        rest -= v * mult[i];
      }
    }
    return sb.toString();
  }

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest exact digits, never an exponent. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  private static boolean isLegacyName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A string literal for the printer: Go's quoting, except that U+FFFD is escaped, because a bare
   * U+FFFD does not lex (Prometheus reads it as invalid UTF-8).
   */
  public static String quote(String s, char quote) {
    return quote(s, quote, true);
  }

  /**
   * Exactly Go's quoting ({@code strconv.Quote} for {@code '"'}, {@code QuoteRune}'s escaping for
   * {@code '\''}): printable characters stay, others become {@code \n}, {@code \x01},
   * {@code \u00a0}...; a byte the parser kept as U+DC80..U+DCFF becomes {@code \xNN}.
   */
  public static String quoteGo(String s, char quote) {
    return quote(s, quote, false);
  }

  private static String quote(String s, char quote, boolean escapeReplacementChar) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      if (r == 0xFFFD && escapeReplacementChar) {
        sb.append("\\ufffd"); // printed escaped so that it parses back (a bare U+FFFD does not)
      } else if (r == quote || r == '\\') {
        sb.append('\\').appendCodePoint(r);
      } else if (isPrint(r)) {
        sb.appendCodePoint(r);
      } else {
        switch (r) {
          case 7 -> sb.append("\\a");
          case '\b' -> sb.append("\\b");
          case '\f' -> sb.append("\\f");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          case 11 -> sb.append("\\v");
          default -> {
            if (r < ' ' || r == 0x7f) {
              sb.append("\\x").append(hex(r, 2));
            } else if (r >= 0xDC80 && r <= 0xDCFF) {
              // A byte that was not valid UTF-8, kept by the parser as U+DC00+byte.
              sb.append("\\x").append(hex(r - 0xDC00, 2));
            } else if (r >= 0xD800 && r < 0xE000) {
              sb.append("\\ufffd");
            } else if (r < 0x10000) {
              sb.append("\\u").append(hex(r, 4));
            } else {
              sb.append("\\U").append(hex(r, 8));
            }
          }
        }
      }
    }
    return sb.append(quote).toString();
  }

  private static String hex(int v, int digits) {
    String h = Integer.toHexString(v);
    return "0".repeat(Math.max(0, digits - h.length())) + h;
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
  public static boolean isPrint(int r) {
    if (r == ' ') {
      return true;
    }
    return switch (Character.getType(r)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
