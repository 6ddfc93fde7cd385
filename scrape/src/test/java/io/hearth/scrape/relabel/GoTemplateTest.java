package io.hearth.scrape.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

  /** Matches {@code input} against the anchored {@code regex}, then expands {@code template}. */
  private static void check(String regex, String input, String template, String want) {
    Matcher m = RelabelRegex.compile(regex).pattern().matcher(input);
    assertThat(m.find()).as("%s matches %s", regex, input).isTrue();
    assertThat(GoTemplate.expand(template, m)).as("expand %s", template).isEqualTo(want);
  }

  @Test
  void numberedGroups() {
    check("(a)(b)", "ab", "$1$2", "ab");
    check("(a)(b)", "ab", "${1}-${2}", "a-b");
    check("(a)(b)", "ab", "$0", "ab");
    check("f(.*)", "foo", "ch$1-ch$1", "choo-choo");
    check("f(.*)", "foo", "ch${1}-ch${1}", "choo-choo");
  }

  @Test
  void bareNameTakesTheLongestRunOfNameCharacters() {
    check("(a)", "a", "$1_suffix", "");
    check("(a)", "a", "${1}_suffix", "a_suffix");
    check("(a)", "a", "$1a", "");
    check("(a)", "a", "x$1.y", "xa.y");
  }

  @Test
  void namesIncludeUnicodeLettersAndDigits() {
    check("(a)", "a", "$1é", "");
    check("(a)", "a", "$é!", "!"); // group names are ASCII in RE2, so no group can be called é
    check("(a)", "a", "$١", ""); // an Arabic-Indic digit one is a name, not group 1
  }

  @Test
  void namedGroupsInBothSyntaxes() {
    check("(?P<first>a)(?<second>b)", "ab", "$second$first", "ba");
    check("(?P<first>a)(?<second>b)", "ab", "$second_$first", "a");
    check("(?P<first>a)(?<second>b)", "ab", "${second}${first}", "ba");
    check("(?P<first>a)(?<second>b)", "ab", "$second-$first", "b-a");
    check("(?P<first>a)(?<second>b)", "ab", "${2}", "b");
  }

  @Test
  void missingOrUnmatchedGroupsAreEmpty() {
    check("(a)", "a", "[$2]", "[]");
    check("(a)", "a", "[${nope}]", "[]");
    check("(a)|(b)", "b", "[$1][$2]", "[][b]");
    check("(a)", "a", "[$999999999]", "[]");
  }

  @Test
  void leadingZeroMakesANameNotANumber() {
    check("(a)", "a", "[$01]", "[]");
    check("(a)", "a", "[${01}]", "[]");
    check("(a)", "a", "[$00]", "[]");
  }

  @Test
  void dollarDollarIsALiteralDollar() {
    check("(a)", "a", "$$1", "$1");
    check("(a)", "a", "$$$1", "$a");
    check("(a)", "a", "cost: $$", "cost: $");
  }

  @Test
  void malformedReferencesAreCopiedLiterally() {
    check("(a)", "a", "$", "$");
    check("(a)", "a", "x$-y", "x$-y");
    check("(a)", "a", "${", "${");
    check("(a)", "a", "${}", "${}");
    check("(a)", "a", "${1", "${1");
    check("(a)", "a", "${1-}", "${1-}");
    check("(a)", "a", "$ $1", "$ a");
    check("(a)", "a", "${${1}}", "${a}");
  }

  @Test
  void backslashIsAnOrdinaryCharacter() {
    check("(a)", "a", "\\$1", "\\a");
    check("(a)", "a", "\\\\", "\\\\");
  }

  @Test
  void templateWithoutDollarIsReturnedAsIs() {
    check("(a)", "a", "plain", "plain");
    check("(a)", "a", "", "");
  }
}
