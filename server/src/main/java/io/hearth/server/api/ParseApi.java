package io.hearth.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hearth.labels.MatchType;
import io.hearth.labels.Matcher;
import io.hearth.promql.PromqlException;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.At;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.ExprType;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.Prettier;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorMatching;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.promql.parser.PromqlParser;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/format_query} (the query pretty-printed as Prometheus's {@code Prettify} does)
 * and {@code /api/v1/parse_query} (the syntax tree as the JSON Prometheus 3.x's UI tree view
 * reads: one object per node, keys in Go's sorted map order). A query that does not parse answers
 * {@code bad_data} with {@code invalid parameter "query"}. Stateless.
 */
public final class ParseApi {
  private ParseApi() {}

  /** {@code GET|POST /api/v1/format_query}. */
  public static void format(Request req, Responder res) {
    Expr e = parse(req, res);
    if (e != null) {
      String pretty = Prettier.pretty(e);
      JsonWriter.respond(res, gen -> gen.writeString(pretty));
    }
  }

  /** {@code GET|POST /api/v1/parse_query}. */
  public static void parseQuery(Request req, Responder res) {
    Expr e = parse(req, res);
    if (e != null) {
      JsonWriter.respond(res, gen -> node(gen, e));
    }
  }

  private static Expr parse(Request req, Responder res) {
    try {
      return PromqlParser.parse(req.formValue("query"));
    } catch (PromqlException e) {
      JsonWriter.sendError(res, ErrorType.BAD_DATA, "invalid parameter \"query\": " + e.getMessage());
      return null;
    }
  }

  private static void node(JsonGenerator g, Expr e) throws IOException {
    if (e == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    switch (e) {
      case AggregateExpr a -> {
        g.writeFieldName("expr");
        node(g, a.expr());
        strings(g, "grouping", a.grouping());
        g.writeStringField("op", a.op().text());
        g.writeFieldName("param");
        node(g, a.param());
        g.writeStringField("type", "aggregation");
        g.writeBooleanField("without", a.without());
      }
      case BinaryExpr b -> {
        g.writeBooleanField("bool", b.returnBool());
        g.writeFieldName("lhs");
        node(g, b.lhs());
        g.writeFieldName("matching");
        matching(g, b);
        g.writeStringField("op", b.op().text());
        g.writeFieldName("rhs");
        node(g, b.rhs());
        g.writeStringField("type", "binaryExpr");
      }
      case Call c -> {
        g.writeFieldName("args");
        g.writeStartArray();
        for (Expr arg : c.args()) {
          node(g, arg);
        }
        g.writeEndArray();
        g.writeFieldName("func");
        g.writeStartObject();
        g.writeFieldName("argTypes");
        g.writeStartArray();
        for (ExprType t : c.function().argTypes()) {
          g.writeString(valueType(t));
        }
        g.writeEndArray();
        g.writeStringField("name", c.function().name());
        g.writeStringField("returnType", valueType(c.function().returnType()));
        g.writeNumberField("variadic", c.function().variadic());
        g.writeEndObject();
        g.writeStringField("type", "call");
      }
      case MatrixSelector m -> {
        VectorSelector vs = m.selector();
        g.writeBooleanField("anchored", false);
        matchers(g, vs);
        g.writeStringField("name", vs.name());
        g.writeNumberField("offset", vs.offsetMs());
        g.writeNullField("offsetExpr");
        g.writeNumberField("range", m.rangeMs());
        g.writeNullField("rangeExpr");
        g.writeBooleanField("smoothed", false);
        at(g, vs.at());
        g.writeStringField("type", "matrixSelector");
      }
      case SubqueryExpr s -> {
        g.writeFieldName("expr");
        node(g, s.expr());
        g.writeNumberField("offset", s.offsetMs());
        g.writeNullField("offsetExpr");
        g.writeNumberField("range", s.rangeMs());
        g.writeNullField("rangeExpr");
        at(g, s.at(), "step", s.stepMs());
        g.writeStringField("type", "subquery");
      }
      case NumberLiteral n -> {
        g.writeStringField("type", "numberLiteral");
        // Printer.number is strconv.FormatFloat(v, 'f', -1, 64), as translateAST writes it.
        g.writeStringField("val", io.hearth.promql.ast.Printer.number(n.value()));
      }
      case ParenExpr p -> {
        g.writeFieldName("expr");
        node(g, p.expr());
        g.writeStringField("type", "parenExpr");
      }
      case StringLiteral s -> {
        g.writeStringField("type", "stringLiteral");
        g.writeStringField("val", s.value());
      }
      case UnaryExpr u -> {
        g.writeFieldName("expr");
        node(g, u.expr());
        g.writeStringField("op", u.negative() ? "-" : "+");
        g.writeStringField("type", "unaryExpr");
      }
      case VectorSelector vs -> {
        g.writeBooleanField("anchored", false);
        matchers(g, vs);
        g.writeStringField("name", vs.name());
        g.writeNumberField("offset", vs.offsetMs());
        g.writeNullField("offsetExpr");
        g.writeBooleanField("smoothed", false);
        at(g, vs.at());
        g.writeStringField("type", "vectorSelector");
      }
    }
    g.writeEndObject();
  }

  /** {@code startOrEnd} and {@code timestamp}, which sort after everything but {@code type}. */
  private static void at(JsonGenerator g, At at) throws IOException {
    startOrEnd(g, at);
    timestamp(g, at);
  }

  /** A subquery's {@code startOrEnd}, {@code step}, {@code stepExpr} and {@code timestamp}, in key order. */
  private static void at(JsonGenerator g, At at, String stepField, long stepMs) throws IOException {
    startOrEnd(g, at);
    g.writeNumberField(stepField, stepMs);
    g.writeNullField("stepExpr");
    timestamp(g, at);
  }

  private static void startOrEnd(JsonGenerator g, At at) throws IOException {
    if (at != null && at.kind() == At.Kind.START) {
      g.writeStringField("startOrEnd", "start");
    } else if (at != null && at.kind() == At.Kind.END) {
      g.writeStringField("startOrEnd", "end");
    } else {
      g.writeNullField("startOrEnd");
    }
  }

  private static void timestamp(JsonGenerator g, At at) throws IOException {
    if (at != null && at.kind() == At.Kind.TIMESTAMP) {
      g.writeNumberField("timestamp", at.timestampMs());
    } else {
      g.writeNullField("timestamp");
    }
  }

  /**
   * The selector's matchers in Prometheus's order: the parser appends the matcher for a name
   * written before the braces after the ones inside them (Hearth's parser puts it first).
   */
  private static void matchers(JsonGenerator g, VectorSelector vs) throws IOException {
    List<Matcher> ordered = new ArrayList<>(vs.matchers());
    if (!vs.name().isEmpty()) {
      for (int i = 0; i < ordered.size(); i++) {
        Matcher m = ordered.get(i);
        if (m.name().equals("__name__") && m.type() == MatchType.EQUAL && m.value().equals(vs.name())) {
          ordered.add(ordered.remove(i));
          break;
        }
      }
    }
    g.writeFieldName("matchers");
    g.writeStartArray();
    for (Matcher m : ordered) {
      g.writeStartObject();
      g.writeStringField("name", m.name());
      g.writeStringField("type", m.type().op());
      g.writeStringField("value", m.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Vector matching, present only between two instant vectors as in Prometheus's checked AST. */
  private static void matching(JsonGenerator g, BinaryExpr b) throws IOException {
    VectorMatching vm = b.matching();
    if (vm == null || b.lhs().type() != ExprType.VECTOR || b.rhs().type() != ExprType.VECTOR) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("card", switch (vm.cardinality()) {
      case ONE_TO_ONE -> "one-to-one";
      case MANY_TO_ONE -> "many-to-one";
      case ONE_TO_MANY -> "one-to-many";
      case MANY_TO_MANY -> "many-to-many";
    });
    g.writeFieldName("fillValues");
    g.writeStartObject();
    g.writeNullField("lhs");
    g.writeNullField("rhs");
    g.writeEndObject();
    strings(g, "include", vm.include());
    strings(g, "labels", vm.labels());
    g.writeBooleanField("on", vm.on());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeFieldName(field);
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** Prometheus's {@code parser.ValueType} names, which the tree view shows. */
  private static String valueType(ExprType t) {
    return switch (t) {
      case NONE -> "none";
      case SCALAR -> "scalar";
      case VECTOR -> "vector";
      case MATRIX -> "matrix";
      case STRING -> "string";
    };
  }
}
