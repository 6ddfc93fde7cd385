package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.promql.conformance.EvalIndex.Row;
import io.hearth.promql.conformance.SkipRule.Reason;
import io.hearth.promql.conformance.TestScript.Eval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SkipRuleTest {
  private static Map<String, Row> index;
  private static Map<String, Eval> evals;

  @BeforeAll
  static void readAll() throws IOException {
    Path dir = ConformanceDir.locate();
    index = EvalIndex.read(dir.resolve("eval-index.tsv")).byKey();
    evals = new HashMap<>();
    for (Path p : PromqlConformanceTest.scriptFiles(dir)) {
      String file = p.getFileName().toString();
      for (Eval ev : ScriptParser.parse(file, Files.readString(p)).evals()) {
        evals.put(file + ":" + ev.line(), ev);
      }
    }
  }

  private static Row row(boolean nhExpected, boolean nhLoaded, boolean nhTouched, String... tags) {
    return new Row("f.test", 1, "instant", false, false, false, nhExpected, nhLoaded, nhTouched, Set.of(tags));
  }

  private static void check(Row row, String query, Reason want) {
    assertThat(SkipRule.reason(row, query)).as(row + " " + query).isEqualTo(Optional.ofNullable(want));
  }

  @Test
  void appliesTheRuleToEachColumn() {
    check(row(false, false, false), "m", null);
    check(row(false, true, false), "m", null); // histograms loaded, but the query does not touch them
    check(row(true, true, false), "m", Reason.NATIVE_HISTOGRAM);
    check(row(false, true, true), "m", Reason.NATIVE_HISTOGRAM);
    check(row(false, false, false, "anchored_smoothed"), "m", Reason.ANCHORED_SMOOTHED);
    check(row(false, false, false, "duration_expr", "limitk"), "m", Reason.DURATION_EXPR);
    check(row(false, false, false, "fill_modifier"), "m", Reason.FILL_MODIFIER);
    check(row(false, false, false, "start_timestamps"), "m", Reason.START_TIMESTAMPS);
    check(row(false, false, false, "experimental_fn"), "info(m, {a=\"b\"})", null);
    check(row(false, false, false, "experimental_fn"), "mad_over_time(info[5m])", null);
    check(row(false, false, false, "experimental_fn"), "my_info(m)", null);
    check(row(false, false, false, "limitk"), "limitk(1, m)", null);
    check(row(false, false, false, "experimental_fn"), "m offset step()", Reason.DURATION_EXPR);
    check(row(false, false, false), "m offset STEP()", Reason.DURATION_EXPR);
    check(row(false, false, false, "experimental_fn"), "count_over_time(m[range()])", Reason.DURATION_EXPR);
    check(row(false, false, false, "experimental_fn"), "m offset -min_of(step(), 1s)", Reason.DURATION_EXPR);
    check(row(false, false, false, "experimental_fn"), "max_over_time(m[10m:step()])", Reason.DURATION_EXPR);
    check(row(false, false, false, "experimental_fn"), "step() + range()", null);
    check(row(false, false, false, "at_modifier"), "m @ 100", null);
    check(row(false, false, false, "type_and_unit_labels"), "m", null);
  }

  @Test
  void refusesUnknownTags() {
    assertThatThrownBy(() -> SkipRule.reason(row(false, false, false, "new_thing"), "m"))
        .hasMessageContaining("new_thing");
  }

  /** Counts per reason over the real index, checked against FORMAT.md §8. */
  @Test
  void skipsAPlausibleShareOfTheScripts() {
    Map<Reason, Integer> byReason = new EnumMap<>(Reason.class);
    Map<String, int[]> byFile = new TreeMap<>(); // run, skipped
    int run = 0;
    for (Row r : index.values()) {
      Optional<Reason> reason = SkipRule.reason(r, evals.get(r.key()).query());
      reason.ifPresent(x -> byReason.merge(x, 1, Integer::sum));
      byFile.computeIfAbsent(r.file(), f -> new int[2])[reason.isPresent() ? 1 : 0]++;
      run += reason.isPresent() ? 0 : 1;
    }
    System.out.println("promql conformance skip rule: run=" + run + " skipped by reason=" + byReason);
    byFile.forEach((f, c) -> System.out.printf("  %-26s run=%d skip=%d%n", f, c[0], c[1]));

    // §8: 932 evals touch native histograms (heuristic); every {{ in an expected result is among
    // the touching ones or adds to them.
    assertThat(byReason.get(Reason.NATIVE_HISTOGRAM)).isBetween(932, 932 + 254);
    // Core (883) runs; so do type_and_unit (58) and most experimental-function evals.
    assertThat(run).isBetween(883 + 58, 2214 - 932);
    assertThat(byFile.get("type_and_unit.test")).containsExactly(58, 0);
    assertThat(byFile.get("at_modifier.test")).containsExactly(78, 0);
    assertThat(byFile.get("literals.test")).containsExactly(25, 0);
    assertThat(byFile.get("fill-modifier.test")[0]).isLessThanOrEqualTo(1);
    assertThat(byFile.get("start_timestamps.test")[0]).isZero();
    // info.test: 53 info() evals, one of which touches native histograms.
    assertThat(byFile.get("info.test")).containsExactly(52, 1);
  }

  /**
   * A second opinion on the NH heuristic, from the parsed loads: no eval that runs may name a
   * series the runner could not store (histogram items, or the NHCB series of load_with_nhcb).
   */
  @Test
  void noRunningEvalNamesAHistogramSeries() throws IOException {
    Path dir = ConformanceDir.locate();
    Map<String, String> offenders = new TreeMap<>();
    for (Path p : PromqlConformanceTest.scriptFiles(dir)) {
      String file = p.getFileName().toString();
      Set<String> histogramNames = new HashSet<>();
      for (TestScript.Command c : ScriptParser.parse(file, Files.readString(p)).commands()) {
        switch (c) {
          case TestScript.Clear ignored -> histogramNames.clear();
          case TestScript.Load load -> {
            for (SeriesDescription s : load.series()) {
              String name = s.labels().get("__name__");
              if (s.hasHistogram()) {
                histogramNames.add(name);
              }
              if (load.withNhcb() && name.endsWith("_bucket")) {
                histogramNames.add(name.substring(0, name.length() - "_bucket".length()));
              }
            }
          }
          case Eval ev -> {
            Row r = index.get(file + ":" + ev.line());
            if (SkipRule.reason(r, ev.query()).isPresent()) {
              continue;
            }
            for (String name : histogramNames) {
              String word = "(?<![A-Za-z0-9_:])" + Pattern.quote(name) + "(?![A-Za-z0-9_:])";
              if (Pattern.compile(word).matcher(ev.query()).find()) {
                offenders.put(r.key(), ev.query() + " names " + name);
              }
            }
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
