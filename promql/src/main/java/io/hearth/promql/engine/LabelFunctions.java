package io.hearth.promql.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.hearth.labels.Labels;
import io.hearth.promql.ast.Call;
import io.hearth.promql.ast.StringLiteral;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The functions that rewrite or reorder series rather than values: label_replace, label_join,
 * sort, sort_desc, sort_by_label and sort_by_label_desc. Label rewrites happen once per series,
 * not per step.
 */
final class LabelFunctions {
  private LabelFunctions() {}

  static String stringArg(Call c, int i) {
    return ((StringLiteral) Evaluator.unwrap(c.args().get(i))).value();
  }

  /** Upstream accepts any non-empty valid UTF-8 name; our parser turns invalid bytes into U+FFFD. */
  static boolean isValidLabelName(String n) {
    if (n.isEmpty()) {
      return false;
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '\uFFFD') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= n.length() || !Character.isLowSurrogate(n.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static StepMatrix labelReplace(Evaluator ev, Call c) {
    String dst = stringArg(c, 1);
    String repl = stringArg(c, 2);
    String src = stringArg(c, 3);
    String regex = stringArg(c, 4);
    Pattern p;
    try {
      p = Pattern.compile("^(?s:" + regex + ")$");
    } catch (PatternSyntaxException e) {
      throw QueryContext.error("invalid regular expression in label_replace(): " + regex);
    }
    if (!isValidLabelName(dst)) {
      throw QueryContext.error("invalid destination label name in label_replace(): " + dst);
    }
    StepMatrix m = ev.vector(c.args().get(0));
    Map<String, Integer> named = p.namedGroups();
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      String value = s.labels.get(src);
      Matcher mt = p.matcher(value);
      if (!mt.matches()) {
        continue;
      }
      String res = expand(repl, mt, named);
      s.labels = s.labels.toBuilder().set(dst, res).build();
      if (dst.equals(Labels.METRIC_NAME)) {
        s.dropName = false;
      }
    }
    return ev.mergeSameLabels(m);
  }

  /** Go's Regexp.ExpandString: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. */
  static String expand(String template, Matcher m, Map<String, Integer> named) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    int n = template.length();
    while (i < n) {
      int d = template.indexOf('$', i);
      if (d < 0) {
        b.append(template, i, n);
        break;
      }
      b.append(template, i, d);
      if (d + 1 < n && template.charAt(d + 1) == '$') {
        b.append('$');
        i = d + 2;
        continue;
      }
      // Extract a name: letters, digits and underscores, optionally in braces.
      int j = d + 1;
      boolean brace = j < n && template.charAt(j) == '{';
      if (brace) {
        j++;
      }
      int nameStart = j;
      while (j < n) {
        int cp = template.codePointAt(j);
        if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
          break;
        }
        j += Character.charCount(cp);
      }
      boolean ok = j > nameStart;
      if (ok && brace) {
        if (j >= n || template.charAt(j) != '}') {
          ok = false;
        } else {
          j++;
        }
      }
      if (!ok) {
        b.append('$');
        i = d + 1;
        continue;
      }
      String name = template.substring(nameStart, brace ? j - 1 : j);
      i = j;
      int num = groupNumber(name);
      if (num >= 0) {
        if (num <= m.groupCount() && m.start(num) >= 0) {
          b.append(m.group(num));
        }
      } else {
        Integer g = named.get(name);
        if (g != null && m.start(g) >= 0) {
          b.append(m.group(g));
        }
      }
    }
    return b.toString();
  }

  private static int groupNumber(String name) {
    int num = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (c - '0');
    }
    if (name.charAt(0) == '0' && name.length() > 1) {
      return -1;
    }
    return num;
  }

  static StepMatrix labelJoin(Evaluator ev, Call c) {
    String dst = stringArg(c, 1);
    String sep = stringArg(c, 2);
    List<String> srcs = new ArrayList<>();
    for (int i = 3; i < c.args().size(); i++) {
      String src = stringArg(c, i);
      if (!isValidLabelName(src)) {
        throw QueryContext.error("invalid source label name in label_join(): " + src);
      }
      srcs.add(src);
    }
    if (!isValidLabelName(dst)) {
      throw QueryContext.error("invalid destination label name in label_join(): " + dst);
    }
    StepMatrix m = ev.vector(c.args().get(0));
    for (int i = 0; i < m.size(); i++) {
      StepSeries s = m.get(i);
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < srcs.size(); j++) {
        if (j > 0) {
          b.append(sep);
        }
        b.append(s.labels.get(srcs.get(j)));
      }
      s.labels = s.labels.toBuilder().set(dst, b.toString()).build();
      if (dst.equals(Labels.METRIC_NAME)) {
        s.dropName = false;
      }
    }
    return ev.mergeSameLabels(m);
  }

  /** Sorting matters only for an instant query, whose result order is the series order. */
  static StepMatrix sort(Evaluator ev, Call c) {
    String name = c.function().name();
    StepMatrix m = ev.vector(c.args().get(0));
    if (!ev.isInstant()) {
      return m;
    }
    ArrayList<StepSeries> list = m.series;
    switch (name) {
      case "sort" -> goSort(list, (a, b) -> lessAsc(b.v[0], a.v[0]), false);
      case "sort_desc" -> goSort(list, (a, b) -> lessDesc(b.v[0], a.v[0]), true);
      default -> {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < c.args().size(); i++) {
          names.add(stringArg(c, i));
        }
        boolean desc = name.endsWith("_desc");
        list.sort(byLabels(names, desc));
      }
    }
    return m;
  }

  /** vectorByReverseValueHeap.Less, the base of sort(): NaN first, then descending. */
  private static boolean lessAsc(double vi, double vj) {
    return Double.isNaN(vi) || vi > vj;
  }

  /** vectorByValueHeap.Less, the base of sort_desc(): NaN first, then ascending. */
  private static boolean lessDesc(double vi, double vj) {
    return Double.isNaN(vi) || vi < vj;
  }

  interface Less {
    boolean less(StepSeries a, StepSeries b);
  }

  /**
   * Go's sort.Sort for the lengths that matter here: insertion sort up to 12 elements, which
   * decides how equal values are ordered. Longer inputs get a stable sort by the same order.
   */
  private static void goSort(ArrayList<StepSeries> list, Less less, boolean desc) {
    int n = list.size();
    if (n <= 12) {
      for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && less.less(list.get(j), list.get(j - 1)); j--) {
          StepSeries t = list.get(j);
          list.set(j, list.get(j - 1));
          list.set(j - 1, t);
        }
      }
      return;
    }
    // NaN last either way, as the Go comparison ends up ordering it.
    list.sort(
        (a, b) -> {
          double x = a.v[0];
          double y = b.v[0];
          if (Double.isNaN(x) || Double.isNaN(y)) {
            return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
          }
          return desc ? Double.compare(y, x) : Double.compare(x, y);
        });
  }

  private static Comparator<StepSeries> byLabels(List<String> names, boolean desc) {
    return (a, b) -> {
      for (String n : names) {
        String x = a.labels.get(n);
        String y = b.labels.get(n);
        if (x.equals(y)) {
          continue;
        }
        boolean less = NaturalSort.less(x, y);
        return desc ? (less ? 1 : -1) : (less ? -1 : 1);
      }
      int cmp = a.labels.compareTo(b.labels);
      return desc ? -cmp : cmp;
    };
  }
}
