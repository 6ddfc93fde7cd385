package io.hearth.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's label hash, pinned to values computed with the reference XXH64 (python-xxhash over
 * the C implementation) on Prometheus's packed encoding.
 */
class LabelsHashTest {
  private static void check(Labels labels, long want) {
    assertThat(Long.toHexString(LabelsHash.of(labels))).as(labels.toString()).isEqualTo(Long.toHexString(want));
  }

  @Test
  void matchesPrometheusLabelsHash() {
    check(Labels.EMPTY, 0xef46db3751d8e999L);
    check(
        Labels.of("__name__", "http_requests", "group", "canary", "instance", "0", "job", "api-server"),
        0xfa6e5aa974a03e59L);
    check(Labels.of("a", "x".repeat(300)), 0x7334729f4d20ea0bL); // a length of 255 or more takes 4 bytes
    check(Labels.of("b", "ünï"), 0xbced42678d6669baL); // lengths count UTF-8 bytes
  }

  @Test
  void offsetsSpreadOverTheUnitInterval() {
    double min = 1;
    double max = 0;
    for (int i = 0; i < 1000; i++) {
      double o = LabelsHash.offset(Labels.of("i", Integer.toString(i)));
      assertThat(o).isBetween(0.0, 1.0);
      min = Math.min(min, o);
      max = Math.max(max, o);
    }
    assertThat(min).isLessThan(0.01);
    assertThat(max).isGreaterThan(0.99);
  }
}
