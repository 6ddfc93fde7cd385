package io.hearth.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hearth.promql.PromqlException;
import org.junit.jupiter.api.Test;

/** Malformed queries and Prometheus's exact error texts (from its parse_test.go, plus ours). */
class ParseErrorsTest {
  private static void check(String query, String message) {
    Throwable t = catchThrowable(() -> PromqlParser.parse(query, new ParserOptions(true)));
    assertThat(t).as(query).isInstanceOf(ParseException.class);
    assertThat(t.getMessage()).as(query).isEqualTo(message);
    assertThat(((PromqlException) t).kind()).isEqualTo(PromqlException.Kind.BAD_DATA);
    ParseException p = (ParseException) t;
    assertThat(p.query()).isEqualTo(query);
    assertThat(p.positionRange().start()).isBetween(0, query.length());
  }

  /** Cases ported from Prometheus's parse_test.go. */
  @Test
  void upstreamErrors() {
    check("",
        "unknown position: parse error: no expression found in input");
    check("# just a comment\n\n",
        "1:1: parse error: no expression found in input");
    check("1+",
        "1:3: parse error: unexpected end of input");
    check(".",
        "1:1: parse error: unexpected character: '.'");
    check("2.5.",
        "1:1: parse error: bad number or duration syntax: \"2.5.\"");
    check("100..4",
        "1:1: parse error: bad number or duration syntax: \"100..\"");
    check("0deadbeef",
        "1:1: parse error: bad number or duration syntax: \"0de\"");
    check("1 /",
        "1:4: parse error: unexpected end of input");
    check("*1",
        "1:1: parse error: unexpected <op:*>");
    check("(1))",
        "1:5: parse error: unexpected right parenthesis ')'");
    check("((1)",
        "1:5: parse error: unclosed left parenthesis");
    check("999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
        "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\": value out of range");
    check("(",
        "1:2: parse error: unclosed left parenthesis");
    check("1 and 1",
        "1:1: parse error: set operator \"and\" not allowed in binary scalar expression");
    check("1 == 1",
        "1:3: parse error: comparisons between scalars must use BOOL modifier");
    check("1 or 1",
        "1:1: parse error: set operator \"or\" not allowed in binary scalar expression");
    check("1 unless 1",
        "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression");
    check("1 !~ 1",
        "1:3: parse error: unexpected character after '!': '~'");
    check("1 =~ 1",
        "1:3: parse error: unexpected character after '=': '~'");
    check("-\"string\"",
        "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"string\"");
    check("-test[5m]",
        "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\"");
    check("*test",
        "1:1: parse error: unexpected <op:*>");
    check("@@",
        "1:1: parse error: unexpected <op:@>");
    check("1 offset 1d",
        "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    check("foo offset 1s offset 2s",
        "1:1: parse error: offset may not be set multiple times");
    check("a - on(b) ignoring(c) d",
        "1:11: parse error: unexpected <ignoring>");
    check("foo and 1",
        "1:1: parse error: set operator \"and\" not allowed in binary scalar expression");
    check("1 and foo",
        "1:1: parse error: set operator \"and\" not allowed in binary scalar expression");
    check("foo or 1",
        "1:1: parse error: set operator \"or\" not allowed in binary scalar expression");
    check("1 or foo",
        "1:1: parse error: set operator \"or\" not allowed in binary scalar expression");
    check("foo unless 1",
        "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression");
    check("1 unless foo",
        "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression");
    check("1 or on(bar) foo",
        "1:1: parse error: vector matching only allowed between instant vectors");
    check("foo == on(bar) 10",
        "1:1: parse error: vector matching only allowed between instant vectors");
    check("foo + group_left(baz) bar",
        "1:7: parse error: unexpected <group_left>");
    check("foo and on(bar) group_left(baz) bar",
        "1:1: parse error: no grouping allowed for \"and\" operation");
    check("foo and on(bar) group_right(baz) bar",
        "1:1: parse error: no grouping allowed for \"and\" operation");
    check("foo or on(bar) group_left(baz) bar",
        "1:1: parse error: no grouping allowed for \"or\" operation");
    check("foo or on(bar) group_right(baz) bar",
        "1:1: parse error: no grouping allowed for \"or\" operation");
    check("foo unless on(bar) group_left(baz) bar",
        "1:1: parse error: no grouping allowed for \"unless\" operation");
    check("foo unless on(bar) group_right(baz) bar",
        "1:1: parse error: no grouping allowed for \"unless\" operation");
    check("http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}",
        "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once");
    check("foo + bool bar",
        "1:5: parse error: bool modifier can only be used on comparison operators");
    check("foo + bool 10",
        "1:5: parse error: bool modifier can only be used on comparison operators");
    check("foo and bool 10",
        "1:5: parse error: bool modifier can only be used on comparison operators");
    check("foo @ +Inf",
        "1:1: parse error: timestamp out of bounds for @ modifier: +Inf");
    check("foo @ -Inf",
        "1:1: parse error: timestamp out of bounds for @ modifier: -Inf");
    check("foo @ NaN",
        "1:1: parse error: timestamp out of bounds for @ modifier: NaN");
    check("{",
        "1:2: parse error: unexpected end of input inside braces");
    check("}",
        "1:1: parse error: unexpected character: '}'");
    check("some{",
        "1:6: parse error: unexpected end of input inside braces");
    check("some}",
        "1:5: parse error: unexpected character: '}'");
    check("some_metric{a=b}",
        "1:15: parse error: unexpected identifier \"b\" in label matching, expected string");
    check("some_metric{a:b=\"b\"}",
        "1:14: parse error: unexpected character inside braces: ':'");
    check("foo{a*\"b\"}",
        "1:6: parse error: unexpected character inside braces: '*'");
    check("foo{a>=\"b\"}",
        "1:6: parse error: unexpected character inside braces: '>'");
    check("foo{gibberish}",
        "1:14: parse error: unexpected \"}\" in label matching, expected label matching operator");
    check("foo{1}",
        "1:5: parse error: unexpected character inside braces: '1'");
    check("{}",
        "1:1: parse error: vector selector must contain at least one non-empty matcher");
    check("{x=\"\"}",
        "1:1: parse error: vector selector must contain at least one non-empty matcher");
    check("{x=~\".*\"}",
        "1:1: parse error: vector selector must contain at least one non-empty matcher");
    check("{x!~\".+\"}",
        "1:1: parse error: vector selector must contain at least one non-empty matcher");
    check("{x!=\"a\"}",
        "1:1: parse error: vector selector must contain at least one non-empty matcher");
    check("foo{__name__=\"bar\"}",
        "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\"");
    check("foo{__name__= =}",
        "1:15: parse error: unexpected \"=\" in label matching, expected string");
    check("foo{,}",
        "1:5: parse error: unexpected \",\" in label matching, expected identifier or \"}\"");
    check("foo{__name__ == \"bar\"}",
        "1:15: parse error: unexpected \"=\" in label matching, expected string");
    check("foo{__name__=\"bar\" lol}",
        "1:20: parse error: unexpected identifier \"lol\" in label matching, expected \",\" or \"}\"");
    check("foo{\"a\"=}",
        "1:9: parse error: unexpected \"}\" in label matching, expected string");
    check("foo[5mm]",
        "1:5: parse error: bad number or duration syntax: \"5mm\"");
    check("foo[5m1]",
        "1:5: parse error: bad number or duration syntax: \"5m1\"");
    check("foo[5m:1m1]",
        "1:8: parse error: bad number or duration syntax: \"1m1\"");
    check("foo[5y1hs]",
        "1:5: parse error: unknown unit \"hs\" in duration \"5y1hs\"");
    check("foo[5m1h]",
        "1:5: parse error: not a valid duration string: \"5m1h\"");
    check("foo[5m1m]",
        "1:5: parse error: not a valid duration string: \"5m1m\"");
    check("foo[0m]",
        "1:5: parse error: duration must be greater than 0");
    check("foo[\"5m\"]",
        "1:5: parse error: unexpected character in duration expression: '\"'");
    check("foo[]",
        "1:5: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()");
    check("foo[-1]",
        "1:5: parse error: duration must be greater than 0");
    check("some_metric[5m] OFFSET 1mm",
        "1:24: parse error: bad number or duration syntax: \"1mm\"");
    check("some_metric[5m] OFFSET",
        "1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()");
    check("some_metric OFFSET 1m[5m]",
        "1:22: parse error: no offset modifiers allowed before range");
    check("some_metric[5m] @",
        "1:18: parse error: unexpected end of input in @, expected timestamp");
    check("some_metric @ 1234 [5m]",
        "1:20: parse error: no @ modifiers allowed before range");
    check("some_metric @ start() [5m]",
        "1:23: parse error: no @ modifiers allowed before range");
    check("some_metric @ end()[5m]",
        "1:20: parse error: no @ modifiers allowed before range");
    check("(foo + bar)[5m]",
        "1:12: parse error: ranges only allowed for vector selectors");
    check("sum by (\"foo)(some_metric{})",
        "1:9: parse error: unterminated quoted string");
    check("sum without(==)(some_metric)",
        "1:13: parse error: unexpected <op:==> in grouping opts, expected label");
    check("sum without(,)(some_metric)",
        "1:13: parse error: unexpected \",\" in grouping opts, expected label");
    check("sum without(foo,,)(some_metric)",
        "1:17: parse error: unexpected \",\" in grouping opts, expected label");
    check("sum some_metric by (test)",
        "1:5: parse error: unexpected identifier \"some_metric\"");
    check("sum (some_metric) by test",
        "1:22: parse error: unexpected identifier \"test\" in grouping opts, expected \"(\"");
    check("sum () by (test)",
        "1:1: parse error: no arguments for aggregate expression provided");
    check("MIN keep_common (some_metric)",
        "1:5: parse error: unexpected identifier \"keep_common\"");
    check("MIN (some_metric) keep_common",
        "1:19: parse error: unexpected identifier \"keep_common\"");
    check("sum (some_metric) without (test) by (test)",
        "1:34: parse error: unexpected <by>");
    check("sum without (test) (some_metric) by (test)",
        "1:34: parse error: unexpected <by>");
    check("topk(some_metric)",
        "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1");
    check("topk(some_metric,)",
        "1:17: parse error: trailing commas not allowed in function call args");
    check("topk(some_metric, other_metric)",
        "1:6: parse error: expected type scalar in aggregation parameter, got instant vector");
    check("count_values(5, other_metric)",
        "1:14: parse error: expected type string in aggregation parameter, got scalar");
    check("rate(some_metric[5m]) @ 1234",
        "1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    check("floor()",
        "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 0");
    check("floor(some_metric, other_metric)",
        "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2");
    check("floor(some_metric, 1)",
        "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2");
    check("floor(1)",
        "1:7: parse error: expected type instant vector in call to function \"floor\", got scalar");
    check("hour(some_metric, some_metric, some_metric)",
        "1:1: parse error: expected at most 1 argument(s) in call to \"hour\", got 3");
    check("time(some_metric)",
        "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1");
    check("non_existent_function_far_bar()",
        "1:1: parse error: unknown function with name \"non_existent_function_far_bar\"");
    check("rate(some_metric)",
        "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector");
    check("-=",
        "1:2: parse error: unexpected \"=\"");
    check("++-++-+-+-<",
        "1:11: parse error: unexpected <op:<>");
    check("e-+=/(0)",
        "1:4: parse error: unexpected \"=\"");
    check("a>b()",
        "1:3: parse error: unknown function with name \"b\"");
    check("rate(avg)",
        "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector");
    check("`\\``",
        "1:4: parse error: unterminated raw string");
    check("\"\\",
        "1:1: parse error: escape sequence not terminated");
    check("\"\\c\"",
        "1:1: parse error: unknown escape sequence U+0063 'c'");
    check("\"\\x.\"",
        "1:1: parse error: illegal character U+002E '.' in escape sequence");
    check("foo{bar=\"baz\"}[",
        "1:16: parse error: unexpected end of input in duration expression");
    check("test[5d] OFFSET 10s [10m:5s]",
        "1:1: parse error: subquery is only allowed on instant vector, got matrix instead");
    check("(foo + bar{nm=\"val\"})[5m:][10m:5s]",
        "1:1: parse error: subquery is only allowed on instant vector, got matrix instead");
    check("rate(food[1m])[1h] offset 1h",
        "1:15: parse error: ranges only allowed for vector selectors");
    check("rate(food[1m])[1h] @ 100",
        "1:15: parse error: ranges only allowed for vector selectors");
    check("info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})",
        "1:46: parse error: expected label selectors only, got vector selector instead");
    check("info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)",
        "1:51: parse error: expected label selectors only");
    check("foo[step]",
        "1:9: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()");
    check("foo offset 9.5e10",
        "1:12: parse error: duration out of range");
    check("foo[9.5e10]",
        "1:5: parse error: duration out of range");
    check("sum(",
        "1:5: parse error: unclosed left parenthesis");
    check("sum(rate(",
        "1:10: parse error: unclosed left parenthesis");
    check("foo[5s x 5s]",
        "1:8: parse error: unexpected character: 'x', expected ':'");
    check("foo[5s s 5s]",
        "1:8: parse error: unexpected character: 's', expected ':'");
    check("1[5m] smoothed",
        "1:2: parse error: ranges only allowed for vector selectors");
    check("1[5m] anchored",
        "1:2: parse error: ranges only allowed for vector selectors");
  }

  @Test
  void moreErrors() {
    check("sum(foo bar)", "1:9: parse error: unexpected identifier \"bar\" in aggregation");
    check("sum by (a) (foo bar)", "1:17: parse error: unexpected identifier \"bar\" in aggregation");
    check("rate(foo bar)", "1:10: parse error: unexpected identifier \"bar\"");
    check("foo[5m 1m]", "1:8: parse error: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\"");
    check("foo[5m:1m 1m]", "1:11: parse error: unexpected duration \"1m\" in subquery selector, expected \"]\"");
    check("foo @ bar", "1:7: parse error: unexpected identifier \"bar\" in @, expected timestamp");
    check("foo offset bar", "1:12: parse error: unexpected identifier \"bar\" in offset, expected number, duration, step(), or range()");
    check("sum by (a b) (x)", "1:11: parse error: unexpected identifier \"b\" in grouping opts, expected \",\" or \")\"");
    check("foo * on bar", "1:10: parse error: unexpected identifier \"bar\" in grouping opts, expected \"(\"");
    check("foo{a=\"b\"", "1:10: parse error: unexpected end of input inside braces");
    check("foo{a=~\"(\"}", "1:5: parse error: error parsing regexp: missing closing ): `(`");
    check("\"abc", "1:1: parse error: unterminated quoted string");
    check("foo\n  + }", "2:5: parse error: unexpected character: '}'");
    check("\"ü\" + )", "1:9: parse error: unexpected right parenthesis ')'");
    check("foo @ 1 @ 2", "1:1: parse error: @ <timestamp> may not be set multiple times");
    check("foo[5m] offset 1m offset 2m", "1:1: parse error: offset may not be set multiple times");
    check("(foo) offset 1m", "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    check("foo[5m][5m]", "1:8: parse error: ranges only allowed for vector selectors");
    check("1[5m:1m]", "1:1: parse error: subquery is only allowed on instant vector, got scalar instead");
    check("abs(foo, \"x\")", "1:1: parse error: expected 1 argument(s) in call to \"abs\", got 2");
    check("label_join(foo)", "1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 1");
    check("label_join(foo, \"a\", \"b\", 1)", "1:27: parse error: expected type string in call to function \"label_join\", got scalar");
    check("sum(foo[5m])", "1:5: parse error: expected type instant vector in aggregation expression, got range vector");
    check("foo * on(a) group_left(b) \"x\"", "1:27: parse error: binary expression must contain only scalar and instant vector types");
    check("foo[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types");
    check("-\"x\"[5m]", "1:5: parse error: ranges only allowed for vector selectors");
    check("sum by (\"\") (foo)", "1:9: parse error: invalid label name for grouping: \"\"");
    check("foo offset 1.5.", "1:12: parse error: bad number or duration syntax: \"1.5.\"");
    check("foo[1.5m]", "1:5: parse error: unknown unit \".\" in duration \"1.5m\"");
    check("{\"a\"=~\"b\"} == ", "1:15: parse error: unexpected end of input");
    check("a and bool b", "1:3: parse error: bool modifier can only be used on comparison operators");
    check("sum(", "1:5: parse error: unclosed left parenthesis");
    check("count_values by (a) (\"v\")", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1");
    check("foo{x=\"\\q\"}", "1:7: parse error: unknown escape sequence U+0071 'q'");
    check("abcdefghijklmn(", "1:16: parse error: unclosed left parenthesis");
    check("1 + \"abcdefghijklmnop\" +", "1:25: parse error: unexpected end of input");
    check("foo \"abcdefghijklmnop\"", "1:5: parse error: unexpected string \"\\\"abcdefghi\"...");
  }
}
