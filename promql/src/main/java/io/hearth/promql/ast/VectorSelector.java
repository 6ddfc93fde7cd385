package io.hearth.promql.ast;

import io.hearth.labels.Matcher;
import java.util.List;

/**
 * An instant-vector selector such as {@code http_requests_total{job="api"} offset 5m @ 100}.
 *
 * @param name the metric name as written, or {@code ""} when only matchers were given; a written
 *     name is also present in {@code matchers} as an equality matcher on {@code __name__}
 * @param matchers every matcher, in the order written (the name matcher first when there is one)
 * @param offsetMs the {@code offset}, 0 when absent; negative offsets look into the future
 * @param at the {@code @} modifier, or {@code null}
 */
public record VectorSelector(
    String name, List<Matcher> matchers, long offsetMs, At at, PositionRange pos)
    implements Expr {
  public VectorSelector {
    matchers = List.copyOf(matchers);
  }
}
