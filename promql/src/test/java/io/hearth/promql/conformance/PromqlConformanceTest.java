package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.Printer;
import io.hearth.promql.conformance.EvalIndex.Row;
import io.hearth.promql.conformance.ScriptRunner.Outcome;
import io.hearth.promql.conformance.ScriptRunner.Status;
import io.hearth.promql.conformance.TestScript.Eval;
import io.hearth.promql.parser.ParseException;
import io.hearth.promql.parser.ParserOptions;
import io.hearth.promql.parser.PromqlParser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Prometheus's PromQL acceptance scripts ({@code shared/conformance/promql/*.test}) through
 * the engine: one dynamic test per {@code eval}, grouped by file, named {@code file:line query}.
 * Evals left out by {@link SkipRule} are reported as aborted with their reason. The summary (per
 * file and in total: {@code promql conformance: pass=N skip=M fail=K}) goes to standard output.
 *
 * <p>System properties: {@code promql.conformance.extraChecks=false} leaves out upstream's extra
 * checks of instant evals, {@code @} re-evaluation and range mode (FORMAT.md §7), which run by
 * default because they cost a few seconds and catch step-handling bugs the scripts miss; {@code
 * promql.conformance.evalTimeoutSeconds} (30) fails and abandons an eval that runs longer;
 * {@code promql.conformance.dir} points at the scripts if they are not found by walking up.
 */
class PromqlConformanceTest {
  private static final int INDEXED_EVALS = 2214;

  @TestFactory
  Stream<DynamicNode> scripts() throws IOException {
    Path dir = ConformanceDir.locate();
    Map<String, Row> index = EvalIndex.read(dir.resolve("eval-index.tsv")).byKey();
    QueryRunner engine = QueryRunner.engine(QueryRunner.scriptOptions());
    boolean isExtraChecks =
        Boolean.parseBoolean(System.getProperty("promql.conformance.extraChecks", "true"));
    long timeoutMs = 1000 * Long.getLong("promql.conformance.evalTimeoutSeconds", 30);
    ScriptRunner runner =
        new ScriptRunner(index, engine, isExtraChecks, timeoutMs, PromqlConformanceTest::pinAt);

    List<DynamicNode> files = new ArrayList<>();
    Map<Status, Integer> total = new EnumMap<>(Status.class);
    StringBuilder summary = new StringBuilder();
    summary.append("promql conformance: skip rule: ").append(SkipRule.DESCRIPTION).append('\n');
    long startNanos = System.nanoTime();
    List<Timed> timed = new ArrayList<>();
    for (Path p : scriptFiles(dir)) {
      String file = p.getFileName().toString();
      TestScript script = ScriptParser.parse(file, Files.readString(p));
      List<Outcome> outcomes = runner.run(script);
      Map<Status, Integer> counts = new EnumMap<>(Status.class);
      List<DynamicNode> tests = new ArrayList<>();
      for (Outcome o : outcomes) {
        counts.merge(o.status(), 1, Integer::sum);
        total.merge(o.status(), 1, Integer::sum);
        tests.add(dynamicTest(p, file, o));
        if (o.nanos() > 0) {
          timed.add(new Timed(file + ":" + o.eval().line(), o.nanos()));
        }
      }
      summary.append(String.format("promql conformance: %-26s %s%n", file, counts(counts)));
      files.add(DynamicContainer.dynamicContainer(file, p.toUri(), tests.stream()));
    }
    summary.append(
        String.format(
            "promql conformance: %s (%d ms)%n",
            counts(total), (System.nanoTime() - startNanos) / 1_000_000));
    timed.sort(Comparator.comparingLong(Timed::nanos).reversed());
    if (!timed.isEmpty()) {
      summary.append("promql conformance: slowest evals:");
      for (Timed t : timed.subList(0, Math.min(5, timed.size()))) {
        summary.append(' ').append(t.where()).append(" (").append(t.nanos() / 1_000_000).append(" ms)");
      }
      summary.append('\n');
    }
    System.out.print(summary);
    return files.stream();
  }

  /**
   * The query with its selectors pinned at {@code t}, printed back to PromQL; empty if upstream
   * would not pin it, or if it does not parse (the eval then expects a failure, already checked).
   */
  private static Optional<String> pinAt(String query, long t) {
    Expr e;
    try {
      e = PromqlParser.parse(query, new ParserOptions(true));
    } catch (ParseException ex) {
      return Optional.empty();
    }
    return AtPinning.pin(e, t).map(Printer::print);
  }

  private record Timed(String where, long nanos) {}

  private static String counts(Map<Status, Integer> c) {
    return "pass=" + c.getOrDefault(Status.PASS, 0) + " skip=" + c.getOrDefault(Status.SKIP, 0)
        + " fail=" + c.getOrDefault(Status.FAIL, 0);
  }

  private static DynamicTest dynamicTest(Path p, String file, Outcome o) {
    Eval ev = o.eval();
    String name = file + ":" + ev.line() + " " + ev.query();
    URI source = URI.create(p.toUri() + "?line=" + ev.line());
    return DynamicTest.dynamicTest(
        name,
        source,
        () -> {
          switch (o.status()) {
            case PASS -> {}
            case SKIP -> Assumptions.abort("skipped by the skip rule: " + o.detail());
            case FAIL -> Assertions.fail(header(file, ev) + "\n  " + o.detail(), o.error());
          }
        });
  }

  private static String header(String file, Eval ev) {
    String when =
        ev.isRange()
            ? "range from " + ev.startMs() + "ms to " + ev.endMs() + "ms step " + ev.stepMs() + "ms"
            : "instant at " + ev.timeMs() + "ms";
    return file + ":" + ev.line() + ": eval " + when + " " + ev.query();
  }

  static List<Path> scriptFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".test")).sorted().toList();
    }
  }

  /** The parser finds exactly the evals of eval-index.tsv, with the same kind and flags. */
  @Test
  void parsesExactlyTheIndexedEvals() throws IOException {
    Path dir = ConformanceDir.locate();
    List<Row> rows = EvalIndex.read(dir.resolve("eval-index.tsv")).rows();
    List<String> want = new ArrayList<>();
    for (Row r : rows) {
      want.add(
          r.key() + " " + r.kind() + " fail=" + r.expectsFail() + " ordered=" + r.expectsOrdered()
              + " msg=" + r.checksMessageText());
    }
    List<String> got = new ArrayList<>();
    for (Path p : scriptFiles(dir)) {
      String file = p.getFileName().toString();
      for (Eval ev : ScriptParser.parse(file, Files.readString(p)).evals()) {
        ExpectedResult e = ev.expected();
        got.add(
            file + ":" + ev.line() + " " + (ev.isRange() ? "range" : "instant") + " fail="
                + e.isFail() + " ordered=" + e.isOrdered() + " msg=" + e.checksMessageText());
      }
    }
    assertThat(rows).hasSize(INDEXED_EVALS);
    assertThat(got).containsExactlyElementsOf(want);
  }
}
