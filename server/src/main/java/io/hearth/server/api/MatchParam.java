package io.hearth.server.api;

import io.hearth.labels.Matcher;
import io.hearth.promql.PromqlException;
import io.hearth.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code match[]} parameter of the series, label and federation endpoints: each value a series
 * selector, parsed as Prometheus's {@code parseMatchersParam} does, refusing a set whose every
 * matcher also matches the empty string (it would select every series).
 */
final class MatchParam {
  private MatchParam() {}

  /**
   * The matcher sets, in request order.
   *
   * @throws ApiException {@code bad_data} with the parser's message, or {@code match[] must contain
   *     at least one non-empty matcher}
   */
  static List<Matcher[]> parse(List<String> selectors) {
    List<Matcher[]> sets = new ArrayList<>(selectors.size());
    for (String s : selectors) {
      List<Matcher> ms;
      try {
        ms = PromqlParser.parseMatchers(s);
      } catch (PromqlException e) {
        throw new ApiException(ErrorType.BAD_DATA, e.getMessage());
      }
      sets.add(ms.toArray(Matcher[]::new));
    }
    for (Matcher[] set : sets) {
      boolean selective = false;
      for (Matcher m : set) {
        if (!m.matches("")) {
          selective = true;
          break;
        }
      }
      if (!selective) {
        throw new ApiException(ErrorType.BAD_DATA, "match[] must contain at least one non-empty matcher");
      }
    }
    return sets;
  }
}
