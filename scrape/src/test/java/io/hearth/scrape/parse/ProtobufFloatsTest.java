package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Expected strings are what Prometheus's {@code labels.FormatOpenMetricsFloat} returns. */
class ProtobufFloatsTest {

  @Test
  void openMetricsForm() {
    check(1, "1.0");
    check(0, "0.0");
    check(-0.0, "0.0");
    check(-1, "-1.0");
    check(Double.NaN, "NaN");
    check(Double.POSITIVE_INFINITY, "+Inf");
    check(Double.NEGATIVE_INFINITY, "-Inf");
    check(0.5, "0.5");
    check(0.99, "0.99");
    check(0.005, "0.005");
    check(0.0001, "0.0001");
    check(0.00001, "1e-05");
    check(2.5, "2.5");
    check(10, "10.0");
    check(100000, "100000.0");
    check(123456.7, "123456.7");
    check(1e6, "1e+06");
    check(1234567, "1.234567e+06");
    check(2.5e6, "2.5e+06");
    check(-3e-7, "-3e-07");
    check(1e100, "1e+100");
    check(0.1 + 0.2, "0.30000000000000004");
    check(Double.MIN_VALUE, "5e-324");
    check(Double.MAX_VALUE, "1.7976931348623157e+308");
  }

  @Test
  void memoisedTextsAndBytesAgree() {
    ProtobufFloats floats = new ProtobufFloats();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 2000; i++) { // more than the cache holds: it starts over and stays right
        double v = i / 8.0;
        assertThat(floats.text(v)).isEqualTo(ProtobufFloats.openMetrics(v));
        assertThat(new String(floats.bytes(v), StandardCharsets.UTF_8))
            .isEqualTo(ProtobufFloats.openMetrics(v));
      }
    }
    assertThat(floats.text(0.25)).isSameAs(floats.text(0.25));
  }

  private static void check(double v, String want) {
    assertThat(ProtobufFloats.openMetrics(v)).as("%s", v).isEqualTo(want);
  }
}
