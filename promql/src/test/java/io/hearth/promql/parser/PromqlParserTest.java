package io.hearth.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Matcher;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.AggregateOp;
import io.hearth.promql.ast.At;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.BinaryOp;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.ExprType;
import io.hearth.promql.ast.FunctionSignature;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.PositionRange;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorMatching;
import io.hearth.promql.ast.VectorMatching.Cardinality;
import io.hearth.promql.ast.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromqlParserTest {
  private static final ParserOptions EXPERIMENTAL = new ParserOptions(true);
  private static final PositionRange P = PositionRange.NONE;

  /** Parses (experimental features on), checks the canonical form and that it parses back. */
  private static void check(String query, String printed) {
    assertThat(Trees.roundTrip(query, EXPERIMENTAL)).as(query).isEqualTo(printed);
  }

  private static void checkTree(String query, Expr want) {
    assertThat(Trees.strip(PromqlParser.parse(query, EXPERIMENTAL))).as(query).isEqualTo(Trees.strip(want));
  }

  private static VectorSelector vs(String name) {
    return new VectorSelector(name, List.of(Matcher.equal("__name__", name)), 0, null, P);
  }

  private static NumberLiteral num(double v) {
    return new NumberLiteral(v, P);
  }

  private static BinaryExpr scalarOp(BinaryOp op, Expr l, Expr r) {
    return new BinaryExpr(op, l, r, null, false, P);
  }

  private static BinaryExpr vectorOp(BinaryOp op, Expr l, Expr r) {
    return new BinaryExpr(op, l, r, new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of()), false, P);
  }

  /** Queries from Prometheus's parse_test.go and printer_test.go with their printed forms. */
  @Test
  void upstreamQueriesPrintCanonically() {
    check("1", "1");
    check("+Inf", "+Inf");
    check("-Inf", "-Inf");
    check(".5", "0.5");
    check("5.", "5");
    check("123.4567", "123.4567");
    check("5e-3", "0.005");
    check("5e3", "5000");
    check("0xc", "12");
    check("0755", "493");
    check("+5.5e-3", "0.0055");
    check("-0755", "-493");
    check("1h30m", "1h30m");
    check("-5m", "-5m");
    check("foo * 90s", "foo * 1m30s");
    check("1 + 1", "1 + 1");
    check("1 - 1", "1 - 1");
    check("1 * 1", "1 * 1");
    check("1 % 1", "1 % 1");
    check("1 / 1", "1 / 1");
    check("1 == bool 1", "1 == bool 1");
    check("1 != bool 1", "1 != bool 1");
    check("1 > bool 1", "1 > bool 1");
    check("1 >= bool 1", "1 >= bool 1");
    check("1 < bool 1", "1 < bool 1");
    check("1 <= bool 1", "1 <= bool 1");
    check("-1^2", "-1 ^ 2");
    check("-1*2", "-1 * 2");
    check("-1+2", "-1 + 2");
    check("-1^-2", "-1 ^ -2");
    check("+1 + -2 * 1", "1 + -2 * 1");
    check("1 + 2/(3*1)", "1 + 2 / (3 * 1)");
    check("1 < bool 2 - 1 * 2", "1 < bool 2 - 1 * 2");
    check("-some_metric", "-some_metric");
    check("+some_metric", "+some_metric");
    check(" +some_metric", "+some_metric");
    check(" +{\"some_metric\"}", "+{__name__=\"some_metric\"}");
    check("offset{step=\"1s\"}[5m]", "offset{step=\"1s\"}[5m]");
    check("step{offset=\"1s\"}[5m]", "step{offset=\"1s\"}[5m]");
    check("anchored{job=\"test\"}", "anchored{job=\"test\"}");
    check("smoothed{job=\"test\"}", "smoothed{job=\"test\"}");
    check("foo * bar", "foo * bar");
    check("foo * sum", "foo * sum");
    check("foo == 1", "foo == 1");
    check("foo == bool 1", "foo == bool 1");
    check("2.5 / bar", "2.5 / bar");
    check("foo and bar", "foo and bar");
    check("foo or bar", "foo or bar");
    check("foo unless bar", "foo unless bar");
    check("foo + bar or bla and blub", "foo + bar or bla and blub");
    check("foo and bar unless baz or qux", "foo and bar unless baz or qux");
    check("bar + on(foo) bla / on(baz, buz) group_right(test) blub", "bar + on (foo) bla / on (baz, buz) group_right (test) blub");
    check("foo * on(test,blub) bar", "foo * on (test, blub) bar");
    check("foo * on(test,blub) group_left bar", "foo * on (test, blub) group_left () bar");
    check("foo and on(test,blub) bar", "foo and on (test, blub) bar");
    check("foo and on() bar", "foo and on () bar");
    check("foo and ignoring(test,blub) bar", "foo and ignoring (test, blub) bar");
    check("foo and ignoring() bar", "foo and bar");
    check("foo unless on(bar) baz", "foo unless on (bar) baz");
    check("foo / on(test,blub) group_left(bar) bar", "foo / on (test, blub) group_left (bar) bar");
    check("foo / ignoring(test,blub) group_left(blub) bar", "foo / ignoring (test, blub) group_left (blub) bar");
    check("foo / ignoring(test,blub) group_left(bar) bar", "foo / ignoring (test, blub) group_left (bar) bar");
    check("foo - on(test,blub) group_right(bar,foo) bar", "foo - on (test, blub) group_right (bar, foo) bar");
    check("foo - ignoring(test,blub) group_right(bar,foo) bar", "foo - ignoring (test, blub) group_right (bar, foo) bar");
    check("foo", "foo");
    check("min", "min");
    check("foo offset 5m", "foo offset 5m");
    check("foo offset -7m", "foo offset -7m");
    check("foo OFFSET 1h30m", "foo offset 1h30m");
    check("foo OFFSET 1m30ms", "foo offset 1m30ms");
    check("foo @ 1603774568", "foo @ 1603774568.000");
    check("foo @ -100", "foo @ -100.000");
    check("foo @ .3", "foo @ 0.300");
    check("foo @ 3.", "foo @ 3.000");
    check("foo @ 3.33", "foo @ 3.330");
    check("foo @ 3e2", "foo @ 300.000");
    check("foo @ 3e-1", "foo @ 0.300");
    check("foo @ 0xA", "foo @ 10.000");
    check("foo @ -3.3e1", "foo @ -33.000");
    check("foo:bar{a=\"bc\"}", "foo:bar{a=\"bc\"}");
    check("{\"foo\"}", "{__name__=\"foo\"}");
    check("{'foo\\'bar', 'a\\\\dos\\\\path'='boo\\\\urns'}", "{\"a\\\\dos\\\\path\"=\"boo\\\\urns\",__name__=\"foo'bar\"}");
    check("{\"foo\", a=\"bc\"}", "{__name__=\"foo\",a=\"bc\"}");
    check("foo{NaN='bc'}", "foo{NaN=\"bc\"}");
    check("foo{bar='}'}", "foo{bar=\"}\"}");
    check("foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\"}", "foo{a=\"b\",bar!~\"baz\",foo!=\"bar\",test=~\"test\"}");
    check("{a=\"b\", foo!=\"bar\", \"foo\", test=~\"test\", bar!~\"baz\"}", "{__name__=\"foo\",a=\"b\",bar!~\"baz\",foo!=\"bar\",test=~\"test\"}");
    check("foo{a=\"b\", foo!=\"bar\", test=~\"test\", bar!~\"baz\",}", "foo{a=\"b\",bar!~\"baz\",foo!=\"bar\",test=~\"test\"}");
    check("{__name__=~\"bar\", __name__!~\"baz\"}", "{__name__!~\"baz\",__name__=~\"bar\"}");
    check("{__name__=\"bar\", __name__=\"baz\"}", "{__name__=\"bar\",__name__=\"baz\"}");
    check("{\"bar\", __name__=\"baz\"}", "{__name__=\"bar\",__name__=\"baz\"}");
    check("test[1000ms]", "test[1s]");
    check("test[1001ms]", "test[1s1ms]");
    check("test[1002ms]", "test[1s2ms]");
    check("test[5s]", "test[5s]");
    check("test[5m]", "test[5m]");
    check("foo[5m30s]", "foo[5m30s]");
    check("test[5h] OFFSET 5m", "test[5h] offset 5m");
    check("test[5d] OFFSET 10s", "test[5d] offset 10s");
    check("test[5w] offset 2w", "test[5w] offset 2w");
    check("test{a=\"b\"}[5y] OFFSET 3d", "test{a=\"b\"}[5y] offset 3d");
    check("test{a=\"b\"}[5m] OFFSET 3600", "test{a=\"b\"}[5m] offset 1h");
    check("foo[3ms] @ 2.345", "foo[3ms] @ 2.345");
    check("foo[4s180ms] @ 2.345", "foo[4s180ms] @ 2.345");
    check("foo[4.18] @ 2.345", "foo[4s180ms] @ 2.345");
    check("foo[4s18ms] @ 2.345", "foo[4s18ms] @ 2.345");
    check("foo[4.018] @ 2.345", "foo[4s18ms] @ 2.345");
    check("test{a=\"b\"}[5y] @ 1603774699", "test{a=\"b\"}[5y] @ 1603774699.000");
    check("test[5]", "test[5s]");
    check("some_metric[5m] @ 1m", "some_metric[5m] @ 60.000");
    check("sum by (foo)(some_metric)", "sum by (foo) (some_metric)");
    check("sum by (anchored)(some_metric)", "sum by (anchored) (some_metric)");
    check("sum by (smoothed)(some_metric)", "sum by (smoothed) (some_metric)");
    check("sum by (\"foo bar\")({\"some.metric\"})", "sum by (\"foo bar\") ({__name__=\"some.metric\"})");
    check("sum by (\"foo\", bar, 'baz')({\"some.metric\"})", "sum by (foo, bar, baz) ({__name__=\"some.metric\"})");
    check("avg by (foo)(some_metric)", "avg by (foo) (some_metric)");
    check("max by (foo)(some_metric)", "max by (foo) (some_metric)");
    check("sum without (foo) (some_metric)", "sum without (foo) (some_metric)");
    check("sum (some_metric) without (foo)", "sum without (foo) (some_metric)");
    check("stddev(some_metric)", "stddev(some_metric)");
    check("stdvar by (foo)(some_metric)", "stdvar by (foo) (some_metric)");
    check("sum by ()(some_metric)", "sum(some_metric)");
    check("sum by (foo,bar,)(some_metric)", "sum by (foo, bar) (some_metric)");
    check("sum by (foo,)(some_metric)", "sum by (foo) (some_metric)");
    check("topk(5, some_metric)", "topk(5, some_metric)");
    check("count_values(\"value\", some_metric)", "count_values(\"value\", some_metric)");
    check("sum without(and, by, avg, count, alert, annotations)(some_metric)", "sum without (and, by, avg, count, alert, annotations) (some_metric)");
    check("time()", "time()");
    check("floor(some_metric{foo!=\"bar\"})", "floor(some_metric{foo!=\"bar\"})");
    check("rate(some_metric[5m])", "rate(some_metric[5m])");
    check("round(some_metric)", "round(some_metric)");
    check("round(some_metric, 5)", "round(some_metric, 5)");
    check("sum(sum)", "sum(sum)");
    check("a + sum", "a + sum");
    check("\"double-quoted string \\\" with escaped quote\"", "\"double-quoted string \\\" with escaped quote\"");
    check("'single-quoted string \\' with escaped quote'", "\"single-quoted string ' with escaped quote\"");
    check("`backtick-quoted string`", "\"backtick-quoted string\"");
    check("foo{bar=\"baz\"}[10m:6s]", "foo{bar=\"baz\"}[10m:6s]");
    check("foo{bar=\"baz\"}[10m5s:1h6ms]", "foo{bar=\"baz\"}[10m5s:1h6ms]");
    check("foo[10m:]", "foo[10m:]");
    check("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s])", "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:5s])");
    check("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]", "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:])[4m:3s]");
    check("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]", "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]");
    check("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ 1603775091)[4m:3s]", "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ 1603775091.000)[4m:3s]");
    check("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ -160377509)[4m:3s]", "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] @ -160377509.000)[4m:3s]");
    check("sum without(and, by, avg, count, alert, annotations)(some_metric) [30m:10s]", "sum without (and, by, avg, count, alert, annotations) (some_metric)[30m:10s]");
    check("some_metric OFFSET 1m [10m:5s]", "some_metric offset 1m[10m:5s]");
    check("some_metric @ 123 [10m:5s]", "some_metric @ 123.000[10m:5s]");
    check("some_metric @ 123 offset 1m [10m:5s]", "some_metric @ 123.000 offset 1m[10m:5s]");
    check("some_metric offset 1m @ 123 [10m:5s]", "some_metric @ 123.000 offset 1m[10m:5s]");
    check("some_metric[10m:5s] offset 1m @ 123", "some_metric[10m:5s] @ 123.000 offset 1m");
    check("(foo + bar{nm=\"val\"})[5m:]", "(foo + bar{nm=\"val\"})[5m:]");
    check("(foo + bar{nm=\"val\"})[5m:] offset 10m", "(foo + bar{nm=\"val\"})[5m:] offset 10m");
    check("(foo + bar{nm=\"val\"} @ 1234)[5m:] @ 1603775019", "(foo + bar{nm=\"val\"} @ 1234.000)[5m:] @ 1603775019.000");
    check("foo @ start()", "foo @ start()");
    check("foo @ end()", "foo @ end()");
    check("test[5y] @ start()", "test[5y] @ start()");
    check("test[5y] @ end()", "test[5y] @ end()");
    check("foo[10m:6s] @ start()", "foo[10m:6s] @ start()");
    check("foo[10m:6s] @ end()", "foo[10m:6s] @ end()");
    check("start()", "start()");
    check("end()", "end()");
    check("start", "start");
    check("end", "end");
    check("start{end=\"foo\"}", "start{end=\"foo\"}");
    check("end{start=\"foo\"}", "end{start=\"foo\"}");
    check("foo unless on(start) bar", "foo unless on (start) bar");
    check("foo unless on(end) bar", "foo unless on (end) bar");
    check("info(rate(http_request_counter_total{}[5m]))", "info(rate(http_request_counter_total[5m]))");
    check("info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\", bar=\"baz\"})", "info(http_request_counter_total{namespace=\"zzz\"}, {bar=\"baz\",foo=\"bar\"})");
    check("foo offset 5s-8", "foo offset 5s - 8");
    check("foo offset -1^1", "foo offset -1s ^ 1");
    check("(sum(foo))", "(sum(foo))");
    check("(sum(foo) )", "(sum(foo))");
    check("(sum(foo) by (bar))", "(sum by (bar) (foo))");
    check("(sum by (bar) (foo))", "(sum by (bar) (foo))");
    check("sum by (job)(rate(http_requests_total[30m]))", "sum by (job) (rate(http_requests_total[30m]))");
  }

  @Test
  void printerCases() {
    check("sum by() (task:errors:rate10s{job=\"s\"})", "sum(task:errors:rate10s{job=\"s\"})");
    check("sum without() (x)", "sum without () (x)");
    check("sum by(\"foo.bar\") (x)", "sum by (\"foo.bar\") (x)");
    check("a - on() c", "a - on () c");
    check("a - on(b) group_left c", "a - on (b) group_left () c");
    check("a - on(b) group_left() (c)", "a - on (b) group_left () (c)");
    check("a - ignoring() c", "a - c");
    check("a - ignoring() group_left c", "a - ignoring () group_left () c");
    check("up > bool 0", "up > bool 0");
    check("a[1h:5m] offset 1m", "a[1h:5m] offset 1m");
    check("{__name__=\"a\"}", "{__name__=\"a\"}");
    check("{__name__=\"\",a=\"x\"}", "{__name__=\"\",a=\"x\"}");
    check("{\"a.b\"=\"c\"}", "{\"a.b\"=\"c\"}");
    check("{\"0\"=\"1\"}", "{\"0\"=\"1\"}");
    check("{\"_0\"=\"1\"}", "{_0=\"1\"}");
    check("1048576", "1048576");
    check("1e300", "1" + "0".repeat(300));
    check("-0", "-0");
    check("NaN", "NaN");
    check("a @ 1.0005", "a @ 1.001");
    check("predict_linear(foo[1h], 3000)", "predict_linear(foo[1h], 3000)");
    check("sum by(\"üüü\") (foo)", "sum by (\"üüü\") (foo)");
    check("\"a\\x01\\u00a0b\"", "\"a\\x01\\u00a0b\"");
    check("foo[90s] offset 1d2h", "foo[1m30s] offset 1d2h");
    check("foo[10.5]", "foo[10s500ms]");
    check("x[2w]", "x[2w]");
    check("x[15d]", "x[15d]");
    check("x[14d]", "x[2w]");
    check("count_values(\"a\\xc5z\", x)", "count_values(\"a\\xc5z\", x)");
    check("\"\\xff\\377\\u1234\"", "\"\\xff\\xffሴ\"");
    check("x[366d]", "x[366d]");
    check("h </ 1 >/ 2", "h </ 1 >/ 2");
  }

  @Test
  void precedenceAndAssociativity() {
    Expr a = vs("a");
    Expr b = vs("b");
    Expr c = vs("c");
    checkTree("a ^ b ^ c", vectorOp(BinaryOp.POW, a, vectorOp(BinaryOp.POW, b, c)));
    checkTree("a - b - c", vectorOp(BinaryOp.SUB, vectorOp(BinaryOp.SUB, a, b), c));
    checkTree("a + b * c", vectorOp(BinaryOp.ADD, a, vectorOp(BinaryOp.MUL, b, c)));
    checkTree("a * b atan2 c", vectorOp(BinaryOp.ATAN2, vectorOp(BinaryOp.MUL, a, b), c));
    checkTree("-2 ^ 2", new UnaryExpr(true, scalarOp(BinaryOp.POW, num(2), num(2)), P));
    checkTree("-a * b", vectorOp(BinaryOp.MUL, new UnaryExpr(true, a, P), b));
    checkTree("2 ^ -1", scalarOp(BinaryOp.POW, num(2), num(-1)));
    checkTree("- -1", num(1));
    checkTree("-(1)", new UnaryExpr(true, new ParenExpr(num(1), P), P));
    VectorMatching manyToMany = new VectorMatching(Cardinality.MANY_TO_MANY, List.of(), false, List.of());
    checkTree(
        "a or b and c unless a",
        new BinaryExpr(
            BinaryOp.OR,
            a,
            new BinaryExpr(
                BinaryOp.UNLESS,
                new BinaryExpr(BinaryOp.AND, b, c, manyToMany, false, P),
                a,
                manyToMany,
                false,
                P),
            manyToMany,
            false,
            P));
    checkTree(
        "a == bool b > 1",
        new BinaryExpr(
            BinaryOp.GTR,
            new BinaryExpr(BinaryOp.EQL, a, b, new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of()), true, P),
            num(1),
            null,
            false,
            P));
  }

  @Test
  void modifiersAttachToSelectors() {
    VectorSelector foo = vs("foo");
    checkTree("foo offset 5m @ 10", new VectorSelector("foo", foo.matchers(), 300_000, At.timestamp(10_000), P));
    checkTree("foo @ end() offset -1h", new VectorSelector("foo", foo.matchers(), -3_600_000, At.END, P));
    checkTree(
        "foo[5m] @ start() offset 1s",
        new MatrixSelector(new VectorSelector("foo", foo.matchers(), 1000, At.START, P), 300_000, P));
    checkTree("foo offset 1.5", new VectorSelector("foo", foo.matchers(), 1500, null, P));
    checkTree(
        "foo[1h:] offset 1m",
        new SubqueryExpr(foo, 3_600_000, 0, 60_000, null, P));
    checkTree("-foo offset 1m", new UnaryExpr(true, new VectorSelector("foo", foo.matchers(), 60_000, null, P), P));
    checkTree("foo[10]", new MatrixSelector(foo, 10_000, P));
  }

  @Test
  void keywordsAsNames() {
    checkTree(
        "sum by (on, by, offset) (by)",
        new AggregateExpr(AggregateOp.SUM, vs("by"), null, List.of("on", "by", "offset"), false, P));
    checkTree("fill + fill", vectorOp(BinaryOp.ADD, vs("fill"), vs("fill")));
    checkTree("sum", vs("sum"));
    checkTree("Inf", num(Double.POSITIVE_INFINITY));
    checkTree("foo{inf=\"1\"}", new VectorSelector("foo", List.of(Matcher.equal("__name__", "foo"), Matcher.equal("inf", "1")), 0, null, P));
  }

  @Test
  void quotedNamesAndStrings() {
    checkTree(
        "{\"my.metric\", \"a.b\"=\"c\"}",
        new VectorSelector("", List.of(Matcher.equal("__name__", "my.metric"), Matcher.equal("a.b", "c")), 0, null, P));
    assertThat(PromqlParser.parse("'a\\'b'")).isEqualTo(new io.hearth.promql.ast.StringLiteral("a'b", new PositionRange(0, 6)));
    assertThat(PromqlParser.parse("\"\\101\\x42\\u0043\\U00000044\\t\"").toPromql()).isEqualTo("\"ABCD\\t\"");
    assertThat(PromqlParser.parse("`a\\nb`").toPromql()).isEqualTo("\"a\\\\nb\"");
  }

  @Test
  void positions() {
    Expr e = PromqlParser.parse("sum(rate(foo[5m])) + -1");
    assertThat(e.pos()).isEqualTo(new PositionRange(0, 23));
    BinaryExpr b = (BinaryExpr) e;
    assertThat(b.lhs().pos()).isEqualTo(new PositionRange(0, 18));
    assertThat(b.rhs().pos()).isEqualTo(new PositionRange(21, 23));
    AggregateExpr sum = (AggregateExpr) b.lhs();
    assertThat(sum.expr().pos()).isEqualTo(new PositionRange(4, 17));
  }

  @Test
  void typesOfExpressions() {
    assertThat(PromqlParser.parse("foo").type()).isEqualTo(ExprType.VECTOR);
    assertThat(PromqlParser.parse("foo[5m]").type()).isEqualTo(ExprType.MATRIX);
    assertThat(PromqlParser.parse("scalar(foo) * 2").type()).isEqualTo(ExprType.SCALAR);
    assertThat(PromqlParser.parse("\"x\"").type()).isEqualTo(ExprType.STRING);
    assertThat(PromqlParser.parse("rate(foo[5m])[10m:1m]").type()).isEqualTo(ExprType.MATRIX);
  }

  @Test
  void experimentalFeaturesAreGated() {
    assertThatThrownBy(() -> PromqlParser.parse("sort_by_label(foo, \"a\")", ParserOptions.DEFAULT))
        .hasMessage("1:1: parse error: function \"sort_by_label\" is not enabled");
    assertThatThrownBy(() -> PromqlParser.parse("limitk(1, foo)", ParserOptions.DEFAULT))
        .hasMessage("1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions");
    assertThatThrownBy(() -> PromqlParser.parse("limit_ratio(0.5, foo)", ParserOptions.DEFAULT))
        .hasMessage("1:1: parse error: limit_ratio() is experimental and must be enabled with --enable-feature=promql-experimental-functions");
    assertThat(PromqlParser.parse("limitk(1, foo)", EXPERIMENTAL)).isInstanceOf(AggregateExpr.class);
    assertThat(PromqlParser.parse("sort_by_label(foo, \"a\", \"b\")", EXPERIMENTAL).toPromql())
        .isEqualTo("sort_by_label(foo, \"a\", \"b\")");
    // Syntax behind other Prometheus flags fails cleanly.
    assertThatThrownBy(() -> PromqlParser.parse("foo[5m+1m]", EXPERIMENTAL))
        .hasMessage("1:5: parse error: experimental duration expression is not enabled");
    assertThatThrownBy(() -> PromqlParser.parse("foo offset (1m)", EXPERIMENTAL))
        .hasMessage("1:13: parse error: experimental duration expression is not enabled");
    assertThatThrownBy(() -> PromqlParser.parse("foo[step()]", EXPERIMENTAL))
        .hasMessage("1:5: parse error: experimental duration expression is not enabled");
    assertThatThrownBy(() -> PromqlParser.parse("a + fill(0) b", EXPERIMENTAL))
        .hasMessage("1:1: parse error: binop fill modifiers are experimental and not enabled");
    assertThatThrownBy(() -> PromqlParser.parse("rate(foo[5m] anchored)", EXPERIMENTAL))
        .hasMessage("1:6: parse error: anchored modifier is experimental and not enabled");
    assertThatThrownBy(() -> PromqlParser.parse("foo smoothed", EXPERIMENTAL))
        .hasMessage("1:1: parse error: smoothed modifier is experimental and not enabled");
    assertThatThrownBy(() -> PromqlParser.parse("info(foo)", ParserOptions.DEFAULT))
        .hasMessage("1:1: parse error: function \"info\" is not enabled");
  }

  @Test
  void signatureTableMatchesPrometheus() {
    assertThat(Functions.all()).hasSize(90);
    List<String> experimental =
        Functions.all().stream().filter(FunctionSignature::experimental).map(FunctionSignature::name).sorted().toList();
    assertThat(experimental)
        .containsExactly(
            "double_exponential_smoothing", "end", "histogram_quantiles", "info", "mad_over_time",
            "max_of", "min_of", "range", "sort_by_label", "sort_by_label_desc", "start",
            "start_timestamp", "step", "ts_of_first_over_time", "ts_of_last_over_time",
            "ts_of_max_over_time", "ts_of_min_over_time");
    FunctionSignature labelJoin = Functions.byName("label_join");
    assertThat(labelJoin.variadic()).isEqualTo(-1);
    assertThat(labelJoin.argTypes()).containsExactly(ExprType.VECTOR, ExprType.STRING, ExprType.STRING, ExprType.STRING);
    assertThat(Functions.byName("round").variadic()).isEqualTo(1);
    assertThat(Functions.byName("nope")).isNull();
    assertThat(Functions.byName("Rate")).isNull();
  }

  @Test
  void parseMatchers() {
    assertThat(PromqlParser.parseMatchers("up{job=~\"a|b\", \"x.y\"!=\"\"}"))
        .containsExactly(Matcher.equal("__name__", "up"), Matcher.regex("job", "a|b"), Matcher.notEqual("x.y", ""));
    assertThat(PromqlParser.parseMatchers("{__name__=~\".+\"}")).containsExactly(Matcher.regex("__name__", ".+"));
    assertThat(PromqlParser.parseMatchers("{}")).isEmpty();
    assertThatThrownBy(() -> PromqlParser.parseMatchers("up{"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:4: parse error: unexpected end of input inside braces");
    assertThatThrownBy(() -> PromqlParser.parseMatchers("up + 1"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:4: parse error: unexpected <op:+>");
  }

  @Test
  void parseDuration() {
    assertThat(PromqlParser.parseDuration("0")).isZero();
    assertThat(PromqlParser.parseDuration("1h30m")).isEqualTo(5_400_000);
    assertThat(PromqlParser.parseDuration("1y2w3d4h5m6s7ms"))
        .isEqualTo(((((365L + 14 + 3) * 24 + 4) * 60 + 5) * 60 + 6) * 1000 + 7);
    assertThat(PromqlParser.parseDuration("90s")).isEqualTo(90_000);
    assertThatThrownBy(() -> PromqlParser.parseDuration("1.5m")).hasMessageEndingWith("unknown unit \".\" in duration \"1.5m\"");
    assertThatThrownBy(() -> PromqlParser.parseDuration("30s1m")).hasMessageEndingWith("not a valid duration string: \"30s1m\"");
    assertThatThrownBy(() -> PromqlParser.parseDuration("-1s")).hasMessageEndingWith("not a valid duration string: \"-1s\"");
    assertThatThrownBy(() -> PromqlParser.parseDuration("")).hasMessageEndingWith("empty duration string");
    assertThatThrownBy(() -> PromqlParser.parseDuration("5x")).hasMessageEndingWith("unknown unit \"x\" in duration \"5x\"");
    assertThatThrownBy(() -> PromqlParser.parseDuration("300000000y")).hasMessageEndingWith("duration out of range");
  }
}
