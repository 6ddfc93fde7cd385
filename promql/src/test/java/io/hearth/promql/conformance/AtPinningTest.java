package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.At;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorSelector;
import io.hearth.promql.ast.Printer;
import io.hearth.promql.parser.ParseException;
import io.hearth.promql.parser.ParserOptions;
import io.hearth.promql.parser.PromqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AtPinningTest {
  private static Optional<Expr> pin(String q, long t) {
    return AtPinning.pin(PromqlParser.parse(q, new ParserOptions(true)), t);
  }

  /** The @ of every selector and subquery reachable without entering a subquery, in order. */
  private static List<At> ats(Expr e) {
    List<At> out = new ArrayList<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, List<At> out) {
    switch (e) {
      case VectorSelector v -> out.add(v.at());
      case MatrixSelector m -> out.add(m.selector().at());
      case SubqueryExpr s -> out.add(s.at());
      case BinaryExpr b -> {
        collect(b.lhs(), out);
        collect(b.rhs(), out);
      }
      case Call c -> c.args().forEach(a -> collect(a, out));
      case AggregateExpr a -> collect(a.expr(), out);
      case ParenExpr p -> collect(p.expr(), out);
      case UnaryExpr u -> collect(u.expr(), out);
      default -> {}
    }
  }

  @Test
  void pinsOutermostSelectorsAndSubqueries() {
    Expr e = pin("sum(rate(a[5m])) + b @ 50 + (c offset 1m)", 120_000).orElseThrow();
    assertThat(ats(e)).containsExactly(At.timestamp(120_000), At.timestamp(50_000), At.timestamp(120_000));
    Expr sq = pin("max_over_time(rate(a[1m])[5m:1m])", 60_000).orElseThrow();
    SubqueryExpr s = (SubqueryExpr) ((Call) sq).args().getFirst();
    assertThat(s.at()).isEqualTo(At.timestamp(60_000));
    assertThat(ats(s.expr())).containsExactly((At) null); // inside the subquery: untouched
    assertThat(ats(pin("a @ start()", 1000).orElseThrow())).containsExactly(At.timestamp(1000));
  }

  @Test
  void leavesTimeDependentQueriesAlone() {
    assertThat(pin("time() - a", 1000)).isEmpty();
    assertThat(pin("timestamp(a)", 1000)).isEmpty();
    assertThat(pin("hour(a)", 1000)).isEmpty();
    assertThat(pin("max_over_time(vector(time())[5m:1m])", 1000)).isPresent(); // upstream does not look inside
  }

  /** The @ re-evaluation prints pinned trees back to PromQL: each must parse again. */
  @Test
  void everyPinnedScriptQueryParsesAgain() throws IOException {
    Path dir = ConformanceDir.locate();
    Map<String, EvalIndex.Row> index = EvalIndex.read(dir.resolve("eval-index.tsv")).byKey();
    List<String> broken = new ArrayList<>();
    int pinned = 0;
    for (Path p : PromqlConformanceTest.scriptFiles(dir)) {
      String file = p.getFileName().toString();
      for (TestScript.Eval ev : ScriptParser.parse(file, Files.readString(p)).evals()) {
        if (ev.isRange() || SkipRule.reason(index.get(file + ":" + ev.line()), ev.query()).isPresent()) {
          continue;
        }
        Optional<Expr> e;
        try {
          e = pin(ev.query(), ev.timeMs());
        } catch (ParseException ex) {
          continue; // expected to fail
        }
        if (e.isEmpty()) {
          continue;
        }
        pinned++;
        String printed = Printer.print(e.get());
        try {
          PromqlParser.parse(printed, new ParserOptions(true));
        } catch (ParseException ex) {
          broken.add(file + ":" + ev.line() + " " + printed + " -> " + ex.getMessage());
        }
      }
    }
    assertThat(broken).isEmpty();
    assertThat(pinned).isGreaterThan(500);
  }

  @Test
  void evalTimes() {
    assertThat(AtPinning.evalTimes(0)).containsExactly(-1000, 0, 1000);
    assertThat(AtPinning.evalTimes(60_000)).containsExactly(-600_000, 0, 12_000, 60_000, 600_000);
  }
}
