package io.hearth.scrape.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenMetricsParserTest {
  /** Prometheus's TestOpenMetricsParse input. */
  static final String UPSTREAM_INPUT =
      "# HELP go_gc_duration_seconds A summary of the GC invocation durations.\n"
          + "# TYPE go_gc_duration_seconds summary\n"
          + "# UNIT go_gc_duration_seconds seconds\n"
          + "go_gc_duration_seconds{quantile=\"0\"} 4.9351e-05\n"
          + "go_gc_duration_seconds{quantile=\"0.25\"} 7.424100000000001e-05\n"
          + "go_gc_duration_seconds{quantile=\"0.5\",a=\"b\"} 8.3835e-05\n"
          + "# HELP nohelp1 \n"
          + "# HELP help2 escape \\ \\n \\\\ \\\" \\x chars\n"
          + "# UNIT nounit \n"
          + "go_gc_duration_seconds{quantile=\"1.0\",a=\"b\"} 8.3835e-05\n"
          + "go_gc_duration_seconds_count 99\n"
          + "some:aggregate:rate5m{a_b=\"c\"} 1\n"
          + "# HELP go_goroutines Number of goroutines that currently exist.\n"
          + "# TYPE go_goroutines gauge\n"
          + "go_goroutines 33 123.123\n"
          + "# TYPE hh histogram\n"
          + "hh_bucket{le=\"+Inf\"} 1\n"
          + "# TYPE gh gaugehistogram\n"
          + "gh_bucket{le=\"+Inf\"} 1\n"
          + "# TYPE hhh histogram\n"
          + "hhh_bucket{le=\"+Inf\"} 1 # {id=\"histogram-bucket-test\"} 4\n"
          + "hhh_count 1 # {id=\"histogram-count-test\"} 4\n"
          + "# TYPE ggh gaugehistogram\n"
          + "ggh_bucket{le=\"+Inf\"} 1 # {id=\"gaugehistogram-bucket-test\",xx=\"yy\"} 4 123.123\n"
          + "ggh_count 1 # {id=\"gaugehistogram-count-test\",xx=\"yy\"} 4 123.123\n"
          + "# TYPE smr_seconds summary\n"
          + "smr_seconds_count 2.0 # {id=\"summary-count-test\"} 1 123.321\n"
          + "smr_seconds_sum 42.0 # {id=\"summary-sum-test\"} 1 123.321\n"
          + "# TYPE ii info\n"
          + "ii{foo=\"bar\"} 1\n"
          + "# TYPE ss stateset\n"
          + "ss{ss=\"foo\"} 1\n"
          + "ss{ss=\"bar\"} 0\n"
          + "ss{A=\"a\"} 0\n"
          + "# TYPE un unknown\n"
          + "_metric_starting_with_underscore 1\n"
          + "testmetric{_label_starting_with_underscore=\"foo\"} 1\n"
          + "testmetric{label=\"\\\"bar\\\"\"} 1\n"
          + "# HELP foo Counter with and without labels to certify ST is parsed for both cases\n"
          + "# TYPE foo counter\n"
          + "foo_total 17.0 1520879607.789 # {id=\"counter-test\"} 5\n"
          + "foo_created 1520872607.123\n"
          + "foo_total{a=\"b\"} 17.0 1520879607.789 # {id=\"counter-test\"} 5\n"
          + "foo_created{a=\"b\"} 1520872607.123\n"
          + "foo_total{le=\"c\"} 21.0\n"
          + "foo_created{le=\"c\"} 1520872621.123\n"
          + "foo_total{le=\"1\"} 10.0\n"
          + "# HELP bar Summary with ST at the end, making sure we find ST even if it's multiple lines a far\n"
          + "# TYPE bar summary\n"
          + "bar_count 17.0\n"
          + "bar_sum 324789.3\n"
          + "bar{quantile=\"0.95\"} 123.7\n"
          + "bar{quantile=\"0.99\"} 150.0\n"
          + "bar_created 1520872608.124\n"
          + "# HELP baz Histogram with the same objective as above's summary\n"
          + "# TYPE baz histogram\n"
          + "baz_bucket{le=\"0.0\"} 0\n"
          + "baz_bucket{le=\"+Inf\"} 17\n"
          + "baz_count 17\n"
          + "baz_sum 324789.3\n"
          + "baz_created 1520872609.125\n"
          + "# HELP fizz_created Gauge which shouldn't be parsed as ST\n"
          + "# TYPE fizz_created gauge\n"
          + "fizz_created 17.0\n"
          + "# HELP something Histogram with _created between buckets and summary\n"
          + "# TYPE something histogram\n"
          + "something_count 18\n"
          + "something_sum 324789.4\n"
          + "something_created 1520430001\n"
          + "something_bucket{le=\"0.0\"} 1\n"
          + "something_bucket{le=\"1\"} 2\n"
          + "something_bucket{le=\"+Inf\"} 18\n"
          + "# HELP yum Summary with _created between sum and quantiles\n"
          + "# TYPE yum summary\n"
          + "yum_count 20\n"
          + "yum_sum 324789.5\n"
          + "yum_created 1520430003\n"
          + "yum{quantile=\"0.95\"} 123.7\n"
          + "yum{quantile=\"0.99\"} 150.0\n"
          + "# HELP foobar Summary with _created as the first line\n"
          + "# TYPE foobar summary\n"
          + "foobar_count 21\n"
          + "foobar_created 1520430004\n"
          + "foobar_sum 324789.6\n"
          + "foobar{quantile=\"0.95\"} 123.8\n"
          + "foobar{quantile=\"0.99\"} 150.1\n"
          + "# HELP nansum Summary with NaN value\n"
          + "# TYPE nansum summary\n"
          + "nansum_count 0\n"
          + "nansum_sum 0.0\n"
          + "nansum{quantile=\"0.95\"} nan\n"
          + "nansum{quantile=\"0.99\"} NaN\n"
          + "# HELP metric foo\u0000bar\n"
          + "null_byte_metric{a=\"abc\u0000\"} 1\n"
          + "# EOF\n"
          + "";

  private static void check(String in, String... want) {
    assertThat(EntryDump.dump(new OpenMetricsParser(), in)).as("input %s", in).containsExactly(want);
  }

  /** The reason of the first error, without the "line N: " prefix. */
  private static void checkReason(String in, String want) {
    String got = EntryDump.error(new OpenMetricsParser(), in).replaceFirst("^line [0-9]+: ", "");
    assertThat(got).as("input %s", in).isEqualTo(want);
  }

  private static void checkError(String in, String want) {
    assertThat(EntryDump.error(new OpenMetricsParser(), in)).as("input %s", in).isEqualTo(want);
  }

  /** Series entries as "raw-series value [@t] [st=…]", read with start timestamps. */
  private static List<String> seriesWithStartTimestamps(String in) {
    OpenMetricsParser p = new OpenMetricsParser(true);
    byte[] b = in.getBytes(StandardCharsets.UTF_8);
    p.reset(b, b.length);
    List<String> out = new ArrayList<>();
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      if (e == Entry.SERIES) {
        long st = p.startTimestamp();
        out.add(new String(b, p.seriesOffset(), p.seriesLength(), StandardCharsets.UTF_8) + " " + p.value()
            + (p.hasTimestamp() ? " @" + p.timestamp() : "") + (st != 0 ? " st=" + st : ""));
      }
    }
    return out;
  }

  @Test
  void upstreamInputWithDefaultOptionsKeepsCreatedSeries() {
    List<String> got = EntryDump.dump(new OpenMetricsParser(), UPSTREAM_INPUT);
    assertThat(got).contains(
        "help go_gc_duration_seconds A summary of the GC invocation durations.",
        "type go_gc_duration_seconds summary",
        "unit go_gc_duration_seconds seconds",
        "series go_gc_duration_seconds{quantile=\"0\"} => {__name__=\"go_gc_duration_seconds\", quantile=\"0.0\"} 4.9351E-5",
        "help nohelp1 ",
        "help help2 escape \\ \n \\ \" \\x chars",
        "unit nounit ",
        "series go_goroutines => {__name__=\"go_goroutines\"} 33.0 @123123",
        "series hhh_bucket{le=\"+Inf\"} => {__name__=\"hhh_bucket\", le=\"+Inf\"} 1.0 # {id=\"histogram-bucket-test\"} 4.0",
        "series ggh_bucket{le=\"+Inf\"} => {__name__=\"ggh_bucket\", le=\"+Inf\"} 1.0 # {id=\"gaugehistogram-bucket-test\", xx=\"yy\"} 4.0 @123123",
        "series smr_seconds_count => {__name__=\"smr_seconds_count\"} 2.0 # {id=\"summary-count-test\"} 1.0 @123321",
        "type ss stateset",
        "series foo_total => {__name__=\"foo_total\"} 17.0 @1520879607789 # {id=\"counter-test\"} 5.0",
        "series foo_created => {__name__=\"foo_created\"} 1.520872607123E9",
        "series foo_created{a=\"b\"} => {__name__=\"foo_created\", a=\"b\"} 1.520872607123E9",
        "series bar_created => {__name__=\"bar_created\"} 1.520872608124E9",
        "series fizz_created => {__name__=\"fizz_created\"} 17.0",
        "series nansum{quantile=\"0.95\"} => {__name__=\"nansum\", quantile=\"0.95\"} NaN",
        "help metric foo\u0000bar",
        "series null_byte_metric{a=\"abc\u0000\"} => {__name__=\"null_byte_metric\", a=\"abc\u0000\"} 1.0");
    // A gauge histogram's le is left as written.
    assertThat(got).contains("series gh_bucket{le=\"+Inf\"} => {__name__=\"gh_bucket\", le=\"+Inf\"} 1.0");
    assertThat(got.stream().filter(s -> s.startsWith("series ")).count()).isEqualTo(61);
  }

  @Test
  void upstreamStartTimestampsWhenCreatedSeriesAreSkipped() {
    List<String> got = seriesWithStartTimestamps(UPSTREAM_INPUT);
    assertThat(got).noneMatch(s -> s.startsWith("foo_created") || s.startsWith("bar_created"));
    assertThat(got).contains("fizz_created 17.0"); // a gauge: not a start timestamp
    assertThat(got).contains(
        "foo_total 17.0 @1520879607789 st=1520872607123",
        "foo_total{a=\"b\"} 17.0 @1520879607789 st=1520872607123",
        "foo_total{le=\"c\"} 21.0 st=1520872621123",
        "foo_total{le=\"1\"} 10.0",
        "bar_count 17.0 st=1520872608124",
        "bar{quantile=\"0.99\"} 150.0 st=1520872608124",
        "baz_bucket{le=\"0.0\"} 0.0 st=1520872609125",
        "baz_sum 324789.3 st=1520872609125",
        "something_count 18.0 st=1520430001000",
        "something_bucket{le=\"+Inf\"} 18.0 st=1520430001000",
        "yum{quantile=\"0.99\"} 150.0 st=1520430003000",
        "foobar_count 21.0 st=1520430004000",
        "foobar_sum 324789.6 st=1520430004000",
        "foobar{quantile=\"0.99\"} 150.1 st=1520430004000",
        "nansum_count 0.0");
  }

  @Test
  void upstreamCreatedLineFirstGivesNoStartTimestamp() {
    assertThat(seriesWithStartTimestamps("""
        # HELP thing histogram with _created as first line
        # TYPE thing histogram
        thing_created 1520872607.123
        thing_count 17
        thing_sum 324789.3
        thing_bucket{le="0.0"} 0
        thing_bucket{le="+Inf"} 17
        # HELP thing_c counter with _created as first line
        # TYPE thing_c counter
        thing_c_created 1520872607.123
        thing_c_total 14123.232
        # EOF
        """)).containsExactly(
            "thing_count 17.0", "thing_sum 324789.3", "thing_bucket{le=\"0.0\"} 0.0",
            "thing_bucket{le=\"+Inf\"} 17.0", "thing_c_total 14123.232");
  }

  @Test
  void startTimestampLeavesTheCursorAlone() {
    OpenMetricsParser p = new OpenMetricsParser();
    byte[] b = "# TYPE c counter\nc_total{a=\"1\"} 3 # {t=\"x\"} 1 2\nc_created{a=\"1\"} 1.5\n# EOF\n"
        .getBytes(StandardCharsets.UTF_8);
    p.reset(b, b.length);
    assertThat(p.next()).isEqualTo(Entry.TYPE);
    assertThat(p.next()).isEqualTo(Entry.SERIES);
    assertThat(p.startTimestamp()).isEqualTo(1500);
    assertThat(p.value()).isEqualTo(3.0);
    assertThat(new String(b, p.seriesOffset(), p.seriesLength(), StandardCharsets.UTF_8)).isEqualTo("c_total{a=\"1\"}");
    Exemplar ex = new Exemplar();
    assertThat(p.exemplar(ex)).isTrue();
    assertThat(ex.timestamp).isEqualTo(2000);
    assertThat(p.next()).isEqualTo(Entry.SERIES); // _created is a sample by default
    assertThat(p.value()).isEqualTo(1.5);
    assertThat(p.next()).isEqualTo(Entry.EOF);
  }

  @Test
  void utf8() {
    check("""
        # HELP "go.gc_duration_seconds" A summary of the GC invocation durations.
        # TYPE "go.gc_duration_seconds" summary
        # UNIT "go.gc_duration_seconds" seconds
        {"go.gc_duration_seconds",quantile="0"} 4.9351e-05
        {"go.gc_duration_seconds",quantile="0.5",a="b"} 8.3835e-05
        {"http.status",q="0.9",a="b"} 8.3835e-05
        {q="0.9","http.status",a="b"} 8.3835e-05
        {"go.gc_duration_seconds_sum"} 0.004304266
        {"Heizölrückstoßabdämpfung 10€ metric with \\"interesting\\" {character\\nchoices}","strange©™\\n'quoted' \\"name\\""="6"} 10.0
        # EOF
        """,
        "help go.gc_duration_seconds A summary of the GC invocation durations.",
        "type go.gc_duration_seconds summary",
        "unit go.gc_duration_seconds seconds",
        "series {\"go.gc_duration_seconds\",quantile=\"0\"} => {__name__=\"go.gc_duration_seconds\", quantile=\"0.0\"} 4.9351E-5",
        "series {\"go.gc_duration_seconds\",quantile=\"0.5\",a=\"b\"} => {__name__=\"go.gc_duration_seconds\", a=\"b\", quantile=\"0.5\"} 8.3835E-5",
        "series {\"http.status\",q=\"0.9\",a=\"b\"} => {__name__=\"http.status\", a=\"b\", q=\"0.9\"} 8.3835E-5",
        "series {q=\"0.9\",\"http.status\",a=\"b\"} => {__name__=\"http.status\", a=\"b\", q=\"0.9\"} 8.3835E-5",
        "series {\"go.gc_duration_seconds_sum\"} => {__name__=\"go.gc_duration_seconds_sum\"} 0.004304266",
        "series {\"Heizölrückstoßabdämpfung 10€ metric with \\\"interesting\\\" {character\\nchoices}\",\"strange©™\\n'quoted' \\\"name\\\"\"=\"6\"} => {__name__=\"Heizölrückstoßabdämpfung 10€ metric with \\\"interesting\\\" {character\\nchoices}\", strange©™\n'quoted' \"name\"=\"6\"} 10.0");
  }

  @Test
  void timestampsAreFloatSecondsTurnedIntoMilliseconds() {
    check("a 1 60.000\nb 1 1700215884.373\nc 1 1.7268398142239082e+09\nd 1 -1.5\n# EOF",
        "series a => {__name__=\"a\"} 1.0 @60000",
        "series b => {__name__=\"b\"} 1.0 @1700215884373",
        "series c => {__name__=\"c\"} 1.0 @1726839814223",
        "series d => {__name__=\"d\"} 1.0 @-1500");
  }

  @Test
  void eofRules() {
    check("# EOF");
    check("# EOF\n");
    checkError("a 1\n", "line 2: data does not end with # EOF");
    checkError("a 1\n# EOF\nb 1\n", "line 2: unexpected data after # EOF");
    checkError("a 1\n# EOF\n\n", "line 2: unexpected data after # EOF");
    checkError("a 1\n# comment\n# EOF\n",
        "line 2: expected a valid start token, got \"# c\" (\"INVALID\") while parsing: \"# c\"");
  }

  @Test
  void upstreamErrors() {
    checkReason("# EOF",
        "no error");
    checkReason("# EOF\n",
        "no error");
    checkReason("",
        "data does not end with # EOF");
    checkReason("\n",
        "expected a valid start token, got \"\\n\" (\"INVALID\") while parsing: \"\\n\"");
    checkReason("metric",
        "expected value after metric, got \"metric\" (\"EOF\") while parsing: \"metric\"");
    checkReason("metric 1",
        "data does not end with # EOF");
    checkReason("metric 1\n",
        "data does not end with # EOF");
    checkReason("metric_total 1 # {aa=\"bb\"} 4",
        "data does not end with # EOF");
    checkReason("a\n#EOF\n",
        "expected value after metric, got \"\\n\" (\"INVALID\") while parsing: \"a\\n\"");
    checkReason("\n\n#EOF\n",
        "expected a valid start token, got \"\\n\" (\"INVALID\") while parsing: \"\\n\"");
    checkReason(" a 1\n#EOF\n",
        "expected a valid start token, got \" \" (\"INVALID\") while parsing: \" \"");
    checkReason("9\n#EOF\n",
        "expected a valid start token, got \"9\" (\"INVALID\") while parsing: \"9\"");
    checkReason("# TYPE u untyped\n#EOF\n",
        "invalid metric type \"untyped\"");
    checkReason("# TYPE c counter \n#EOF\n",
        "invalid metric type \"counter \"");
    checkReason("#  TYPE c counter\n#EOF\n",
        "expected a valid start token, got \"#  \" (\"INVALID\") while parsing: \"#  \"");
    checkReason("# TYPE \n#EOF\n",
        "expected metric name after TYPE, got \"\\n\" (\"INVALID\") while parsing: \"# TYPE \\n\"");
    checkReason("# TYPE m\n#EOF\n",
        "expected text in TYPE");
    checkReason("# UNIT metric suffix\n#EOF\n",
        "unit \"suffix\" not a suffix of metric \"metric\"");
    checkReason("# UNIT metricsuffix suffix\n#EOF\n",
        "unit \"suffix\" not a suffix of metric \"metricsuffix\"");
    checkReason("# UNIT m suffix\n#EOF\n",
        "unit \"suffix\" not a suffix of metric \"m\"");
    checkReason("# UNIT \n#EOF\n",
        "expected metric name after UNIT, got \"\\n\" (\"INVALID\") while parsing: \"# UNIT \\n\"");
    checkReason("# UNIT m\n#EOF\n",
        "expected text in UNIT");
    checkReason("# HELP \n#EOF\n",
        "expected metric name after HELP, got \"\\n\" (\"INVALID\") while parsing: \"# HELP \\n\"");
    checkReason("# HELP m\n#EOF\n",
        "expected text in HELP");
    checkReason("a\t1\n#EOF\n",
        "expected value after metric, got \"\\t\" (\"INVALID\") while parsing: \"a\\t\"");
    checkReason("a 1\t2\n#EOF\n",
        "strconv.ParseFloat: parsing \"1\\t2\": invalid syntax while parsing: \"a 1\\t2\"");
    checkReason("a 1 2 \n#EOF\n",
        "expected next entry after timestamp, got \" \\n\" (\"INVALID\") while parsing: \"a 1 2 \\n\"");
    checkReason("a 1 2 #\n#EOF\n",
        "expected next entry after timestamp, got \" #\\n\" (\"TIMESTAMP\") while parsing: \"a 1 2 #\\n\"");
    checkReason("a 1 1z\n#EOF\n",
        "strconv.ParseFloat: parsing \"1z\": invalid syntax while parsing: \"a 1 1z\"");
    checkReason(" # EOF\n",
        "expected a valid start token, got \" \" (\"INVALID\") while parsing: \" \"");
    checkReason("# EOF\na 1",
        "unexpected data after # EOF");
    checkReason("# EOF\n\n",
        "unexpected data after # EOF");
    checkReason("# EOFa 1",
        "unexpected data after # EOF");
    checkReason("#\tTYPE c counter\n",
        "expected a valid start token, got \"#\\t\" (\"INVALID\") while parsing: \"#\\t\"");
    checkReason("# TYPE c  counter\n",
        "invalid metric type \" counter\"");
    checkReason("a 1 1 1\n# EOF\n",
        "expected next entry after timestamp, got \" 1\\n\" (\"TIMESTAMP\") while parsing: \"a 1 1 1\\n\"");
    checkReason("a{b='c'} 1\n# EOF\n",
        "expected label value, got \"'\" (\"INVALID\") while parsing: \"a{b='\"");
    checkReason("a{,b=\"c\"} 1\n# EOF\n",
        "expected label name, got \",b\" (\"COMMA\") while parsing: \"a{,b\"");
    checkReason("a{b=\"c\"d=\"e\"} 1\n# EOF\n",
        "expected comma or brace close, got \"d=\" (\"LNAME\") while parsing: \"a{b=\\\"c\\\"d=\"");
    checkReason("a{b=\"c\",,d=\"e\"} 1\n# EOF\n",
        "expected label name, got \",d\" (\"COMMA\") while parsing: \"a{b=\\\"c\\\",,d\"");
    checkReason("a{b=\n# EOF\n",
        "expected label value, got \"\\n\" (\"INVALID\") while parsing: \"a{b=\\n\"");
    checkReason("a{\u00ff=\"foo\"} 1\n# EOF\n",
        "expected label name, got \"\\xff\" (\"INVALID\") while parsing: \"a{\\xff\"");
    checkReason("a{b=\"\u00ff\"} 1\n# EOF\n",
        "invalid UTF-8 label value: \"\\\"\\xff\\\"\"");
    checkReason("{\"a\",\"b = \"c\"}\n# EOF\n",
        "expected equal, got \"c\\\"\" (\"LNAME\") while parsing: \"{\\\"a\\\",\\\"b = \\\"c\\\"\"");
    checkReason("{\"a\",b\\nc=\"d\"} 1\n# EOF\n",
        "expected equal, got \"\\\\\" (\"INVALID\") while parsing: \"{\\\"a\\\",b\\\\\"");
    checkReason("a true\n",
        "strconv.ParseFloat: parsing \"true\": invalid syntax while parsing: \"a true\"");
    checkReason("something_weird{problem=\"\n# EOF\n",
        "expected label value, got \"\\\"\\n\" (\"INVALID\") while parsing: \"something_weird{problem=\\\"\\n\"");
    checkReason("empty_label_name{=\"\"} 0\n# EOF\n",
        "expected label name, got \"=\\\"\" (\"EQUAL\") while parsing: \"empty_label_name{=\\\"\"");
    checkReason("{A}0\n# EOF\n",
        "expected equal, got \"}0\" (\"BCLOSE\") while parsing: \"{A}0\"");
    checkReason("foo 1_2\n\n# EOF\n",
        "unsupported character in float while parsing: \"foo 1_2\"");
    checkReason("foo 0x1p-3\n\n# EOF\n",
        "unsupported character in float while parsing: \"foo 0x1p-3\"");
    checkReason("foo 0x1P-3\n\n# EOF\n",
        "unsupported character in float while parsing: \"foo 0x1P-3\"");
    checkReason("foo 0 1_2\n\n# EOF\n",
        "unsupported character in float while parsing: \"foo 0 1_2\"");
    checkReason("custom_metric_total 1 # {aa=bb}\n# EOF\n",
        "expected label value, got \"b\" (\"INVALID\") while parsing: \"custom_metric_total 1 # {aa=b\"");
    checkReason("custom_metric_total 1 # {aa=\"bb\"}\n# EOF\n",
        "expected value after exemplar labels, got \"\\n\" (\"INVALID\") while parsing: \"custom_metric_total 1 # {aa=\\\"bb\\\"}\\n\"");
    checkReason("custom_metric_total 1 # {aa=\"bb\"}",
        "expected value after exemplar labels, got \"}\" (\"EOF\") while parsing: \"custom_metric_total 1 # {aa=\\\"bb\\\"}\"");
    checkReason("custom_metric_total 1 # {bb}",
        "expected equal, got \"}\" (\"BCLOSE\") while parsing: \"custom_metric_total 1 # {bb}\"");
    checkReason("custom_metric_total 1 # {bb, a=\"dd\"}",
        "expected equal, got \", \" (\"COMMA\") while parsing: \"custom_metric_total 1 # {bb, \"");
    checkReason("custom_metric_total 1 # {aa=\"bb\",,cc=\"dd\"} 1",
        "expected label name, got \",c\" (\"COMMA\") while parsing: \"custom_metric_total 1 # {aa=\\\"bb\\\",,c\"");
    checkReason("custom_metric_total 1 # {aa=\"bb\"} 1_2",
        "unsupported character in float while parsing: \"custom_metric_total 1 # {aa=\\\"bb\\\"} 1_2\"");
    checkReason("custom_metric_total 1 # {aa=\"bb\"} 0x1p-3",
        "unsupported character in float while parsing: \"custom_metric_total 1 # {aa=\\\"bb\\\"} 0x1p-3\"");
    checkReason("custom_metric_total 1 # {aa=\"bb\"} true",
        "strconv.ParseFloat: parsing \"true\": invalid syntax while parsing: \"custom_metric_total 1 # {aa=\\\"bb\\\"} true\"");
    checkReason("custom_metric_total 1 # {aa=\"bb\",cc=}",
        "expected label value, got \"}\" (\"INVALID\") while parsing: \"custom_metric_total 1 # {aa=\\\"bb\\\",cc=}\"");
    checkReason("custom_metric_total 1 # {aa=\\\"\\xff\\\"} 9.0",
        "expected label value, got \"\\\\\" (\"INVALID\") while parsing: \"custom_metric_total 1 # {aa=\\\\\"");
    checkReason("{b=\"c\",} 1",
        "metric name not set while parsing: \"{b=\\\"c\\\",} 1\"");
    checkReason("a 1 NaN",
        "invalid timestamp NaN");
    checkReason("a 1 -Inf",
        "invalid timestamp -Inf");
    checkReason("a 1 Inf",
        "invalid timestamp +Inf");
    checkReason("# TYPE hhh histogram\nhhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4 NaN",
        "invalid exemplar timestamp NaN");
    checkReason("# TYPE hhh histogram\nhhh_bucket{le=\"+Inf\"} 1 # {aa=\"bb\"} 4 -Inf",
        "invalid exemplar timestamp -Inf");
  }

  @Test
  void upstreamNullByteHandling() {
    checkReason("null_byte_metric{a=\"abc\u0000\"} 1\n# EOF\n",
        "no error");
    checkReason("a{b=\"\u0000ss\"} 1\n# EOF\n",
        "no error");
    checkReason("a{b=\"\u0000\"} 1\n# EOF\n",
        "no error");
    checkReason("a{b=\"\u0000\"} 1\n# EOF",
        "no error");
    checkReason("a{b=\u0000\"ssss\"} 1\n# EOF\n",
        "expected label value, got \"\\x00\" (\"INVALID\") while parsing: \"a{b=\\x00\"");
    checkReason("a{b=\"\u0000",
        "expected label value, got \"\\\"\\x00\" (\"INVALID\") while parsing: \"a{b=\\\"\\x00\"");
    checkReason("a{b\u0000=\"hiih\"}\t1",
        "expected equal, got \"\\x00\" (\"INVALID\") while parsing: \"a{b\\x00\"");
    checkReason("a\u0000{b=\"ddd\"} 1",
        "expected value after metric, got \"\\x00\" (\"INVALID\") while parsing: \"a\\x00\"");
    checkReason("#",
        "expected a valid start token, got \"#\" (\"INVALID\") while parsing: \"#\"");
    checkReason("# H",
        "expected a valid start token, got \"# H\" (\"INVALID\") while parsing: \"# H\"");
    checkReason("custom_metric_total 1 # {b=\u0000\"ssss\"} 1\n",
        "expected label value, got \"\\x00\" (\"INVALID\") while parsing: \"custom_metric_total 1 # {b=\\x00\"");
    checkReason("custom_metric_total 1 # {b=\"\u0000ss\"} 1\n",
        "expected label value, got \"\\\"\\x00\" (\"INVALID\") while parsing: \"custom_metric_total 1 # {b=\\\"\\x00\"");
  }

  @Test
  void moreErrors() {
    checkError("a 1\nb{x=\"1\" } 2\n# EOF\n",
        "line 2: expected comma or brace close, got \" \" (\"INVALID\") while parsing: \"b{x=\\\"1\\\" \"");
    checkError("# TYPE a counter\n# TYPE a info\n# TYPE a bogus\n# EOF\n", "line 3: invalid metric type \"bogus\"");
    checkError("a 1 1e400\n# EOF\n",
        "line 1: strconv.ParseFloat: parsing \"1e400\": value out of range while parsing: \"a 1 1e400\"");
    checkError("a 1 # {x=\"y\"} 1 NaN\n# EOF\n", "line 1: invalid exemplar timestamp NaN");
  }
}
