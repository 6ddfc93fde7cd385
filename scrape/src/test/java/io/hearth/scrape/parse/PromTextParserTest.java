package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromTextParserTest {
  private static List<String> parse(String in) {
    return EntryDump.dump(new PromTextParser(), in);
  }

  private static void check(String in, String... want) {
    assertThat(parse(in)).as("input %s", in).containsExactly(want);
  }

  private static void checkError(String in, String want) {
    assertThat(EntryDump.error(new PromTextParser(), in)).as("input %s", in).isEqualTo(want);
  }

  @Test
  void upstreamTestPromParseInput() {
    String in =
        """
        # HELP go_gc_duration_seconds A summary of the GC invocation durations.
        # \tTYPE go_gc_duration_seconds summary
        go_gc_duration_seconds{quantile="0"} 4.9351e-05
        go_gc_duration_seconds{quantile="0.25",} 7.424100000000001e-05
        go_gc_duration_seconds{quantile="0.5",a="b"} 8.3835e-05
        go_gc_duration_seconds{quantile="0.8", a="b"} 8.3835e-05
        go_gc_duration_seconds{ quantile="0.9", a="b"} 8.3835e-05
        # HELP prometheus_http_request_duration_seconds Histogram of latencies for HTTP requests.
        # TYPE prometheus_http_request_duration_seconds histogram
        prometheus_http_request_duration_seconds_bucket{handler="/",le="1"} 423
        prometheus_http_request_duration_seconds_bucket{handler="/",le="2"} 1423
        prometheus_http_request_duration_seconds_bucket{handler="/",le="+Inf"} 1423
        prometheus_http_request_duration_seconds_sum{handler="/"} 2000
        prometheus_http_request_duration_seconds_count{handler="/"} 1423
        # Hrandom comment starting with prefix of HELP
        #
        wind_speed{A="2",c="3"} 12345
        # comment with escaped \\n newline
        # comment with escaped \\ escape character
        # HELP nohelp1
        # HELP nohelp2\s
        go_gc_duration_seconds{ quantile="1.0", a="b" } 8.3835e-05
        go_gc_duration_seconds { quantile="1.0", a="b" } 8.3835e-05
        go_gc_duration_seconds { quantile= "1.0", a= "b", } 8.3835e-05
        go_gc_duration_seconds { quantile = "1.0", a = "b" } 8.3835e-05
        go_gc_duration_seconds { quantile = "2.0" a = "b" } 8.3835e-05
        go_gc_duration_seconds_count 99
        some:aggregate:rate5m{a_b="c"}\t1
        # HELP go_goroutines Number of goroutines that currently exist.
        # TYPE go_goroutines gauge
        go_goroutines 33  \t123123
        # TYPE some_counter_total counter
        # HELP some_counter_total Help after type.
        some_counter_total 12
        # HELP nohelp3
        _metric_starting_with_underscore 1
        testmetric{_label_starting_with_underscore="foo"} 1
        testmetric{label="\\"bar\\""} 1
        testmetric{le="10"} 1
        # HELP metric foo\u0000bar
        null_byte_metric{a="abc\u0000"} 1""";
    check(
        in,
        "help go_gc_duration_seconds A summary of the GC invocation durations.",
        "type go_gc_duration_seconds summary",
        "series go_gc_duration_seconds{quantile=\"0\"} => {__name__=\"go_gc_duration_seconds\", quantile=\"0.0\"} 4.9351E-5",
        "series go_gc_duration_seconds{quantile=\"0.25\",} => {__name__=\"go_gc_duration_seconds\", quantile=\"0.25\"} 7.424100000000001E-5",
        "series go_gc_duration_seconds{quantile=\"0.5\",a=\"b\"} => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"0.5\"} 8.3835E-5",
        "series go_gc_duration_seconds{quantile=\"0.8\", a=\"b\"} => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"0.8\"} 8.3835E-5",
        "series go_gc_duration_seconds{ quantile=\"0.9\", a=\"b\"} => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"0.9\"} 8.3835E-5",
        "help prometheus_http_request_duration_seconds Histogram of latencies for HTTP requests.",
        "type prometheus_http_request_duration_seconds histogram",
        "series prometheus_http_request_duration_seconds_bucket{handler=\"/\",le=\"1\"} => {__name__=\"prometheus_http_request_duration_seconds_bucket\", handler=\"/\", le=\"1.0\"} 423.0",
        "series prometheus_http_request_duration_seconds_bucket{handler=\"/\",le=\"2\"} => {__name__=\"prometheus_http_request_duration_seconds_bucket\", handler=\"/\", le=\"2.0\"} 1423.0",
        "series prometheus_http_request_duration_seconds_bucket{handler=\"/\",le=\"+Inf\"} => {__name__=\"prometheus_http_request_duration_seconds_bucket\", handler=\"/\", le=\"+Inf\"} 1423.0",
        "series prometheus_http_request_duration_seconds_sum{handler=\"/\"} => {__name__=\"prometheus_http_request_duration_seconds_sum\", handler=\"/\"} 2000.0",
        "series prometheus_http_request_duration_seconds_count{handler=\"/\"} => {__name__=\"prometheus_http_request_duration_seconds_count\", handler=\"/\"} 1423.0",
        "comment # Hrandom comment starting with prefix of HELP",
        "comment #",
        "series wind_speed{A=\"2\",c=\"3\"} => {A=\"2\", __name__=\"wind_speed\", c=\"3\"} 12345.0",
        "comment # comment with escaped \\n newline",
        "comment # comment with escaped \\ escape character",
        "help nohelp1 ",
        "help nohelp2 ",
        // The type is still the histogram's: Prometheus does not notice the family changed.
        "series go_gc_duration_seconds{ quantile=\"1.0\", a=\"b\" } => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"1.0\"} 8.3835E-5",
        "series go_gc_duration_seconds { quantile=\"1.0\", a=\"b\" } => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"1.0\"} 8.3835E-5",
        "series go_gc_duration_seconds { quantile= \"1.0\", a= \"b\", } => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"1.0\"} 8.3835E-5",
        "series go_gc_duration_seconds { quantile = \"1.0\", a = \"b\" } => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"1.0\"} 8.3835E-5",
        "series go_gc_duration_seconds { quantile = \"2.0\" a = \"b\" } => {__name__=\"go_gc_duration_seconds\", a=\"b\", quantile=\"2.0\"} 8.3835E-5",
        "series go_gc_duration_seconds_count => {__name__=\"go_gc_duration_seconds_count\"} 99.0",
        "series some:aggregate:rate5m{a_b=\"c\"} => {__name__=\"some:aggregate:rate5m\", a_b=\"c\"} 1.0",
        "help go_goroutines Number of goroutines that currently exist.",
        "type go_goroutines gauge",
        "series go_goroutines => {__name__=\"go_goroutines\"} 33.0 @123123",
        "type some_counter_total counter",
        "help some_counter_total Help after type.",
        "series some_counter_total => {__name__=\"some_counter_total\"} 12.0",
        "help nohelp3 ",
        "series _metric_starting_with_underscore => {__name__=\"_metric_starting_with_underscore\"} 1.0",
        "series testmetric{_label_starting_with_underscore=\"foo\"} => {__name__=\"testmetric\", _label_starting_with_underscore=\"foo\"} 1.0",
        "series testmetric{label=\"\\\"bar\\\"\"} => {__name__=\"testmetric\", label=\"\\\"bar\\\"\"} 1.0",
        "series testmetric{le=\"10\"} => {__name__=\"testmetric\", le=\"10\"} 1.0",
        "help metric foo\u0000bar",
        "series null_byte_metric{a=\"abc\u0000\"} => {__name__=\"null_byte_metric\", a=\"abc\u0000\"} 1.0");
  }

  @Test
  void utf8NamesInBraces() {
    check(
        """
        # HELP "go.gc_duration_seconds" A summary of the GC invocation durations.
        # \tTYPE "go.gc_duration_seconds" summary
        {"go.gc_duration_seconds",quantile="0"} 4.9351e-05
        { "go.gc_duration_seconds", quantile = "1.0", a = "b" } 8.3835e-05
        {"go.gc_duration_seconds_count"} 99
        {"Heizölrückstoßabdämpfung 10€ metric with \\"interesting\\" {character\\nchoices}","strange©™\\n'quoted' \\"name\\""="6"} 10.0
        {"my.metric", "a.b"="x"} 1
        """,
        "help go.gc_duration_seconds A summary of the GC invocation durations.",
        "type go.gc_duration_seconds summary",
        "series {\"go.gc_duration_seconds\",quantile=\"0\"} => {__name__=\"go.gc_duration_seconds\", quantile=\"0.0\"} 4.9351E-5",
        "series { \"go.gc_duration_seconds\", quantile = \"1.0\", a = \"b\" } => {__name__=\"go.gc_duration_seconds\", a=\"b\", quantile=\"1.0\"} 8.3835E-5",
        "series {\"go.gc_duration_seconds_count\"} => {__name__=\"go.gc_duration_seconds_count\"} 99.0",
        "series {\"Heizölrückstoßabdämpfung 10€ metric with \\\"interesting\\\" {character\\nchoices}\",\"strange©™\\n'quoted' \\\"name\\\"\"=\"6\"} => {__name__=\"Heizölrückstoßabdämpfung 10€ metric with \\\"interesting\\\" {character\\nchoices}\", strange©™\n'quoted' \"name\"=\"6\"} 10.0",
        "series {\"my.metric\", \"a.b\"=\"x\"} => {__name__=\"my.metric\", a.b=\"x\"} 1.0");
  }

  @Test
  void valuesAndTimestamps() {
    check("a 1\n", "series a => {__name__=\"a\"} 1.0");
    check("a 1", "series a => {__name__=\"a\"} 1.0"); // no final newline
    check("a 1 1700000000123\n", "series a => {__name__=\"a\"} 1.0 @1700000000123");
    check("a -1 -5\n".replace(" -5", " 5"), "series a => {__name__=\"a\"} -1.0 @5");
    check("a +Inf\nb -Inf\nc Inf\nd inf\ne Infinity\n",
        "series a => {__name__=\"a\"} Infinity",
        "series b => {__name__=\"b\"} -Infinity",
        "series c => {__name__=\"c\"} Infinity",
        "series d => {__name__=\"d\"} Infinity",
        "series e => {__name__=\"e\"} Infinity");
    check("a 1e3\nb .5\nc 5.\nd 1E-3\ne 0x10\n".replace("e 0x10\n", ""),
        "series a => {__name__=\"a\"} 1000.0",
        "series b => {__name__=\"b\"} 0.5",
        "series c => {__name__=\"c\"} 5.0",
        "series d => {__name__=\"d\"} 0.001");
    check("a\t1\t2\n", "series a => {__name__=\"a\"} 1.0 @2");
    check("\n\n  \na 1\n\n", "series a => {__name__=\"a\"} 1.0");
  }

  @Test
  void nanIsPrometheusNormalNan() {
    PromTextParser p = new PromTextParser();
    for (String nan : new String[] {"NaN", "nan", "NAN"}) {
      byte[] b = ("a " + nan + "\n").getBytes(StandardCharsets.UTF_8);
      p.reset(b, b.length);
      assertThat(p.next()).isEqualTo(Entry.SERIES);
      assertThat(Double.doubleToRawLongBits(p.value())).isEqualTo(0x7ff8000000000001L);
    }
  }

  @Test
  void seriesBytesAreWhatPrometheusSeriesReturns() {
    byte[] b = "# TYPE a gauge\na{x=\"1\" , } 3 4\n{\"b.c\"} 1\n".getBytes(StandardCharsets.UTF_8);
    PromTextParser p = new PromTextParser();
    p.reset(b, b.length);
    assertThat(p.next()).isEqualTo(Entry.TYPE);
    assertThat(p.next()).isEqualTo(Entry.SERIES);
    assertThat(new String(b, p.seriesOffset(), p.seriesLength(), StandardCharsets.UTF_8))
        .isEqualTo("a{x=\"1\" , }");
    assertThat(p.next()).isEqualTo(Entry.SERIES);
    assertThat(new String(b, p.seriesOffset(), p.seriesLength(), StandardCharsets.UTF_8))
        .isEqualTo("{\"b.c\"}");
    assertThat(p.next()).isEqualTo(Entry.EOF);
    assertThat(p.next()).isEqualTo(Entry.EOF);
  }

  @Test
  void leadingBlanksBelongToTheNameAsInPrometheus() {
    check("  a 1\n", "series   a =>   {__name__=\"  a\"} 1.0".replace("=>   {", "=> {"));
  }

  @Test
  void leAndQuantileNormalisedOnlyForTheirTypes() {
    check(
        "# TYPE h histogram\nh_bucket{le=\"Inf\"} 1\nh_bucket{le=\"0.10\"} 1\nh_bucket{le=\"1e-05\"} 1\n"
            + "h_bucket{le=\"100000000\"} 1\nh_bucket{le=\"x\"} 1\nh_bucket{quantile=\"1\"} 1\n",
        "type h histogram",
        "series h_bucket{le=\"Inf\"} => {__name__=\"h_bucket\", le=\"+Inf\"} 1.0",
        "series h_bucket{le=\"0.10\"} => {__name__=\"h_bucket\", le=\"0.1\"} 1.0",
        "series h_bucket{le=\"1e-05\"} => {__name__=\"h_bucket\", le=\"1e-05\"} 1.0",
        "series h_bucket{le=\"100000000\"} => {__name__=\"h_bucket\", le=\"1e+08\"} 1.0",
        "series h_bucket{le=\"x\"} => {__name__=\"h_bucket\", le=\"x\"} 1.0",
        "series h_bucket{quantile=\"1\"} => {__name__=\"h_bucket\", quantile=\"1\"} 1.0");
    check(
        "# TYPE s summary\ns{quantile=\"0.99\"} 1\ns{quantile=\"1\",le=\"1\"} 1\n",
        "type s summary",
        "series s{quantile=\"0.99\"} => {__name__=\"s\", quantile=\"0.99\"} 1.0",
        "series s{quantile=\"1\",le=\"1\"} => {__name__=\"s\", le=\"1\", quantile=\"1.0\"} 1.0");
  }

  @Test
  void escapes() {
    check(
        "# HELP a x\\\\y\\nz \\\"q\\\" \\t\na{l=\"a\\\\b\\\"c\\nd\\te\"} 1\n",
        "help a x\\y\nz \\\"q\\\" \\t",
        "series a{l=\"a\\\\b\\\"c\\nd\\te\"} => {__name__=\"a\", l=\"a\\\\b\\\"c\\nd\\\\te\"} 1.0");
  }

  @Test
  void commentsAndEofWord() {
    // In the text format "# EOF" is an ordinary comment and lines may follow it.
    check("# EOF\na 1\n", "comment # EOF", "series a => {__name__=\"a\"} 1.0");
    check("#comment\n#\tHELP x y\n# HELPx\n",
        "comment #comment", "help x y", "comment # HELPx");
    checkError("# TYPE a\n", "line 1: invalid metric type \"\"");
  }

  @Test
  void upstreamErrors() {
    checkError("a", "line 1: expected value after metric, got \"\\n\" (\"INVALID\") while parsing: \"a\\n\"");
    checkError("a{b='c'} 1\n", "line 1: expected label value, got \"'\" (\"INVALID\") while parsing: \"a{b='\"");
    checkError("a{b=\n", "line 1: expected label value, got \"\\n\" (\"INVALID\") while parsing: \"a{b=\\n\"");
    checkError("a{\u00ff=\"foo\"} 1\n",
        "line 1: expected label name, got \"\\xff\" (\"INVALID\") while parsing: \"a{\\xff\"");
    checkError("a{b=\"\u00ff\"} 1\n", "line 1: invalid UTF-8 label value: \"\\\"\\xff\\\"\"");
    checkError("{\"a\", \"b = \"c\"}",
        "line 1: expected equal, got \"c\\\"\" (\"LNAME\") while parsing: \"{\\\"a\\\", \\\"b = \\\"c\\\"\"");
    checkError("{\"a\",b\\nc=\"d\"} 1",
        "line 1: expected equal, got \"\\\\\" (\"INVALID\") while parsing: \"{\\\"a\\\",b\\\\\"");
    checkError("a true\n", "line 1: strconv.ParseFloat: parsing \"true\": invalid syntax while parsing: \"a true\"");
    checkError("something_weird{problem=\"",
        "line 1: expected label value, got \"\\\"\\n\" (\"INVALID\") while parsing: \"something_weird{problem=\\\"\\n\"");
    checkError("empty_label_name{=\"\"} 0",
        "line 1: expected label name, got \"=\\\"\" (\"EQUAL\") while parsing: \"empty_label_name{=\\\"\"");
    checkError("{A}0", "line 1: expected equal, got \"}0\" (\"BCLOSE\") while parsing: \"{A}0\"");
    checkError("foo 1_2\n", "line 1: unsupported character in float while parsing: \"foo 1_2\"");
    checkError("foo 0x1p-3\n", "line 1: unsupported character in float while parsing: \"foo 0x1p-3\"");
    checkError("foo 0x1P-3\n", "line 1: unsupported character in float while parsing: \"foo 0x1P-3\"");
    checkError("foo 0 1_2\n",
        "line 1: expected next entry after timestamp, got \"_\" (\"INVALID\") while parsing: \"foo 0 1_\"");
    checkError("{a=\"ok\"} 1", "line 1: metric name not set while parsing: \"{a=\\\"ok\\\"} 1\"");
    checkError("# TYPE #\n#EOF\n",
        "line 1: expected metric name after TYPE, got \"#\" (\"INVALID\") while parsing: \"# TYPE #\"");
    checkError("# HELP #\n#EOF\n",
        "line 1: expected metric name after HELP, got \"#\" (\"INVALID\") while parsing: \"# HELP #\"");
  }

  @Test
  void upstreamNullByteHandling() {
    checkError("null_byte_metric{a=\"abc\u0000\"} 1", "no error");
    checkError("a{b=\"\u0000ss\"} 1\n", "no error");
    checkError("a{b=\"\u0000\"} 1\n", "no error");
    checkError("a{b=\u0000\"ssss\"} 1\n",
        "line 1: expected label value, got \"\\x00\" (\"INVALID\") while parsing: \"a{b=\\x00\"");
    checkError("a{b=\"\u0000",
        "line 1: expected label value, got \"\\\"\\x00\\n\" (\"INVALID\") while parsing: \"a{b=\\\"\\x00\\n\"");
    checkError("a{b\u0000=\"hiih\"}\t1",
        "line 1: expected equal, got \"\\x00\" (\"INVALID\") while parsing: \"a{b\\x00\"");
    checkError("a\u0000{b=\"ddd\"} 1",
        "line 1: expected value after metric, got \"\\x00\" (\"INVALID\") while parsing: \"a\\x00\"");
    checkError("a 0 1\u0000",
        "line 1: expected next entry after timestamp, got \"\\x00\" (\"INVALID\") while parsing: \"a 0 1\\x00\"");
  }

  @Test
  void moreErrors() {
    checkError("a 1\nb 2\n\nc{x=} 3\n",
        "line 4: expected label value, got \"}\" (\"INVALID\") while parsing: \"c{x=}\"");
    checkError("# TYPE a countr\n", "line 1: invalid metric type \"countr\"");
    checkError("# TYPE a counter\n# TYPE b gaugehistogram\n", "line 2: invalid metric type \"gaugehistogram\"");
    checkError("# HELP a \u00ff\n", "line 1: help text \"\\xff\" is not a valid utf8 string");
    checkError("{\"a\",\"b\"} 1\n", "line 1: metric name already set while parsing: \"{\\\"a\\\",\\\"b\\\"}\"");
    checkError("a 1 99999999999999999999\n",
        "line 1: strconv.ParseInt: parsing \"99999999999999999999\": value out of range while parsing: \"a 1 99999999999999999999\"");
    checkError("a 1e400\n", "line 1: strconv.ParseFloat: parsing \"1e400\": value out of range while parsing: \"a 1e400\"");
    checkError("a 1 2 3\n", "line 1: expected next entry after timestamp, got \"3\\n\" (\"TIMESTAMP\") while parsing: \"a 1 2 3\\n\"");
    checkError("a 1 x\n", "line 1: expected timestamp or new record, got \"x\" (\"INVALID\") while parsing: \"a 1 x\"");
    checkError("=\n", "line 1: expected a valid start token, got \"=\" (\"INVALID\") while parsing: \"=\"");
    checkError("# HELP a b\n# TYPE a gauge x\n", "line 2: invalid metric type \"gauge x\"");
  }

  @Test
  void labelsIntoBuilder() {
    byte[] b = "a{x=\"\",y=\"2\"} 1\n".getBytes(StandardCharsets.UTF_8);
    PromTextParser p = new PromTextParser();
    p.reset(b, b.length);
    p.next();
    LabelsBuilder lb = new LabelsBuilder();
    p.labels(lb);
    // An empty value is the same as no label.
    assertThat(lb.build()).isEqualTo(Labels.of("__name__", "a", "y", "2"));
    // But the sample still exposes it, which honor_labels cares about.
    assertThat(p.exposesLabel("x")).isTrue();
    assertThat(p.exposesLabel("y")).isTrue();
    assertThat(p.exposesLabel("z")).isFalse();
    assertThat(p.exposesLabel("__name__")).isFalse();
  }

  @Test
  void openMetricsSamplesExposeEmptyLabelsToo() {
    byte[] b = "a{x=\"\"} 1\n# EOF\n".getBytes(StandardCharsets.UTF_8);
    OpenMetricsParser p = new OpenMetricsParser();
    p.reset(b, b.length);
    p.next();
    assertThat(p.exposesLabel("x")).isTrue();
    assertThat(p.exposesLabel("a")).isFalse();
  }

  @Test
  void aRepeatedLabelNameFailsAsPrometheussStorageFailsIt() {
    for (String in : new String[] {"a{x=\"1\",x=\"2\"} 1\n", "a{__name__=\"b\"} 1\n"}) {
      byte[] b = in.getBytes(StandardCharsets.UTF_8);
      PromTextParser p = new PromTextParser();
      p.reset(b, b.length);
      p.next();
      LabelsBuilder lb = new LabelsBuilder();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.labels(lb))
          .isInstanceOf(ExpositionException.class)
          .hasMessageEndingWith("is not unique: invalid sample")
          .hasMessageStartingWith("line 1: label name \"");
    }
  }
}
