package io.hearth.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnnotationTest {
  private static void checkG(double in, String want) {
    assertThat(Annotation.goG(in)).as("%g of " + in).isEqualTo(want);
  }

  private static void checkG2(double in, String want) {
    assertThat(Annotation.goG2(in)).as("%.2g of " + in).isEqualTo(want);
  }

  @Test
  void formatsLikeGoPercentG() {
    checkG(1.5, "1.5");
    checkG(-2, "-2");
    checkG(100000, "100000");
    checkG(1e6, "1e+06");
    checkG(123456789, "1.23456789e+08");
    checkG(0.0001, "0.0001");
    checkG(0.00001, "1e-05");
    checkG(Double.NaN, "NaN");
    checkG(Double.NEGATIVE_INFINITY, "-Inf");
    checkG(1e21, "1e+21");
  }

  @Test
  void formatsLikeGoPercentPoint2G() {
    checkG2(0.5, "0.5");
    checkG2(12, "12");
    checkG2(150, "1.5e+02");
    checkG2(1, "1");
    checkG2(0.000123, "0.00012");
    checkG2(0.123456, "0.12");
  }

  @Test
  void formatsLikeGoF() {
    assertThat(Annotation.goF(1e21)).isEqualTo("1000000000000000000000");
    assertThat(Annotation.goF(0.25)).isEqualTo("0.25");
    assertThat(Annotation.goF(-3)).isEqualTo("-3");
  }

  @Test
  void quotesLikeGo() {
    assertThat(Annotation.goQuote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }
}
