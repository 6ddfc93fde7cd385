package io.hearth.promql.conformance;

import io.hearth.promql.conformance.EvalIndex.Row;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule that decides which evals are skipped, applied to the columns of {@code
 * eval-index.tsv} (and, for duration expressions the tsv missed, to the eval's query text):
 *
 * <ol>
 *   <li><b>native histograms</b>: skip if {@code nh_in_expected = 1} or {@code
 *       nh_touched_heuristic = 1}. The heuristic already counts a query that names a series which
 *       has histogram samples (including the NHCB series that {@code load_with_nhcb} makes from
 *       {@code X_bucket}), that uses {@code __name__}, or that has a name-less selector while
 *       histograms are loaded. {@code nh_loaded_in_block} alone does not skip: it is only an upper
 *       bound, and the runner loads every float sample of such blocks.
 *   <li><b>feature flags other than experimental functions</b>: skip if {@code feature_tags}
 *       contains {@code anchored_smoothed}, {@code duration_expr}, {@code fill_modifier} or {@code
 *       start_timestamps}.
 *   <li><b>duration expressions the tsv missed</b>: {@code offset step()}, {@code [range()]},
 *       {@code offset min_of(step(), 1s)} are duration expressions upstream (its grammar gates them
 *       behind {@code ExperimentalDurationExpr}), but the tsv tags them {@code experimental_fn}
 *       or, for {@code STEP()} in capitals, nothing. So: skip as a duration expression if {@code
 *       step(}, {@code range(}, {@code min_of(} or {@code max_of(} (any case) stands where a
 *       duration goes: after {@code offset}, inside {@code [...]}, or after a subquery's {@code :}.
 *       Elsewhere these are experimental functions and run.
 * </ol>
 *
 * Everything else runs: {@code experimental_fn} (with experimental functions on, {@code info()}
 * included, which the issue would let us skip but the engine implements), {@code limitk},
 * {@code at_modifier} and {@code type_and_unit_labels} (with that feature off). A tag the rule does
 * not know fails loudly, so a new upstream feature is never run or skipped by accident.
 */
final class SkipRule {
  /** Why an eval is skipped; the first matching reason in this order is reported. */
  enum Reason {
    NATIVE_HISTOGRAM("native histograms (nh_in_expected or nh_touched_heuristic)"),
    ANCHORED_SMOOTHED("feature flag: anchored/smoothed range modifiers"),
    DURATION_EXPR("feature flag: duration expressions"),
    FILL_MODIFIER("feature flag: fill() binary-operator modifiers"),
    START_TIMESTAMPS("feature flag: start timestamps");

    final String text;

    Reason(String text) {
      this.text = text;
    }
  }

  static final String DESCRIPTION =
      "skip iff nh_in_expected=1 or nh_touched_heuristic=1, or feature_tags has any of"
          + " {anchored_smoothed, duration_expr, fill_modifier, start_timestamps}, or the query calls"
          + " step/range/min_of/max_of where a duration goes (a duration expression the tsv"
          + " missed); all else runs";

  static final Set<String> KNOWN_TAGS =
      Set.of(
          "experimental_fn", "anchored_smoothed", "at_modifier", "type_and_unit_labels",
          "fill_modifier", "limitk", "start_timestamps", "duration_expr");

  private static final Pattern DURATION_POSITION_CALL =
      Pattern.compile(
          "(?i)(offset\\s*|\\[[^\\]]*|:\\s*)[-+(\\s]*(step|range|min_of|max_of)\\s*\\(");

  private SkipRule() {}

  /** Why the eval in {@code row}, whose query is {@code query}, is skipped; empty if it runs. */
  static Optional<Reason> reason(Row row, String query) {
    for (String tag : row.featureTags()) {
      if (!KNOWN_TAGS.contains(tag)) {
        throw new IllegalStateException(row.key() + ": feature tag the skip rule does not know: " + tag);
      }
    }
    Set<String> tags = row.featureTags();
    if (row.nhInExpected() || row.nhTouchedHeuristic()) {
      return Optional.of(Reason.NATIVE_HISTOGRAM);
    }
    if (tags.contains("anchored_smoothed")) {
      return Optional.of(Reason.ANCHORED_SMOOTHED);
    }
    if (tags.contains("duration_expr") || DURATION_POSITION_CALL.matcher(query).find()) {
      return Optional.of(Reason.DURATION_EXPR);
    }
    if (tags.contains("fill_modifier")) {
      return Optional.of(Reason.FILL_MODIFIER);
    }
    if (tags.contains("start_timestamps")) {
      return Optional.of(Reason.START_TIMESTAMPS);
    }
    return Optional.empty();
  }
}
