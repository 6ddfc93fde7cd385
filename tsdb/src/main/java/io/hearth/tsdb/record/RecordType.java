package io.hearth.tsdb.record;

/**
 * The kind of a WAL record, stored in its first byte. The codes are Prometheus's, including the
 * kinds Hearth does not decode, so that replay can name what it refuses.
 */
public enum RecordType {
  /** Any code not listed here, and the empty record. */
  UNKNOWN(255, "unknown"),
  SERIES(1, "series"),
  SAMPLES(2, "samples"),
  TOMBSTONES(3, "tombstones"),
  EXEMPLARS(4, "exemplars"),
  /** Written only to the out-of-order write-behind log. */
  MMAP_MARKERS(5, "mmap_markers"),
  METADATA(6, "metadata"),
  HISTOGRAM_SAMPLES(7, "histogram_samples"),
  FLOAT_HISTOGRAM_SAMPLES(8, "float_histogram_samples"),
  CUSTOM_BUCKETS_HISTOGRAM_SAMPLES(9, "custom_buckets_histogram_samples"),
  CUSTOM_BUCKETS_FLOAT_HISTOGRAM_SAMPLES(10, "custom_buckets_float_histogram_samples"),
  /** Float samples with start timestamps, from Prometheus 3.x. */
  SAMPLES_V2(11, "samples_v2"),
  HISTOGRAM_SAMPLES_V2(12, "histogram_samples_v2"),
  FLOAT_HISTOGRAM_SAMPLES_V2(13, "float_histogram_samples_v2");

  private static final RecordType[] BY_CODE = new RecordType[256];

  static {
    java.util.Arrays.fill(BY_CODE, UNKNOWN);
    for (RecordType t : values()) {
      if (t != UNKNOWN) {
        BY_CODE[t.code & 0xFF] = t;
      }
    }
  }

  private final byte code;
  private final String prometheusName;

  RecordType(int code, String prometheusName) {
    this.code = (byte) code;
    this.prometheusName = prometheusName;
  }

  /** The first byte of a record of this type. */
  public byte code() {
    return code;
  }

  /** The name Prometheus prints for this type, e.g. {@code float_histogram_samples}. */
  public String prometheusName() {
    return prometheusName;
  }

  /** The type with this code, or {@link #UNKNOWN}. */
  public static RecordType of(byte code) {
    return BY_CODE[code & 0xFF];
  }

  /** E.g. {@code samples(2)}: the name and the code, as messages show it. */
  @Override
  public String toString() {
    return prometheusName + "(" + (code & 0xFF) + ")";
  }
}
