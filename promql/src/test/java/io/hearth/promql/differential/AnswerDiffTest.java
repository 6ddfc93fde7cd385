package io.hearth.promql.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerDiffTest {
  private static Answer.Curve point(String name, double v) {
    return new Answer.Curve(Labels.of("__name__", name), new long[] {1000}, new double[] {v});
  }

  private static void check(Answer want, Answer got, boolean ordered, String wantFirstLine) {
    List<String> d = AnswerDiff.diff(want, got, ordered);
    if (wantFirstLine.isEmpty()) {
      assertThat(d).isEmpty();
    } else {
      assertThat(d).isNotEmpty();
      assertThat(d.getFirst()).startsWith(wantFirstLine);
    }
  }

  @Test
  void values() {
    assertThat(AnswerDiff.close(Double.NaN, Double.NaN)).isTrue();
    assertThat(AnswerDiff.close(Double.NaN, 0)).isFalse();
    assertThat(AnswerDiff.close(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
    assertThat(AnswerDiff.close(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
    assertThat(AnswerDiff.close(1e12, 1e12 + 1e2)).isTrue();
    assertThat(AnswerDiff.close(1.0, 1.0 + 1e-8)).isFalse();
    assertThat(AnswerDiff.close(0, 1e-300)).isFalse();
  }

  @Test
  void vectors() {
    Answer ab = Answer.vector(List.of(point("a", 1), point("b", 2)));
    check(ab, Answer.vector(List.of(point("b", 2), point("a", 1))), false, "");
    check(ab, Answer.vector(List.of(point("b", 2), point("a", 1))), true, "order: element 0");
    check(ab, Answer.vector(List.of(point("a", 1))), false, "missing {__name__=\"b\"}");
    check(ab, Answer.vector(List.of(point("a", 1), point("b", 2), point("c", 3))), false, "unexpected");
    check(ab, Answer.vector(List.of(point("a", 1), point("b", 2.5))), false, "{__name__=\"b\"} @1000: want 2.0");
    check(ab, Answer.scalar(1000, 1), false, "want vector");
    check(Answer.error("bad_data: x"), Answer.error("bad_data: y"), false, "");
  }

  @Test
  void matrices() {
    Answer want = Answer.matrix(List.of(new Answer.Curve(Labels.of("a", "1"), new long[] {1, 2}, new double[] {1, 2})));
    check(want, Answer.matrix(List.of(new Answer.Curve(Labels.of("a", "1"), new long[] {1, 2}, new double[] {1, 2}))),
        false, "");
    check(want, Answer.matrix(List.of(new Answer.Curve(Labels.of("a", "1"), new long[] {1, 3}, new double[] {1, 2}))),
        false, "{a=\"1\"}: point 1 want t=2, got t=3");
    check(want, Answer.matrix(List.of(new Answer.Curve(Labels.of("a", "1"), new long[] {1}, new double[] {1}))),
        false, "{a=\"1\"}: want 2 points, got 1");
  }
}
