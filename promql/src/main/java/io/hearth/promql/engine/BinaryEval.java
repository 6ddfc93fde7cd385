package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.promql.ast.BinaryExpr;
import io.hearth.promql.ast.BinaryOp;
import io.hearth.promql.ast.VectorMatching;
import io.hearth.promql.ast.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Binary operators over whole step grids. Join signatures are computed once per series (labels do
 * not change across steps); each step then matches through arrays indexed by signature ordinal,
 * stamped with the step number instead of being cleared.
 */
final class BinaryEval {
  private BinaryEval() {}

  static double[] scalar(Evaluator ev, BinaryExpr b) {
    double[] l = ev.scalar(b.lhs());
    double[] r = ev.scalar(b.rhs());
    for (int i = 0; i < l.length; i++) {
      l[i] = scalarOp(b.op(), l[i], r[i]);
    }
    return l;
  }

  /** Scalar-scalar semantics: comparisons yield 1 or 0. */
  static double scalarOp(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case POW -> Math.pow(l, r);
      case MOD -> goMod(l, r);
      case ATAN2 -> Math.atan2(l, r);
      case EQL -> l == r ? 1 : 0;
      case NEQ -> l != r ? 1 : 0;
      case GTR -> l > r ? 1 : 0;
      case LSS -> l < r ? 1 : 0;
      case GTE -> l >= r ? 1 : 0;
      case LTE -> l <= r ? 1 : 0;
      case TRIM_UPPER, TRIM_LOWER -> Double.NaN;
      case AND, OR, UNLESS -> throw new IllegalStateException("set operator on scalars: " + op);
    };
  }

  /** Go's math.Mod: the result has the sign of {@code x}; Java's % agrees, including NaN and Inf. */
  static double goMod(double x, double y) {
    return x % y;
  }

  /** Whether a comparison holds; arithmetic always "holds". */
  static boolean holds(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      // Bucket trimming applies to histograms only: floats never survive it.
      case TRIM_UPPER, TRIM_LOWER -> false;
      default -> true;
    };
  }

  static boolean changesMetricSchema(BinaryOp op) {
    return switch (op) {
      case ADD, SUB, MUL, DIV, POW, MOD, ATAN2 -> true;
      default -> false;
    };
  }

  static StepMatrix vector(Evaluator ev, BinaryExpr b) {
    boolean lScalar = Evaluator.isScalar(b.lhs());
    boolean rScalar = Evaluator.isScalar(b.rhs());
    if (lScalar || rScalar) {
      StepMatrix m;
      double[] s;
      if (lScalar) {
        s = ev.scalar(b.lhs());
        m = ev.vector(b.rhs());
      } else {
        m = ev.vector(b.lhs());
        s = ev.scalar(b.rhs());
      }
      return vectorScalar(ev, b, m, s, lScalar);
    }
    StepMatrix l = ev.vector(b.lhs());
    StepMatrix r = ev.vector(b.rhs());
    VectorMatching vm = b.matching();
    return switch (b.op()) {
      case AND -> and(ev, l, r, vm, false);
      case UNLESS -> and(ev, l, r, vm, true);
      case OR -> or(ev, l, r, vm);
      default -> {
        warnTrim(ev, b);
        yield new VectorVector(ev, b, l, r).eval();
      }
    };
  }

  private static void warnTrim(Evaluator ev, BinaryExpr b) {
    if (b.op() == BinaryOp.TRIM_UPPER || b.op() == BinaryOp.TRIM_LOWER) {
      String o = b.op().text();
      ev.ctx.info(
          "incompatible sample types encountered for binary operator "
              + Annotation.goQuote(o)
              + ": float "
              + o
              + " float",
          b.pos());
    }
  }

  private static StepMatrix vectorScalar(
      Evaluator ev, BinaryExpr b, StepMatrix m, double[] s, boolean swap) {
    BinaryOp op = b.op();
    warnTrim(ev, b);
    boolean comparison = op.isComparison();
    boolean dropName = changesMetricSchema(op) || b.returnBool();
    for (int i = 0; i < m.size(); i++) {
      StepSeries ser = m.get(i);
      for (int k = ser.nextPresent(0); k >= 0; k = ser.nextPresent(k + 1)) {
        double x = ser.v[k];
        double l = swap ? s[k] : x;
        double r = swap ? x : s[k];
        if (comparison) {
          boolean keep = holds(op, l, r);
          if (b.returnBool()) {
            ser.v[k] = keep ? 1 : 0;
          } else if (!keep) {
            ser.clear(k);
          }
          // Otherwise the vector's own value stays, whichever side it was on.
        } else {
          ser.v[k] = scalarOp(op, l, r);
        }
      }
      if (dropName) {
        ev.markNameDropped(ser);
      }
    }
    m.removeEmpty();
    return dropName && !ev.delayedNameRemoval() ? ev.mergeSameLabels(m) : m;
  }

  // ---- set operators ----

  /** The join signature of each series, as ordinals shared by both sides. */
  static int[][] signatures(StepMatrix l, StepMatrix r, VectorMatching vm, boolean setOp) {
    HashMap<Labels, Integer> ords = new HashMap<>();
    int[][] out = new int[2][];
    StepMatrix[] sides = {l, r};
    for (int side = 0; side < 2; side++) {
      StepMatrix m = sides[side];
      int[] sig = new int[m.size()];
      for (int i = 0; i < m.size(); i++) {
        Labels key = signature(m.get(i).labels, vm.on(), vm.labels(), setOp);
        Integer o = ords.putIfAbsent(key, ords.size());
        sig[i] = o == null ? ords.size() - 1 : o;
      }
      out[side] = sig;
    }
    return out;
  }

  /**
   * The join signature. Set operators also leave out {@code __type__} and {@code __unit__}, so
   * that series differing only in metadata still match (type_and_unit.test); arithmetic keeps them
   * as upstream's signature does.
   */
  static Labels signature(Labels l, boolean on, List<String> names, boolean setOp) {
    if (on || !setOp) {
      return matchLabels(l, on, names);
    }
    LabelsBuilder b = new LabelsBuilder();
    for (int i = 0; i < l.size(); i++) {
      String n = l.name(i);
      if (n.equals(Labels.METRIC_NAME) || n.equals("__type__") || n.equals("__unit__") || names.contains(n)) {
        continue;
      }
      b.set(n, l.value(i));
    }
    return b.build();
  }

  /** Upstream's MatchLabels: the {@code on} labels, or everything but the {@code ignoring} ones and the name. */
  static Labels matchLabels(Labels l, boolean on, List<String> names) {
    LabelsBuilder b = new LabelsBuilder();
    if (on) {
      for (String n : names) {
        String v = l.get(n);
        if (!v.isEmpty()) {
          b.set(n, v);
        }
      }
      return b.build();
    }
    for (int i = 0; i < l.size(); i++) {
      String n = l.name(i);
      if (n.equals(Labels.METRIC_NAME) || names.contains(n)) {
        continue;
      }
      b.set(n, l.value(i));
    }
    return b.build();
  }

  private static int numSigs(int[][] sigs) {
    int n = 0;
    for (int[] side : sigs) {
      for (int s : side) {
        n = Math.max(n, s + 1);
      }
    }
    return n;
  }

  /** {@code and} keeps left points whose signature is on the right; {@code unless} the others. */
  private static StepMatrix and(
      Evaluator ev, StepMatrix l, StepMatrix r, VectorMatching vm, boolean unless) {
    int[][] sigs = signatures(l, r, vm, true);
    int[] stamp = new int[numSigs(sigs)];
    for (int k = 0; k < ev.numSteps; k++) {
      int mark = k + 1;
      for (int j = 0; j < r.size(); j++) {
        if (r.get(j).has(k)) {
          stamp[sigs[1][j]] = mark;
        }
      }
      for (int i = 0; i < l.size(); i++) {
        StepSeries s = l.get(i);
        if (s.has(k) && (stamp[sigs[0][i]] == mark) == unless) {
          s.clear(k);
        }
      }
    }
    l.removeEmpty();
    return l;
  }

  /** {@code or}: every left point, plus right points whose signature is absent on the left. */
  private static StepMatrix or(Evaluator ev, StepMatrix l, StepMatrix r, VectorMatching vm) {
    int[][] sigs = signatures(l, r, vm, true);
    int[] stamp = new int[numSigs(sigs)];
    for (int k = 0; k < ev.numSteps; k++) {
      int mark = k + 1;
      for (int i = 0; i < l.size(); i++) {
        if (l.get(i).has(k)) {
          stamp[sigs[0][i]] = mark;
        }
      }
      for (int j = 0; j < r.size(); j++) {
        StepSeries s = r.get(j);
        if (s.has(k) && stamp[sigs[1][j]] == mark) {
          s.clear(k);
        }
      }
    }
    StepMatrix out = new StepMatrix(ev.numSteps, l.size() + r.size());
    out.series.addAll(l.series);
    for (StepSeries s : r.series) {
      if (s.count > 0) {
        out.add(s);
      }
    }
    return ev.delayedNameRemoval() ? out : ev.mergeSameLabels(out);
  }

  /** Arithmetic and comparisons between two vectors, one-to-one or with group_left/right. */
  private static final class VectorVector {
    private final Evaluator ev;
    private final BinaryExpr b;
    private final VectorMatching vm;
    private final StepMatrix many;
    private final StepMatrix one;
    private final boolean swapped;
    private final int[] manySig;
    private final int[] oneSig;
    private final StepMatrix out;
    // Output series by pair (many index, one index) and by labels.
    private final HashMap<Long, Integer> byPair = new HashMap<>();
    private final HashMap<Labels, Integer> byLabels = new HashMap<>();
    private final ArrayList<Integer> outMatchedStep = new ArrayList<>();

    VectorVector(Evaluator ev, BinaryExpr b, StepMatrix l, StepMatrix r) {
      this.ev = ev;
      this.b = b;
      this.vm = b.matching();
      this.swapped = vm.cardinality() == Cardinality.ONE_TO_MANY;
      this.many = swapped ? r : l;
      this.one = swapped ? l : r;
      int[][] sigs = signatures(many, one, vm, false);
      this.manySig = sigs[0];
      this.oneSig = sigs[1];
      this.out = new StepMatrix(ev.numSteps, many.size());
    }

    StepMatrix eval() {
      int nSigs = numSigs(new int[][] {manySig, oneSig});
      int[] oneAt = new int[nSigs];
      int[] oneStamp = new int[nSigs];
      int[] matchedStamp = new int[nSigs];
      BinaryOp op = b.op();
      boolean oneToOne = vm.cardinality() == Cardinality.ONE_TO_ONE;
      for (int k = 0; k < ev.numSteps; k++) {
        if ((k & 255) == 0) {
          ev.ctx.checkInterrupted();
        }
        int mark = k + 1;
        for (int j = 0; j < one.size(); j++) {
          StepSeries rs = one.get(j);
          if (!rs.has(k)) {
            continue;
          }
          int sig = oneSig[j];
          if (oneStamp[sig] == mark) {
            throw duplicate(rs.labels, one.get(oneAt[sig]).labels);
          }
          oneStamp[sig] = mark;
          oneAt[sig] = j;
        }
        for (int i = 0; i < many.size(); i++) {
          StepSeries ls = many.get(i);
          int sig = manySig[i];
          if (!ls.has(k) || oneStamp[sig] != mark) {
            continue;
          }
          int j = oneAt[sig];
          StepSeries rs = one.get(j);
          double lv = swapped ? rs.v[k] : ls.v[k];
          double rv = swapped ? ls.v[k] : rs.v[k];
          boolean keep = holds(op, lv, rv);
          double value = op.isComparison() ? lv : scalarOp(op, lv, rv);
          if (b.returnBool()) {
            value = keep ? 1 : 0;
          }
          int o = output(i, j, ls, rs);
          if (oneToOne) {
            if (matchedStamp[sig] == mark) {
              throw QueryContext.error(
                  "multiple matches for labels: many-to-one matching must be explicit"
                      + " (group_left/group_right)");
            }
            matchedStamp[sig] = mark;
          } else {
            if (outMatchedStep.get(o) == mark) {
              throw QueryContext.error(
                  "multiple matches for labels: grouping labels must ensure unique matches");
            }
            outMatchedStep.set(o, mark);
          }
          if (!keep && !b.returnBool()) {
            continue;
          }
          StepSeries os = out.get(o);
          if (os.has(k)) {
            throw QueryContext.error("vector cannot contain metrics with the same labelset");
          }
          os.set(k, value);
        }
      }
      out.removeEmpty();
      return out;
    }

    private io.hearth.promql.PromqlException duplicate(Labels a, Labels c) {
      Labels matched = matchLabels(a, vm.on(), vm.labels());
      String d1 = a.toString();
      String d2 = c.toString();
      if (d1.compareTo(d2) > 0) {
        String t = d1;
        d1 = d2;
        d2 = t;
      }
      String side = swapped ? "left" : "right";
      return QueryContext.error(
          "found duplicate series for the match group "
              + matched
              + " on the "
              + side
              + " hand-side of the operation: ["
              + d1
              + ", "
              + d2
              + "];many-to-many matching not allowed: matching labels must be unique on one side");
    }

    /** The output series for a pair, created with upstream's result labels on first use. */
    private int output(int i, int j, StepSeries ls, StepSeries rs) {
      long key = (long) i * one.size() + j;
      Integer o = byPair.get(key);
      if (o != null) {
        return o;
      }
      Labels labels = resultLabels(ls.labels, rs.labels);
      o = byLabels.get(labels);
      if (o == null) {
        o = out.size();
        out.newSeries(labels, b.returnBool());
        outMatchedStep.add(0);
        byLabels.put(labels, o);
      }
      byPair.put(key, o);
      return o;
    }

    private Labels resultLabels(Labels l, Labels r) {
      LabelsBuilder lb = l.toBuilder();
      if ((b.returnBool() && !ev.delayedNameRemoval()) || changesMetricSchema(b.op())) {
        lb.delete(Labels.METRIC_NAME);
        lb.delete("__type__");
        lb.delete("__unit__");
      }
      if (vm.cardinality() == Cardinality.ONE_TO_ONE) {
        if (vm.on()) {
          for (int i = 0; i < l.size(); i++) {
            if (!vm.labels().contains(l.name(i))) {
              lb.delete(l.name(i));
            }
          }
        } else {
          for (String n : vm.labels()) {
            lb.delete(n);
          }
        }
      }
      for (String n : vm.include()) {
        lb.set(n, r.get(n));
      }
      return lb.build();
    }
  }

}
