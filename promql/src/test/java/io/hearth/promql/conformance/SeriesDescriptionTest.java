package io.hearth.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.storage.StaleMarker;
import org.junit.jupiter.api.Test;

class SeriesDescriptionTest {
  /** Expands {@code in} and renders its items as the script would write them one by one. */
  private static void check(String in, String want) {
    assertThat(SeriesDescription.parse("m " + in).valuesText()).as(in).isEqualTo(want);
  }

  @Test
  void expandsValueItems() {
    check("1 2 3", "1 2 3");
    check("0+10x5", "0 10 20 30 40 50");
    check("10-2x3", "10 8 6 4");
    check("-1-1x2", "-1 -2 -3");
    check("0x2", "0 0 0"); // no hex in series lines: 0x2 is 0 repeated
  }

  @Test
  void expandsRepeatsAndGaps() {
    check("1x3", "1 1 1 1");
    check("_", "_");
    check("_x3", "_ _ _");
    check("1 _x2 2", "1 _ _ 2");
    check("stale", "stale");
    check("stale 1 stale", "stale 1 stale");
    check("", "");
  }

  @Test
  void readsSpecialAndScientificNumbers() {
    check("Inf +Inf -Inf NaN nan", "+Inf +Inf -Inf NaN NaN");
    check("1e3 -2.5 .5 1e-3", "1000 -2.5 0.5 0.001");
    check("1e-2+1e-2x1", "0.01 0.02");
    check("010", "8"); // Go's ParseInt(s, 0, 64): a leading zero means octal
    check("1_000", "1000");
  }

  @Test
  void countsHistogramItems() {
    check("{{schema:0 sum:5 count:4 buckets:[1 2 1]}}", "{{histogram}}");
    check("{{}}x2", "{{histogram}} {{histogram}} {{histogram}}");
    check("1 {{count:1}}+{{count:2 sum:1}}x1 _", "1 {{histogram}} {{histogram}} _");
    assertThat(SeriesDescription.parse("m {{}}").hasHistogram()).isTrue();
    assertThat(SeriesDescription.parse("m 1 2").hasHistogram()).isFalse();
  }

  @Test
  void staleIsTheStaleMarkerBitPattern() {
    SeriesDescription d = SeriesDescription.parse("m 1 stale");
    assertThat(Double.doubleToRawLongBits(d.value(1))).isEqualTo(StaleMarker.BITS);
    assertThat(d.kind(1)).isEqualTo(SeriesDescription.FLOAT);
  }

  @Test
  void accumulatesLikeUpstream() {
    // a+bxN adds b repeatedly; 0.1 summed thrice is not 0.3.
    SeriesDescription d = SeriesDescription.parse("m 0+0.1x3");
    assertThat(d.value(3)).isEqualTo(0.1 + 0.1 + 0.1);
  }

  private static void checkLabels(String in, Labels want) {
    assertThat(SeriesDescription.parse(in + " 1").labels()).as(in).isEqualTo(want);
  }

  @Test
  void readsSelectors() {
    checkLabels("m", Labels.of("__name__", "m"));
    checkLabels("m{}", Labels.of("__name__", "m"));
    checkLabels("{}", Labels.EMPTY);
    checkLabels("a:b_c{x=\"1\", y='2',}", Labels.of("__name__", "a:b_c", "x", "1", "y", "2"));
    checkLabels("{__name__=\"m\", b=\"y\"}", Labels.of("__name__", "m", "b", "y"));
    checkLabels("{\"my.metric\", \"a.b\"=\"c\"}", Labels.of("__name__", "my.metric", "a.b", "c"));
    checkLabels("m{a=\"q\\\"uo\\nte\"}", Labels.of("__name__", "m", "a", "q\"uo\nte"));
    checkLabels("m{a=`raw\\n`}", Labels.of("__name__", "m", "a", "raw\\n"));
    checkLabels("m{a=\"\"}", Labels.of("__name__", "m"));
    checkLabels("m{ a = \"1\" , b=\"ü\" }", Labels.of("__name__", "m", "a", "1", "b", "ü"));
  }

  @Test
  void valuesMayFollowATab() {
    SeriesDescription d = SeriesDescription.parse("m{a=\"x\"}\t1\t2");
    assertThat(d.labels()).isEqualTo(Labels.of("__name__", "m", "a", "x"));
    assertThat(d.valuesText()).isEqualTo("1 2");
  }

  @Test
  void rejectsMalformedLines() {
    for (String bad :
        new String[] {"m 1+-1x2", "m stalex2", "m 1+x3", "m foo", "m{a=1} 1", "m{a=\"1\" 1", "m 1.5.5", "m 1xx2", "m {{1"}) {
      assertThatThrownBy(() -> SeriesDescription.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
