package io.hearth.promql.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval-index.tsv}: one row per {@code eval} of the scripts, with the flags the skip rule
 * reads. Not an upstream file; FORMAT.md §8 defines its columns.
 */
record EvalIndex(List<Row> rows) {
  EvalIndex {
    rows = List.copyOf(rows);
  }

  /**
   * One eval.
   *
   * @param nhInExpected the expected output contains a native histogram ({@code {{})
   * @param nhLoadedInBlock native-histogram data (or NHCB) was loaded since the last clear
   * @param nhTouchedHeuristic the query names a series with native-histogram samples, or uses
   *     {@code __name__}, or a selector without a name while histograms are loaded, or expects one
   * @param featureTags experimental features the eval uses, e.g. {@code experimental_fn}
   */
  record Row(
      String file,
      int line,
      String kind,
      boolean expectsFail,
      boolean expectsOrdered,
      boolean checksMessageText,
      boolean nhInExpected,
      boolean nhLoadedInBlock,
      boolean nhTouchedHeuristic,
      Set<String> featureTags) {

    String key() {
      return file + ":" + line;
    }
  }

  static final List<String> HEADER =
      List.of(
          "file", "line", "kind", "expects_fail", "expects_ordered", "checks_message_text",
          "nh_in_expected", "nh_loaded_in_block", "nh_touched_heuristic", "feature_tags");

  static EvalIndex read(Path tsv) throws IOException {
    List<String> lines = Files.readAllLines(tsv);
    if (lines.isEmpty() || !Arrays.asList(lines.getFirst().split("\t", -1)).equals(HEADER)) {
      throw new IllegalStateException(tsv + ": unexpected header, want " + String.join("\t", HEADER));
    }
    List<Row> rows = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      String l = lines.get(n);
      if (l.isEmpty()) {
        continue;
      }
      String[] f = l.split("\t", -1);
      if (f.length != HEADER.size()) {
        throw new IllegalStateException(tsv + ":" + (n + 1) + ": want " + HEADER.size() + " columns, got " + f.length);
      }
      Set<String> tags = f[9].isEmpty() ? Set.of() : Set.of(f[9].split(","));
      rows.add(
          new Row(
              f[0], Integer.parseInt(f[1]), f[2], flag(f[3]), flag(f[4]), flag(f[5]), flag(f[6]),
              flag(f[7]), flag(f[8]), tags));
    }
    return new EvalIndex(rows);
  }

  private static boolean flag(String s) {
    return switch (s) {
      case "0" -> false;
      case "1" -> true;
      default -> throw new IllegalStateException("want 0 or 1, got " + s);
    };
  }

  /** Rows by {@code file:line}. */
  Map<String, Row> byKey() {
    Map<String, Row> m = new LinkedHashMap<>();
    for (Row r : rows) {
      if (m.put(r.key(), r) != null) {
        throw new IllegalStateException("duplicate row " + r.key());
      }
    }
    return m;
  }
}
