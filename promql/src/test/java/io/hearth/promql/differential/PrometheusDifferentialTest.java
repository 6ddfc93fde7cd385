package io.hearth.promql.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.labels.SymbolTable;
import io.hearth.promql.engine.Engine;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.parser.ParseException;
import io.hearth.promql.parser.ParserOptions;
import io.hearth.promql.parser.PromqlParser;
import io.hearth.promql.testdata.BenchData;
import io.hearth.promql.testdata.OpenMetricsLoader;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hearth against a real Prometheus on the same data. The dataset is {@code openmetrics_gen.py}'s
 * realistic mix, 1,500 series from 3 targets over 3 h at 15 s, ending at 1795309200.137: every
 * timestamp sits at .137 s (or .136 after promtool's float truncation, which the loader copies).
 *
 * <p>Debian's Prometheus is 2.42; Hearth follows 3.x. The differences between the two that the
 * data and the query table are built to stay clear of:
 *
 * <ul>
 *   <li>Range selectors and the lookback window are closed on the left in 2.x ({@code [t-r, t]})
 *       and open in 3.x ({@code (t-r, t]}). Samples sit at .137 s, evaluation instants and range
 *       query starts at other milliseconds (.481, .618, .294, .611), and every range, offset and
 *       step is whole seconds, so no window edge ever falls on a sample.
 *   <li>Subquery steps align to absolute multiples of the step, so inner evaluation times are
 *       whole seconds; the outer instants' odd milliseconds keep the subquery window's left edge
 *       off them as well. A subquery nested in another is evaluated at whole multiples of the
 *       outer step, so its range must not be a multiple of its own step ({@code [10m30s:1m]}
 *       inside {@code [30m:5m]}), or its left edge would land on one of its own points.
 *   <li>In 3.x {@code .} in a regex also matches a newline; no label value here has one.
 *   <li>3.x accepts any UTF-8 label name ({@code label_replace(x, "1bad", ...)}, {@code
 *       count_values("a.b", ...)}), 2.42 only {@code [a-zA-Z_][a-zA-Z0-9_]*}; only valid names
 *       are used.
 *   <li>{@code holt_winters} became the experimental {@code double_exponential_smoothing};
 *       {@code sort_by_label}, {@code mad_over_time}, {@code limitk}, {@code histogram_fraction} on
 *       classic buckets and {@code info} do not exist in 2.42. None is queried.
 *   <li>3.x sums with Kahan compensation (sum, avg, *_over_time) and computes avg differently;
 *       values are compared within 1e-9 relative, not bit for bit.
 *   <li>3.x applies the counter zero-point cut of rate/increase after the extrapolation
 *       threshold, 2.42 before it: they differ only when a counter's extrapolated zero lies
 *       between 0.5 and 1.1 average sample intervals before the first sample in the window.
 *   <li>3.x's histogram_quantile also treats bucket counts that differ by a tiny relative amount
 *       as equal when fixing monotonicity; with integer bucket counters this does not arise.
 *   <li>Error texts changed between versions; where both fail only the failure is compared.
 *   <li>{@code atan2} between vectors drops the metric name since 2.46, like the other arithmetic
 *       operators; 2.42 keeps it. The table multiplies its result by 1, which drops it in both.
 * </ul>
 */
class PrometheusDifferentialTest {
  /** The integer second the dataset ends at, in milliseconds; its last samples are 137 ms later. */
  static final long END = 1_795_309_200_000L;

  /** Instant-query times: mid-data, just after the data (lookback only), and early (truncated windows). */
  static final long[] INSTANTS = {END - 1_800_000 + 481, END + 125_618, END - 9_000_000 + 294};

  /** Range queries: the last 2 h at a 1 m step, starting off the sample grid. */
  static final long RANGE_START = END - 7_200_000 + 611;
  static final long RANGE_END = END + 60_611;
  static final long RANGE_STEP = 60_000;

  private static BenchData.Info data;
  private static PrometheusServer prometheus;
  private static Head head;
  private static OpenMetricsLoader.Stats loaded;

  @BeforeAll
  static void setUp() throws Exception {
    // Fails rather than skips without them (./dev test installs Debian's prometheus), so the
    // comparison cannot silently stop running.
    assertThat(PrometheusServer.available())
        .as("prometheus and promtool on the PATH (apt-get install prometheus)")
        .isTrue();
    Path work = Path.of("target", "differential").toAbsolutePath();
    data = BenchData.generate(work.resolve("realistic-1500s-3h-15s.om"),
        List.of("--series", "1500", "--series-per-target", "500", "--hours", "3", "--interval", "15",
            "--end", "1795309200.137"),
        120);
    prometheus = PrometheusServer.start(data.file(), work.resolve("prometheus"), Duration.ofSeconds(60));
    head = new Head(HeadOptions.defaults(), new SymbolTable());
    loaded = OpenMetricsLoader.load(data.file(), head);
  }

  @AfterAll
  static void tearDown() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (head != null) {
      head.close();
    }
  }

  @Test
  void loaderReadsWhatTheGeneratorWrote() {
    assertThat(loaded.samples()).isEqualTo(data.samples());
    assertThat(loaded.series()).isEqualTo(data.series()).isEqualTo(head.numSeries());
    assertThat(loaded.minT()).isEqualTo((long) (data.start() * 1000));
    assertThat(loaded.maxT()).isEqualTo((long) (data.end() * 1000));
    assertThat(head.stats().samplesAppended()).isEqualTo(data.samples());
  }

  /** Every raw sample of the last 10 minutes before each instant, on both sides. */
  @Test
  void headHoldsWhatPrometheusHolds() {
    for (long t : INSTANTS) {
      Answer want = prometheus.instant("{__name__=~\".+\"}[10m]", t);
      assertThat(want.kind).isEqualTo(Answer.Kind.MATRIX);
      assertThat(want.curves).hasSize((int) data.series());
      List<String> d = AnswerDiff.diff(want, rawSamples(t - 600_000, t), false);
      assertThat(d).as("raw samples before %d", t).isEmpty();
    }
    Answer count = prometheus.instant("count({__name__=~\".+\"})", INSTANTS[0]);
    assertThat(count.curves.getFirst().v[0]).isEqualTo(data.series());
  }

  /**
   * The table's own check: each query runs on Prometheus and gives what its flags promise, a
   * non-empty result (or an error for {@code !error}); a query answering nothing would compare
   * nothing.
   */
  @Test
  void everyQueryMeansSomethingToPrometheus() {
    List<QueryTable.Case> cases = QueryTable.load("/differential/queries.txt");
    assertThat(cases).hasSizeGreaterThan(200);
    List<String> bad = new ArrayList<>();
    for (QueryTable.Case c : cases) {
      Answer a = prometheus.instant(c.query(), INSTANTS[0]);
      boolean failed = a.kind == Answer.Kind.ERROR;
      if (c.error() != failed) {
        bad.add(c + " => " + a);
      } else if (!c.error() && !c.mayBeEmpty() && a.kind != Answer.Kind.SCALAR && a.kind != Answer.Kind.STRING
          && a.curves.isEmpty()) {
        bad.add(c + " => empty");
      }
      if (!c.instantOnly() && !c.error()) {
        Answer r = prometheus.range(c.query(), RANGE_START, RANGE_END, RANGE_STEP);
        if (r.kind == Answer.Kind.ERROR) {
          bad.add(c + " (range) => " + r);
        }
      }
    }
    assertThat(bad).as("queries that mean nothing on Prometheus").isEmpty();
  }

  /** Hearth's parser accepts exactly the queries Prometheus parses (2.42 and 3.x agree on these). */
  @Test
  void hearthParsesWhatPrometheusParses() {
    List<String> bad = new ArrayList<>();
    for (QueryTable.Case c : QueryTable.load("/differential/queries.txt")) {
      Answer a = prometheus.instant(c.query(), INSTANTS[0]);
      boolean promRefuses = a.kind == Answer.Kind.ERROR && a.text.contains("parse error");
      String hearth;
      try {
        PromqlParser.parse(c.query(), ParserOptions.DEFAULT);
        hearth = null;
      } catch (ParseException e) {
        hearth = e.getMessage();
      } catch (RuntimeException e) {
        hearth = "threw " + e;
      }
      if (promRefuses != (hearth != null)) {
        bad.add(c + ": Prometheus " + (promRefuses ? a.text : "parses it") + "; Hearth "
            + (hearth == null ? "parses it" : hearth));
      }
    }
    assertThat(bad).isEmpty();
  }

  /**
   * The differential test proper: every query of the table at every instant and as a range query,
   * through Hearth's engine and through Prometheus; all mismatches are listed with their query.
   */
  @Test
  void hearthAnswersAsPrometheusDoes() throws IOException {
    HearthEvaluator hearth = new HearthEvaluator(head, new Engine(EngineOptions.defaults()));
    List<QueryTable.Case> cases = QueryTable.load("/differential/queries.txt");
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (QueryTable.Case c : cases) {
      for (long t : INSTANTS) {
        compared++;
        compare(c, "instant at " + PrometheusServer.seconds(t), () -> prometheus.instant(c.query(), t),
            () -> hearth.instant(c.query(), t), c.ordered(), mismatches);
      }
      if (!c.instantOnly()) {
        compared++;
        compare(c, "range", () -> prometheus.range(c.query(), RANGE_START, RANGE_END, RANGE_STEP),
            () -> hearth.range(c.query(), RANGE_START, RANGE_END, RANGE_STEP), false, mismatches);
      }
    }
    Path report = Path.of("target", "differential", "mismatches.txt");
    Files.writeString(report, String.join("\n", mismatches) + "\n");
    System.out.printf("differential: %d queries, %d comparisons, %d mismatches (all in %s)%n",
        cases.size(), compared, mismatches.size(), report.toAbsolutePath());
    assertThat(mismatches)
        .as("%d mismatches against Prometheus, the first ones:%n%s", mismatches.size(),
            String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))))
        .isEmpty();
  }

  private static void compare(QueryTable.Case c, String how, Supplier<Answer> want, Supplier<Answer> got,
      boolean ordered, List<String> mismatches) {
    Answer w = want.get();
    Answer g;
    try {
      g = got.get();
    } catch (RuntimeException e) {
      mismatches.add(c + " [" + how + "]: Hearth threw " + e);
      return;
    }
    List<String> d = AnswerDiff.diff(w, g, ordered);
    if (!d.isEmpty()) {
      mismatches.add(c + " [" + how + "]:\n    " + String.join("\n    ", d));
    }
  }

  /** The head's samples in (minT, maxT], as Prometheus answers a range selector. */
  private static Answer rawSamples(long minT, long maxT) {
    List<Answer.Curve> out = new ArrayList<>();
    try (Querier q = head.querier(minT + 1, maxT)) {
      SeriesSet set = q.select(true, Matcher.regex(Labels.METRIC_NAME, ".+"));
      SampleIterator it = null;
      while (set.next()) {
        it = set.at().iterator(it);
        long[] t = new long[64];
        double[] v = new double[64];
        int n = 0;
        for (ValueType vt = it.seek(minT + 1); vt == ValueType.FLOAT && it.t() <= maxT; vt = it.next()) {
          if (n == t.length) {
            t = Arrays.copyOf(t, n * 2);
            v = Arrays.copyOf(v, n * 2);
          }
          t[n] = it.t();
          v[n++] = it.v();
        }
        if (n > 0) {
          out.add(new Answer.Curve(set.at().labels(), Arrays.copyOf(t, n), Arrays.copyOf(v, n)));
        }
      }
    }
    return Answer.matrix(out);
  }
}
