package io.hearth.tsdb.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordTypeTest {
  static Stream<Arguments> codes() {
    return Stream.of(
        Arguments.of(1, RecordType.SERIES, "series(1)"),
        Arguments.of(2, RecordType.SAMPLES, "samples(2)"),
        Arguments.of(3, RecordType.TOMBSTONES, "tombstones(3)"),
        Arguments.of(4, RecordType.EXEMPLARS, "exemplars(4)"),
        Arguments.of(5, RecordType.MMAP_MARKERS, "mmap_markers(5)"),
        Arguments.of(6, RecordType.METADATA, "metadata(6)"),
        Arguments.of(7, RecordType.HISTOGRAM_SAMPLES, "histogram_samples(7)"),
        Arguments.of(8, RecordType.FLOAT_HISTOGRAM_SAMPLES, "float_histogram_samples(8)"),
        Arguments.of(9, RecordType.CUSTOM_BUCKETS_HISTOGRAM_SAMPLES, "custom_buckets_histogram_samples(9)"),
        Arguments.of(10, RecordType.CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES, "custom_buckets_float_histogram_samples(10)"),
        Arguments.of(11, RecordType.SAMPLES_V2, "samples_v2(11)"),
        Arguments.of(12, RecordType.HISTOGRAM_SAMPLES_V2, "histogram_samples_v2(12)"),
        Arguments.of(13, RecordType.FLOAT_HISTOGRAM_SAMPLES_V2, "float_histogram_samples_v2(13)"),
        Arguments.of(0, RecordType.UNKNOWN, "unknown(255)"),
        Arguments.of(14, RecordType.UNKNOWN, "unknown(255)"),
        Arguments.of(255, RecordType.UNKNOWN, "unknown(255)"));
  }

  @ParameterizedTest
  @MethodSource("codes")
  void mapsPrometheusCodes(int code, RecordType want, String rendered) {
    assertThat(RecordType.of((byte) code)).isEqualTo(want);
    assertThat(want).hasToString(rendered);
    if (want != RecordType.UNKNOWN) {
      assertThat(want.code()).isEqualTo((byte) code);
    }
  }
}
