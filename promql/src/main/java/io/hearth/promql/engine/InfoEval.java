package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.MatchType;
import io.hearth.labels.Matcher;
import io.hearth.promql.ast.AggregateExpr;
import io.hearth.promql.ast.At;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.Expr;
import io.hearth.promql.ast.MatrixSelector;
import io.hearth.promql.ast.NumberLiteral;
import io.hearth.promql.ast.ParenExpr;
import io.hearth.promql.ast.StringLiteral;
import io.hearth.promql.ast.SubqueryExpr;
import io.hearth.promql.ast.UnaryExpr;
import io.hearth.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The experimental {@code info(v, {data selectors})}: adds the data labels of info series (by
 * default {@code target_info}) that share {@code instance} and {@code job} with each series of
 * {@code v}. At each step the newest info sample per identity wins.
 */
final class InfoEval {
  private static final List<String> IDENTIFYING = List.of("instance", "job");

  private InfoEval() {}

  static StepMatrix eval(Evaluator ev, Call c) {
    Expr baseExpr = c.args().get(0);
    VectorSelector first = firstSelector(baseExpr, new ArrayList<>());
    StepMatrix base = ev.vector(baseExpr);

    Map<String, List<Matcher>> dataMatchers = new LinkedHashMap<>();
    List<Matcher> nameMatchers = new ArrayList<>();
    if (c.args().size() > 1) {
      VectorSelector sel = (VectorSelector) Evaluator.unwrap(c.args().get(1));
      for (Matcher m : sel.matchers()) {
        dataMatchers.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
        if (m.name().equals(Labels.METRIC_NAME)) {
          nameMatchers.add(m);
        }
      }
    } else {
      nameMatchers.add(Matcher.equal(Labels.METRIC_NAME, "target_info"));
    }
    List<Matcher> effective = effectiveNameMatchers(nameMatchers);
    boolean[] ignored = new boolean[base.size()];
    Map<String, Set<String>> idValues = new LinkedHashMap<>();
    for (int i = 0; i < base.size(); i++) {
      Labels l = base.get(i).labels;
      String name = l.get(Labels.METRIC_NAME);
      boolean all = true;
      for (Matcher m : effective) {
        all &= m.matches(name);
      }
      ignored[i] = all;
      if (all) {
        continue;
      }
      for (String id : IDENTIFYING) {
        String v = l.get(id);
        if (!v.isEmpty()) {
          idValues.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(v);
        }
      }
    }
    StepMatrix info = new StepMatrix(ev.numSteps, 0);
    if (!idValues.isEmpty()) {
      List<Matcher> sel = new ArrayList<>();
      idValues.forEach((id, vals) -> sel.add(Matcher.regex(id, quoteAlternatives(vals))));
      List<Matcher> names = new ArrayList<>();
      for (List<Matcher> ms : dataMatchers.values()) {
        for (Matcher m : ms) {
          if (m.name().equals(Labels.METRIC_NAME)) {
            names.add(m);
          } else {
            sel.add(m);
          }
        }
      }
      sel.addAll(effectiveNameMatchers(names));
      long offset = first == null ? 0 : first.offsetMs();
      At at = first == null ? null : first.at();
      info = SelectorEval.vector(ev, new VectorSelector("", sel, offset, at, c.pos()), true);
    }
    dataMatchers.remove(Labels.METRIC_NAME);
    return combine(ev, base, info, ignored, dataMatchers);
  }

  private static StepMatrix combine(
      Evaluator ev,
      StepMatrix base,
      StepMatrix info,
      boolean[] ignored,
      Map<String, List<Matcher>> dataMatchers) {
    // Signatures: the info metric's name plus the identifying labels.
    LinkedHashSet<String> infoNames = new LinkedHashSet<>();
    Labels[] infoSig = new Labels[info.size()];
    for (int j = 0; j < info.size(); j++) {
      Labels l = info.get(j).labels;
      infoNames.add(l.get(Labels.METRIC_NAME));
      infoSig[j] = signature(l.get(Labels.METRIC_NAME), l);
    }
    boolean matchersMatchEmpty = true;
    for (List<Matcher> ms : dataMatchers.values()) {
      for (Matcher m : ms) {
        matchersMatchEmpty &= m.matches("");
      }
    }
    StepMatrix out = new StepMatrix(ev.numSteps, base.size());
    HashMap<Labels, StepSeries> byLabels = new HashMap<>();
    HashMap<Labels, Integer> newest = new HashMap<>();
    for (int k = 0; k < ev.numSteps; k++) {
      newest.clear();
      for (int j = 0; j < info.size(); j++) {
        StepSeries is = info.get(j);
        if (!is.has(k)) {
          continue;
        }
        Integer prev = newest.get(infoSig[j]);
        if (prev == null) {
          newest.put(infoSig[j], j);
          continue;
        }
        long prevT = Math.round(info.get(prev).v[k] * 1000);
        long t = Math.round(is.v[k] * 1000);
        if (prevT < t) {
          newest.put(infoSig[j], j);
        } else if (prevT == t) {
          throw QueryContext.error(
              "found duplicate series for info metric: existing "
                  + info.get(prev).labels
                  + " @ "
                  + prevT
                  + ", new "
                  + is.labels
                  + " @ "
                  + t);
        }
      }
      for (int i = 0; i < base.size(); i++) {
        StepSeries bs = base.get(i);
        if (!bs.has(k)) {
          continue;
        }
        Labels labels = bs.labels;
        if (!ignored[i]) {
          LabelsBuilder lb = new LabelsBuilder();
          int seen = 0;
          for (String infoName : infoNames) {
            Integer j = newest.get(signature(infoName, bs.labels));
            if (j == null) {
              continue;
            }
            Labels il = info.get(j).labels;
            for (int x = 0; x < il.size(); x++) {
              String n = il.name(x);
              if (n.equals(Labels.METRIC_NAME)
                  || (!dataMatchers.isEmpty() && !dataMatchers.containsKey(n))) {
                continue;
              }
              String have = lb.get(n);
              if (!have.isEmpty() && !have.equals(il.value(x))) {
                throw QueryContext.error("conflicting label: " + n);
              }
              if (!bs.labels.get(n).isEmpty()) {
                continue;
              }
              lb.set(n, il.value(x));
            }
            seen++;
          }
          if (seen == 0 && !matchersMatchEmpty) {
            continue;
          }
          Labels add = lb.build();
          if (!add.isEmpty()) {
            LabelsBuilder b = bs.labels.toBuilder();
            for (int x = 0; x < add.size(); x++) {
              b.set(add.name(x), add.value(x));
            }
            labels = b.build();
          }
        }
        StepSeries o = byLabels.get(labels);
        if (o == null) {
          o = out.newSeries(labels, bs.dropName);
          byLabels.put(labels, o);
        } else if (o.has(k)) {
          throw QueryContext.error("vector cannot contain metrics with the same labelset");
        }
        o.set(k, bs.v[k]);
      }
    }
    return out;
  }

  private static Labels signature(String name, Labels l) {
    LabelsBuilder b = new LabelsBuilder().set(Labels.METRIC_NAME, name);
    for (String id : IDENTIFYING) {
      String v = l.get(id);
      if (!v.isEmpty()) {
        b.set(id, v);
      }
    }
    return b.build();
  }

  private static List<Matcher> effectiveNameMatchers(List<Matcher> ms) {
    for (Matcher m : ms) {
      if (m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX) {
        return ms;
      }
    }
    if (!ms.isEmpty()) {
      List<Matcher> out = new ArrayList<>();
      out.add(Matcher.regex(Labels.METRIC_NAME, ".+_info"));
      out.addAll(ms);
      return out;
    }
    return List.of(Matcher.equal(Labels.METRIC_NAME, "target_info"));
  }

  /** Go's regexp.QuoteMeta of each value, joined by {@code |}. */
  private static String quoteAlternatives(Set<String> vals) {
    StringBuilder b = new StringBuilder();
    for (String v : vals) {
      if (b.length() > 0) {
        b.append('|');
      }
      for (int i = 0; i < v.length(); i++) {
        char ch = v.charAt(i);
        if ("\\.+*?()|[]{}^$".indexOf(ch) >= 0) {
          b.append('\\');
        }
        b.append(ch);
      }
    }
    return b.toString();
  }

  /**
   * The first vector selector of {@code e} in upstream's walk order, with the offset and {@code @}
   * that the info series must be read with: the selector's own, else those accumulated from the
   * subqueries around it up to the first one that has an {@code @}.
   */
  static VectorSelector firstSelector(Expr e, List<SubqueryExpr> path) {
    return switch (e) {
      case VectorSelector vs -> {
        long offset = vs.offsetMs();
        At at = vs.at();
        for (int i = path.size() - 1; at == null && i >= 0; i--) {
          offset += path.get(i).offsetMs();
          at = path.get(i).at();
        }
        yield new VectorSelector(vs.name(), vs.matchers(), offset, at, vs.pos());
      }
      case MatrixSelector m -> firstSelector(m.selector(), path);
      case SubqueryExpr sq -> {
        path.add(sq);
        VectorSelector r = firstSelector(sq.expr(), path);
        path.remove(path.size() - 1);
        yield r;
      }
      case AggregateExpr a -> {
        VectorSelector r = firstSelector(a.expr(), path);
        yield r != null || a.param() == null ? r : firstSelector(a.param(), path);
      }
      case BinaryExpr b -> {
        VectorSelector r = firstSelector(b.lhs(), path);
        yield r != null ? r : firstSelector(b.rhs(), path);
      }
      case Call c -> {
        for (Expr a : c.args()) {
          VectorSelector r = firstSelector(a, path);
          if (r != null) {
            yield r;
          }
        }
        yield null;
      }
      case ParenExpr p -> firstSelector(p.expr(), path);
      case UnaryExpr u -> firstSelector(u.expr(), path);
      case NumberLiteral n -> null;
      case StringLiteral s -> null;
    };
  }
}
