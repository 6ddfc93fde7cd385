package io.hearth.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MatcherTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        // type, matcher value, label value, want
        Arguments.of(MatchType.EQUAL, "a", "a", true),
        Arguments.of(MatchType.EQUAL, "a", "ab", false),
        Arguments.of(MatchType.EQUAL, "", "", true),
        Arguments.of(MatchType.NOT_EQUAL, "a", "a", false),
        Arguments.of(MatchType.NOT_EQUAL, "a", "", true),
        Arguments.of(MatchType.REGEX, "a.*", "abc", true),
        Arguments.of(MatchType.REGEX, "b", "abc", false), // anchored on both ends
        Arguments.of(MatchType.REGEX, "foo", "foobar", false),
        Arguments.of(MatchType.REGEX, "a|b", "b", true),
        Arguments.of(MatchType.REGEX, "a.b", "a\nb", true), // . matches a newline (Prometheus 3.x)
        Arguments.of(MatchType.REGEX, ".*", "", true),
        Arguments.of(MatchType.REGEX, ".+", "", false),
        Arguments.of(MatchType.REGEX, "ü.", "üx", true),
        Arguments.of(MatchType.NOT_REGEX, "a.*", "abc", false),
        Arguments.of(MatchType.NOT_REGEX, "b", "abc", true),
        Arguments.of(MatchType.NOT_REGEX, "", "", false));
  }

  @ParameterizedTest(name = "{0} {1} on \"{2}\" -> {3}")
  @MethodSource("cases")
  void matches(MatchType type, String value, String input, boolean want) {
    Matcher m = Matcher.of(type, "l", value);
    assertThat(m.matches(input)).isEqualTo(want);
    assertThat(m.inverse().matches(input)).isEqualTo(!want);
  }

  @Test
  void absentLabelMatchesAsEmpty() {
    Labels l = Labels.of("job", "x");
    assertThat(Matcher.equal("env", "").matches(l)).isTrue();
    assertThat(Matcher.notEqual("env", "").matches(l)).isFalse();
    assertThat(Matcher.regex("env", "prod|").matches(l)).isTrue();
  }

  @Test
  void invalidRegexSaysWhy() {
    assertThatThrownBy(() -> Matcher.regex("l", "a("))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid regular expression \"a(\": ");
  }

  @Test
  void rendersAsPromql() {
    assertThat(Matcher.notRegex("job", "a\"b").toString()).isEqualTo("job!~\"a\\\"b\"");
    assertThat(Matcher.equal("a", "1")).isEqualTo(Matcher.equal("a", "1"));
    assertThat(Matcher.equal("a", "1")).isNotEqualTo(Matcher.notEqual("a", "1"));
  }
}
