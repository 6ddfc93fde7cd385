package io.hearth.server.api;

import io.hearth.promql.PromqlException;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.promql.parser.PromqlParser;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;

/**
 * {@code /api/v1/query_exemplars}. Hearth does not store exemplars yet, so it answers as a
 * Prometheus with exemplar storage off: the parameters checked as Prometheus checks them ({@code
 * start}, {@code end}, their order, the query), then {@code []} for a query with at least one
 * series selector and an empty 204 for one without. Stateless.
 */
public final class ExemplarsApi {
  private ExemplarsApi() {}

  /** {@code GET|POST /api/v1/query_exemplars}. */
  public static void handle(Request req, Responder res) {
    Expr expr;
    try {
      long start = LabelApi.time(req, "start", ApiParams.MIN_TIME);
      long end = LabelApi.time(req, "end", ApiParams.MAX_TIME);
      if (end < start) {
        throw new ApiException(ErrorType.BAD_DATA, "end timestamp must not be before start timestamp");
      }
      try {
        expr = PromqlParser.parse(req.formValue("query"));
      } catch (PromqlException e) {
        throw new ApiException(ErrorType.BAD_DATA, e.getMessage());
      }
    } catch (ApiException e) {
      JsonWriter.sendError(res, e.type(), e.getMessage());
      return;
    }
    if (!hasSelector(expr)) {
      // Prometheus answers a nil result with an empty 204.
      res.send(204, null, new byte[0]);
      return;
    }
    JsonWriter.respond(res, gen -> {
      gen.writeStartArray();
      gen.writeEndArray();
    });
  }

  /** Whether the expression holds a series selector anywhere (Prometheus's {@code ExtractSelectors}). */
  static boolean hasSelector(Expr e) {
    return switch (e) {
      case VectorSelector v -> true;
      case MatrixSelector m -> true;
      case AggregateExpr a -> hasSelector(a.expr()) || (a.param() != null && hasSelector(a.param()));
      case BinaryExpr b -> hasSelector(b.lhs()) || hasSelector(b.rhs());
      case Call c -> c.args().stream().anyMatch(ExemplarsApi::hasSelector);
      case ParenExpr p -> hasSelector(p.expr());
      case SubqueryExpr s -> hasSelector(s.expr());
      case UnaryExpr u -> hasSelector(u.expr());
      case NumberLiteral n -> false;
      case StringLiteral s -> false;
    };
  }
}
