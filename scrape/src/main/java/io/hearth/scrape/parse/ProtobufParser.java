package io.hearth.scrape.parse;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the Prometheus protobuf exposition ({@code application/vnd.google.protobuf;
 * proto=io.prometheus.client.MetricFamily;encoding=delimited}): a stream of varint-length-prefixed
 * {@code MetricFamily} messages, decoded straight from the wire bytes without building message
 * objects. It behaves as Prometheus 3's {@code ProtobufParser} with native histograms off:
 *
 * <ul>
 *   <li>Each family with at least one metric yields HELP, then UNIT (only if the family has one),
 *       then TYPE ({@code UNTYPED} is {@link MetricType#UNKNOWN}), then its series. Families with
 *       no metrics yield nothing.
 *   <li>A summary yields {@code name_count}, {@code name_sum}, then one series per quantile with a
 *       {@code quantile} label; a histogram (or gauge histogram) yields {@code name_count}, {@code
 *       name_sum}, then {@code name_bucket} per bucket with an {@code le} label, adding a {@code
 *       +Inf} bucket with the count if none is there and stopping at the first {@code +Inf} bucket.
 *       A native histogram without classic buckets therefore yields count, sum and the {@code +Inf}
 *       bucket, as Prometheus does when native histogram ingestion is off.
 *   <li>{@code timestamp_ms} of 0 means no timestamp; exemplars come from counters and classic
 *       buckets, at most one per series; start ({@code _created}) timestamps from counters,
 *       summaries and histograms.
 * </ul>
 *
 * <p>{@link #seriesBytes()} holds the series name, then for each label in byte order a {@code 0xFF}
 * byte, the name, a {@code 0xFF} byte and the value. Names and values are valid UTF-8, which never
 * contains {@code 0xFF}, so the key is unique per label set and the same on every scrape. After
 * the first scrape, {@link #next()} and the primitive accessors allocate nothing.
 *
 * <p>Malformed input throws {@link ExpositionException} naming the byte offset, with Prometheus's
 * wording for the reason. Not thread-safe; reuse with {@link #reset}.
 */
public final class ProtobufParser implements ExpositionParser {
  // MetricFamily.type values.
  private static final int COUNTER = 0;
  private static final int GAUGE = 1;
  private static final int SUMMARY = 2;
  private static final int UNTYPED = 3;
  private static final int HISTOGRAM = 4;
  private static final int GAUGE_HISTOGRAM = 5;

  /** Positions within a summary or histogram metric; 0 and up index quantiles or buckets. */
  private static final int PART_COUNT = -2;
  private static final int PART_SUM = -1;

  private static final byte SEP = (byte) 0xFF;
  private static final byte[] LE = "le".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] QUANTILE = "quantile".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COUNT_SUFFIX = "_count".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUM_SUFFIX = "_sum".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BUCKET_SUFFIX = "_bucket".getBytes(StandardCharsets.US_ASCII);

  private enum Phase { BETWEEN_FAMILIES, HELP, UNIT, TYPE, SERIES, DONE }

  private final WireReader in = new WireReader();
  private final MetricDecoder metric = new MetricDecoder(in);
  private final ProtobufFloats floats = new ProtobufFloats();
  private final LabelsBuilder exemplarLabels = new LabelsBuilder();

  private byte[] buf = new byte[0];
  private int length;
  /** Where the next family's length prefix starts. */
  private int nextFamily;
  private Phase phase = Phase.DONE;

  // The current family.
  private int familyStart;
  private int nameOff;
  private int nameLen;
  private int helpOff;
  private int helpLen;
  private int unitOff;
  private int unitLen;
  private int type;
  private int[] metricOff = new int[16];
  private int[] metricEnd = new int[16];
  private int metricCount;
  private int metricIndex;
  private String familyName;

  // The current series within the current metric.
  private int part;
  private boolean partsDone;
  private boolean exemplarReturned;
  private byte[] magicName; // LE, QUANTILE or null
  private byte[] magicValue;
  private String magicText;
  private byte[] suffix; // null for the bare family name
  private byte[] key = new byte[256];
  private int keyLength;

  @Override
  public void reset(byte[] buf, int length) {
    this.buf = buf;
    this.length = length;
    this.nextFamily = 0;
    this.phase = Phase.BETWEEN_FAMILIES;
    this.keyLength = 0;
  }

  @Override
  public Entry next() {
    exemplarReturned = false;
    switch (phase) {
      case HELP -> {
        phase = unitLen > 0 ? Phase.UNIT : Phase.TYPE;
        return phase == Phase.UNIT ? Entry.UNIT : Entry.TYPE;
      }
      case UNIT -> {
        phase = Phase.TYPE;
        return Entry.TYPE;
      }
      case TYPE -> {
        phase = Phase.SERIES;
        startMetric();
        return Entry.SERIES;
      }
      case SERIES -> {
        if (!partsDone) {
          part++;
          emit();
          return Entry.SERIES;
        }
        if (++metricIndex < metricCount) {
          metric.decode(buf, metricOff[metricIndex], metricEnd[metricIndex]);
          startMetric();
          return Entry.SERIES;
        }
        phase = Phase.BETWEEN_FAMILIES;
        return nextFamily();
      }
      case BETWEEN_FAMILIES -> {
        return nextFamily();
      }
      default -> {
        return Entry.EOF;
      }
    }
  }

  /** Moves to the next family that has metrics and returns its HELP, or EOF. */
  private Entry nextFamily() {
    while (nextFamily < length) {
      readFamily();
      if (metricCount == 0) {
        continue; // Prometheus skips empty families without even checking their name.
      }
      metricIndex = 0;
      metric.decode(buf, metricOff[0], metricEnd[0]);
      validateFamily();
      phase = Phase.HELP;
      return Entry.HELP;
    }
    phase = Phase.DONE;
    return Entry.EOF;
  }

  private void readFamily() {
    familyStart = nextFamily;
    in.at(buf, familyStart, length);
    // The length prefix: at most 5 bytes, as Prometheus's decoder insists.
    long messageLength = 0;
    int varintLength = 0;
    for (int shift = 0; ; shift += 7) {
      if (familyStart + varintLength >= length || varintLength == 10) {
        throw WireReader.error(familyStart, "clientpb: invalid varint encountered");
      }
      byte b = buf[familyStart + varintLength++];
      messageLength |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        break;
      }
    }
    if (varintLength > 5) {
      throw WireReader.error(familyStart, "clientpb: invalid varint encountered");
    }
    long total = varintLength + messageLength;
    if (messageLength < 0 || total > length - familyStart) {
      throw WireReader.error(familyStart,
          "clientpb: insufficient length of buffer, expected at least " + total
              + " bytes, got " + (length - familyStart) + " bytes");
    }
    int end = familyStart + (int) total;
    nextFamily = end;
    nameOff = helpOff = unitOff = familyStart;
    nameLen = helpLen = unitLen = 0;
    type = COUNTER;
    metricCount = 0;
    familyName = null;
    in.at(buf, familyStart + varintLength, end);
    while (in.hasMore()) {
      switch (in.tag("MetricFamily")) {
        case 1 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Name");
          int e = in.lengthDelimited();
          nameOff = in.pos;
          nameLen = e - in.pos;
          in.pos = e;
        }
        case 2 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Help");
          int e = in.lengthDelimited();
          helpOff = in.pos;
          helpLen = e - in.pos;
          in.pos = e;
        }
        case 3 -> {
          in.expect(WireReader.VARINT, "Type");
          type = (int) in.varint();
        }
        case 4 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Metric");
          int e = in.lengthDelimited();
          if (metricCount == metricOff.length) {
            metricOff = Arrays.copyOf(metricOff, metricCount * 2);
            metricEnd = Arrays.copyOf(metricEnd, metricCount * 2);
          }
          metricOff[metricCount] = in.pos;
          metricEnd[metricCount++] = e;
          in.pos = e;
        }
        case 5 -> {
          in.expect(WireReader.LENGTH_DELIMITED, "Unit");
          int e = in.lengthDelimited();
          unitOff = in.pos;
          unitLen = e - in.pos;
          in.pos = e;
        }
        default -> in.skip();
      }
    }
  }

  private void validateFamily() {
    if (nameLen == 0 || !Utf8.isValid(buf, nameOff, nameLen)) {
      throw WireReader.error(familyStart, "invalid metric name: " + utf8(nameOff, nameLen));
    }
    if (!Utf8.isValid(buf, helpOff, helpLen)) {
      throw WireReader.error(familyStart, "invalid help for metric " + GoQuote.quote(metricName())
          + ": " + utf8(helpOff, helpLen));
    }
    if (type < COUNTER || type > GAUGE_HISTOGRAM) {
      throw WireReader.error(familyStart,
          "unknown metric type for metric " + GoQuote.quote(metricName()) + ": " + type);
    }
  }

  private boolean isComplex() {
    return type == SUMMARY || type == HISTOGRAM || type == GAUGE_HISTOGRAM;
  }

  private void startMetric() {
    part = isComplex() ? PART_COUNT : 0;
    emit();
  }

  /** Sets up the series at {@link #part} of the current metric and writes its key. */
  private void emit() {
    metric.parseLabels(buf, metricOff[metricIndex]);
    suffix = null;
    magicName = null;
    partsDone = true;
    if (isComplex()) {
      boolean histogram = type != SUMMARY;
      if (part == PART_COUNT) {
        suffix = COUNT_SUFFIX;
        partsDone = false;
      } else if (part == PART_SUM) {
        suffix = SUM_SUFFIX;
        partsDone = !histogram && metric.quantileCount == 0;
      } else if (histogram) {
        suffix = BUCKET_SUFFIX;
        magicName = LE;
        double bound = part < metric.bucketCount ? metric.bucketUpper[part] : Double.POSITIVE_INFINITY;
        magicValue = floats.bytes(bound);
        magicText = floats.text(bound);
        partsDone = bound == Double.POSITIVE_INFINITY;
      } else {
        magicName = QUANTILE;
        double q = metric.quantile[part];
        magicValue = floats.bytes(q);
        magicText = floats.text(q);
        partsDone = part == metric.quantileCount - 1;
      }
    }
    writeKey();
  }

  private void writeKey() {
    keyLength = 0;
    append(buf, nameOff, nameLen);
    if (suffix != null) {
      append(suffix, 0, suffix.length);
    }
    boolean magicWritten = magicName == null;
    int[] order = metric.labelOrder;
    for (int k = 0; k < metric.labelCount; k++) {
      int i = order[k];
      int nOff = metric.labelNameOff[i];
      int nLen = metric.labelNameLen[i];
      if (!magicWritten) {
        int c = Arrays.compareUnsigned(magicName, 0, magicName.length, buf, nOff, nOff + nLen);
        if (c == 0) {
          throw WireReader.error(metricOff[metricIndex], "label name "
              + GoQuote.quote(utf8(nOff, nLen)) + " is not unique: invalid sample");
        }
        if (c < 0) {
          appendLabel(magicName, 0, magicName.length, magicValue, 0, magicValue.length);
          magicWritten = true;
        }
      }
      appendLabel(buf, nOff, nLen, buf, metric.labelValueOff[i], metric.labelValueLen[i]);
    }
    if (!magicWritten) {
      appendLabel(magicName, 0, magicName.length, magicValue, 0, magicValue.length);
    }
  }

  private void appendLabel(byte[] n, int nOff, int nLen, byte[] v, int vOff, int vLen) {
    ensureKey(nLen + vLen + 2);
    key[keyLength++] = SEP;
    System.arraycopy(n, nOff, key, keyLength, nLen);
    keyLength += nLen;
    key[keyLength++] = SEP;
    System.arraycopy(v, vOff, key, keyLength, vLen);
    keyLength += vLen;
  }

  private void append(byte[] src, int off, int len) {
    ensureKey(len);
    System.arraycopy(src, off, key, keyLength, len);
    keyLength += len;
  }

  private void ensureKey(int more) {
    if (keyLength + more > key.length) {
      key = Arrays.copyOf(key, Math.max(key.length * 2, keyLength + more));
    }
  }

  @Override
  public byte[] seriesBytes() {
    return key;
  }

  @Override
  public int seriesOffset() {
    return 0;
  }

  @Override
  public int seriesLength() {
    return keyLength;
  }

  @Override
  public void labels(LabelsBuilder into) {
    into.set(Labels.METRIC_NAME, suffix == null ? metricName()
        : metricName() + new String(suffix, StandardCharsets.US_ASCII));
    for (int i = 0; i < metric.labelCount; i++) {
      into.set(utf8(metric.labelNameOff[i], metric.labelNameLen[i]),
          utf8(metric.labelValueOff[i], metric.labelValueLen[i]));
    }
    if (magicName != null) {
      into.set(magicName == LE ? "le" : "quantile", magicText);
    }
  }

  @Override
  public boolean exposesLabel(String name) {
    for (int i = 0; i < metric.labelCount; i++) {
      if (utf8(metric.labelNameOff[i], metric.labelNameLen[i]).equals(name)) {
        return true;
      }
    }
    return magicName != null && name.equals(magicName == LE ? "le" : "quantile");
  }

  @Override
  public double value() {
    return switch (type) {
      case COUNTER -> metric.counterValue;
      case GAUGE -> metric.gaugeValue;
      case UNTYPED -> metric.untypedValue;
      case SUMMARY -> switch (part) {
        case PART_COUNT -> unsignedToDouble(metric.summaryCount);
        case PART_SUM -> metric.summarySum;
        default -> metric.quantileValue[part];
      };
      default -> {
        if (part == PART_SUM) {
          yield metric.histogramSum;
        }
        if (part == PART_COUNT || part >= metric.bucketCount) {
          double v = metric.histogramCountFloat;
          yield v != 0 ? v : unsignedToDouble(metric.histogramCount);
        }
        double v = metric.bucketCountFloat[part];
        yield v != 0 ? v : unsignedToDouble(metric.bucketCumulative[part]);
      }
    };
  }

  @Override
  public boolean hasTimestamp() {
    return metric.timestampMs != 0; // proto3 cannot tell 0 from unset; Prometheus reads 0 as unset
  }

  @Override
  public long timestamp() {
    return metric.timestampMs;
  }

  @Override
  public boolean exemplar(Exemplar into) {
    if (exemplarReturned || phase != Phase.SERIES) {
      return false;
    }
    int off;
    int end;
    if (type == COUNTER) {
      off = metric.counterExemplarOff;
      end = metric.counterExemplarEnd;
    } else if ((type == HISTOGRAM || type == GAUGE_HISTOGRAM) && part >= 0
        && part < metric.bucketCount) {
      off = metric.bucketExemplarOff[part];
      end = metric.bucketExemplarEnd[part];
    } else {
      return false;
    }
    if (off < 0) {
      return false;
    }
    metric.readExemplar(buf, off, end, exemplarLabels, into);
    exemplarReturned = true;
    return true;
  }

  @Override
  public long startTimestamp() {
    return switch (type) {
      case COUNTER -> metric.counterStart;
      case SUMMARY -> metric.summaryStart;
      case HISTOGRAM, GAUGE_HISTOGRAM -> metric.histogramStart;
      default -> 0;
    };
  }

  @Override
  public String metricName() {
    if (familyName == null) {
      familyName = utf8(nameOff, nameLen);
    }
    return familyName;
  }

  @Override
  public String help() {
    return utf8(helpOff, helpLen);
  }

  @Override
  public MetricType type() {
    return switch (type) {
      case COUNTER -> MetricType.COUNTER;
      case GAUGE -> MetricType.GAUGE;
      case SUMMARY -> MetricType.SUMMARY;
      case HISTOGRAM -> MetricType.HISTOGRAM;
      case GAUGE_HISTOGRAM -> MetricType.GAUGE_HISTOGRAM;
      default -> MetricType.UNKNOWN;
    };
  }

  @Override
  public String unit() {
    return utf8(unitOff, unitLen);
  }

  /** The protobuf format has no comments; this parser never returns {@link Entry#COMMENT}. */
  @Override
  public String comment() {
    return "";
  }

  private String utf8(int off, int len) {
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }

  /** Go's {@code float64(uint64)}: counts above 2^63 stay positive. */
  static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    // Halve with the low bit kept sticky so the final rounding matches an exact conversion.
    return ((v >>> 1) | (v & 1)) * 2.0;
  }
}
