package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatFormatTest {
  private static void check(double in, String want) {
    assertThat(FloatFormat.openMetrics(in)).as("%s", in).isEqualTo(want);
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
}
