package io.hearth.promql.differential;

import io.hearth.labels.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a wanted answer (Prometheus's) with a got one (Hearth's): same kind, same series label
 * sets, same timestamps, values equal within {@link #REL} relative (exact for integers, NaN equal
 * to NaN). Vectors compare as sets unless the query orders them; then the value sequence must
 * match too (ties may list series in either order).
 */
final class AnswerDiff {
  /** Relative tolerance: summation order differs between engines (Prometheus 3.x uses Kahan sums). */
  static final double REL = 1e-9;
  /** At most this many differences are listed per query. */
  private static final int MAX_LINES = 6;

  private AnswerDiff() {}

  static boolean close(double want, double got) {
    if (Double.isNaN(want) || Double.isNaN(got)) {
      return Double.isNaN(want) && Double.isNaN(got);
    }
    if (want == got) {
      return true;
    }
    if (Double.isInfinite(want) || Double.isInfinite(got)) {
      return false;
    }
    return Math.abs(want - got) <= REL * Math.max(Math.abs(want), Math.abs(got));
  }

  /** The differences, one per line; empty when the answers agree. */
  static List<String> diff(Answer want, Answer got, boolean ordered) {
    List<String> out = new ArrayList<>();
    if (want.kind != got.kind) {
      out.add("want " + want + ", got " + got);
      return out;
    }
    switch (want.kind) {
      case ERROR -> {} // 2.42's wording may differ from 3.x's; that both fail is what is compared
      case STRING -> {
        if (!want.text.equals(got.text)) {
          out.add("want string \"" + want.text + "\", got \"" + got.text + "\"");
        }
      }
      default -> {
        compareSets(want, got, out);
        if (ordered && want.kind == Answer.Kind.VECTOR && out.isEmpty()) {
          compareOrder(want, got, out);
        }
      }
    }
    return out.size() > MAX_LINES ? cap(out) : out;
  }

  private static void compareSets(Answer want, Answer got, List<String> out) {
    Map<Labels, Answer.Curve> byLabels = new LinkedHashMap<>();
    for (Answer.Curve c : got.curves) {
      if (byLabels.put(c.labels, c) != null) {
        out.add("got series twice: " + c.labels);
      }
    }
    for (Answer.Curve w : want.curves) {
      Answer.Curve g = byLabels.remove(w.labels);
      if (g == null) {
        out.add("missing " + w);
        continue;
      }
      comparePoints(w, g, out);
    }
    for (Answer.Curve g : byLabels.values()) {
      out.add("unexpected " + g);
    }
  }

  private static void comparePoints(Answer.Curve w, Answer.Curve g, List<String> out) {
    int n = Math.min(w.t.length, g.t.length);
    for (int i = 0; i < n; i++) {
      if (w.t[i] != g.t[i]) {
        out.add(w.labels + ": point " + i + " want t=" + w.t[i] + ", got t=" + g.t[i]
            + " (want " + w.t.length + " points, got " + g.t.length + ")");
        return;
      }
      if (!close(w.v[i], g.v[i])) {
        out.add(w.labels + " @" + w.t[i] + ": want " + w.v[i] + ", got " + g.v[i]);
        return;
      }
    }
    if (w.t.length != g.t.length) {
      long extra = w.t.length > n ? w.t[n] : g.t[n];
      out.add(w.labels + ": want " + w.t.length + " points, got " + g.t.length + " (first unmatched t=" + extra + ")");
    }
  }

  private static void compareOrder(Answer want, Answer got, List<String> out) {
    for (int i = 0; i < want.curves.size(); i++) {
      double w = want.curves.get(i).v[0];
      double g = got.curves.get(i).v[0];
      if (!close(w, g)) {
        out.add("order: element " + i + " want value " + w + " (" + want.curves.get(i).labels + "), got " + g
            + " (" + got.curves.get(i).labels + ")");
        return;
      }
    }
  }

  private static List<String> cap(List<String> lines) {
    List<String> out = new ArrayList<>(lines.subList(0, MAX_LINES));
    out.add("... and " + (lines.size() - MAX_LINES) + " more");
    return out;
  }
}
