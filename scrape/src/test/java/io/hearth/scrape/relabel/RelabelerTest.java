package io.hearth.scrape.relabel;

import static io.hearth.scrape.relabel.Action.DROP;
import static io.hearth.scrape.relabel.Action.DROPEQUAL;
import static io.hearth.scrape.relabel.Action.HASHMOD;
import static io.hearth.scrape.relabel.Action.KEEP;
import static io.hearth.scrape.relabel.Action.KEEPEQUAL;
import static io.hearth.scrape.relabel.Action.LABELDROP;
import static io.hearth.scrape.relabel.Action.LABELKEEP;
import static io.hearth.scrape.relabel.Action.LABELMAP;
import static io.hearth.scrape.relabel.Action.LOWERCASE;
import static io.hearth.scrape.relabel.Action.REPLACE;
import static io.hearth.scrape.relabel.Action.UPPERCASE;
import static io.hearth.scrape.relabel.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.NameValidation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelabelerTest {
  private static final Labels DROPPED = null;

  private static void check(Labels in, List<RelabelConfig> rules, Labels want) {
    check(in, rules, NameValidation.UTF8, want);
  }

  private static void check(Labels in, List<RelabelConfig> rules, NameValidation scheme, Labels want) {
    assertThat(Relabeler.process(in, rules, scheme)).as("process(%s)", in).isEqualTo(want);
    LabelsBuilder b = in.toBuilder();
    boolean kept = Relabeler.process(b, rules, scheme);
    assertThat(kept).as("kept").isEqualTo(want != null);
    if (kept) {
      assertThat(b.build()).isEqualTo(want);
    }
  }

  private static byte[] md5(String s) {
    try {
      return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Labels abc() {
    return Labels.of("a", "foo", "b", "bar", "c", "baz");
  }

  // ---- The cases of upstream's TestRelabel table, in order. ----

  @Test
  void replaceWithBracedGroupReferences() {
    check(abc(), Rules.all(rule(REPLACE).src("a").regex("f(.*)").target("d").replacement("ch${1}-ch${1}")),
        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "choo-choo"));
  }

  @Test
  void laterRulesSeeEarlierRulesResults() {
    check(abc(),
        Rules.all(
            rule(REPLACE).src("a", "b").regex("f(.*);(.*)r").target("a").replacement("b${1}${2}m"),
            rule(REPLACE).src("c", "a").regex("(b).*b(.*)ba(.*)").target("d").replacement("$1$2$2$3")),
        Labels.of("a", "boobam", "b", "bar", "c", "baz", "d", "boooom"));
  }

  @Test
  void dropStopsProcessing() {
    check(Labels.of("a", "foo"),
        Rules.all(
            rule(DROP).src("a").regex(".*o.*"),
            rule(REPLACE).src("a").regex("f(.*)").target("d").replacement("ch$1-ch$1")),
        DROPPED);
    check(Labels.of("a", "foo", "b", "bar"), Rules.all(rule(DROP).src("a").regex(".*o.*")), DROPPED);
  }

  @Test
  void groupInsideGreedyContext() {
    check(Labels.of("a", "abc"), Rules.all(rule(REPLACE).src("a").regex(".*(b).*").target("d")),
        Labels.of("a", "abc", "d", "b"));
  }

  @Test
  void dropWithoutFullMatchKeeps() {
    check(Labels.of("a", "foo"), Rules.all(rule(DROP).src("a").regex("no-match")), Labels.of("a", "foo"));
    check(Labels.of("a", "foo"), Rules.all(rule(DROP).src("a").regex("f|o")), Labels.of("a", "foo"));
  }

  @Test
  void keep() {
    check(Labels.of("a", "foo"), Rules.all(rule(KEEP).src("a").regex("no-match")), DROPPED);
    check(Labels.of("a", "foo"), Rules.all(rule(KEEP).src("a").regex("f.*")), Labels.of("a", "foo"));
  }

  @Test
  void replaceWithoutMatchChangesNothing() {
    check(Labels.of("a", "boo"), Rules.all(rule(REPLACE).src("a").regex("f").target("b").replacement("bar")),
        Labels.of("a", "boo"));
  }

  @Test
  void emptyReplacementDeletesTheTarget() {
    check(Labels.of("a", "foo", "f", "baz"),
        Rules.all(rule(REPLACE).src("a").regex("(f).*").target("$1").replacement("$2")),
        Labels.of("a", "foo"));
  }

  @Test
  void hashmodUsesTheLastEightBytesOfMd5() {
    check(abc(), Rules.all(rule(HASHMOD).src("c").target("d").modulus(1000)),
        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "976"));
    check(Labels.of("a", "foo\nbar"), Rules.all(rule(HASHMOD).src("a").target("b").modulus(1000)),
        Labels.of("a", "foo\nbar", "b", "734"));
  }

  @Test
  void labelmapCopiesAndKeepsOriginals() {
    check(Labels.of("a", "foo", "b1", "bar", "b2", "baz"),
        Rules.all(rule(LABELMAP).regex("(b.*)").replacement("bar_${1}")),
        Labels.of("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz"));
    check(Labels.of("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc"),
        Rules.all(rule(LABELMAP).regex("__meta_(my.*)").replacement("${1}")),
        Labels.of("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc",
            "my_bar", "aaa", "my_baz", "bbb"));
  }

  @Test
  void targetLabelFromAGroup() {
    check(Labels.of("a", "some-name-value"),
        Rules.all(rule(REPLACE).src("a").regex("some-([^-]+)-([^,]+)").replacement("${2}").target("${1}")),
        Labels.of("a", "some-name-value", "name", "value"));
  }

  @Test
  void replacementFromAMissingGroupDeletesNothingNew() {
    check(Labels.of("a", "some-name-value"),
        Rules.all(rule(REPLACE).src("a").regex("some-([^-]+)-([^,]+)").replacement("${3}").target("${1}")),
        Labels.of("a", "some-name-value"));
  }

  @Test
  void targetExpandingToAnInvalidNameIsSkipped() {
    check(Labels.of("a", "some-name-0"),
        Rules.all(
            rule(REPLACE).src("a").regex("some-([^-]+)-([^,]+)").replacement("${1}").target("${3}"),
            rule(REPLACE).src("a").regex("some-([^-]+)-([^,]+)").replacement("${1}").target("${3}"),
            rule(REPLACE).src("a").regex("some-([^-]+)(-[^,]+)").replacement("${1}").target("${3}")),
        Labels.of("a", "some-name-0"));
  }

  @Test
  void realLifeTagParsing() {
    check(Labels.of("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar"),
        Rules.all(
            rule(REPLACE).src("__meta_sd_tags").regex("(?:.+,|^)path:(/[^,]+).*").replacement("${1}")
                .target("__metrics_path__"),
            rule(REPLACE).src("__meta_sd_tags").regex("(?:.+,|^)job:([^,]+).*").replacement("${1}").target("job"),
            rule(REPLACE).src("__meta_sd_tags").regex("(?:.+,|^)label:([^=]+)=([^,]+).*").replacement("${2}")
                .target("${1}")),
        Labels.of("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar", "__metrics_path__", "/secret",
            "job", "some-job", "foo", "bar"));
  }

  @Test
  void labelRecreatedAfterLabeldropIsKept() { // prometheus/prometheus#12283
    check(Labels.of("__meta_kubernetes_pod_container_port_name", "foo",
            "__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091"),
        Rules.all(
            rule(LABELDROP).regex("^__meta_kubernetes_pod_container_port_name$"),
            rule(REPLACE).src("__meta_kubernetes_pod_annotation_XXX_metrics_port").regex("(.+)")
                .replacement("metrics").target("__meta_kubernetes_pod_container_port_name"),
            rule(KEEP).src("__meta_kubernetes_pod_container_port_name").regex("^metrics$")),
        Labels.of("__meta_kubernetes_pod_annotation_XXX_metrics_port", "9091",
            "__meta_kubernetes_pod_container_port_name", "metrics"));
  }

  @Test
  void labelkeepAndLabeldrop() {
    Labels in = Labels.of("a", "foo", "b1", "bar", "b2", "baz");
    check(in, Rules.all(rule(LABELKEEP).regex("(b.*)")), Labels.of("b1", "bar", "b2", "baz"));
    check(in, Rules.all(rule(LABELDROP).regex("(b.*)")), Labels.of("a", "foo"));
  }

  @Test
  void upperAndLowerCase() {
    check(Labels.of("foo", "bAr123Foo"),
        Rules.all(rule(UPPERCASE).src("foo").target("foo_uppercase"), rule(LOWERCASE).src("foo").target("foo_lowercase")),
        Labels.of("foo", "bAr123Foo", "foo_lowercase", "bar123foo", "foo_uppercase", "BAR123FOO"));
  }

  @Test
  void keepequalAndDropequal() {
    Labels in = Labels.of("__tmp_port", "1234", "__port1", "1234", "__port2", "5678");
    check(in, Rules.all(rule(KEEPEQUAL).src("__tmp_port").target("__port1")), in);
    check(in, Rules.all(rule(DROPEQUAL).src("__tmp_port").target("__port1")), DROPPED);
    check(in, Rules.all(rule(DROPEQUAL).src("__tmp_port").target("__port2")), in);
    check(in, Rules.all(rule(KEEPEQUAL).src("__tmp_port").target("__port2")), DROPPED);
  }

  @Test
  void dotMatchesNewline() {
    Labels in = Labels.of("a", "line1\nline2", "b", "bar", "c", "baz");
    check(in, Rules.all(rule(REPLACE).src("a").regex("line1.*line2").target("d").replacement("match${1}")),
        Labels.of("a", "line1\nline2", "b", "bar", "c", "baz", "d", "match"));
  }

  @Test
  void utf8SourceAndTargetNames() {
    check(Labels.of("utf-8.label", "line1\nline2", "b", "bar", "c", "baz"),
        Rules.all(rule(REPLACE).src("utf-8.label").regex("line1.*line2").target("d").replacement("match${1}")),
        Labels.of("utf-8.label", "line1\nline2", "b", "bar", "c", "baz", "d", "match"));
    Labels in = Labels.of("a", "line1\nline2", "b", "bar", "c", "baz");
    Labels want = Labels.of("a", "line1\nline2", "b", "bar", "c", "baz", "utf-8.label", "match");
    check(in, Rules.all(rule(REPLACE).src("a").regex("line1.*line2").target("utf-8.label").replacement("match${1}")),
        want);
    check(in,
        Rules.all(rule(REPLACE).src("a").regex("line1.*line2").target("utf-8.label${1}").replacement("match${1}")),
        want);
  }

  @Test
  void targetAndReplacementInEveryReferenceStyle() {
    check(Labels.of("a", "line1\nline2", "b", "bar", "c", "baz"),
        Rules.all(
            rule(REPLACE).src("a").regex("(line1).*(?<second>line2)").target("label1_${1}").replacement("val_${second}"),
            rule(REPLACE).src("a").regex("(line1).*(?<second>line2)").target("label2_$1").replacement("val_$second")),
        Labels.of("a", "line1\nline2", "b", "bar", "c", "baz", "label1_line1", "val_line2", "label2_line1",
            "val_line2"));
  }

  @Test
  void typeAndUnitLabelsFromTheName() {
    check(Labels.of("__name__", "http_requests_total"),
        Rules.all(rule(REPLACE).src("__name__").regex(".*_total$").target("__type__").replacement("counter")),
        Labels.of("__name__", "http_requests_total", "__type__", "counter"));
    check(Labels.of("__name__", "disk_usage_bytes"),
        Rules.all(rule(REPLACE).src("__name__").regex(".*_bytes$").target("__unit__").replacement("bytes")),
        Labels.of("__name__", "disk_usage_bytes", "__unit__", "bytes"));
  }

  // ---- Vectors from shared/notes/relabel-semantics.md. ----

  @Test
  void noRulesReturnsTheInputItself() {
    Labels in = Labels.of("a", "1");
    assertThat(Relabeler.process(in, List.of(), NameValidation.UTF8)).isSameAs(in);
  }

  @Test
  void separatorGoesBetweenEmptyValuesToo() {
    check(Labels.of("b", "x"), Rules.all(rule(REPLACE).src("a", "b").target("t")), Labels.of("b", "x", "t", ";x"));
    check(Labels.of("b", "x"), Rules.all(rule(REPLACE).src("a", "b", "c").sep("--").target("t")),
        Labels.of("b", "x", "t", "--x--"));
    check(Labels.of("a", "1", "b", "2"), Rules.all(rule(REPLACE).src("a", "b").sep("").target("t")),
        Labels.of("a", "1", "b", "2", "t", "12"));
  }

  @Test
  void regexIsAnchoredAtBothEnds() {
    Labels in = Labels.of("a", "xfoox");
    check(in, Rules.all(rule(DROP).src("a").regex("foo")), in);
    check(in, Rules.all(rule(DROP).src("a").regex("x.*")), DROPPED);
    // An alternation is anchored as a whole, not just its first and last branch.
    check(in, Rules.all(rule(DROP).src("a").regex("xf|oox")), in);
    // Java's $ would also match before a final newline; RE2's does not.
    check(Labels.of("a", "foo\n"), Rules.all(rule(DROP).src("a").regex("foo")), Labels.of("a", "foo\n"));
  }

  @Test
  void emptyRegexMatchesOnlyTheEmptyString() {
    check(Labels.of("a", "x"), Rules.all(rule(KEEP).src("a").regex("")), DROPPED);
    check(Labels.of("a", "x"), Rules.all(rule(KEEP).src("b").regex("")), Labels.of("a", "x"));
  }

  @Test
  void missingSourceReadsAsEmpty() {
    check(Labels.of("a", "x"), Rules.all(rule(DROP).src("nope").regex("")), DROPPED);
    check(Labels.of("a", "x"), Rules.all(rule(KEEPEQUAL).src("nope").target("also_nope")), Labels.of("a", "x"));
    check(Labels.of("a", "x"), Rules.all(rule(DROPEQUAL).src("nope").target("also_nope")), DROPPED);
  }

  @Test
  void constantReplaceSetsAndEmptyReplaceDeletes() {
    check(Labels.of("a", "x"), Rules.all(rule(REPLACE).target("env").replacement("prod")),
        Labels.of("a", "x", "env", "prod"));
    check(Labels.of("a", "x"), Rules.all(rule(REPLACE).target("a").replacement("")), Labels.EMPTY);
    // Default regex with an empty source: $1 is the empty match, which deletes the target.
    check(Labels.of("a", "x"), Rules.all(rule(REPLACE).src("nope").target("a")), Labels.EMPTY);
  }

  @Test
  void bareGroupNameRunsToTheLongestName() {
    check(Labels.of("a", "v"), Rules.all(rule(REPLACE).src("a").target("t").replacement("$1_suffix")), Labels.of("a", "v"));
    check(Labels.of("a", "v"), Rules.all(rule(REPLACE).src("a").target("t").replacement("${1}_suffix")),
        Labels.of("a", "v", "t", "v_suffix"));
  }

  @Test
  void replaceTargetValidityFollowsTheScheme() {
    Labels in = Labels.of("a", "some-name-value");
    List<RelabelConfig> rules = Rules.all(rule(REPLACE).src("a").regex("(some)-(.*)").target("${2}").replacement("x"));
    check(in, rules, NameValidation.UTF8, Labels.of("a", "some-name-value", "name-value", "x"));
    check(in, rules, NameValidation.LEGACY, in);
    List<RelabelConfig> ok = Rules.all(rule(REPLACE).src("a").regex("(some)-(.*)").target("${1}_x").replacement("y"));
    check(in, ok, NameValidation.LEGACY, Labels.of("a", "some-name-value", "some_x", "y"));
  }

  @Test
  void labelmapWorksOnASnapshot() {
    // Each mapped name would match again; a live view would keep prefixing.
    check(Labels.of("a", "1"), Rules.all(rule(LABELMAP).regex("(.*)").replacement("x_$1")),
        Labels.of("a", "1", "x_a", "1"));
    // source_labels are ignored by labelmap.
    check(Labels.of("a", "1", "b", "2"), Rules.all(rule(LABELMAP).src("b").regex("a").replacement("c")),
        Labels.of("a", "1", "b", "2", "c", "1"));
  }

  @Test
  void labelmapOverwritesAnExistingLabel() {
    check(Labels.of("__meta_job", "fromsd", "job", "static"),
        Rules.all(rule(LABELMAP).regex("__meta_(.*)").replacement("$1")),
        Labels.of("__meta_job", "fromsd", "job", "fromsd"));
  }

  @Test
  void labelkeepRemovesTheNameUnlessKept() {
    check(Labels.of("__name__", "m", "a", "1", "b", "2"), Rules.all(rule(LABELKEEP).regex("a")), Labels.of("a", "1"));
    check(Labels.of("__name__", "m", "a", "1", "b", "2"), Rules.all(rule(LABELKEEP).regex("__name__|a")),
        Labels.of("__name__", "m", "a", "1"));
  }

  @Test
  void caseMappingIsPerCodePointAndLocaleFree() {
    check(Labels.of("a", "straße"), Rules.all(rule(UPPERCASE).src("a").target("u")), Labels.of("a", "straße", "u", "STRAßE"));
    check(Labels.of("a", "İSTANBUL"), Rules.all(rule(LOWERCASE).src("a").target("l")),
        Labels.of("a", "İSTANBUL", "l", "istanbul"));
    check(Labels.of("a", "ǅ"), Rules.all(rule(UPPERCASE).src("a").target("u")), Labels.of("a", "ǅ", "u", "Ǆ"));
    check(Labels.of("a", "ÀÉ𐐀"), Rules.all(rule(LOWERCASE).src("a").target("l")), Labels.of("a", "ÀÉ𐐀", "l", "àé𐐨"));
  }

  @Test
  void caseMappingOfAnEmptyValueDeletesTheTarget() {
    check(Labels.of("t", "old"), Rules.all(rule(LOWERCASE).src("nope").target("t")), Labels.EMPTY);
  }

  @Test
  void hashmodIsUnsignedAndDeterministic() {
    assertThat(Relabeler.hashMod("baz", 1000)).isEqualTo(976);
    assertThat(Relabeler.hashMod("foo\nbar", 1000)).isEqualTo(734);
    // The high bit of the hash is data, not a sign: compare with arbitrary-precision arithmetic.
    BigInteger h = new BigInteger(1, Arrays.copyOfRange(md5("baz"), 8, 16));
    for (long modulus : new long[] {Long.MIN_VALUE, -1L, 3L, Long.MAX_VALUE}) {
      BigInteger m = new BigInteger(Long.toUnsignedString(modulus));
      assertThat(Long.toUnsignedString(Relabeler.hashMod("baz", modulus))).isEqualTo(h.mod(m).toString());
    }
    check(Labels.of("a", "x"), Rules.all(rule(HASHMOD).src("a").target("shard").modulus(1)),
        Labels.of("a", "x", "shard", "0"));
  }

  @Test
  void caseInsensitiveRegexFoldsUnicode() {
    check(Labels.of("a", "ÉTÉ"), Rules.all(rule(KEEP).src("a").regex("(?i)été")), Labels.of("a", "ÉTÉ"));
  }

  @Test
  void firstDroppingRuleWins() {
    check(Labels.of("a", "1"),
        Rules.all(rule(REPLACE).target("b").replacement("2"), rule(DROP).src("b").regex("2"),
            rule(REPLACE).target("c").replacement("3")),
        DROPPED);
  }
}
