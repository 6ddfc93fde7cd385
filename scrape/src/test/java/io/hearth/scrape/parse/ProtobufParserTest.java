package io.hearth.scrape.parse;

import static io.hearth.scrape.parse.MetricFamilies.COUNTER;
import static io.hearth.scrape.parse.MetricFamilies.GAUGE;
import static io.hearth.scrape.parse.MetricFamilies.GAUGE_HISTOGRAM;
import static io.hearth.scrape.parse.MetricFamilies.HISTOGRAM;
import static io.hearth.scrape.parse.MetricFamilies.SUMMARY;
import static io.hearth.scrape.parse.MetricFamilies.UNTYPED;
import static io.hearth.scrape.parse.MetricFamilies.bucket;
import static io.hearth.scrape.parse.MetricFamilies.counter;
import static io.hearth.scrape.parse.MetricFamilies.exemplar;
import static io.hearth.scrape.parse.MetricFamilies.family;
import static io.hearth.scrape.parse.MetricFamilies.metric;
import static io.hearth.scrape.parse.MetricFamilies.msg;
import static io.hearth.scrape.parse.MetricFamilies.quantile;
import static io.hearth.scrape.parse.MetricFamilies.stream;
import static io.hearth.scrape.parse.MetricFamilies.timestamp;
import static io.hearth.scrape.parse.MetricFamilies.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.LabelsBuilder;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufParserTest {

  @Test
  void counterYieldsHelpTypeAndOneSeriesPerMetric() {
    byte[] in = stream(family("http_requests_total", "Requests served.", COUNTER,
        metric("method", "get", "code", "200").msg(3, counter(1027)),
        metric("method", "post", "code", "200").msg(3, counter(3))));
    check(in,
        "HELP http_requests_total Requests served.",
        "TYPE http_requests_total counter",
        "{__name__=\"http_requests_total\", code=\"200\", method=\"get\"} 1027.0",
        "{__name__=\"http_requests_total\", code=\"200\", method=\"post\"} 3.0");
  }

  @Test
  void aSampleExposesItsLabelsEvenEmptyOnes() {
    byte[] in = stream(family("g", "", GAUGE, metric("job", "", "x", "1").msg(2, value(1))));
    ProtobufParser p = new ProtobufParser();
    p.reset(in, in.length);
    Entry e;
    do {
      e = p.next();
    } while (e != Entry.SERIES && e != Entry.EOF);
    assertThat(e).isEqualTo(Entry.SERIES);
    assertThat(p.exposesLabel("job")).isTrue();
    assertThat(p.exposesLabel("x")).isTrue();
    assertThat(p.exposesLabel("instance")).isFalse();
  }

  @Test
  void gaugeAndUntyped() {
    byte[] in = stream(
        family("temperature", "", GAUGE, metric().msg(2, value(-4.5))),
        family("legacy", "Old style.", UNTYPED, metric("a", "b").msg(5, value(7))));
    check(in,
        "HELP temperature ",
        "TYPE temperature gauge",
        "{__name__=\"temperature\"} -4.5",
        "HELP legacy Old style.",
        "TYPE legacy unknown",
        "{__name__=\"legacy\", a=\"b\"} 7.0");
  }

  @Test
  void aValueOfTheWrongKindReadsAsZero() {
    // A counter family whose metric carries a gauge: Prometheus reads the (absent) counter.
    check(stream(family("c", "", COUNTER, metric().msg(2, value(5)))),
        "HELP c ", "TYPE c counter", "{__name__=\"c\"} 0.0");
  }

  @Test
  void unitComesBetweenHelpAndType() {
    byte[] in = stream(family("latency_seconds", "Latency.", GAUGE, metric().msg(2, value(1)))
        .string(5, "seconds"));
    check(in,
        "HELP latency_seconds Latency.",
        "UNIT latency_seconds seconds",
        "TYPE latency_seconds gauge",
        "{__name__=\"latency_seconds\"} 1.0");
  }

  @Test
  void timestampsOfZeroMeanNone() {
    byte[] in = stream(family("g", "", GAUGE,
        metric("i", "1").msg(2, value(1)).int64(6, 1700000000123L),
        metric("i", "2").msg(2, value(2)).int64(6, 0),
        metric("i", "3").msg(2, value(3)).int64(6, -5)));
    check(in,
        "HELP g ", "TYPE g gauge",
        "{__name__=\"g\", i=\"1\"} 1.0 @1700000000123",
        "{__name__=\"g\", i=\"2\"} 2.0",
        "{__name__=\"g\", i=\"3\"} 3.0 @-5");
  }

  @Test
  void counterExemplarAndCreatedTimestamp() {
    byte[] in = stream(family("jobs_total", "", COUNTER,
        metric().msg(3, counter(42)
            .msg(2, exemplar(1.5, timestamp(1700000000, 987_654_321), "trace_id", "abc", "span", "1"))
            .msg(3, timestamp(1600000000, 5_000_000))),
        metric("x", "noexemplar").msg(3, counter(1).msg(2, exemplar(2, null)))));
    check(in,
        "HELP jobs_total ", "TYPE jobs_total counter",
        "{__name__=\"jobs_total\"} 42.0 st=1600000000005 # {span=\"1\", trace_id=\"abc\"} 1.5 @1700000000987",
        "{__name__=\"jobs_total\", x=\"noexemplar\"} 1.0 # {} 2.0");
  }

  @Test
  void exemplarIsReturnedOnce() {
    ProtobufParser p = parser(stream(family("c", "", COUNTER,
        metric().msg(3, counter(1).msg(2, exemplar(3, null, "a", "b"))))));
    skipTo(p, Entry.SERIES);
    Exemplar e = new Exemplar();
    assertThat(p.exemplar(e)).isTrue();
    assertThat(e.labels.toString()).isEqualTo("{a=\"b\"}");
    assertThat(e.hasTimestamp).isFalse();
    assertThat(p.exemplar(e)).isFalse();
  }

  @Test
  void summaryYieldsCountSumThenQuantiles() {
    byte[] in = stream(family("rpc_seconds", "RPC latency.", SUMMARY,
        metric("svc", "a").int64(6, 1000).msg(4, msg()
            .uint64(1, 9).dbl(2, 12.5)
            .msg(3, quantile(0.5, 1.25)).msg(3, quantile(0.99, 3)).msg(3, quantile(1, 4))
            .msg(4, timestamp(900, 0)))));
    check(in,
        "HELP rpc_seconds RPC latency.",
        "TYPE rpc_seconds summary",
        "{__name__=\"rpc_seconds_count\", svc=\"a\"} 9.0 @1000 st=900000",
        "{__name__=\"rpc_seconds_sum\", svc=\"a\"} 12.5 @1000 st=900000",
        "{__name__=\"rpc_seconds\", quantile=\"0.5\", svc=\"a\"} 1.25 @1000 st=900000",
        "{__name__=\"rpc_seconds\", quantile=\"0.99\", svc=\"a\"} 3.0 @1000 st=900000",
        "{__name__=\"rpc_seconds\", quantile=\"1.0\", svc=\"a\"} 4.0 @1000 st=900000");
  }

  @Test
  void summaryWithoutQuantilesYieldsCountAndSum() {
    byte[] in = stream(family("s", "", SUMMARY,
        metric().msg(4, msg().uint64(1, 2).dbl(2, 3)),
        metric("b", "2").msg(4, msg().uint64(1, 1).dbl(2, 1))));
    check(in,
        "HELP s ", "TYPE s summary",
        "{__name__=\"s_count\"} 2.0",
        "{__name__=\"s_sum\"} 3.0",
        "{__name__=\"s_count\", b=\"2\"} 1.0",
        "{__name__=\"s_sum\", b=\"2\"} 1.0");
  }

  @Test
  void histogramWithInfBucketYieldsCountSumBuckets() {
    byte[] in = stream(family("req_seconds", "", HISTOGRAM,
        metric().msg(7, msg().uint64(1, 10).dbl(2, 4.5)
            .msg(3, bucket(0.1, 2).msg(3, exemplar(0.05, timestamp(10, 0), "trace", "t1")))
            .msg(3, bucket(1, 7))
            .msg(3, bucket(1e6, 9))
            .msg(3, bucket(Double.POSITIVE_INFINITY, 10).msg(3, exemplar(99, null)))
            .msg(15, timestamp(100, 0)))));
    check(in,
        "HELP req_seconds ", "TYPE req_seconds histogram",
        "{__name__=\"req_seconds_count\"} 10.0 st=100000",
        "{__name__=\"req_seconds_sum\"} 4.5 st=100000",
        "{__name__=\"req_seconds_bucket\", le=\"0.1\"} 2.0 st=100000 # {trace=\"t1\"} 0.05 @10000",
        "{__name__=\"req_seconds_bucket\", le=\"1.0\"} 7.0 st=100000",
        "{__name__=\"req_seconds_bucket\", le=\"1e+06\"} 9.0 st=100000",
        "{__name__=\"req_seconds_bucket\", le=\"+Inf\"} 10.0 st=100000 # {} 99.0");
  }

  @Test
  void histogramWithoutInfBucketGetsOneWithTheCount() {
    byte[] in = stream(family("h", "", HISTOGRAM,
        metric("a", "x").msg(7, msg().uint64(1, 5).dbl(2, 2).msg(3, bucket(0.5, 3)))));
    check(in,
        "HELP h ", "TYPE h histogram",
        "{__name__=\"h_count\", a=\"x\"} 5.0",
        "{__name__=\"h_sum\", a=\"x\"} 2.0",
        "{__name__=\"h_bucket\", a=\"x\", le=\"0.5\"} 3.0",
        "{__name__=\"h_bucket\", a=\"x\", le=\"+Inf\"} 5.0");
  }

  @Test
  void histogramStopsAtTheFirstInfBucket() {
    byte[] in = stream(family("h", "", HISTOGRAM,
        metric().msg(7, msg().uint64(1, 5)
            .msg(3, bucket(Double.POSITIVE_INFINITY, 5)).msg(3, bucket(7, 6)))));
    check(in,
        "HELP h ", "TYPE h histogram",
        "{__name__=\"h_count\"} 5.0",
        "{__name__=\"h_sum\"} 0.0",
        "{__name__=\"h_bucket\", le=\"+Inf\"} 5.0");
  }

  @Test
  void floatCountsOverrideIntegerCountsWhenNonZero() {
    byte[] in = stream(family("gh", "", GAUGE_HISTOGRAM,
        metric().msg(7, msg().uint64(1, 1).dbl(4, 2.5).dbl(2, 1)
            .msg(3, bucket(1, 1).dbl(4, 1.5))
            .msg(3, bucket(2, 2).dbl(4, 0)))));
    check(in,
        "HELP gh ", "TYPE gh gaugehistogram",
        "{__name__=\"gh_count\"} 2.5",
        "{__name__=\"gh_sum\"} 1.0",
        "{__name__=\"gh_bucket\", le=\"1.0\"} 1.5",
        "{__name__=\"gh_bucket\", le=\"2.0\"} 2.0",
        "{__name__=\"gh_bucket\", le=\"+Inf\"} 2.5");
  }

  @Test
  void nativeHistogramWithoutClassicBucketsReadsAsClassic() {
    // Native histogram ingestion off: Prometheus keeps count, sum and a +Inf bucket.
    byte[] in = stream(family("nh", "", HISTOGRAM,
        metric().msg(7, msg().uint64(1, 6).dbl(2, 11).sint32(5, 3).dbl(6, 1e-128).uint64(7, 1)
            .msg(12, msg().sint32(1, -2).int32(2, 3)).packedSint64(13, 1, 1, -1)
            .msg(16, exemplar(3, timestamp(5, 0), "t", "1")))));
    check(in,
        "HELP nh ", "TYPE nh histogram",
        "{__name__=\"nh_count\"} 6.0",
        "{__name__=\"nh_sum\"} 11.0",
        "{__name__=\"nh_bucket\", le=\"+Inf\"} 6.0");
  }

  @Test
  void emptyFamiliesYieldNothing() {
    byte[] in = stream(
        family("empty", "no metrics", GAUGE),
        family("", "an empty family is not even checked", 99),
        family("g", "", GAUGE, metric().msg(2, value(1))),
        family("empty_too", "", COUNTER));
    check(in, "HELP g ", "TYPE g gauge", "{__name__=\"g\"} 1.0");
    check(new byte[0]);
  }

  @Test
  void unknownFieldsAreSkipped() {
    byte[] in = stream(family("g", "", GAUGE,
        metric().fixed32(99, 7).msg(2, value(1).uint64(17, 3)).string(100, "x"))
        .int64(42, 5));
    check(in, "HELP g ", "TYPE g gauge", "{__name__=\"g\"} 1.0");
  }

  @Test
  void metricsComeAfterUnitOnTheWire() {
    // Field order on the wire is free; the unit may follow the metrics.
    byte[] in = stream(msg().msg(4, metric().msg(2, value(1))).string(5, "bytes")
        .int32(3, GAUGE).string(1, "mem_bytes"));
    check(in, "HELP mem_bytes ", "UNIT mem_bytes bytes", "TYPE mem_bytes gauge",
        "{__name__=\"mem_bytes\"} 1.0");
  }

  @Test
  void seriesBytesAreTheSameForTheSameLabelsInAnyOrder() {
    byte[] in = stream(family("c", "", COUNTER,
        metric("b", "2", "a", "1").msg(3, counter(1)),
        metric("a", "1", "b", "2").msg(3, counter(1)),
        metric("a", "1", "b", "3").msg(3, counter(1))));
    List<String> keys = keys(in);
    assertThat(keys).hasSize(3);
    assertThat(keys.get(0)).isEqualTo(keys.get(1)).isEqualTo("c|a|1|b|2");
    assertThat(keys.get(2)).isEqualTo("c|a|1|b|3");
    assertThat(keys(in)).as("a second scrape").isEqualTo(keys);
  }

  @Test
  void seriesBytesKeepTheMagicLabelInOrderAndDistinguishEverySeries() {
    byte[] in = stream(family("h", "", HISTOGRAM,
        metric("a", "1", "z", "9").msg(7, msg().uint64(1, 1).msg(3, bucket(0.25, 1))),
        metric("a", "1", "z", "8").msg(7, msg().uint64(1, 1).msg(3, bucket(0.25, 1)))));
    List<String> keys = keys(in);
    assertThat(keys).containsExactly(
        "h_count|a|1|z|9", "h_sum|a|1|z|9", "h_bucket|a|1|le|0.25|z|9", "h_bucket|a|1|le|+Inf|z|9",
        "h_count|a|1|z|8", "h_sum|a|1|z|8", "h_bucket|a|1|le|0.25|z|8", "h_bucket|a|1|le|+Inf|z|8");
  }

  @Test
  void emptyLabelValuesAreDroppedFromLabelsButKeptInTheKey() {
    byte[] in = stream(family("g", "", GAUGE, metric("a", "", "b", "x").msg(2, value(1))));
    check(in, "HELP g ", "TYPE g gauge", "{__name__=\"g\", b=\"x\"}" + " 1.0");
    assertThat(keys(in)).containsExactly("g|a||b|x");
  }

  @Test
  void utf8NamesAndValues() {
    byte[] in = stream(family("my.metric ✓", "Hälp", GAUGE,
        metric("label.with.dots", "välue").msg(2, value(1))));
    check(in, "HELP my.metric ✓ Hälp", "TYPE my.metric ✓ gauge",
        "{__name__=\"my.metric ✓\", label.with.dots=\"välue\"} 1.0");
  }

  @Test
  void hugeCountsStayPositive() {
    byte[] in = stream(family("s", "", SUMMARY, metric().msg(4, msg().uint64(1, -1L))));
    ProtobufParser p = parser(in);
    skipTo(p, Entry.SERIES);
    assertThat(p.value()).isEqualTo(1.8446744073709552E19);
  }

  @Test
  void resetForgetsEarlierInput() {
    ProtobufParser p = parser(stream(family("a", "", GAUGE, metric().msg(2, value(1)))));
    assertThat(p.next()).isEqualTo(Entry.HELP);
    byte[] b = stream(family("b", "", GAUGE, metric().msg(2, value(2))));
    p.reset(b, 0);
    assertThat(p.next()).isEqualTo(Entry.EOF);
    p.reset(b, b.length);
    assertThat(p.next()).isEqualTo(Entry.HELP);
    assertThat(p.metricName()).isEqualTo("b");
    assertThat(p.next()).isEqualTo(Entry.TYPE);
    assertThat(p.next()).isEqualTo(Entry.SERIES);
    assertThat(p.value()).isEqualTo(2);
    assertThat(p.next()).isEqualTo(Entry.EOF);
    assertThat(p.next()).isEqualTo(Entry.EOF);
  }

  @Test
  void onlyTheGivenLengthIsRead() {
    byte[] one = stream(family("a", "", GAUGE, metric().msg(2, value(1))));
    byte[] padded = Arrays.copyOf(one, one.length + 50);
    Arrays.fill(padded, one.length, padded.length, (byte) 0xFF);
    ProtobufParser p = new ProtobufParser();
    p.reset(padded, one.length);
    assertThat(drain(p)).hasSize(3);
  }

  @Test
  void steadyStateParsingAllocatesNothing() {
    List<MetricFamilies.Msg> families = new ArrayList<>();
    for (int f = 0; f < 50; f++) {
      families.add(family("counter_" + f + "_total", "help " + f, COUNTER,
          metric("instance", "host:9100", "cpu", "" + f).msg(3, counter(f).msg(3, timestamp(5, 0)))));
      families.add(family("hist_" + f, "", HISTOGRAM, metric("path", "/" + f).msg(7, msg()
          .uint64(1, 10).dbl(2, 1).msg(3, bucket(0.005, 1)).msg(3, bucket(0.25, 5))
          .msg(3, bucket(2.5, 9)))));
      families.add(family("sum_" + f, "", SUMMARY, metric().msg(4, msg()
          .uint64(1, 3).msg(3, quantile(0.5, 1)).msg(3, quantile(0.9, 2)))));
    }
    byte[] in = stream(families.toArray(MetricFamilies.Msg[]::new));
    ProtobufParser p = new ProtobufParser();
    long checksum = consumeAll(p, in); // warm up: grows arrays, fills the float cache
    for (int i = 0; i < 200; i++) {
      checksum += consumeAll(p, in); // let the JIT settle, escape analysis included
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < 20; i++) {
      checksum += consumeAll(p, in);
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    assertThat(checksum).isNotZero();
    // 20 scrapes of 650 samples; a per-sample allocation would show up as ≥ 200 KB.
    assertThat(allocated).isLessThan(16 * 1024);
  }

  @Test
  void aTruncatedStreamFailsUnlessCutBetweenFamilies() {
    byte[] first = stream(family("a", "", COUNTER, metric("x", "y").msg(3, counter(1))));
    byte[] in = stream(family("a", "", COUNTER, metric("x", "y").msg(3, counter(1))),
        family("b", "", HISTOGRAM, metric().msg(7, msg().uint64(1, 1).msg(3, bucket(1, 1)))));
    for (int cut = 1; cut < in.length; cut++) {
      ProtobufParser p = new ProtobufParser();
      p.reset(in, cut);
      if (cut == first.length) {
        assertThat(drain(p)).hasSize(3);
      } else {
        assertThatThrownBy(() -> drain(p)).as("cut at %d", cut)
            .isInstanceOf(ExpositionException.class)
            .hasMessageMatching("byte \\d+: clientpb: insufficient length of buffer, .*");
      }
    }
  }

  @Test
  void malformedInputNamesTheByteOffsetAndReason() {
    assertFails(new byte[] {(byte) 0x80}, "byte 0: clientpb: invalid varint encountered");
    assertFails(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1},
        "byte 0: clientpb: invalid varint encountered");
    assertFails(new byte[] {100, 1, 2, 3},
        "byte 0: clientpb: insufficient length of buffer, expected at least 101 bytes, got 4 bytes");
    assertFails(stream(msg().uint64(1, 5)), "byte 1: proto: wrong wireType = 0 for field Name");
    assertFails(stream(msg().string(1, "m").rawBytes(4, new byte[] {0x0A, 0x05, 'a'})),
        "byte 8: unexpected EOF");
    assertFails(stream(msg().string(1, "m").rawBytes(4, new byte[] {0x0C})),
        "byte 6: proto: Metric: wiretype end group for non-group");
    assertFails(stream(msg().string(1, "m").rawBytes(4, new byte[] {0x00})),
        "byte 6: proto: Metric: illegal tag 0 (wire type 0)");
    assertFails(stream(family("m", "", COUNTER, metric().rawBytes(3, new byte[] {0x08, 1}))),
        "byte 8: proto: wrong wireType = 0 for field Value");
    assertFails(stream(family("m", "", COUNTER, metric().rawBytes(6, new byte[] {1}))),
        "byte 6: proto: wrong wireType = 2 for field TimestampMs");
    assertFails(stream(family("m", "", HISTOGRAM, metric().msg(7, msg().string(5, "x")))),
        "byte 10: proto: wrong wireType = 2 for field Schema");
  }

  @Test
  void familiesAreCheckedLikePrometheusDoes() {
    assertFails(stream(family("", "", GAUGE, metric().msg(2, value(1)))),
        "byte 0: invalid metric name: ");
    assertFails(stream(msg().rawBytes(1, new byte[] {'a', (byte) 0xC3, '('})
            .msg(4, metric().msg(2, value(1)))),
        "byte 0: invalid metric name: a\uFFFD(");
    assertFails(stream(msg().string(1, "m").rawBytes(2, new byte[] {(byte) 0xFF})
            .msg(4, metric().msg(2, value(1)))),
        "byte 0: invalid help for metric \"m\": \uFFFD");
    assertFails(stream(family("m", "", 6, metric().msg(2, value(1)))),
        "byte 0: unknown metric type for metric \"m\": 6");
  }

  @Test
  void labelsAreCheckedWhenTheirSeriesIsReached() {
    assertFails(stream(family("m", "", GAUGE, metric("", "v").msg(2, value(1)))),
        "byte 10: invalid label name: ");
    assertFails(stream(family("m", "", GAUGE,
            metric().msg(1, msg().string(1, "a").rawBytes(2, new byte[] {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80})).msg(2, value(1)))),
        "byte 15: invalid label value: \uFFFD");
    assertFails(stream(family("m", "", GAUGE, metric("a", "1", "a", "2").msg(2, value(1)))),
        "byte 8: label name \"a\" is not unique: invalid sample");
    assertFails(stream(family("m", "", GAUGE, metric("__name__", "x").msg(2, value(1)))),
        "byte 8: label name \"__name__\" is not unique: invalid sample");
    assertFails(stream(family("h", "", HISTOGRAM,
            metric("le", "x").msg(7, msg().msg(3, bucket(1, 1))))),
        "byte 8: label name \"le\" is not unique: invalid sample");
    // A label that collides only with the bucket label still yields the series before it.
    ProtobufParser p = parser(stream(family("h", "", HISTOGRAM,
        metric("le", "x").msg(7, msg().msg(3, bucket(1, 1))))));
    assertThat(p.next()).isEqualTo(Entry.HELP);
    assertThat(p.next()).isEqualTo(Entry.TYPE);
    assertThat(p.next()).isEqualTo(Entry.SERIES);
    assertThat(p.next()).isEqualTo(Entry.SERIES);
    assertThatThrownBy(p::next).isInstanceOf(ExpositionException.class);
  }

  /** Reads everything the scrape loop would on a cache hit: key, value, timestamp, start. */
  private static long consumeAll(ProtobufParser p, byte[] in) {
    p.reset(in, in.length);
    long sum = 0;
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      if (e == Entry.SERIES) {
        sum += p.seriesLength() + (long) p.value() + p.startTimestamp() + (p.hasTimestamp() ? 1 : 0)
            + p.seriesBytes()[0];
      } else if (e == Entry.TYPE) {
        sum += p.type().ordinal();
      }
    }
    return sum;
  }

  private static ProtobufParser parser(byte[] in) {
    ProtobufParser p = new ProtobufParser();
    p.reset(in, in.length);
    return p;
  }

  private static void skipTo(ProtobufParser p, Entry want) {
    for (int i = 0; i < 100; i++) {
      if (p.next() == want) {
        return;
      }
    }
    throw new AssertionError("no " + want);
  }

  private static void check(byte[] in, String... want) {
    assertThat(drain(parser(in))).containsExactly(want);
  }

  /** Every entry rendered as one line; series with their exemplar. */
  static List<String> drain(ExpositionParser p) {
    List<String> out = new ArrayList<>();
    LabelsBuilder lb = new LabelsBuilder();
    Exemplar ex = new Exemplar();
    for (int i = 0; i < 10_000; i++) {
      Entry e = p.next();
      switch (e) {
        case EOF -> {
          return out;
        }
        case HELP -> out.add("HELP " + p.metricName() + " " + p.help());
        case UNIT -> out.add("UNIT " + p.metricName() + " " + p.unit());
        case TYPE -> out.add("TYPE " + p.metricName() + " " + p.type().text());
        case COMMENT -> out.add("COMMENT " + p.comment());
        case SERIES -> {
          lb.reset();
          p.labels(lb);
          StringBuilder sb = new StringBuilder().append(lb.build()).append(' ').append(p.value());
          if (p.hasTimestamp()) {
            sb.append(" @").append(p.timestamp());
          }
          if (p.startTimestamp() != 0) {
            sb.append(" st=").append(p.startTimestamp());
          }
          while (p.exemplar(ex)) {
            sb.append(" # ").append(ex.labels).append(' ').append(ex.value);
            if (ex.hasTimestamp) {
              sb.append(" @").append(ex.timestamp);
            }
          }
          out.add(sb.toString());
        }
      }
    }
    throw new AssertionError("parser did not reach EOF");
  }

  /** The series keys, with the 0xFF separators shown as '|'. */
  private static List<String> keys(byte[] in) {
    ProtobufParser p = parser(in);
    List<String> keys = new ArrayList<>();
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      if (e == Entry.SERIES) {
        byte[] k = Arrays.copyOfRange(p.seriesBytes(), p.seriesOffset(),
            p.seriesOffset() + p.seriesLength());
        for (int i = 0; i < k.length; i++) {
          if (k[i] == (byte) 0xFF) {
            k[i] = '|';
          }
        }
        String s = new String(k, StandardCharsets.UTF_8);
        keys.add(s);
      }
    }
    return keys;
  }

  static void assertFails(byte[] in, String message) {
    assertThatThrownBy(() -> drain(parser(in)))
        .isInstanceOf(ExpositionException.class)
        .hasMessage(message);
  }
}
