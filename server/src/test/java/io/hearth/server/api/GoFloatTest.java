package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoFloatTest {
  private static void f(double v, String want) {
    assertThat(GoFloat.format(v, 'f', new StringBuilder()).toString()).as("%s 'f'", v).isEqualTo(want);
  }

  private static void e(double v, String want) {
    assertThat(GoFloat.format(v, 'e', new StringBuilder()).toString()).as("%s 'e'", v).isEqualTo(want);
  }

  private static void parse(String s, double want) {
    assertThat(GoFloat.parse(s)).as(s).isEqualTo(want);
  }

  private static void bad(String s) {
    assertThatThrownBy(() -> GoFloat.parse(s)).as(s).isInstanceOf(NumberFormatException.class);
  }

  /** Expected texts are what Go's strconv.FormatFloat(v, 'f'|'e', -1, 64) prints. */
  @Test
  void formatsAsGoDoes() {
    f(0, "0");
    f(-0.0, "-0");
    f(1, "1");
    f(-42, "-42");
    f(0.1, "0.1");
    f(1.5, "1.5");
    f(123456789.125, "123456789.125");
    f(1e21, "1000000000000000000000");
    f(1e-7, "0.0000001");
    f(1.0 / 3, "0.3333333333333333");
    f(9007199254740993.0, "9007199254740992");
    f(1.7976931348623157e308, "17976931348623157" + "0".repeat(292));
    f(Double.MIN_VALUE, "0." + "0".repeat(323) + "5");
    f(Double.NaN, "NaN");
    f(Double.POSITIVE_INFINITY, "+Inf");
    f(Double.NEGATIVE_INFINITY, "-Inf");
    e(1e-7, "1e-07");
    e(1.5e21, "1.5e+21");
    e(-2.5e-300, "-2.5e-300");
    e(1e100, "1e+100");
    e(Double.MIN_VALUE, "5e-324");
    e(0, "0e+00");
  }

  @Test
  void parsesWhatGoParses() {
    parse("1", 1);
    parse("-1.5", -1.5);
    parse("+.5", 0.5);
    parse("5.", 5);
    parse("1e3", 1000);
    parse("1E-3", 0.001);
    parse("0x1p-2", 0.25);
    parse("0x_1.8p1", 3);
    parse("Inf", Double.POSITIVE_INFINITY);
    parse("-infinity", Double.NEGATIVE_INFINITY);
    parse("1e-400", 0);
    assertThat(GoFloat.parse("nan")).isNaN();
  }

  @Test
  void refusesWhatGoRefuses() {
    bad("");
    bad(" 1");
    bad("1 ");
    bad("1d");
    bad("1f");
    bad("Infinity1");
    bad("1_000");
    bad("1e");
    bad(".");
    bad("0x1");
    bad("1e400");
    bad("2023-01-01T00:00:00Z");
  }
}
