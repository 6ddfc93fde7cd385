package io.hearth.scrape.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The normalisations themselves, against what Go's strconv and Prometheus 3 produce. */
class KnownDifferenceTest {
  private static void check(String in, String want) {
    assertThat(KnownDifference.openMetricsFloat(in)).as(in).isEqualTo(want);
  }

  @Test
  void floatFormIsGosShortestGWithPointZeroOnIntegers() {
    check("1", "1.0");
    check("0", "0.0");
    check("-0", "0.0");
    check("-1", "-1.0");
    check("0.25", "0.25");
    check("2.5e-3", "0.0025");
    check("0.0001", "0.0001");
    check("0.00001", "1e-05");
    check("123456", "123456.0");
    check("1e6", "1e+06");
    check("1234567", "1.234567e+06");
    check("1e100", "1e+100");
    check("Inf", "+Inf");
    check("+inf", "+Inf");
    check("-Infinity", "-Inf");
    check("NaN", "NaN");
    check("abc", "abc"); // not a float: left as exposed, as upstream does
  }

  @Test
  void onlyHistogramBucketsAndSummariesAreRewritten() {
    Map<String, Set<String>> types =
        Map.of("h", Set.of("histogram"), "s", Set.of("summary"), "g", Set.of("gauge"));
    check(Map.of("__name__", "h_bucket", "le", "1"), types, Map.of("__name__", "h_bucket", "le", "1.0"));
    check(Map.of("__name__", "s", "quantile", "1"), types, Map.of("__name__", "s", "quantile", "1.0"));
    check(Map.of("__name__", "g", "le", "1"), types, Map.of("__name__", "g", "le", "1"));
    check(Map.of("__name__", "h", "quantile", "1"), types, Map.of("__name__", "h", "quantile", "1"));
  }

  private static void check(Map<String, String> in, Map<String, Set<String>> types, Map<String, String> want) {
    assertThat(KnownDifference.floatForm(new TreeMap<>(in), types)).isEqualTo(new TreeMap<>(want));
  }
}
