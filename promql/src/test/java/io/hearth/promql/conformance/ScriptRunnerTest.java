package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.labels.SymbolTable;
import io.hearth.promql.PromqlException;
import io.hearth.promql.conformance.EvalIndex.Row;
import io.hearth.promql.conformance.ScriptRunner.Outcome;
import io.hearth.promql.conformance.ScriptRunner.Status;
import io.hearth.promql.conformance.TestScript.Eval;
import io.hearth.promql.conformance.TestScript.Load;
import io.hearth.promql.engine.Annotations;
import io.hearth.promql.engine.FloatSeries;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Result;
import io.hearth.promql.engine.Sample;
import io.hearth.promql.engine.Vector;
import io.hearth.storage.Querier;
import io.hearth.storage.Queryable;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.StaleMarker;
import io.hearth.storage.ValueType;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {
  /**
   * A stand-in engine that knows one query form, a bare metric name, evaluated with a 5m lookback
   * straight off the storage; "boom" fails. Enough to drive the runner end to end.
   */
  private static final QueryRunner BARE_NAMES =
      new QueryRunner() {
        @Override
        public Result instant(Queryable storage, String query, long t) {
          if (query.equals("boom")) {
            throw new PromqlException(PromqlException.Kind.BAD_DATA, "1:1: parse error: boom");
          }
          List<Sample> out = new ArrayList<>();
          try (Querier q = storage.querier(t - 300_000 + 1, t)) {
            SeriesSet set = q.select(true, Matcher.equal("__name__", query));
            while (set.next()) {
              SampleIterator it = set.at().iterator(null);
              double last = Double.NaN;
              boolean found = false;
              while (it.next() == ValueType.FLOAT && it.t() <= t) {
                last = it.v();
                found = true;
              }
              if (found && !StaleMarker.isStale(last)) {
                out.add(new Sample(set.at().labels(), t, last));
              }
            }
          }
          return new Result(new Vector(out), Annotations.NONE);
        }

        @Override
        public Result range(Queryable storage, String query, long start, long end, long step) {
          Map<Labels, List<long[]>> points = new TreeMap<>();
          for (long t = start; t <= end; t += step) {
            for (Sample s : ((Vector) instant(storage, query, t).value()).samples()) {
              points.computeIfAbsent(s.labels(), l -> new ArrayList<>()).add(new long[] {t, Double.doubleToRawLongBits(s.v())});
            }
          }
          List<FloatSeries> series = new ArrayList<>();
          points.forEach(
              (l, p) -> {
                long[] ts = new long[p.size()];
                double[] vs = new double[p.size()];
                for (int i = 0; i < p.size(); i++) {
                  ts[i] = p.get(i)[0];
                  vs[i] = Double.longBitsToDouble(p.get(i)[1]);
                }
                series.add(new FloatSeries(l, ts, vs, ts.length));
              });
          return new Result(new Matrix(series), Annotations.NONE);
        }
      };

  private static Map<String, Row> indexFor(TestScript s, Set<Integer> nhLines) {
    Map<String, Row> index = new HashMap<>();
    for (Eval ev : s.evals()) {
      boolean nh = nhLines.contains(ev.line());
      index.put(
          s.file() + ":" + ev.line(),
          new Row(s.file(), ev.line(), "instant", false, false, false, false, nh, nh, Set.of()));
    }
    return index;
  }

  @Test
  void loadsEvaluatesSkipsAndClears() {
    TestScript s =
        ScriptParser.parse(
            "t.test",
            String.join(
                "\n",
                "load 1m",
                "  m{a=\"1\"} 1 2 3 stale",
                "  m{a=\"2\"} 5 _ {{count:1}} 7",
                "",
                "eval instant at 2m m", // line 5
                "  m{a=\"1\"} 3",
                "  m{a=\"2\"} 5",
                "",
                "eval instant at 3m m", // line 9: a=1 went stale; a=2's float at 3m is loaded
                "  m{a=\"2\"} 7",
                "",
                "eval instant at 3m m", // line 12: wrong on purpose
                "  m{a=\"2\"} 8",
                "",
                "eval instant at 0 boom", // line 15
                "  expect fail regex: parse error",
                "",
                "eval instant at 0 m", // line 18: skipped by the rule
                "",
                "clear",
                "",
                "eval instant at 2m m", // line 22: nothing left
                ""));
    List<Outcome> out = new ScriptRunner(indexFor(s, Set.of(18)), BARE_NAMES, false, 10_000).run(s);
    assertThat(out).extracting(o -> o.eval().line()).containsExactly(5, 9, 12, 15, 18, 22);
    assertThat(out)
        .extracting(Outcome::status)
        .containsExactly(Status.PASS, Status.PASS, Status.FAIL, Status.PASS, Status.SKIP, Status.PASS);
    assertThat(out.get(2).detail()).contains("expected 8, got 7").contains("expected:").contains("got:");
    assertThat(out.get(4).detail()).contains("native histograms");
  }

  @Test
  void extraChecksReevaluateInRangeModeAndWithAtPinned() {
    TestScript s =
        ScriptParser.parse("t.test", "load 1m\n  m 1 2 3 4 5\n\neval instant at 2m m\n  m 3\n");
    Map<String, Row> index = indexFor(s, Set.of());
    // Range mode agrees with the instant result, and without an @ rewrite that is all.
    assertThat(new ScriptRunner(index, BARE_NAMES, true, 10_000).run(s))
        .extracting(Outcome::status)
        .containsExactly(Status.PASS);
    // A rewrite that forgets to pin gives other values at the other evaluation times.
    List<Outcome> out =
        new ScriptRunner(index, BARE_NAMES, true, 10_000, (q, t) -> Optional.of(q)).run(s);
    assertThat(out.getFirst().status()).isEqualTo(Status.FAIL);
    assertThat(out.getFirst().detail()).contains("@ re-evaluation of m at t=-1200000ms");
    // Queries upstream does not pin (time-dependent functions) are not re-evaluated.
    assertThat(new ScriptRunner(index, BARE_NAMES, true, 10_000, (q, t) -> Optional.empty()).run(s))
        .extracting(Outcome::status)
        .containsExactly(Status.PASS);
  }

  @Test
  void aRunawayEvalFailsAndTheNextOneStillRuns() {
    QueryRunner slowOnce =
        new QueryRunner() {
          boolean slept;

          @Override
          public Result instant(Queryable storage, String query, long t) {
            if (!slept) {
              slept = true;
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return BARE_NAMES.instant(storage, query, t);
          }

          @Override
          public Result range(Queryable storage, String query, long start, long end, long step) {
            throw new UnsupportedOperationException();
          }
        };
    TestScript s = ScriptParser.parse("t.test", "eval instant at 0 m\n\neval instant at 0 m\n");
    List<Outcome> out = new ScriptRunner(indexFor(s, Set.of()), slowOnce, false, 1500).run(s);
    assertThat(out).extracting(Outcome::status).containsExactly(Status.FAIL, Status.PASS);
    assertThat(out.getFirst().detail()).contains("longer than 1500 ms");
  }

  @Test
  void anEvalMissingFromTheIndexFails() {
    TestScript s = ScriptParser.parse("t.test", "eval instant at 0 m\n");
    List<Outcome> out = new ScriptRunner(Map.of(), BARE_NAMES, false, 10_000).run(s);
    assertThat(out.getFirst().status()).isEqualTo(Status.FAIL);
  }

  @Test
  void aRejectedLoadFailsTheSectionsEvals() {
    TestScript s = ScriptParser.parse("t.test", "load 1m\n  m 1 2\n\nload 1m\n  m 5\n\neval instant at 0 m\n  m 1\n");
    List<Outcome> out = new ScriptRunner(indexFor(s, Set.of()), BARE_NAMES, false, 10_000).run(s);
    assertThat(out.getFirst().status()).isEqualTo(Status.FAIL);
    assertThat(out.getFirst().detail()).contains("load at line 4 failed");
  }

  /** Every load block of every script goes into a head without a rejected sample. */
  @Test
  void everyScriptLoads() throws IOException {
    Path dir = ConformanceDir.locate();
    List<String> failures = new ArrayList<>();
    long samples = 0;
    for (Path p : PromqlConformanceTest.scriptFiles(dir)) {
      String file = p.getFileName().toString();
      Head head = new Head(HeadOptions.defaults(), new SymbolTable());
      try {
        for (TestScript.Command c : ScriptParser.parse(file, Files.readString(p)).commands()) {
          if (c instanceof TestScript.Clear) {
            head.close();
            head = new Head(HeadOptions.defaults(), new SymbolTable());
          } else if (c instanceof Load load) {
            String err = ScriptRunner.load(head, load);
            if (err != null) {
              failures.add(file + ": " + err);
            }
            for (SeriesDescription d : load.series()) {
              for (int k = 0; k < d.size(); k++) {
                samples += d.kind(k) == SeriesDescription.FLOAT ? 1 : 0;
              }
            }
          }
        }
      } finally {
        head.close();
      }
    }
    assertThat(failures).isEmpty();
    assertThat(samples).isGreaterThan(10_000);
  }

  @Test
  void storesOnlyFloatsOfMixedSeries() {
    Load load = (Load) ScriptParser.parse("t.test", "load 1m\n  m 1 {{count:2}} 3\n").commands().getFirst();
    try (Head head = new Head(HeadOptions.defaults(), new SymbolTable())) {
      assertThat(ScriptRunner.load(head, load)).isNull();
      Result r = BARE_NAMES.instant(head, "m", 60_000);
      assertThat(((Vector) r.value()).samples()).containsExactly(new Sample(Labels.of("__name__", "m"), 60_000, 1));
    }
  }
}
