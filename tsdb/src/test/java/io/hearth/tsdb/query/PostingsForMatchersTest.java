package io.hearth.tsdb.query;

import static io.hearth.labels.Matcher.equal;
import static io.hearth.labels.Matcher.notEqual;
import static io.hearth.labels.Matcher.notRegex;
import static io.hearth.labels.Matcher.regex;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.MatchType;
import io.hearth.labels.Matcher;
import io.hearth.tsdb.index.Postings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PostingsForMatchersTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  static {
    System.out.println("PostingsForMatchersTest seed: -Dtests.seed=" + SEED);
  }

  /** Refs are positions, from 1. Series 12 lacks n; 1, 8, 10 and 12 lack i. */
  private final MemIndex ix = MemIndex.of(
      Labels.of("n", "1"),
      Labels.of("n", "1", "i", "a"),
      Labels.of("n", "1", "i", "b"),
      Labels.of("n", "1", "i", "foo"),
      Labels.of("n", "1", "i", "foobar"),
      Labels.of("n", "1", "i", "a\nb"),
      Labels.of("n", "1", "i", "ünï"),
      Labels.of("n", "2"),
      Labels.of("n", "2", "i", "a"),
      Labels.of("n", "2.5"),
      Labels.of("n", "1", "i", "x|y"),
      Labels.of("j", "1"));

  @Test
  void select() {
    check(List.of());
    // Equality, and absent labels matching "".
    check(List.of(equal("n", "1")), 1, 2, 3, 4, 5, 6, 7, 11);
    check(List.of(equal("n", "2")), 8, 9);
    check(List.of(equal("n", "3")));
    check(List.of(equal("n", "1"), equal("i", "a")), 2);
    check(List.of(equal("n", "1"), equal("n", "2")));
    check(List.of(equal("n", "1"), equal("i", "")), 1);
    check(List.of(equal("i", "")), 1, 8, 10, 12);
    check(List.of(equal("n", "")), 12);
    check(List.of(equal("n", "1"), equal("j", "")), 1, 2, 3, 4, 5, 6, 7, 11);
    check(List.of(equal("missing", "")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    check(List.of(equal("missing", "x")));
    // Negations: a label that is absent is "", so it differs from any non-empty value.
    check(List.of(notEqual("i", "")), 2, 3, 4, 5, 6, 7, 9, 11);
    check(List.of(equal("n", "1"), notEqual("i", "")), 2, 3, 4, 5, 6, 7, 11);
    check(List.of(notEqual("i", "a")), 1, 3, 4, 5, 6, 7, 8, 10, 11, 12);
    check(List.of(equal("n", "1"), notEqual("i", "a")), 1, 3, 4, 5, 6, 7, 11);
    check(List.of(notEqual("j", "1")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    check(List.of(notEqual("n", "1"), notEqual("n", "2")), 10, 12);
    check(List.of(regex("n", ".+"), notEqual("n", "1")), 8, 9, 10);
    check(List.of(notEqual("missing", "")));
    check(List.of(notEqual("missing", "x")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    // Regexes are anchored, and "." matches a newline.
    check(List.of(equal("n", "1"), regex("i", "a")), 2);
    check(List.of(regex("i", "foo")), 4);
    check(List.of(regex("i", "fo+")), 4);
    check(List.of(regex("i", "foo.*")), 4, 5);
    check(List.of(regex("i", "foo.+")), 5);
    check(List.of(regex("i", "fooba.+")), 5);
    check(List.of(regex("i", "foobar.+")));
    check(List.of(regex("i", "foo(bar)?")), 4, 5);
    check(List.of(regex("i", ".*bar")), 5);
    check(List.of(regex("i", "f.*")), 4, 5);
    check(List.of(regex("i", "a.b")), 6);
    check(List.of(regex("i", "a\nb")), 6);
    check(List.of(regex("i", "a.*")), 2, 6, 9);
    check(List.of(regex("i", "(?i)FOO")), 4);
    check(List.of(regex("i", "(?i)FOO.*")), 4, 5);
    check(List.of(regex("i", "ünï")), 7);
    check(List.of(regex("i", "ü.*")), 7);
    check(List.of(regex("i", "..ï")), 7);
    check(List.of(regex("n", "[0-9]")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 11);
    check(List.of(regex("i", "foo.*|a")), 2, 4, 5, 9);
    // Set matches: pure alternations, with escapes.
    check(List.of(regex("i", "a|b")), 2, 3, 9);
    check(List.of(regex("i", "(a|b)")), 2, 3, 9);
    check(List.of(regex("i", "(?:a|b|nope)")), 2, 3, 9);
    check(List.of(regex("n", "1|2")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 11);
    check(List.of(regex("n", "2\\.5")), 10);
    check(List.of(regex("n", "1|2.5")), 1, 2, 3, 4, 5, 6, 7, 10, 11);
    check(List.of(regex("i", "x\\|y")), 11);
    check(List.of(regex("i", "x|y")));
    check(List.of(equal("n", "1"), notRegex("i", "a|b")), 1, 4, 5, 6, 7, 11);
    // Regexes that match "": they keep series without the label.
    check(List.of(regex("i", "a|")), 1, 2, 8, 9, 10, 12);
    check(List.of(regex("i", "|a")), 1, 2, 8, 9, 10, 12);
    check(List.of(regex("i", "")), 1, 8, 10, 12);
    check(List.of(regex("i", "a*")), 1, 2, 8, 9, 10, 12);
    check(List.of(notRegex("i", "a")), 1, 3, 4, 5, 6, 7, 8, 10, 11, 12);
    check(List.of(notRegex("i", "")), 2, 3, 4, 5, 6, 7, 9, 11);
    check(List.of(notRegex("i", "|a")), 3, 4, 5, 6, 7, 11);
    check(List.of(notRegex("i", "foo.*")), 1, 2, 3, 6, 7, 8, 9, 10, 11, 12);
    // .* matches everything, .+ means "has the label".
    check(List.of(regex("i", ".*")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    check(List.of(regex("missing", ".*")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    check(List.of(regex("i", ".+")), 2, 3, 4, 5, 6, 7, 9, 11);
    check(List.of(regex("missing", ".+")));
    check(List.of(notRegex("i", ".*")));
    check(List.of(notRegex("i", ".+")), 1, 8, 10, 12);
    check(List.of(equal("n", "1"), regex("i", ".+"), notRegex("i", "foo.*")), 2, 3, 6, 7, 11);
    check(List.of(regex("n", ".*"), regex("i", ".*"), regex("j", ".*")), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
  }

  private void check(List<Matcher> ms, long... want) {
    Matcher[] arr = ms.toArray(new Matcher[0]);
    long[] got = Postings.toArray(PostingsForMatchers.select(ix, arr));
    assertThat(got).as("%s", ms).containsExactly(want);
    if (ms.isEmpty() == false) {
      assertThat(got).as("%s against brute force", ms).containsExactly(bruteForce(ix, arr));
    }
  }

  private static long[] bruteForce(MemIndex ix, Matcher... ms) {
    List<Long> out = new ArrayList<>();
    List<Labels> all = ix.all();
    outer:
    for (int i = 0; i < all.size(); i++) {
      for (Matcher m : ms) {
        if (m.matches(all.get(i)) == false) {
          continue outer;
        }
      }
      out.add(i + 1L);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void labelValues() {
    assertThat(PostingsForMatchers.labelValues(ix, "i"))
        .containsExactly("a", "a\nb", "b", "foo", "foobar", "x|y", "ünï");
    assertThat(PostingsForMatchers.labelValues(ix, "i", equal("n", "2"))).containsExactly("a");
    assertThat(PostingsForMatchers.labelValues(ix, "i", equal("n", "1"), regex("i", "foo.*")))
        .containsExactly("foo", "foobar");
    assertThat(PostingsForMatchers.labelValues(ix, "i", regex("i", "f.*"))).containsExactly("foo", "foobar");
    assertThat(PostingsForMatchers.labelValues(ix, "i", notEqual("i", "a"), equal("n", "2"))).isEmpty();
    assertThat(PostingsForMatchers.labelValues(ix, "n", equal("i", "a"))).containsExactly("1", "2");
    assertThat(PostingsForMatchers.labelValues(ix, "n", equal("i", "nope"))).isEmpty();
    assertThat(PostingsForMatchers.labelValues(ix, "n", equal("i", ""))).containsExactly("1", "2", "2.5");
    assertThat(PostingsForMatchers.labelValues(ix, "missing", equal("n", "1"))).isEmpty();
    assertThat(PostingsForMatchers.labelValues(ix, "j", regex("n", ".*"))).containsExactly("1");
    assertThat(PostingsForMatchers.labelValues(ix, "j", regex("n", ".+"))).isEmpty();
  }

  @Test
  void labelNames() {
    assertThat(PostingsForMatchers.labelNames(ix)).containsExactly("i", "j", "n");
    assertThat(PostingsForMatchers.labelNames(ix, equal("n", "2"))).containsExactly("i", "n");
    assertThat(PostingsForMatchers.labelNames(ix, equal("n", "2.5"))).containsExactly("n");
    assertThat(PostingsForMatchers.labelNames(ix, equal("j", "1"))).containsExactly("j");
    assertThat(PostingsForMatchers.labelNames(ix, equal("n", "3"))).isEmpty();
    assertThat(PostingsForMatchers.labelNames(ix, regex("i", ".*"))).containsExactly("i", "j", "n");
    assertThat(PostingsForMatchers.labelNames(ix, notEqual("i", ""))).containsExactly("i", "n");
  }

  /**
   * Label values under matchers either read the matching series' labels or intersect every
   * value's postings with them, whichever is estimated cheaper; both must give the same answer.
   * The index counts label reads, which only the first strategy does.
   */
  @Test
  void labelValuesPicksTheCheaperStrategyWithTheSameResult() {
    MemIndex big = new MemIndex();
    for (int i = 0; i < 10_000; i++) {
      big.add(i < 5
          ? Labels.of("v", "v" + (i % 1000), "g", "g" + (i % 10), "u", "u" + i)
          : Labels.of("v", "v" + (i % 1000), "g", "g" + (i % 10)));
    }
    // 5 series against 1,000 values of 10 series each: read the series.
    strategy(big, "v", List.of(regex("u", "u[0-4]")), 5, "v0", "v1", "v2", "v3", "v4");
    // 110 series, and each value is 10 series long: still cheaper to read them.
    strategy(big, "v", List.of(equal("g", "g3"), regex("v", "v1.*")), 110,
        "v103", "v113", "v123", "v13", "v133", "v143", "v153", "v163", "v173", "v183", "v193");
    // 1,110 series against 10 values of 1,000: each value meets them within a few refs.
    strategy(big, "g", List.of(regex("v", "v1.*")), 0,
        "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9");
    // Every series: too many to read.
    strategy(big, "g", List.of(regex("v", ".+"), notEqual("g", "g5")), 0,
        "g0", "g1", "g2", "g3", "g4", "g6", "g7", "g8", "g9");
    strategy(big, "u", List.of(equal("g", "g3")), 0, "u3");
  }

  private static void strategy(MemIndex ix, String name, List<Matcher> ms, int wantSeriesReads, String... want) {
    ix.seriesCalls = 0;
    assertThat(PostingsForMatchers.labelValues(ix, name, ms.toArray(new Matcher[0]))).as("%s", ms).containsExactly(want);
    assertThat(ix.seriesCalls).as("series reads for %s", ms).isEqualTo(wantSeriesReads);
  }

  /** Random indexes and selectors, checked against evaluating every matcher on every series. */
  @RepeatedTest(20)
  void randomSelectorsAgreeWithBruteForce() {
    Random random = new Random(SEED + System.identityHashCode(this));
    String[] names = {"a", "b", "c"};
    String[] values = {"x", "y", "xy", "yx", "x\ny", "ü", "10", "100"};
    MemIndex rix = new MemIndex();
    int n = 1 + random.nextInt(200);
    for (int s = 0; s < n; s++) {
      List<String> nv = new ArrayList<>();
      for (String name : names) {
        if (random.nextInt(3) > 0) {
          nv.add(name);
          nv.add(values[random.nextInt(values.length)]);
        }
      }
      rix.add(Labels.of(nv.toArray(new String[0])));
    }
    String[] patterns = {"", "x", "x|y", "|x", "x.*", "x.+", ".*", ".+", "y.*x", "1.*", "10+", "x.y", "(x|y)", "ü|10", ".*x.*"};
    for (int q = 0; q < 50; q++) {
      int k = 1 + random.nextInt(3);
      Matcher[] ms = new Matcher[k];
      for (int i = 0; i < k; i++) {
        MatchType t = MatchType.values()[random.nextInt(4)];
        String name = random.nextInt(10) == 0 ? "missing" : names[random.nextInt(names.length)];
        String v = t.isRegex() ? patterns[random.nextInt(patterns.length)]
            : (random.nextInt(5) == 0 ? "" : values[random.nextInt(values.length)]);
        ms[i] = Matcher.of(t, name, v);
      }
      long[] want = bruteForce(rix, ms);
      assertThat(Postings.toArray(PostingsForMatchers.select(rix, ms)))
          .as("seed %d, %s", SEED, Arrays.toString(ms))
          .containsExactly(want);
      String target = names[random.nextInt(names.length)];
      TreeSet<String> wantValues = new TreeSet<>();
      for (long ref : want) {
        String v = rix.series(ref).get(target);
        if (v.isEmpty() == false) {
          wantValues.add(v);
        }
      }
      assertThat(PostingsForMatchers.labelValues(rix, target, ms))
          .as("seed %d, values of %s for %s", SEED, target, Arrays.toString(ms))
          .containsExactlyElementsOf(wantValues);
      TreeSet<String> wantNames = new TreeSet<>();
      LongStream.of(want).forEach(ref -> rix.series(ref).forEach((nm, v) -> wantNames.add(nm)));
      assertThat(PostingsForMatchers.labelNames(rix, ms))
          .as("seed %d, names for %s", SEED, Arrays.toString(ms))
          .containsExactlyElementsOf(wantNames);
    }
  }
}
