package io.hearth.promql.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KahanSumTest {
  private static double sum(double... values) {
    KahanSum k = new KahanSum();
    for (double v : values) {
      k.add(v);
    }
    return k.value();
  }

  @Test
  void compensatesLostLowOrderBits() {
    assertThat(sum(1, 1e100, 1, -1e100)).isEqualTo(2);
    assertThat(sum(1e100, 1, -1e100, 1)).isEqualTo(2);
    assertThat(sum(0.1, 0.2, 0.3)).isEqualTo(0.6);
    double naive = 0;
    double[] tenths = new double[10];
    java.util.Arrays.fill(tenths, 0.1);
    for (double v : tenths) {
      naive += v;
    }
    assertThat(naive).isNotEqualTo(1.0);
    assertThat(sum(tenths)).isEqualTo(1.0);
  }

  @Test
  void infinitiesAndNaN() {
    assertThat(sum(1, Double.POSITIVE_INFINITY, 1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(sum(Double.MAX_VALUE, Double.MAX_VALUE)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(sum(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isNaN();
    assertThat(sum(1, Double.NaN, 2)).isNaN();
    assertThat(sum()).isEqualTo(0);
  }

  @Test
  void resetAndSet() {
    KahanSum k = new KahanSum();
    k.add(1e100);
    k.add(1);
    assertThat(k.sum()).isEqualTo(1e100);
    assertThat(k.compensation()).isEqualTo(1);
    k.reset();
    assertThat(k.value()).isEqualTo(0);
    k.set(3, 0.5);
    k.add(1);
    assertThat(k.value()).isEqualTo(4.5);
  }
}
