package io.hearth.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

class LabelFunctionsTest {
  private static void check(String regex, String input, String template, String want) {
    Pattern p = Pattern.compile("^(?s:" + regex + ")$");
    Matcher m = p.matcher(input);
    assertThat(m.matches()).isTrue();
    assertThat(LabelFunctions.expand(template, m, p.namedGroups())).as(template).isEqualTo(want);
  }

  @Test
  void expandsLikeGo() {
    check("(a)(b)", "ab", "$2$1", "ba");
    check("(a)(b)", "ab", "${1}x", "ax");
    check("(a)(b)", "ab", "$1x", ""); // "$1x" names group "1x", which does not exist
    check("(?P<n>a)b", "ab", "<$n>", "<a>");
    check("(a)", "a", "$$1", "$1");
    check("(a)", "a", "cost: $", "cost: $");
    check("(a)", "a", "$01", "");
  }

  @Test
  void naturalSort() {
    assertThat(NaturalSort.less("a2", "a10")).isTrue();
    assertThat(NaturalSort.less("a10", "a2")).isFalse();
    assertThat(NaturalSort.less("abc", "abd")).isTrue();
    assertThat(NaturalSort.less("1", "1a")).isTrue();
  }

  @Test
  void labelNameValidity() {
    assertThat(LabelFunctions.isValidLabelName("dst")).isTrue();
    assertThat(LabelFunctions.isValidLabelName("")).isFalse();
    assertThat(LabelFunctions.isValidLabelName("\uFFFD")).isFalse();
  }

  @Test
  void parsesBucketBoundsLikeGo() {
    assertThat(HistogramEval.parseGoFloat("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(HistogramEval.parseGoFloat("0.5")).isEqualTo(0.5);
    assertThat(HistogramEval.parseGoFloat("1e3")).isEqualTo(1000);
    assertThat(HistogramEval.parseGoFloat("1d")).isNaN();
    assertThat(HistogramEval.parseGoFloat(" 1")).isNaN();
    assertThat(HistogramEval.parseGoFloat("Hello World")).isNaN();
    assertThat(HistogramEval.parseGoFloat("")).isNaN();
  }
}
