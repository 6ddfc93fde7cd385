package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoStringsTest {
  private static void check(String in, String want) {
    assertThat(GoStrings.unquote(in)).as(in).isEqualTo(want);
  }

  @Test
  void unquotesLikeGo() {
    check("\"\"", "");
    check("\"Foo\"", "Foo");
    check("'single \"ok\"'", "single \"ok\"");
    check("`raw \\n \"`", "raw \\n \"");
    check("\"a\\tb\\nc\\\\d\\\"e\"", "a\tb\nc\\d\"e");
    check("\"\\x41\\101\\u00e9\\U0001F600\"", "AAé😀");
  }

  @Test
  void rejectsMalformedLiterals() {
    for (String bad : new String[] {"\"", "\"abc", "'a\"", "\"a\"b\"", "\"\\q\"", "\"\\'\"", "`a`b`", "x"}) {
      assertThatThrownBy(() -> GoStrings.unquote(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
