package io.hearth.promql.conformance;

import io.hearth.labels.Labels;
import io.hearth.promql.PromqlException;
import io.hearth.promql.conformance.ExpectedResult.Entry;
import io.hearth.promql.conformance.ExpectedResult.ExpectLine;
import io.hearth.promql.conformance.TestScript.Eval;
import io.hearth.promql.engine.Annotations;
import io.hearth.promql.engine.FloatSeries;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Sample;
import io.hearth.promql.engine.Scalar;
import io.hearth.promql.engine.StringValue;
import io.hearth.promql.engine.Value;
import io.hearth.promql.engine.Vector;
import io.hearth.storage.StaleMarker;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares an eval's outcome with its expectations as upstream's harness does (FORMAT.md §4):
 * label sets exactly, floats within a relative 1e-6, timestamps exactly, instant vectors as a set
 * unless ordered, matrices sorted by labels. Each check returns the first mismatch, described with
 * the full expected and actual values, or empty when it matches.
 */
final class ResultComparator {
  static final double EPSILON = 1e-6;
  private static final double MIN_NORMAL = Double.MIN_NORMAL; // 2.2250738585072014e-308

  private ResultComparator() {}

  /**
   * Upstream's {@code almost.Equal}: StaleNaN equals only StaleNaN, any other NaN equals NaN,
   * values whose relative difference is below {@code epsilon} are equal, and when either is zero
   * (or both are subnormal) the difference must be below {@code epsilon} times the smallest
   * normal double, which is exact in practice.
   */
  static boolean almostEqual(double a, double b, double epsilon) {
    boolean staleA = StaleMarker.isStale(a);
    boolean staleB = StaleMarker.isStale(b);
    if (staleA || staleB) {
      return staleA && staleB;
    }
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
      return diff < epsilon * MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
  }

  /** Compares a successful result's value. */
  static Optional<String> compare(Eval ev, Value value) {
    String err =
        switch (value) {
          case Matrix m -> compareMatrix(ev, m);
          case Vector v -> compareVector(ev, v);
          case Scalar s -> compareScalar(ev, s);
          case StringValue s -> compareString(ev, s);
        };
    if (err == null) {
      return Optional.empty();
    }
    return Optional.of(err + "\n  expected:\n" + describeExpected(ev) + "  got:\n" + describe(value));
  }

  private static String compareMatrix(Eval ev, Matrix m) {
    ExpectedResult exp = ev.expected();
    if (exp.isOrdered()) {
      return "expected ordered result, but query returned a matrix";
    }
    if (exp.isScalar()) {
      return "expected scalar result, but got a matrix";
    }
    List<FloatSeries> series = m.series();
    Optional<String> unsorted = checkSorted(m);
    if (unsorted.isPresent()) {
      return unsorted.get();
    }
    boolean hasWindow = ev.isRange() || ev.expectsRangeVector();
    Set<Labels> seen = new HashSet<>();
    for (FloatSeries s : series) {
      Entry e = exp.series().get(s.labels());
      if (e == null) {
        return "unexpected series " + s.labels() + " in result";
      }
      seen.add(s.labels());
      SeriesDescription want = e.values();
      int wantFloats = 0;
      int wantHistograms = 0;
      for (int i = 0; i < want.size(); i++) {
        long t = ev.startMs() + i * ev.stepMs();
        if (!hasWindow || t > ev.endMs()) {
          return "expected " + want.size() + " points for " + s.labels()
              + ", but the query's time range cannot return this many points";
        }
        switch (want.kind(i)) {
          case SeriesDescription.FLOAT -> wantFloats++;
          case SeriesDescription.HISTOGRAM -> wantHistograms++;
          default -> {}
        }
      }
      if (wantFloats != s.size() || wantHistograms != 0) {
        return "expected " + wantFloats + " float points and " + wantHistograms
            + " histogram points for " + s.labels() + ", but got " + s.size() + " float points";
      }
      int k = 0;
      for (int i = 0; i < want.size(); i++) {
        if (want.kind(i) != SeriesDescription.FLOAT) {
          continue;
        }
        long t = ev.startMs() + i * ev.stepMs();
        if (s.t(k) != t) {
          return "expected point " + k + " of " + s.labels() + " at t=" + t + " (step " + i
              + "), but it is at t=" + s.t(k);
        }
        if (!almostEqual(want.value(i), s.v(k), EPSILON)) {
          return "at step " + i + " (t=" + t + ") " + s.labels() + ": expected "
              + formatFloat(want.value(i)) + ", got " + formatFloat(s.v(k));
        }
        k++;
      }
    }
    for (Labels l : exp.series().keySet()) {
      if (!seen.contains(l)) {
        return "expected series " + l + " not found";
      }
    }
    return null;
  }

  /** Range results must come back sorted by label set. */
  static Optional<String> checkSorted(Matrix m) {
    List<FloatSeries> series = m.series();
    for (int i = 0; i + 1 < series.size(); i++) {
      if (series.get(i).labels().compareTo(series.get(i + 1).labels()) > 0) {
        return Optional.of(
            "matrix results should always be sorted by labels, but series " + (i + 1) + " "
                + series.get(i + 1).labels() + " sorts before series " + i + " "
                + series.get(i).labels());
      }
    }
    return Optional.empty();
  }

  private static String compareVector(Eval ev, Vector v) {
    ExpectedResult exp = ev.expected();
    if (exp.isScalar()) {
      return "expected scalar result, but got a vector";
    }
    Set<Labels> seen = new HashSet<>();
    List<Sample> samples = v.samples();
    for (int pos = 0; pos < samples.size(); pos++) {
      Sample s = samples.get(pos);
      Entry e = exp.series().get(s.labels());
      if (e == null) {
        return "unexpected series " + s.labels() + " in result, has value " + formatFloat(s.v());
      }
      if (exp.isOrdered() && e.pos() != pos + 1) {
        return "expected series " + s.labels() + " at position " + e.pos() + " but it was at "
            + (pos + 1);
      }
      if (e.values().size() == 0) {
        return "expected line for " + s.labels() + " has no value";
      }
      if (e.values().kind(0) == SeriesDescription.HISTOGRAM) {
        return "expected a histogram for " + s.labels() + " but got float value "
            + formatFloat(s.v());
      }
      if (!almostEqual(e.values().value(0), s.v(), EPSILON)) {
        return s.labels() + ": expected " + formatFloat(e.values().value(0)) + ", got "
            + formatFloat(s.v());
      }
      if (!seen.add(s.labels())) {
        return "series " + s.labels() + " appears twice in the result";
      }
    }
    for (Labels l : exp.series().keySet()) {
      if (!seen.contains(l)) {
        return "expected series " + l + " not found";
      }
    }
    return null;
  }

  private static String compareScalar(Eval ev, Scalar s) {
    ExpectedResult exp = ev.expected();
    if (!exp.isScalar()) {
      return "expected vector or matrix result, but got scalar " + formatFloat(s.v());
    }
    if (!almostEqual(exp.scalar(), s.v(), EPSILON)) {
      return "expected scalar " + formatFloat(exp.scalar()) + " but got " + formatFloat(s.v());
    }
    return null;
  }

  private static String compareString(Eval ev, StringValue s) {
    String want = ev.expected().string() == null ? "" : ev.expected().string();
    if (!want.equals(s.v())) {
      return "expected string \"" + want + "\" but got \"" + s.v() + "\"";
    }
    return null;
  }

  /** Checks the annotations of a successful query against the {@code expect} lines. */
  static Optional<String> checkAnnotations(Eval ev, Annotations a) {
    ExpectedResult exp = ev.expected();
    if (exp.isWarnFlag() && a.warnings().isEmpty()) {
      return Optional.of("expected warnings but got none");
    }
    if (exp.isInfoFlag() && a.infos().isEmpty()) {
      return Optional.of("expected info annotations but got none");
    }
    Optional<String> err = checkKind("warn", exp.warn(), a.warnings());
    if (err.isEmpty()) {
      err = checkKind("info", exp.info(), a.infos());
    }
    if (err.isEmpty() && exp.isNoWarn() && !a.warnings().isEmpty()) {
      err = Optional.of("unexpected warning annotations: " + a.warnings());
    }
    if (err.isEmpty() && exp.isNoInfo() && !a.infos().isEmpty()) {
      err = Optional.of("unexpected info annotations: " + a.infos());
    }
    return err;
  }

  /**
   * Every expected line must match some annotation, and (once any line of this kind is given)
   * every annotation must match some line.
   */
  private static Optional<String> checkKind(String kind, List<ExpectLine> want, List<String> got) {
    if (want.isEmpty()) {
      return Optional.empty();
    }
    if (got.isEmpty()) {
      return Optional.of("expected " + kind + " annotations but none were found");
    }
    for (ExpectLine e : want) {
      if (got.stream().noneMatch(e::matches)) {
        return Optional.of(
            "expected " + kind + " annotation matching " + e + " but none matched; got: " + got);
      }
    }
    for (String g : got) {
      if (want.stream().noneMatch(e -> e.matches(g))) {
        return Optional.of("unexpected " + kind + " annotation \"" + g + "\"; expected: " + want);
      }
    }
    return Optional.empty();
  }

  /** Checks the error of a query that was expected to fail. */
  static Optional<String> checkFailure(Eval ev, PromqlException e) {
    ExpectedResult exp = ev.expected();
    String got = e.getMessage();
    if (exp.failMessage() != null && !exp.failMessage().equals(got)) {
      return Optional.of("expected error \"" + exp.failMessage() + "\", but got: " + got);
    }
    if (exp.failRegexp() != null && !exp.failRegexp().matcher(got).find()) {
      return Optional.of("expected error matching \"" + exp.failRegexp() + "\", but got: " + got);
    }
    if (exp.fail() != null && !exp.fail().matches(got)) {
      return Optional.of("expected error " + exp.fail() + ", but got: " + got);
    }
    return Optional.empty();
  }

  // ---- rendering ----

  /** A float as a script would write it: {@code 3}, {@code 0.5}, {@code +Inf}, {@code stale}. */
  static String formatFloat(double v) {
    if (StaleMarker.isStale(v)) {
      return "stale";
    }
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static String describe(Value value) {
    StringBuilder sb = new StringBuilder();
    switch (value) {
      case Scalar s -> sb.append("    scalar ").append(formatFloat(s.v())).append('\n');
      case StringValue s -> sb.append("    string \"").append(s.v()).append("\"\n");
      case Vector v -> {
        if (v.samples().isEmpty()) {
          sb.append("    (empty vector)\n");
        }
        for (Sample s : v.samples()) {
          sb.append("    ").append(s.labels()).append(' ').append(formatFloat(s.v())).append('\n');
        }
      }
      case Matrix m -> {
        if (m.series().isEmpty()) {
          sb.append("    (empty matrix)\n");
        }
        for (FloatSeries s : m.series()) {
          sb.append("    ").append(s.labels());
          for (int i = 0; i < s.size(); i++) {
            sb.append(' ').append(formatFloat(s.v(i))).append('@').append(s.t(i));
          }
          sb.append('\n');
        }
      }
    }
    return sb.toString();
  }

  static String describeExpected(Eval ev) {
    ExpectedResult exp = ev.expected();
    StringBuilder sb = new StringBuilder();
    if (exp.isScalar()) {
      return sb.append("    scalar ").append(formatFloat(exp.scalar())).append('\n').toString();
    }
    if (exp.string() != null) {
      return sb.append("    string \"").append(exp.string()).append("\"\n").toString();
    }
    if (exp.series().isEmpty()) {
      sb.append("    (empty)\n");
    }
    boolean hasWindow = ev.isRange() || ev.expectsRangeVector();
    for (Entry e : exp.series().values()) {
      SeriesDescription d = e.values();
      sb.append("    ").append(d.labels());
      for (int i = 0; i < d.size(); i++) {
        sb.append(' ');
        switch (d.kind(i)) {
          case SeriesDescription.OMITTED -> sb.append('_');
          case SeriesDescription.HISTOGRAM -> sb.append("{{histogram}}");
          default -> sb.append(formatFloat(d.value(i)));
        }
        if (hasWindow) {
          sb.append('@').append(ev.startMs() + i * ev.stepMs());
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
