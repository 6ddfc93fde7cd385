package io.hearth.tsdb.query;

import static io.hearth.tsdb.query.RegexLiterals.Tail.ANY;
import static io.hearth.tsdb.query.RegexLiterals.Tail.NON_EMPTY;
import static io.hearth.tsdb.query.RegexLiterals.Tail.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
  @Test
  void setMatches() {
    set("a|b|c", "a", "b", "c");
    set("(a|b)", "a", "b");
    set("(?:a|b)", "a", "b");
    set("foo", "foo");
    set("", "");
    set("a|", "a", "");
    set("|a", "", "a");
    set("a|a|b", "a", "b");
    set("x\\|y", "x|y");
    set("2\\.5|1", "2.5", "1");
    set("a-b|c_d|e f|ü|😀", "a-b", "c_d", "e f", "ü", "😀");
    set("a\nb", "a\nb");
    notSet("a.b");
    notSet("(a)|(b)");
    notSet("((a|b))");
    notSet("(?i)a|b");
    notSet("(?i:a|b)");
    notSet("(?P<x>a|b)");
    notSet("a\\d");
    notSet("a\\n");
    notSet("a+|b");
    notSet("[ab]");
    notSet("a)|(b");
    notSet("^a|b$");
    notSet("a{2}");
  }

  @Test
  void prefixAndTail() {
    prefix("api-.*", "api-", ANY);
    prefix("api-.+", "api-", NON_EMPTY);
    prefix(".*", "", ANY);
    prefix(".+", "", NON_EMPTY);
    prefix("ü.*", "ü", ANY);
    prefix("a\\.b.*", "a.b", ANY);
    prefix("a.b", "a", OTHER);
    prefix("ab*", "a", OTHER);
    prefix("ab?c", "a", OTHER);
    prefix("ab{2}", "a", OTHER);
    prefix("ab+.*", "a", OTHER);
    prefix("a\\d+", "a", OTHER);
    prefix("foo.*|bar", "", OTHER);
    prefix("foo(bar|baz)", "foo", OTHER);
    prefix("foo[|]x", "foo", OTHER);
    prefix("foo[]|]x", "foo", OTHER);
    prefix("foo[[:alpha:]|]", "foo", OTHER);
    prefix("[a-z]+", "", OTHER);
    prefix("\\Qa|b\\E", "", OTHER);
    prefix("\\Qab\\E.*", "", OTHER);
    prefix("(?i)foo.*", "", OTHER);
    prefix("^foo", "", OTHER);
    prefix("foo$", "foo", OTHER);
    prefix("a)|(b", "", OTHER);
    prefix("😀+", "", OTHER);
    prefix("x😀.*", "x", OTHER);
    prefix("foo.*?", "foo", OTHER);
  }

  private static void set(String re, String... want) {
    RegexLiterals lit = RegexLiterals.of(re);
    assertThat(lit.set()).as(re).containsExactly(want);
    assertThat(lit.isDecidedByLiterals()).isTrue();
  }

  private static void notSet(String re) {
    assertThat(RegexLiterals.of(re).set()).as(re).isNull();
  }

  private static void prefix(String re, String want, RegexLiterals.Tail tail) {
    RegexLiterals lit = RegexLiterals.of(re);
    assertThat(lit.set()).as(re).isNull();
    assertThat(lit.prefix()).as(re).isEqualTo(want);
    assertThat(lit.tail()).as(re).isEqualTo(tail);
  }

  /** Whatever the analysis claims must agree with the regex engine itself. */
  @Test
  void claimsAgreeWithTheRegexEngine() {
    List<String> regexes = List.of(
        "a|b|c", "(a|b)", "foo", "", "a|", "x\\|y", "a.b", "(a)|(b)", "api-.*", "api-.+", ".*", ".+",
        "ab*", "ab?c", "foo.*|bar", "foo(bar|baz)", "foo[|]x", "(?i)foo.*", "foo$", "ü.*", "a\\.b.*",
        "a\nb", "x😀.*", "fo{1,2}", "a.*b", "foo.*?");
    List<String> values = List.of(
        "", "a", "b", "c", "ab", "abc", "ac", "abbb", "foo", "FOO", "foobar", "foobaz", "foox",
        "foo|x", "bar", "api-", "api-1", "api-\n", "x|y", "x", "y", "a.b", "a\nb", "axb", "ü", "üx",
        "a.bc", "x😀", "x😀y", "fo", "foo.");
    for (String re : regexes) {
      Matcher m = Matcher.regex("l", re);
      RegexLiterals lit = RegexLiterals.of(re);
      for (String v : values) {
        boolean matches = m.matches(v);
        if (matches) {
          assertThat(v).as("/%s/ matches %s", re, v).startsWith(lit.prefix());
        }
        if (lit.isDecidedByLiterals()) {
          assertThat(lit.matchesByLiterals(v)).as("/%s/ on %s", re, v).isEqualTo(matches);
        }
      }
    }
  }
}
