package io.hearth.promql.conformance;

import io.hearth.labels.Labels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one {@code eval} expects: result lines, and the {@code expect} lines on failure,
 * annotations and order. Immutable once parsed.
 *
 * @param series expected series by label set, with their 1-based position among the result lines
 * @param isScalar a bare number line was given: the result must be a scalar equal to {@code scalar}
 * @param string the {@code expect string} value, or null if none was given (then a string result
 *     must be empty, as upstream compares against its zero value)
 * @param isOrdered {@code expect ordered} or {@code eval_ordered}
 * @param fail {@code expect fail} (at most one), or null
 * @param isFailFlag deprecated {@code eval_fail}: failure expected, any error
 * @param failMessage deprecated {@code expected_fail_message}, or null
 * @param failRegexp deprecated {@code expected_fail_regexp}, or null
 * @param warn {@code expect warn} lines
 * @param info {@code expect info} lines
 * @param isWarnFlag deprecated {@code eval_warn}: at least one warning
 * @param isInfoFlag deprecated {@code eval_info}: at least one info
 * @param isNoWarn {@code expect no_warn}
 * @param isNoInfo {@code expect no_info}
 */
record ExpectedResult(
    Map<Labels, Entry> series,
    boolean isScalar,
    double scalar,
    String string,
    boolean isOrdered,
    ExpectLine fail,
    boolean isFailFlag,
    String failMessage,
    Pattern failRegexp,
    List<ExpectLine> warn,
    List<ExpectLine> info,
    boolean isWarnFlag,
    boolean isInfoFlag,
    boolean isNoWarn,
    boolean isNoInfo) {

  ExpectedResult {
    series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
    warn = List.copyOf(warn);
    info = List.copyOf(info);
  }

  /** Whether the query must fail. */
  boolean isFail() {
    return isFailFlag || fail != null;
  }

  /** Whether any line pins the error text (and so Prometheus's wording). */
  boolean checksMessageText() {
    return failMessage != null
        || failRegexp != null
        || (fail != null && !fail.isAny())
        || warn.stream().anyMatch(e -> !e.isAny())
        || info.stream().anyMatch(e -> !e.isAny());
  }

  /** One expected series: its position among the result lines (for ordered) and its values. */
  record Entry(int pos, SeriesDescription values) {}

  /**
   * The text of an {@code expect fail|warn|info} line: an exact message, an unanchored regex, or
   * (neither given) anything.
   */
  record ExpectLine(String message, Pattern regex) {
    static final ExpectLine ANY = new ExpectLine(null, null);

    boolean isAny() {
      return message == null && regex == null;
    }

    boolean matches(String s) {
      if (message != null) {
        return message.equals(s);
      }
      return regex == null || regex.matcher(s).find();
    }

    @Override
    public String toString() {
      if (message != null) {
        return "msg: " + message;
      }
      return regex == null ? "(any)" : "regex: " + regex.pattern();
    }
  }
}
