package io.hearth.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.testdata.OpenMetricsLoader;
import io.hearth.promql.testdata.PrometheusProcess;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range} of Hearth and of Debian's Prometheus
 * (2.42) on the same data, compared as JSON with each number's text kept: result types, labels
 * (with characters that need escaping), value texts (tiny, huge, NaN, infinities), timestamp
 * texts, error types, error messages and status codes.
 *
 * <p>What is normalised: the order of a vector's samples and of warnings (unordered in
 * Prometheus). Differences between 2.42 and 3.x the data and requests stay clear of: samples sit
 * at .137 s and evaluation times at other milliseconds, so the 3.x left-open range and lookback
 * windows select what 2.42's closed ones do; no query raises an annotation (2.42 has none, 3.x
 * has infos such as "metric might not be a counter"); the {@code limit} parameter (3.x only) is
 * covered by {@code QueryApiTest} instead, as are {@code lookback_delta} (3.x only) and
 * averages (3.x sums with Kahan compensation, so {@code avg_over_time} differs in the last digits).
 *
 * <p>Error texts that changed from 2.42 to 3.x are rewritten to their 3.x form in Prometheus's
 * reply before comparing ({@link #as3x}): range-query parse errors gained the {@code invalid
 * parameter "query": } prefix, {@code Invalid time value} lost its capital, and an empty query's
 * parse error reports {@code unknown position} instead of {@code 1:1}.
 */
class ApiDifferentialTest {
  static final long END = 1_795_309_200L;
  static final String T1 = "1795307400.481";
  static final String T_AFTER = (END + 125) + ".618";
  static final String RANGE_START = (END - 3600) + ".611";
  static final String RANGE_END = (END + 60) + ".611";

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private static PrometheusProcess prometheus;
  private static Server hearth;
  private static URI hearthBase;

  @BeforeAll
  static void setUp() throws Exception {
    assertThat(PrometheusProcess.available()).as("prometheus and promtool on the PATH (apt-get install prometheus)")
        .isTrue();
    Path work = Path.of("target", "api-differential").toAbsolutePath();
    PrometheusProcess.deleteTree(work);
    Files.createDirectories(work);
    Path om = work.resolve("api.om");
    Files.writeString(om, dataset());
    prometheus = PrometheusProcess.start(om, work.resolve("prometheus"), Duration.ofSeconds(60));
    hearth = Server.start(new Server.Config(work.resolve("hearth"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 4, io.hearth.server.NoScrapes.file(work)));
    OpenMetricsLoader.load(om, hearth.db().head());
    hearthBase = URI.create("http://127.0.0.1:" + hearth.address().getPort());
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    if (hearth != null) {
      hearth.close();
    }
  }

  /** Two hours at 15 s, every sample at .137 s; values chosen for their text forms. */
  static String dataset() {
    StringBuilder b = new StringBuilder();
    long start = END - 7200;
    for (int k = 0; k <= 480; k++) {
      String ts = (start + k * 15L) + ".137";
      line(b, "api_requests_total{instance=\"a:9100\",job=\"node\",path=\"/x\"}", 3.0 * k, ts);
      line(b, "api_requests_total{instance=\"b:9100\",job=\"node\",path=\"/y\"}", 5.0 * k + (k > 300 ? -1400 : 0), ts);
      line(b, "api_gauge{kind=\"tiny\"}", 1e-7 * (k + 1), ts);
      line(b, "api_gauge{kind=\"huge\"}", 1.5e21 + k * 1e6, ts);
      line(b, "api_gauge{kind=\"frac\"}", 0.1 * k + 0.2, ts);
      double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.5, 1234567.25};
      line(b, "api_gauge{kind=\"special\"}", special[k % special.length], ts);
      line(b, "api_escapes{v=\"a<b&c>d \\\"q\\\" back\\\\slash \u00fc \\n nl\"}", 1, ts);
      line(b, "api_dup{instance=\"x\",job=\"j\"}", k, ts);
      line(b, "api_dup{instance=\"y\",job=\"j\"}", 2 * k, ts);
    }
    return b.append("# EOF\n").toString();
  }

  private static void line(StringBuilder b, String series, double v, String ts) {
    String value = Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : Double.toString(v);
    b.append(series).append(' ').append(value).append(' ').append(ts).append('\n');
  }

  static final List<String> QUERIES = List.of(
      "api_requests_total",
      "rate(api_requests_total[5m])",
      "sum by (job) (rate(api_requests_total[5m]))",
      "increase(api_requests_total[10m])",
      "api_gauge",
      "api_gauge * 3",
      "-api_gauge",
      "api_escapes",
      "1 + 1",
      "time()",
      "scalar(api_gauge{kind=\"tiny\"})",
      "scalar(api_gauge{kind=\"huge\"})",
      "topk(1, api_requests_total)",
      "absent(nonexistent)",
      "nonexistent",
      "api_gauge{kind=\"frac\"} / 7",
      "max_over_time(api_gauge{kind=\"frac\"}[7m])",
      "label_replace(api_dup, \"instance\", \"same\", \"\", \"\")",
      "foo{",
      "rate(api_gauge)",
      "sum(");

  /** Queries only an instant query can run (a range vector or a string result). */
  static final List<String> INSTANT_ONLY = List.of(
      "api_requests_total[1m]",
      "api_escapes[45s]",
      "\"a <string> & more\"",
      // 3.x warns that sort does nothing in a range query; 2.42 has no annotations.
      "sort_desc(api_gauge{kind!=\"special\"})");

  @Test
  void instantQueriesAnswerAsPrometheus() {
    List<String> mismatches = new ArrayList<>();
    for (String t : List.of(T1, T_AFTER)) {
      for (String q : concat(QUERIES, INSTANT_ONLY)) {
        compare("/api/v1/query", "query=" + enc(q) + "&time=" + t, mismatches);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void rangeQueriesAnswerAsPrometheus() {
    List<String> mismatches = new ArrayList<>();
    for (String q : concat(QUERIES, INSTANT_ONLY)) {
      if (q.startsWith("sort")) {
        continue; // 3.x adds an annotation that 2.42 does not have
      }
      compare("/api/v1/query_range",
          "query=" + enc(q) + "&start=" + RANGE_START + "&end=" + RANGE_END + "&step=60", mismatches);
    }
    // Fractional, duration-syntax and RFC 3339 parameters.
    compare("/api/v1/query_range", "query=api_gauge&start=" + RANGE_START + "&end=" + RANGE_END + "&step=1m30s",
        mismatches);
    compare("/api/v1/query_range", "query=api_requests_total&start=2026-11-21T16:40:00.5Z&end=2026-11-21T17:00:00.25Z&step=45.5",
        mismatches);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void badParametersFailAsInPrometheus() {
    List<String> mismatches = new ArrayList<>();
    String q = "query=api_gauge";
    compare("/api/v1/query", q + "&time=yesterday", mismatches);
    compare("/api/v1/query", q + "&time=" + T1 + "&timeout=soon", mismatches);
    compare("/api/v1/query", "time=" + T1, mismatches);
    compare("/api/v1/query_range", q + "&end=" + RANGE_END + "&step=60", mismatches);
    compare("/api/v1/query_range", q + "&start=" + RANGE_START + "&end=x&step=60", mismatches);
    compare("/api/v1/query_range", q + "&start=" + RANGE_END + "&end=" + RANGE_START + "&step=60", mismatches);
    compare("/api/v1/query_range", q + "&start=" + RANGE_START + "&end=" + RANGE_END + "&step=0", mismatches);
    compare("/api/v1/query_range", q + "&start=" + RANGE_START + "&end=" + RANGE_END + "&step=-1", mismatches);
    compare("/api/v1/query_range", q + "&start=" + RANGE_START + "&end=" + RANGE_END + "&step=fast", mismatches);
    compare("/api/v1/query_range", q + "&start=0&end=11001&step=1", mismatches);
    compare("/api/v1/query_range", q + "&start=0&end=11000&step=1", mismatches);
    assertThat(mismatches).isEmpty();
  }

  /** {@code limit} on these endpoints is 3.x's (2.42 ignores it): {@code MetadataApiTest} covers it. */
  @Test
  void labelsSeriesAndExemplarsAnswerAsPrometheus() {
    List<String> mismatches = new ArrayList<>();
    String inRange = "&start=" + RANGE_START + "&end=" + RANGE_END;
    for (String form : List.of("", inRange, "match[]=api_gauge", "match[]=api_gauge&match[]=" + enc("{job=\"j\"}"),
        "match[]=" + enc("{__name__=~\"api_.*\",kind!=\"tiny\"}") + inRange, "start=0&end=1",
        "match[]=" + enc("{job=~\".*\"}"), "match[]=" + enc("foo{"), "start=yesterday", "end=x")) {
      compare("/api/v1/labels", form, mismatches);
      compare("/api/v1/label/job/values", form, mismatches);
      compare("/api/v1/label/__name__/values", form, mismatches);
      compare("/api/v1/series", form, mismatches);
    }
    compare("/api/v1/label/kind/values", "match[]=api_gauge", mismatches);
    compare("/api/v1/label/v/values", "", mismatches);
    compare("/api/v1/label/nonexistent/values", "", mismatches);
    for (String form : List.of("query=api_gauge", "query=" + enc("rate(api_requests_total[5m]) + 1"), "query=" + enc("1 + 1"),
        "query=" + enc("sum("), "query=api_gauge&start=" + RANGE_END + "&end=" + RANGE_START, "query=api_gauge&start=x",
        "query=api_gauge" + inRange)) {
      compare("/api/v1/query_exemplars", form, mismatches);
    }
    assertThat(mismatches).isEmpty();
  }

  /**
   * Numbers stay below a million: 2.42 printed larger ones with an exponent ({@code 1.2e+09}),
   * 3.x prints every digit, as Hearth does.
   */
  @Test
  void formatQueryPrettifiesAsPrometheus() {
    List<String> mismatches = new ArrayList<>();
    for (String q : concat(QUERIES, List.of(
        "sum by (job, instance) (rate(http_requests_total{job=\"api-server\",handler=~\"/api/v1/query.*\"}[5m])) "
            + "/ on (job) group_left (instance) sum by (job) (rate(http_requests_total{job=\"api-server\"}[5m]))",
        "histogram_quantile(0.99, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket{handler=\"/api/v1/query_range\"}[5m])))",
        "-(some_very_long_metric_name_for_testing_the_prettier{label_one=\"value one\",label_two=\"value two\"} + 12345.5)",
        "max_over_time((rate(some_counter_with_a_rather_long_name_total{job=\"a\",instance=\"b\"}[5m]) > 1000)[30m:1m] offset 5m)",
        "topk(5, count_values(\"value\", build_info_with_a_long_name{a=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaa\",b=\"bbbbbbbbbbbbbbbbbbbbbbbb\"}))",
        "foo bar"))) {
      compare("/api/v1/format_query", "query=" + enc(q), mismatches);
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void getAndPostAgree() {
    String form = "query=" + enc("sum(api_requests_total)") + "&time=" + T1;
    Reply post = send(hearthBase, "/api/v1/query", form, true);
    Reply get = send(hearthBase, "/api/v1/query", form, false);
    assertThat(get).isEqualTo(post);
    assertThat(post.status()).isEqualTo(200);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  record Reply(int status, String contentType, Object json) {}

  private static void compare(String path, String form, List<String> mismatches) {
    boolean post = !path.startsWith("/api/v1/label/");
    Reply want = seriesSorted(path, as3x(path, send(prometheus.base(), path, form, post)));
    Reply got = seriesSorted(path, send(hearthBase, path, form, post));
    if (!Objects.equals(want, got)) {
      mismatches.add(path + "?" + form + "\n  prometheus: " + want + "\n  hearth:     " + got);
    }
  }

  /**
   * {@code /api/v1/series} with its label sets sorted: Prometheus leaves their order to the index,
   * and the reference reads this data from backfilled blocks (label order) while Hearth's head
   * keeps creation order.
   */
  @SuppressWarnings("unchecked")
  static Reply seriesSorted(String path, Reply r) {
    if (path.equals("/api/v1/series") && r.json() instanceof java.util.Map<?, ?> m
        && m.get("data") instanceof List<?> data) {
      List<Object> sorted = new ArrayList<>(data);
      sorted.sort(java.util.Comparator.comparing(Object::toString));
      ((java.util.Map<String, Object>) m).put("data", sorted);
    }
    return r;
  }

  /** Prometheus 2.42's error texts in their 3.x wording (see the class comment). */
  @SuppressWarnings("unchecked")
  static Reply as3x(String path, Reply r) {
    if (!(r.json() instanceof java.util.Map<?, ?> m) || !(m.get("error") instanceof String error)) {
      return r;
    }
    String fixed = error.replace("Invalid time value for", "invalid time value for")
        .replace("1:1: parse error: no expression found in input", "unknown position: parse error: no expression found in input");
    if (path.endsWith("/query_range") && !fixed.startsWith("invalid parameter")
        && (fixed.matches("^\\d+:\\d+: parse error: .*") || fixed.startsWith("unknown position: ")
            || fixed.startsWith("invalid expression type"))) {
      fixed = "invalid parameter \"query\": " + fixed;
    }
    ((java.util.Map<String, Object>) m).put("error", fixed);
    return r;
  }

  private static Reply send(URI base, String path, String form, boolean post) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path + (post ? "" : "?" + form)))
        .timeout(Duration.ofSeconds(60));
    if (post) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Object body = r.body().startsWith("{") ? CanonicalJson.normalise(CanonicalJson.parse(r.body())) : r.body();
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot send " + path + "?" + form + " to " + base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
