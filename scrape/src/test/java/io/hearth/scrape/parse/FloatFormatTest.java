package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatFormatTest {
  private static void check(double in, String want) {
    assertThat(FloatFormat.openMetrics(in)).as("%s", in).isEqualTo(want);
  }

  private static void f(double v, String want) {
    assertThat(FloatFormat.appendGo(v, 'f', new StringBuilder()).toString()).as("%s 'f'", v).isEqualTo(want);
  }

  private static void e(double v, String want) {
    assertThat(FloatFormat.appendGo(v, 'e', new StringBuilder()).toString()).as("%s 'e'", v).isEqualTo(want);
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

  /** Prometheus's TestFormatOpenMetricsFloat cases and Go's %g layout. */
  @Test
  void likePrometheus() {
    check(1, "1.0");
    check(0, "0.0");
    check(-0.0, "0.0");
    check(-1, "-1.0");
    check(Double.NaN, "NaN");
    check(Double.POSITIVE_INFINITY, "+Inf");
    check(Double.NEGATIVE_INFINITY, "-Inf");
    check(0.5, "0.5");
    check(0.25, "0.25");
    check(2, "2.0");
    check(10, "10.0");
    check(100000, "100000.0");
    check(1e6, "1e+06");
    check(1e-5, "1e-05");
    check(0.0001, "0.0001");
    check(2.5e-5, "2.5e-05");
    check(123456.7, "123456.7");
    check(1234567.8, "1.2345678e+06");
    check(-0.0002899999999999998, "-0.0002899999999999998");
    check(1.0000000000000216e-05, "1.0000000000000216e-05");
    check(1e100, "1e+100");
    check(5e-324, "5e-324");
    check(0.1, "0.1");
  }

  /** The cases that came with the protobuf parser's copy of the OpenMetrics form. */
  @Test
  void likePrometheusForProtobufBounds() {
    check(0.99, "0.99");
    check(0.005, "0.005");
    check(0.00001, "1e-05");
    check(2.5, "2.5");
    check(1234567, "1.234567e+06");
    check(2.5e6, "2.5e+06");
    check(-3e-7, "-3e-07");
    check(0.1 + 0.2, "0.30000000000000004");
    check(Double.MIN_VALUE, "5e-324");
    check(Double.MAX_VALUE, "1.7976931348623157e+308");
  }

  /**
   * Go's shortest digits for subnormals, where Java's Double.toString keeps two digits that one
   * would do: the reference is the definition (the shortest decimals that read back, the closest
   * of them to the exact value), checked over the smallest subnormals and random ones.
   */
  @Test
  void subnormalsTakeGosShortestDigits() {
    e(Double.MIN_VALUE * 3, "1.5e-323");
    e(Double.MIN_VALUE * 2, "1e-323");
    e(Double.MIN_VALUE * 20, "1e-322");
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      long bits = i < 10_000 ? i + 1 : 1 + (r.nextLong() & 0x000F_FFFF_FFFF_FFFFL) % (1L << (1 + r.nextInt(52)));
      double v = Double.longBitsToDouble(bits);
      assertThat(FloatFormat.appendGo(v, 'e', new StringBuilder()).toString()).as("bits %d", bits)
          .isEqualTo(shortestByDefinition(v));
    }
  }

  private static String shortestByDefinition(double v) {
    java.math.BigDecimal exact = new java.math.BigDecimal(v);
    for (int n = 1; n <= 17; n++) {
      java.math.BigDecimal best = null;
      for (java.math.RoundingMode m : new java.math.RoundingMode[] {java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING}) {
        java.math.BigDecimal c = exact.round(new java.math.MathContext(n, m));
        if (c.doubleValue() == v && (best == null
            || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = c;
        }
      }
      if (best != null) {
        java.math.BigDecimal s = best.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        int exp = digits.length() - 1 - s.scale();
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
      }
    }
    throw new AssertionError(v);
  }

  @Test
  void gSwitchesToAnExponentBelowMinus4AndFrom6() {
    check(0.00012, "0.00012");
    check(0.000012, "1.2e-05");
    check(999999, "999999.0");
    check(-1e6, "-1e+06");
    assertThat(FloatFormat.appendGo(-0.0, 'g', new StringBuilder()).toString()).isEqualTo("-0");
  }
}
