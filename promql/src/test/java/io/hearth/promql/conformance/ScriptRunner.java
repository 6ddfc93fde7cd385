package io.hearth.promql.conformance;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.promql.PromqlException;
import io.hearth.promql.conformance.EvalIndex.Row;
import io.hearth.promql.conformance.TestScript.Clear;
import io.hearth.promql.conformance.TestScript.Command;
import io.hearth.promql.conformance.TestScript.Eval;
import io.hearth.promql.conformance.TestScript.Load;
import io.hearth.promql.engine.FloatSeries;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Result;
import io.hearth.promql.engine.Sample;
import io.hearth.promql.engine.Scalar;
import io.hearth.promql.engine.Value;
import io.hearth.promql.engine.Vector;
import io.hearth.storage.Appender;
import io.hearth.storage.SampleRejectedException;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs one script: loads each section's float samples into a fresh {@link Head}, evaluates every
 * eval the skip rule lets through, and records one {@link Outcome} per eval. Native-histogram
 * items are not stored (the skip rule leaves out every eval that could see them).
 */
final class ScriptRunner {
  /** Queries whose value depends on the query's own range: upstream's range-mode check skips them. */
  private static final Pattern QUERY_CONTEXT_FUNCS = Pattern.compile("(start|end|range|step)\\(\\)");

  enum Status {
    PASS,
    FAIL,
    SKIP
  }

  /**
   * What happened to one eval; {@code detail} says why it failed or was skipped, {@code nanos} how
   * long it took to evaluate (0 if it did not run).
   */
  record Outcome(Eval eval, Status status, String detail, Throwable error, long nanos) {
    Outcome(Eval eval, Status status, String detail, Throwable error) {
      this(eval, status, detail, error, 0);
    }
  }

  private final Map<String, Row> index;
  private final QueryRunner runner; // null: the engine is missing
  private final boolean isExtraChecks;
  private final long evalTimeoutMs;
  private final AtRewriter atRewriter; // null: no @ re-evaluation
  private ExecutorService executor; // one daemon thread; replaced when an eval overruns

  /**
   * @param index the rows of {@code eval-index.tsv} by {@code file:line}
   * @param runner evaluates the queries: the engine, or a stand-in in the runner's own tests
   * @param isExtraChecks also run upstream's range-mode re-evaluation (FORMAT.md §7.2)
   * @param evalTimeoutMs how long one eval may take before it fails and is abandoned, so that a
   *     runaway query cannot hang the build
   */
  ScriptRunner(Map<String, Row> index, QueryRunner runner, boolean isExtraChecks, long evalTimeoutMs) {
    this(index, runner, isExtraChecks, evalTimeoutMs, null);
  }

  /**
   * @param atRewriter with {@code isExtraChecks}, rewrites an instant eval's query with every
   *     selector pinned {@code @} its eval time for upstream's {@code @} re-evaluation (FORMAT.md
   *     §7.1); null to leave that check out
   */
  ScriptRunner(
      Map<String, Row> index,
      QueryRunner runner,
      boolean isExtraChecks,
      long evalTimeoutMs,
      AtRewriter atRewriter) {
    this.index = index;
    this.runner = runner;
    this.isExtraChecks = isExtraChecks;
    this.evalTimeoutMs = evalTimeoutMs;
    this.atRewriter = atRewriter;
  }

  /** Pins a query's selectors at {@code tMs}; empty when upstream would not (see {@link AtPinning}). */
  @FunctionalInterface
  interface AtRewriter {
    Optional<String> pin(String query, long tMs);
  }

  List<Outcome> run(TestScript script) {
    List<Outcome> out = new ArrayList<>();
    Head head = newHead();
    String loadError = null; // set when a load of the current section failed
    executor = newExecutor();
    try {
      for (Command c : script.commands()) {
        switch (c) {
          case Clear ignored -> {
            head.close();
            head = newHead();
            loadError = null;
          }
          case Load load -> {
            String err = load(head, load);
            if (err != null && loadError == null) {
              loadError = err;
            }
          }
          case Eval ev -> out.add(outcome(script.file(), ev, head, loadError));
        }
      }
    } finally {
      executor.shutdownNow();
      head.close();
    }
    return out;
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "promql-conformance-eval");
          t.setDaemon(true); // an abandoned runaway eval must not keep the JVM alive
          return t;
        });
  }

  private static Head newHead() {
    return new Head(HeadOptions.defaults(), new SymbolTable());
  }

  /** Appends a block's float samples in one transaction; returns why it failed, or null. */
  static String load(Head head, Load load) {
    Appender app = head.appender();
    try {
      for (SeriesDescription s : load.series()) {
        Labels labels = s.labels();
        long ref = 0;
        for (int k = 0; k < s.size(); k++) {
          if (s.kind(k) == SeriesDescription.FLOAT) {
            ref = app.append(ref, labels, k * load.intervalMs(), s.value(k));
          }
        }
      }
      app.commit();
      return null;
    } catch (SampleRejectedException | IllegalArgumentException e) {
      app.rollback();
      return "load at line " + load.line() + " failed: " + e.getMessage();
    }
  }

  private Outcome outcome(String file, Eval ev, Head head, String loadError) {
    Row row = index.get(file + ":" + ev.line());
    if (row == null) {
      return new Outcome(ev, Status.FAIL, "eval is not in eval-index.tsv", null);
    }
    Optional<SkipRule.Reason> skip = SkipRule.reason(row, ev.query());
    if (skip.isPresent()) {
      return new Outcome(ev, Status.SKIP, skip.get().text, null);
    }
    if (loadError != null) {
      return new Outcome(ev, Status.FAIL, loadError, null);
    }
    long start = System.nanoTime();
    Future<Optional<String>> f = executor.submit(() -> evaluate(ev, head));
    try {
      Optional<String> err = f.get(evalTimeoutMs, TimeUnit.MILLISECONDS);
      long nanos = System.nanoTime() - start;
      return err.map(e -> new Outcome(ev, Status.FAIL, e, null, nanos))
          .orElseGet(() -> new Outcome(ev, Status.PASS, "", null, nanos));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error err && !(cause instanceof StackOverflowError)) {
        throw err;
      }
      return new Outcome(ev, Status.FAIL, "engine threw " + cause, cause);
    } catch (TimeoutException e) {
      f.cancel(true);
      executor.shutdownNow();
      executor = newExecutor();
      return new Outcome(ev, Status.FAIL, "eval took longer than " + evalTimeoutMs + " ms; abandoned", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating " + ev.query(), e);
    }
  }

  private Optional<String> evaluate(Eval ev, Head head) {
    if (ev.isRange()) {
      return check(ev, head, ev.query(), ev.startMs());
    }
    Optional<String> err = check(ev, head, ev.query(), ev.timeMs());
    if (err.isPresent() || !isExtraChecks || atRewriter == null) {
      return err;
    }
    Optional<String> pinned = atRewriter.pin(ev.query(), ev.timeMs());
    if (pinned.isEmpty()) {
      return err;
    }
    for (long t : AtPinning.evalTimes(ev.timeMs())) {
      err = check(ev, head, pinned.get(), t);
      if (err.isPresent()) {
        return err.map(e -> "@ re-evaluation of " + pinned.get() + " at t=" + t + "ms: " + e);
      }
    }
    return err;
  }

  /** Runs {@code query} as {@code ev} says (instant queries at {@code t}) and checks the outcome. */
  private Optional<String> check(Eval ev, Head head, String query, long t) {
    ExpectedResult exp = ev.expected();
    Result res;
    try {
      res =
          ev.isRange()
              ? runner.range(head, query, ev.startMs(), ev.endMs(), ev.stepMs())
              : runner.instant(head, query, t);
    } catch (PromqlException e) {
      if (exp.isFail()) {
        return ResultComparator.checkFailure(ev, e);
      }
      return Optional.of("error evaluating query (" + e.kind() + "): " + e.getMessage());
    }
    if (exp.isFail()) {
      return Optional.of(
          "expected an error but the query succeeded; got:\n" + ResultComparator.describe(res.value()));
    }
    Optional<String> err = ResultComparator.checkAnnotations(ev, res.annotations());
    if (err.isEmpty()) {
      err = ResultComparator.compare(ev, res.value());
    }
    if (err.isEmpty() && isExtraChecks && !ev.isRange()) {
      err = rangeModeCheck(ev, head, query, t, res.value())
          .map(e -> "range mode (t-1m..t+1m step 1m): " + e);
    }
    return err;
  }

  /**
   * Upstream's extra check for instant evals: the same query as a range query around the eval
   * time must give the expected value at its middle step.
   */
  private Optional<String> rangeModeCheck(Eval ev, Head head, String query, long t, Value instantValue) {
    ExpectedResult exp = ev.expected();
    if (ev.expectsRangeVector() || exp.string() != null || QUERY_CONTEXT_FUNCS.matcher(query).find()) {
      return Optional.empty();
    }
    Result res;
    try {
      res = runner.range(head, query, t - 60_000, t + 60_000, 60_000);
    } catch (PromqlException e) {
      return Optional.of("error evaluating query: " + e.getMessage());
    }
    if (exp.isOrdered()) {
      return Optional.empty(); // a matrix is always sorted by labels: the order cannot be checked
    }
    if (!(res.value() instanceof Matrix m)) {
      return Optional.of("range query returned " + res.value().getClass().getSimpleName());
    }
    Optional<String> unsorted = ResultComparator.checkSorted(m);
    if (unsorted.isPresent()) {
      return unsorted;
    }
    List<Sample> middle = new ArrayList<>();
    for (FloatSeries s : m.series()) {
      for (int i = 0; i < s.size(); i++) {
        if (s.t(i) == t) {
          middle.add(new Sample(s.labels(), t, s.v(i)));
          break;
        }
      }
    }
    Value v;
    if (instantValue instanceof Scalar) {
      if (middle.isEmpty()) {
        return Optional.of("scalar query returned no point at the middle step");
      }
      v = new Scalar(t, middle.getFirst().v());
    } else {
      v = new Vector(middle);
    }
    // A matrix is sorted by labels, so the per-step vector is too: check it as an unordered set.
    return ResultComparator.compare(ev, v);
  }
}
