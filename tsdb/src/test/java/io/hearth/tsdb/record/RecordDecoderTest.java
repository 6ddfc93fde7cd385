package io.hearth.tsdb.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.tsdb.io.ByteSlice;
import io.hearth.tsdb.io.DecodeException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
  private final SymbolTable symbols = new SymbolTable();
  private final RecordDecoder dec = new RecordDecoder(symbols);

  record Sample(long ref, long t, long bits) {}

  record Series(long ref, Labels labels) {}

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private List<Sample> samples(byte[] rec) {
    List<Sample> out = new ArrayList<>();
    dec.samples(rec, 0, rec.length, (ref, t, v) -> out.add(new Sample(ref, t, Double.doubleToRawLongBits(v))));
    return out;
  }

  @Test
  void roundTripsRandomSamples() {
    long seed = System.nanoTime();
    System.out.println("RecordDecoderTest seed " + seed);
    Random rnd = new Random(seed);
    int n = 1 + rnd.nextInt(5000);
    long[] refs = new long[n];
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      refs[i] = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(100_000);
      ts[i] = rnd.nextInt(4) == 0 ? rnd.nextLong() : 1_700_000_000_000L + rnd.nextInt(60_000);
      vs[i] = rnd.nextInt(10) == 0 ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextGaussian();
    }
    ByteSlice rec = new RecordEncoder().samples(refs, ts, vs, n);
    List<Sample> got = samples(rec.toByteArray());
    assertThat(got).as("seed %d", seed).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(got.get(i)).as("seed %d sample %d", seed, i).isEqualTo(new Sample(refs[i], ts[i], Double.doubleToRawLongBits(vs[i])));
    }
  }

  @Test
  void encodingAndDecodingSamplesAllocateNothing() {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    int n = 1000;
    long[] refs = new long[n];
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      refs[i] = i * 3;
      ts[i] = 1_700_000_000_000L + i;
      vs[i] = i * 0.5;
    }
    RecordEncoder enc = new RecordEncoder();
    long[] sum = new long[1];
    SampleConsumer c = (ref, t, v) -> sum[0] += ref + t;
    for (int i = 0; i < 1000; i++) {
      ByteSlice rec = enc.samples(refs, ts, vs, n);
      dec.samples(rec.array(), rec.offset(), rec.length(), c);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 200; i++) {
      ByteSlice rec = enc.samples(refs, ts, vs, n);
      dec.samples(rec.array(), rec.offset(), rec.length(), c);
    }
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated by 200 x 1000 samples").isLessThan(1000);
    assertThat(sum[0]).isPositive();
  }

  @Test
  void decodesTheGoldenSamplesRecord() {
    byte[] rec = bytes("02" + "0000000000000005" + "00000000000003e8" + "00003ff0000000000000" + "041ec004000000000000" + "01137ff0000000000002");
    assertThat(samples(rec))
        .containsExactly(
            new Sample(5, 1000, Double.doubleToRawLongBits(1.0)),
            new Sample(7, 1015, Double.doubleToRawLongBits(-2.5)),
            new Sample(4, 990, 0x7ff0000000000002L));
    assertThat(samples(bytes("02"))).isEmpty();
  }

  @Test
  void roundTripsSeriesAndInternsStrings() {
    Labels a = Labels.of("__name__", "up", "job", "node", "instance", "h:9100");
    Labels b = Labels.of("__name__", "up", "job", "node", "instance", "h:9200", "zone", "é😀");
    byte[] rec = new RecordEncoder().series(new long[] {10, 11}, new Labels[] {a, b}, 2).toByteArray();
    List<Series> got = new ArrayList<>();
    dec.series(rec, 0, rec.length, (ref, ls) -> got.add(new Series(ref, ls)));
    assertThat(got).containsExactly(new Series(10, a), new Series(11, b));
    assertThat(got.get(0).labels().get("job")).isSameAs(got.get(1).labels().get("job")); // interned
    assertThat(got.get(1).labels().get("job")).isSameAs(symbols.intern("node"));
  }

  @Test
  void roundTripsTombstones() {
    byte[] rec = new RecordEncoder().tombstones(new long[] {1, 2}, new long[] {Long.MIN_VALUE, 0}, new long[] {Long.MAX_VALUE, 5}, 2).toByteArray();
    List<long[]> got = new ArrayList<>();
    dec.tombstones(rec, 0, rec.length, (ref, minT, maxT) -> got.add(new long[] {ref, minT, maxT}));
    assertThat(got).containsExactly(new long[] {1, Long.MIN_VALUE, Long.MAX_VALUE}, new long[] {2, 0, 5});
  }

  @Test
  void decodesFromAnOffset() {
    byte[] inner = new RecordEncoder().samples(new long[] {3}, new long[] {4}, new double[] {5}, 1).toByteArray();
    byte[] rec = new byte[inner.length + 4];
    System.arraycopy(inner, 0, rec, 2, inner.length);
    List<Sample> got = new ArrayList<>();
    dec.samples(rec, 2, inner.length, (ref, t, v) -> got.add(new Sample(ref, t, Double.doubleToRawLongBits(v))));
    assertThat(got).containsExactly(new Sample(3, 4, Double.doubleToRawLongBits(5)));
    assertThat(RecordDecoder.type(rec, 2, inner.length)).isEqualTo(RecordType.SAMPLES);
  }

  @Test
  void typeOfEmptyOrUnknownRecordIsUnknown() {
    assertThat(RecordDecoder.type(new byte[0], 0, 0)).isEqualTo(RecordType.UNKNOWN);
    assertThat(RecordDecoder.type(new byte[] {42}, 0, 1)).isEqualTo(RecordType.UNKNOWN);
    assertThat(RecordDecoder.type(new byte[] {7}, 0, 1)).isEqualTo(RecordType.HISTOGRAM_SAMPLES);
  }

  private void checkMalformedSamples(String hex, String message) {
    byte[] rec = bytes(hex);
    assertThatThrownBy(() -> samples(rec)).isInstanceOf(DecodeException.class).hasMessage(message);
  }

  private void checkMalformedSeries(String hex, String message) {
    byte[] rec = bytes(hex);
    assertThatThrownBy(() -> dec.series(rec, 0, rec.length, (ref, ls) -> {})).isInstanceOf(DecodeException.class).hasMessage(message);
  }

  @Test
  void reportsMalformedRecords() {
    checkMalformedSamples("01", "cannot decode samples(2) record: got a series(1) record");
    checkMalformedSamples("", "cannot decode samples(2) record: got an empty record");
    checkMalformedSamples("63", "cannot decode samples(2) record: got a record with unknown type code 99");
    checkMalformedSamples("0200000000000000", "cannot decode samples(2) record: sample 0: cannot read BE64 at offset 1: only 7 bytes left");
    checkMalformedSamples(
        "02" + "0000000000000005" + "00000000000003e8" + "00003ff0000000000000" + "0202" + "3ff00000",
        "cannot decode samples(2) record: sample 1: cannot read BE64 at offset 29: only 4 bytes left");
    checkMalformedSeries("01" + "0000000000000001" + "01" + "0161", "cannot decode series(1) record: series 0: cannot read uvarint at offset 12: input ends after 0 bytes");
    checkMalformedSeries(
        "01" + "0000000000000001" + "01" + "05" + "61",
        "cannot decode series(1) record: series 0: cannot read string at offset 10: length 5 but only 1 bytes left");
    checkMalformedSeries("01" + "0000000000000001" + "01" + "00" + "0161", "cannot decode series(1) record: series 0: label 0 has an empty name");
    checkMalformedSeries("01" + "0000000000000001" + "00" + "ff", "cannot decode series(1) record: series 1: cannot read BE64 at offset 10: only 1 bytes left");
  }
}
