package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.promql.conformance.TestScript.Clear;
import io.hearth.promql.conformance.TestScript.Eval;
import io.hearth.promql.conformance.TestScript.Load;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
  private static TestScript parse(String... lines) {
    return ScriptParser.parse("t.test", String.join("\n", lines));
  }

  @Test
  void readsLoadClearAndEvalWithLines() {
    TestScript s =
        parse(
            "# comment",
            "load 5m",
            "  m{a=\"x\"} 0+1x2",
            "  m{a=\"y\"} 1 {{count:1}}",
            "",
            "eval instant at 50m m",
            "  m{a=\"x\"} 2",
            "",
            "clear",
            "load_with_nhcb 1m",
            "  h_bucket{le=\"1\"} 1");
    assertThat(s.commands()).hasSize(4);
    Load load = (Load) s.commands().get(0);
    assertThat(load.line()).isEqualTo(2);
    assertThat(load.intervalMs()).isEqualTo(300_000);
    assertThat(load.series()).hasSize(2);
    assertThat(load.touchesNativeHistograms()).isTrue();
    Eval ev = (Eval) s.commands().get(1);
    assertThat(ev.line()).isEqualTo(6);
    assertThat(ev.query()).isEqualTo("m");
    assertThat(ev.timeMs()).isEqualTo(3_000_000);
    assertThat(ev.isRange()).isFalse();
    assertThat(ev.expected().series()).containsOnlyKeys(Labels.of("__name__", "m", "a", "x"));
    assertThat(s.commands().get(2)).isInstanceOf(Clear.class);
    Load nhcb = (Load) s.commands().get(3);
    assertThat(nhcb.withNhcb()).isTrue();
    assertThat(nhcb.touchesNativeHistograms()).isTrue();
  }

  @Test
  void laterDefinitionOfASeriesInOneLoadReplacesTheEarlier() {
    Load load = (Load) parse("load 1m", "  m 1 2", "  m 3").commands().getFirst();
    assertThat(load.series()).hasSize(1);
    assertThat(load.series().getFirst().valuesText()).isEqualTo("3");
    assertThat(load.touchesNativeHistograms()).isFalse();
  }

  @Test
  void aCommentEndsTheBlock() {
    // The line after the comment is read as a command, and "m" is not one.
    assertThatThrownBy(() -> parse("load 1m", "  m 1", "  # note", "  n 2"))
        .hasMessageContaining("t.test:4: invalid command");
  }

  @Test
  void readsRangeEvals() {
    Eval ev =
        (Eval)
            parse("eval range from 0 to 10m step 5m sum(m)", "  {} 1 _ 3").commands().getFirst();
    assertThat(ev.isRange()).isTrue();
    assertThat(ev.startMs()).isZero();
    assertThat(ev.endMs()).isEqualTo(600_000);
    assertThat(ev.stepMs()).isEqualTo(300_000);
    assertThat(ev.query()).isEqualTo("sum(m)");
    assertThat(ev.expected().series().get(Labels.EMPTY).values().valuesText()).isEqualTo("1 _ 3");
  }

  @Test
  void aScalarLineEndsTheBlock() {
    TestScript s = parse("eval instant at 0 1 + 1", "  2", "clear");
    Eval ev = (Eval) s.commands().getFirst();
    assertThat(ev.expected().isScalar()).isTrue();
    assertThat(ev.expected().scalar()).isEqualTo(2);
    assertThat(s.commands().get(1)).isInstanceOf(Clear.class);
  }

  @Test
  void readsExpectLines() {
    Eval ev =
        (Eval)
            parse(
                    "eval instant at 1m foo",
                    "  expect fail msg:  bad thing  ",
                    "  expect warn regex: a.c",
                    "  expect warn",
                    "  expect no_info",
                    "  expect ordered")
                .commands()
                .getFirst();
    ExpectedResult e = ev.expected();
    assertThat(e.isFail()).isTrue();
    assertThat(e.fail().message()).isEqualTo("bad thing");
    assertThat(e.warn()).hasSize(2);
    assertThat(e.warn().get(0).matches("xxabcxx")).isTrue(); // unanchored
    assertThat(e.warn().get(1).isAny()).isTrue();
    assertThat(e.isNoInfo()).isTrue();
    assertThat(e.isOrdered()).isTrue();
    assertThat(e.checksMessageText()).isTrue();
  }

  @Test
  void orderedPositionsSkipExpectLines() {
    Eval ev =
        (Eval)
            parse("eval instant at 1m sort(m)", "  expect ordered", "  m{a=\"1\"} 1", "  m{a=\"2\"} 2")
                .commands()
                .getFirst();
    assertThat(ev.expected().series().values().stream().map(ExpectedResult.Entry::pos))
        .containsExactly(1, 2);
  }

  @Test
  void rejectsConflictingExpectLines() {
    assertThatThrownBy(() -> parse("eval instant at 0 m", "  expect warn", "  expect no_warn"))
        .hasMessageContaining("warn and no_warn cannot be used together");
    assertThatThrownBy(() -> parse("eval instant at 0 m", "  expect fail", "  expect fail"))
        .hasMessageContaining("multiple expect fail");
    assertThatThrownBy(() -> parse("eval instant at 0 m", "  expect bogus"))
        .hasMessageContaining("invalid expect statement");
  }

  @Test
  void expectRangeVectorMovesTheEvalTime() {
    Eval ev =
        (Eval)
            parse("eval instant at 0 m[1m]", "  expect range vector from 10s to 1m step 10s", "  m 1 2 3 4 5 6")
                .commands()
                .getFirst();
    assertThat(ev.expectsRangeVector()).isTrue();
    assertThat(ev.timeMs()).isEqualTo(60_000);
    assertThat(ev.startMs()).isEqualTo(10_000);
    assertThat(ev.endMs()).isEqualTo(60_000);
    assertThat(ev.stepMs()).isEqualTo(10_000);
  }

  @Test
  void multipleValuesInAnInstantEvalNeedARangeVector() {
    assertThatThrownBy(() -> parse("eval instant at 0 m", "  m 1 2"))
        .hasMessageContaining("expecting multiple values in instant evaluation not allowed");
  }

  @Test
  void readsExpectString() {
    check("expect string \"Foo\"", "Foo");
    check("expect string `a\\b`", "a\\b");
    check("expect string \"\"", "");
    assertThatThrownBy(() -> parse("eval instant at 0 \"x\"", "  expect string"))
        .hasMessageContaining("a quoted string literal is required");
  }

  private static void check(String expectLine, String want) {
    Eval ev = (Eval) parse("eval instant at 0 \"x\"", "  " + expectLine).commands().getFirst();
    assertThat(ev.expected().string()).isEqualTo(want);
  }

  @Test
  void readsDeprecatedForms() {
    List<Eval> evals =
        parse(
                "eval_fail instant at 0 a",
                "  expected_fail_message some error",
                "",
                "eval_fail range from 0 to 1m step 1m b",
                "  expected_fail_regexp err.r",
                "",
                "eval_warn instant at 0 c",
                "",
                "eval_info instant at 0 d",
                "",
                "eval_ordered instant at 0 e")
            .evals();
    assertThat(evals.get(0).expected().isFail()).isTrue();
    assertThat(evals.get(0).expected().failMessage()).isEqualTo("some error");
    assertThat(evals.get(1).expected().failRegexp().pattern()).isEqualTo("err.r");
    assertThat(evals.get(2).expected().isWarnFlag()).isTrue();
    assertThat(evals.get(3).expected().isInfoFlag()).isTrue();
    assertThat(evals.get(4).expected().isOrdered()).isTrue();
  }

  @Test
  void skipsStartTimestampLines() {
    Load load =
        (Load) parse("load 1m", "  m@st -30s _ -30s", "  m 1 2 3").commands().getFirst();
    assertThat(load.series()).hasSize(1);
    assertThat(ScriptParser.isStartTimestampLine("m{a=\"b\"}@st -30s")).isTrue();
    assertThat(ScriptParser.isStartTimestampLine("m 1 2")).isFalse();
  }

  private static void checkNumber(String in, Double want) {
    assertThat(ScriptParser.parseGoNumber(in)).as(in).isEqualTo(want);
  }

  @Test
  void tellsScalarLinesFromSeriesLines() {
    checkNumber("2", 2.0);
    checkNumber("-Inf", Double.NEGATIVE_INFINITY);
    checkNumber("+Inf", Double.POSITIVE_INFINITY);
    checkNumber("NaN", Double.NaN);
    checkNumber("0.00001234", 0.00001234);
    checkNumber("1e3", 1000.0);
    checkNumber("0x10", 16.0);
    checkNumber("010", 8.0);
    checkNumber("09", 9.0);
    checkNumber("{} 1", null);
    checkNumber("m", null);
    checkNumber("-NaN", null);
    checkNumber("1 2", null);
  }
}
