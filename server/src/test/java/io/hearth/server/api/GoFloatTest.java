package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoFloatTest {
  private static void parse(String s, double want) {
    assertThat(GoFloat.parse(s)).as(s).isEqualTo(want);
  }

  private static void bad(String s) {
    assertThatThrownBy(() -> GoFloat.parse(s)).as(s).isInstanceOf(NumberFormatException.class);
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
