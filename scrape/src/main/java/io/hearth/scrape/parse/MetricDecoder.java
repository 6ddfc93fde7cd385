package io.hearth.scrape.parse;

import io.hearth.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one {@code io.prometheus.client.Metric} message into primitive fields and offsets into
 * the input, reusing its arrays from metric to metric, so a steady scrape allocates nothing here.
 * Like Prometheus's streaming decoder, it checks the whole message (native histogram parts
 * included, which it then ignores) when the metric is reached, and its labels when they are first
 * needed. Field numbers are those of {@code metrics.proto} in prometheus/client_model.
 */
final class MetricDecoder {
  private static final byte[] NAME_LABEL = "__name__".getBytes(StandardCharsets.US_ASCII);

  private final WireReader in;

  long timestampMs;
  double gaugeValue;
  double untypedValue;

  double counterValue;
  long counterStart;
  int counterExemplarOff;
  int counterExemplarEnd;

  long summaryCount;
  double summarySum;
  long summaryStart;
  double[] quantile = new double[8];
  double[] quantileValue = new double[8];
  int quantileCount;

  long histogramCount;
  double histogramCountFloat;
  double histogramSum;
  long histogramStart;
  double[] bucketUpper = new double[16];
  long[] bucketCumulative = new long[16];
  double[] bucketCountFloat = new double[16];
  int[] bucketExemplarOff = new int[16];
  int[] bucketExemplarEnd = new int[16];
  int bucketCount;

  // Label messages as found, then parsed and sorted by parseLabels.
  private int[] labelMessageOff = new int[16];
  private int[] labelMessageEnd = new int[16];
  int labelCount;
  private boolean labelsParsed;
  int[] labelNameOff = new int[16];
  int[] labelNameLen = new int[16];
  int[] labelValueOff = new int[16];
  int[] labelValueLen = new int[16];
  /** Label indexes in byte order of their names. */
  int[] labelOrder = new int[16];

  MetricDecoder(WireReader in) {
    this.in = in;
  }

  void decode(byte[] buf, int off, int end) {
    timestampMs = 0;
    gaugeValue = untypedValue = counterValue = 0;
    counterStart = summaryStart = histogramStart = 0;
    counterExemplarOff = counterExemplarEnd = -1;
    summaryCount = histogramCount = 0;
    summarySum = histogramSum = histogramCountFloat = 0;
    quantileCount = bucketCount = labelCount = 0;
    labelsParsed = false;
    in.at(buf, off, end);
    while (in.hasMore()) {
      switch (in.tag("Metric")) {
        case 1 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Label");
          int e = in.lengthDelimited();
          if (labelCount == labelMessageOff.length) {
            growLabels();
          }
          labelMessageOff[labelCount] = in.pos;
          labelMessageEnd[labelCount++] = e;
          in.pos = e;
        }
        case 2 -> gaugeValue = singleValue("Gauge", gaugeValue);
        case 3 -> counter();
        case 4 -> summary();
        case 5 -> untypedValue = singleValue("Untyped", untypedValue);
        case 6 -> {
          in.expect(WireReader.VARINT, "TimestampMs");
          timestampMs = in.varint();
        }
        case 7 -> histogram();
        default -> in.skip();
      }
    }
  }

  /** Enters a sub-message: returns the caller's limit, to be restored with {@link #leave}. */
  private int enter(String field) {
    in.expect(WireReader.LENGTH_DELIMITED, field);
    int end = in.lengthDelimited();
    int outer = in.limit;
    in.limit = end;
    return outer;
  }

  private void leave(int outer) {
    in.limit = outer;
  }

  /** A Gauge or Untyped message: one double; repeated occurrences merge, so absent keeps {@code v}. */
  private double singleValue(String field, double v) {
    int outer = enter(field);
    while (in.hasMore()) {
      if (in.tag(field) == 1) {
        in.expect(WireReader.FIXED64, "Value");
        v = in.fixed64Double();
      } else {
        in.skip();
      }
    }
    leave(outer);
    return v;
  }

  private void counter() {
    int outer = enter("Counter");
    while (in.hasMore()) {
      switch (in.tag("Counter")) {
        case 1 -> {
          in.expect(WireReader.FIXED64, "Value");
          counterValue = in.fixed64Double();
        }
        case 2 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Exemplar");
          int e = in.lengthDelimited();
          counterExemplarOff = in.pos;
          counterExemplarEnd = e;
          checkExemplar(e);
        }
        case 3 -> counterStart = timestamp("StartTimestamp");
        default -> in.skip();
      }
    }
    leave(outer);
  }

  private void summary() {
    int outer = enter("Summary");
    while (in.hasMore()) {
      switch (in.tag("Summary")) {
        case 1 -> {
          in.expect(WireReader.VARINT, "SampleCount");
          summaryCount = in.varint();
        }
        case 2 -> {
          in.expect(WireReader.FIXED64, "SampleSum");
          summarySum = in.fixed64Double();
        }
        case 3 -> quantile();
        case 4 -> summaryStart = timestamp("StartTimestamp");
        default -> in.skip();
      }
    }
    leave(outer);
  }

  private void quantile() {
    int outer = enter("Quantile");
    if (quantileCount == quantile.length) {
      quantile = Arrays.copyOf(quantile, quantileCount * 2);
      quantileValue = Arrays.copyOf(quantileValue, quantileCount * 2);
    }
    double q = 0;
    double v = 0;
    while (in.hasMore()) {
      switch (in.tag("Quantile")) {
        case 1 -> {
          in.expect(WireReader.FIXED64, "Quantile");
          q = in.fixed64Double();
        }
        case 2 -> {
          in.expect(WireReader.FIXED64, "Value");
          v = in.fixed64Double();
        }
        default -> in.skip();
      }
    }
    quantile[quantileCount] = q;
    quantileValue[quantileCount++] = v;
    leave(outer);
  }

  private void histogram() {
    int outer = enter("Histogram");
    while (in.hasMore()) {
      switch (in.tag("Histogram")) {
        case 1 -> {
          in.expect(WireReader.VARINT, "SampleCount");
          histogramCount = in.varint();
        }
        case 2 -> {
          in.expect(WireReader.FIXED64, "SampleSum");
          histogramSum = in.fixed64Double();
        }
        case 3 -> bucket();
        case 4 -> {
          in.expect(WireReader.FIXED64, "SampleCountFloat");
          histogramCountFloat = in.fixed64Double();
        }
        // The native parts are checked and then ignored, as Prometheus does with native
        // histogram ingestion off.
        case 5 -> varintField("Schema");
        case 6 -> fixed64Field("ZeroThreshold");
        case 7 -> varintField("ZeroCount");
        case 8 -> fixed64Field("ZeroCountFloat");
        case 9 -> span("NegativeSpan");
        case 10 -> repeatedVarint("NegativeDelta");
        case 11 -> repeatedFixed64("NegativeCount");
        case 12 -> span("PositiveSpan");
        case 13 -> repeatedVarint("PositiveDelta");
        case 14 -> repeatedFixed64("PositiveCount");
        case 15 -> histogramStart = timestamp("StartTimestamp");
        case 16 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Exemplars");
          checkExemplar(in.lengthDelimited());
        }
        default -> in.skip();
      }
    }
    leave(outer);
  }

  private void bucket() {
    int outer = enter("Bucket");
    if (bucketCount == bucketUpper.length) {
      int n = bucketCount * 2;
      bucketUpper = Arrays.copyOf(bucketUpper, n);
      bucketCumulative = Arrays.copyOf(bucketCumulative, n);
      bucketCountFloat = Arrays.copyOf(bucketCountFloat, n);
      bucketExemplarOff = Arrays.copyOf(bucketExemplarOff, n);
      bucketExemplarEnd = Arrays.copyOf(bucketExemplarEnd, n);
    }
    int b = bucketCount++;
    bucketUpper[b] = 0;
    bucketCumulative[b] = 0;
    bucketCountFloat[b] = 0;
    bucketExemplarOff[b] = bucketExemplarEnd[b] = -1;
    while (in.hasMore()) {
      switch (in.tag("Bucket")) {
        case 1 -> {
          in.expect(WireReader.VARINT, "CumulativeCount");
          bucketCumulative[b] = in.varint();
        }
        case 2 -> {
          in.expect(WireReader.FIXED64, "UpperBound");
          bucketUpper[b] = in.fixed64Double();
        }
        case 3 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Exemplar");
          int e = in.lengthDelimited();
          bucketExemplarOff[b] = in.pos;
          bucketExemplarEnd[b] = e;
          checkExemplar(e);
        }
        case 4 -> {
          in.expect(WireReader.FIXED64, "CumulativeCountFloat");
          bucketCountFloat[b] = in.fixed64Double();
        }
        default -> in.skip();
      }
    }
    leave(outer);
  }

  private void varintField(String field) {
    in.expect(WireReader.VARINT, field);
    in.varint();
  }

  private void fixed64Field(String field) {
    in.expect(WireReader.FIXED64, field);
    in.fixed64();
  }

  /** A repeated varint field, packed or not. */
  private void repeatedVarint(String field) {
    if (in.wireType == WireReader.VARINT) {
      in.varint();
      return;
    }
    int outer = enter(field);
    while (in.hasMore()) {
      in.varint();
    }
    leave(outer);
  }

  /** A repeated double field, packed or not. */
  private void repeatedFixed64(String field) {
    if (in.wireType == WireReader.FIXED64) {
      in.fixed64();
      return;
    }
    int outer = enter(field);
    while (in.hasMore()) {
      in.fixed64();
    }
    leave(outer);
  }

  private void span(String field) {
    int outer = enter(field);
    while (in.hasMore()) {
      switch (in.tag("BucketSpan")) {
        case 1 -> varintField("Offset");
        case 2 -> varintField("Length");
        default -> in.skip();
      }
    }
    leave(outer);
  }

  /** A google.protobuf.Timestamp, in milliseconds as Prometheus computes them. */
  private long timestamp(String field) {
    int outer = enter(field);
    long seconds = 0;
    int nanos = 0;
    while (in.hasMore()) {
      switch (in.tag("Timestamp")) {
        case 1 -> {
          in.expect(WireReader.VARINT, "Seconds");
          seconds = in.varint();
        }
        case 2 -> {
          in.expect(WireReader.VARINT, "Nanos");
          nanos = (int) in.varint();
        }
        default -> in.skip();
      }
    }
    leave(outer);
    return seconds * 1000 + nanos / 1_000_000;
  }

  /** Checks the Exemplar message ending at {@code end}, whose content starts at the cursor. */
  private void checkExemplar(int end) {
    int outer = in.limit;
    in.limit = end;
    while (in.hasMore()) {
      switch (in.tag("Exemplar")) {
        case 1 -> {
          int labelOuter = enter("Label");
          while (in.hasMore()) {
            switch (in.tag("LabelPair")) {
              case 1 -> stringField("Name");
              case 2 -> stringField("Value");
              default -> in.skip();
            }
          }
          leave(labelOuter);
        }
        case 2 -> fixed64Field("Value");
        case 3 -> timestamp("Timestamp");
        default -> in.skip();
      }
    }
    leave(outer);
  }

  private void stringField(String field) {
    in.expect(WireReader.LENGTH_DELIMITED, field);
    in.pos = in.lengthDelimited();
  }

  /** Reads an exemplar that {@link #checkExemplar} accepted. */
  void readExemplar(byte[] buf, int off, int end, LabelsBuilder labels, Exemplar into) {
    labels.reset();
    into.value = 0;
    into.hasTimestamp = false;
    into.timestamp = 0;
    in.at(buf, off, end);
    while (in.hasMore()) {
      switch (in.tag("Exemplar")) {
        case 1 -> {
          int labelOuter = enter("Label");
          int nOff = 0;
          int nLen = 0;
          int vOff = 0;
          int vLen = 0;
          while (in.hasMore()) {
            int field = in.tag("LabelPair");
            if (field == 1 || field == 2) {
              int e = in.lengthDelimited();
              if (field == 1) {
                nOff = in.pos;
                nLen = e - in.pos;
              } else {
                vOff = in.pos;
                vLen = e - in.pos;
              }
              in.pos = e;
            } else {
              in.skip();
            }
          }
          leave(labelOuter);
          if (nLen > 0) {
            labels.set(new String(buf, nOff, nLen, StandardCharsets.UTF_8),
                new String(buf, vOff, vLen, StandardCharsets.UTF_8));
          }
        }
        case 2 -> into.value = in.fixed64Double();
        case 3 -> {
          into.timestamp = timestamp("Timestamp");
          into.hasTimestamp = true;
        }
        default -> in.skip();
      }
    }
    into.labels = labels.build();
  }

  /**
   * Parses, checks and sorts the current metric's labels, once per metric. Names must be non-empty
   * UTF-8 and values UTF-8, as Prometheus checks; a name twice (or {@code __name__}) fails the
   * scrape as Prometheus's append would.
   */
  void parseLabels(byte[] buf, int errorOffset) {
    if (labelsParsed) {
      return;
    }
    for (int i = 0; i < labelCount; i++) {
      int nOff = labelMessageOff[i];
      int nLen = 0;
      int vOff = nOff;
      int vLen = 0;
      in.at(buf, labelMessageOff[i], labelMessageEnd[i]);
      while (in.hasMore()) {
        switch (in.tag("LabelPair")) {
          case 1 -> {
            in.expect(WireReader.LENGTH_DELIMITED, "Name");
            int e = in.lengthDelimited();
            nOff = in.pos;
            nLen = e - in.pos;
            if (nLen == 0 || !Utf8.isValid(buf, nOff, nLen)) {
              throw WireReader.error(labelMessageOff[i], "invalid label name: " + text(buf, nOff, nLen));
            }
            in.pos = e;
          }
          case 2 -> {
            in.expect(WireReader.LENGTH_DELIMITED, "Value");
            int e = in.lengthDelimited();
            vOff = in.pos;
            vLen = e - in.pos;
            if (!Utf8.isValid(buf, vOff, vLen)) {
              throw WireReader.error(vOff, "invalid label value: " + text(buf, vOff, vLen));
            }
            in.pos = e;
          }
          default -> in.skip();
        }
      }
      if (nLen == 0) {
        throw WireReader.error(labelMessageOff[i], "invalid label name: ");
      }
      labelNameOff[i] = nOff;
      labelNameLen[i] = nLen;
      labelValueOff[i] = vOff;
      labelValueLen[i] = vLen;
      // Insertion sort: label sets are small, and this allocates nothing.
      int j = i;
      while (j > 0 && compareNames(buf, labelOrder[j - 1], i) > 0) {
        labelOrder[j] = labelOrder[j - 1];
        j--;
      }
      labelOrder[j] = i;
    }
    for (int k = 0; k < labelCount; k++) {
      int i = labelOrder[k];
      boolean dup = k > 0 && compareNames(buf, labelOrder[k - 1], i) == 0;
      if (dup || Arrays.equals(buf, labelNameOff[i], labelNameOff[i] + labelNameLen[i],
          NAME_LABEL, 0, NAME_LABEL.length)) {
        throw WireReader.error(errorOffset, "label name " + GoQuote.quote(
            text(buf, labelNameOff[i], labelNameLen[i])) + " is not unique: invalid sample");
      }
    }
    labelsParsed = true;
  }

  private int compareNames(byte[] buf, int a, int b) {
    return Arrays.compareUnsigned(buf, labelNameOff[a], labelNameOff[a] + labelNameLen[a],
        buf, labelNameOff[b], labelNameOff[b] + labelNameLen[b]);
  }

  private void growLabels() {
    int n = labelMessageOff.length * 2;
    labelMessageOff = Arrays.copyOf(labelMessageOff, n);
    labelMessageEnd = Arrays.copyOf(labelMessageEnd, n);
    labelNameOff = Arrays.copyOf(labelNameOff, n);
    labelNameLen = Arrays.copyOf(labelNameLen, n);
    labelValueOff = Arrays.copyOf(labelValueOff, n);
    labelValueLen = Arrays.copyOf(labelValueLen, n);
    labelOrder = Arrays.copyOf(labelOrder, n);
  }

  private static String text(byte[] buf, int off, int len) {
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }
}
