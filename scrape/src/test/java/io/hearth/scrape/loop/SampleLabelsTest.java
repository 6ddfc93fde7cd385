package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.relabel.Action;
import io.hearth.scrape.relabel.RelabelConfig;
import io.hearth.scrape.relabel.RelabelRegex;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleLabelsTest {

  private static Labels ls(String... nv) {
    return Labels.of(nv);
  }

  private static void check(Labels exposed, Labels target, boolean honor, Labels want) {
    check(exposed, target, honor, List.of(), want);
  }

  private static void check(Labels exposed, Labels target, boolean honor, List<RelabelConfig> rules, Labels want) {
    assertThat(SampleLabels.mutate(exposed, target, honor, rules, NameValidation.UTF8)).isEqualTo(want);
  }

  // ---- Upstream's TestScrapeLoopAppendForConflictingPrefixedLabels (honor_labels: false). ----

  @Test
  void oneClash() {
    check(ls("__name__", "metric", "foo", "1"), ls("foo", "2"), false,
        ls("__name__", "metric", "exported_foo", "1", "foo", "2"));
  }

  @Test
  void clashWhenTheTargetAlreadyHasTheExportedName() {
    check(ls("__name__", "metric", "foo", "1"), ls("foo", "2", "exported_foo", "3"), false,
        ls("__name__", "metric", "exported_exported_foo", "1", "exported_foo", "3", "foo", "2"));
  }

  @Test
  void clashWhenTheSampleAlreadyHasTheExportedName() {
    check(ls("__name__", "metric", "foo", "1", "exported_foo", "2"), ls("foo", "3"), false,
        ls("__name__", "metric", "exported_exported_foo", "1", "exported_foo", "2", "foo", "3"));
  }

  @Test
  void clashOnAnAlreadyExportedName() {
    check(ls("__name__", "metric", "exported_foo", "1"), ls("exported_foo", "2"), false,
        ls("__name__", "metric", "exported_exported_foo", "1", "exported_foo", "2"));
  }

  @Test
  void twoClashesShortestNameFirst() {
    check(ls("__name__", "metric", "foo", "1", "exported_foo", "2"), ls("foo", "3", "exported_foo", "4"), false,
        ls("__name__", "metric", "exported_exported_foo", "1", "exported_exported_exported_foo", "2",
            "exported_foo", "4", "foo", "3"));
  }

  @Test
  void extremeClashes() {
    check(ls("__name__", "metric", "foo", "3", "exported_foo", "4", "exported_exported_exported_foo", "5"),
        ls("foo", "0", "exported_exported_foo", "1", "exported_exported_exported_foo", "2"), false,
        ls("__name__", "metric",
            "exported_exported_exported_exported_exported_foo", "5",
            "exported_exported_exported_exported_foo", "3",
            "exported_exported_exported_foo", "2",
            "exported_exported_foo", "1",
            "exported_foo", "4",
            "foo", "0"));
  }

  // ---- Upstream's TestScrapeLoopAppend_HonorLabels. ----

  @Test
  void honorLabelsFalseRenamesTheExposedLabel() {
    check(ls("__name__", "metric", "n", "1"), ls("n", "2"), false, ls("__name__", "metric", "exported_n", "1", "n", "2"));
    check(ls("__name__", "metric", "n", "1"), ls("n", "2", "exported_n", "2"), false,
        ls("__name__", "metric", "n", "2", "exported_n", "2", "exported_exported_n", "1"));
  }

  @Test
  void emptyExposedValuesAreNotLabels() {
    check(ls("__name__", "metric", "n", ""), Labels.EMPTY, false, ls("__name__", "metric"));
  }

  @Test
  void honorLabelsTrueKeepsTheExposedValue() {
    check(ls("__name__", "metric", "n", "1"), ls("n", "2"), true, ls("__name__", "metric", "n", "1"));
    check(ls("__name__", "metric", "n", "1"), ls("n", "2", "job", "j"), true, ls("__name__", "metric", "n", "1", "job", "j"));
  }

  @Test
  void honorLabelsTrueLetsAnEmptyExposedLabelShadowTheTargetLabel() {
    Labels target = ls("instance", "h:1", "job", "j");
    assertThat(SampleLabels.mutate(ls("__name__", "m"), "job"::equals, target, true, List.of(), NameValidation.UTF8))
        .isEqualTo(ls("__name__", "m", "instance", "h:1"));
    // Without honor_labels the target label is set whatever the sample exposed.
    assertThat(SampleLabels.mutate(ls("__name__", "m"), "job"::equals, target, false, List.of(), NameValidation.UTF8))
        .isEqualTo(ls("__name__", "m", "instance", "h:1", "job", "j"));
  }

  // ---- Target handling and metric relabelling. ----

  @Test
  void reservedTargetLabelsNeverReachTheSeries() {
    Labels target = ls("__address__", "h:1", "__scheme__", "http", "__tmp_x", "y", "instance", "h:1", "job", "j");
    check(ls("__name__", "m"), target, false, ls("__name__", "m", "instance", "h:1", "job", "j"));
    check(ls("__name__", "m"), target, true, ls("__name__", "m", "instance", "h:1", "job", "j"));
  }

  @Test
  void metricRelabellingSeesTheMergedLabels() {
    RelabelConfig dropJob = new RelabelConfig(List.of("job", "__name__"), ";", RelabelRegex.compile("j;drop_.*"), 0, "",
        "$1", Action.DROP);
    check(ls("__name__", "drop_me"), ls("job", "j"), false, List.of(dropJob), null);
    check(ls("__name__", "keep_me"), ls("job", "j"), false, List.of(dropJob), ls("__name__", "keep_me", "job", "j"));
  }

  @Test
  void metricRelabellingRenamesTheMetric() {
    RelabelConfig rename = new RelabelConfig(List.of("__name__"), ";", RelabelRegex.compile("old_(.*)"), 0, "__name__",
        "new_$1", Action.REPLACE);
    check(ls("__name__", "old_total"), ls("job", "j"), false, List.of(rename), ls("__name__", "new_total", "job", "j"));
  }

  @Test
  void leTrailingZeroStripping() { // upstream's TestLeQuantileReLabel rules
    List<RelabelConfig> rules = List.of(
        new RelabelConfig(List.of("le", "__name__"), ";", RelabelRegex.compile("(\\d+)\\.0+;.*_bucket"), 0, "le", "$1",
            Action.REPLACE),
        new RelabelConfig(List.of("quantile"), ";", RelabelRegex.compile("(\\d+)\\.0+"), 0, "quantile", "$1",
            Action.REPLACE));
    check(ls("__name__", "h_bucket", "le", "10.0"), Labels.EMPTY, false, rules, ls("__name__", "h_bucket", "le", "10"));
    check(ls("__name__", "h_bucket", "le", "0.25"), Labels.EMPTY, false, rules, ls("__name__", "h_bucket", "le", "0.25"));
    check(ls("__name__", "s", "quantile", "1.0"), Labels.EMPTY, false, rules, ls("__name__", "s", "quantile", "1"));
  }

  @Test
  void relabellingEverythingAwayCountsAsDropped() {
    RelabelConfig keepNothing = new RelabelConfig(List.of(), ";", RelabelRegex.compile("nothing"), 0, "", "$1",
        Action.LABELKEEP);
    check(ls("__name__", "m"), ls("job", "j"), false, List.of(keepNothing), null);
  }

  @Test
  void reportSeriesAlwaysTakeTheTargetLabels() {
    assertThat(SampleLabels.mutateReport(ls("__name__", "up"), ls("job", "j", "instance", "i", "__address__", "a")))
        .isEqualTo(ls("__name__", "up", "job", "j", "instance", "i"));
    assertThat(SampleLabels.mutateReport(ls("__name__", "up", "job", "x", "exported_job", "y"), ls("job", "j")))
        .isEqualTo(ls("__name__", "up", "job", "j", "exported_job", "x"));
  }

  // ---- The scrape loop's checks on the result. ----

  @Test
  void metricNameIsMandatoryAndNamesMustBeValid() {
    assertThat(SampleLabels.validate(ls("a", "1"), NameValidation.UTF8)).isEqualTo("missing metric name (__name__ label)");
    assertThat(SampleLabels.validate(ls("__name__", "a.b", "c.d", "1"), NameValidation.UTF8)).isNull();
    assertThat(SampleLabels.validate(ls("__name__", "a.b", "c", "1"), NameValidation.LEGACY))
        .isEqualTo("invalid metric name or label names: {__name__=\"a.b\", c=\"1\"}");
    assertThat(SampleLabels.validate(ls("__name__", "a:b", "c.d", "1"), NameValidation.LEGACY))
        .isEqualTo("invalid metric name or label names: {__name__=\"a:b\", \"c.d\"=\"1\"}");
    assertThat(SampleLabels.validate(ls("__name__", "a:b", "c_d", "1"), NameValidation.LEGACY)).isNull();
  }

  // ---- Upstream's TestScrapeLoopLabelLimit, with the exact texts. ----

  private static Labels merged(String... target) {
    return SampleLabels.mutate(ls("__name__", "metric", "l1", "1", "l2", "2"), ls(target), false, List.of(),
        NameValidation.UTF8);
  }

  @Test
  void labelLimit() {
    assertThat(SampleLabels.checkLimits(merged(), 5, 0, 0)).isNull();
    assertThat(SampleLabels.checkLimits(
            ls("__name__", "metric", "l1", "1", "l2", "2", "l3", "3", "l4", "4", "l5", "5", "l6", "6"), 5, 0, 0))
        .isEqualTo("label_limit exceeded (metric: metric, number of labels: 7, limit: 5)");
    assertThat(SampleLabels.checkLimits(merged("l5", "5", "l6", "6", "l7", "7"), 5, 0, 0))
        .isEqualTo("label_limit exceeded (metric: metric, number of labels: 6, limit: 5)");
  }

  @Test
  void labelNameLengthLimit() {
    assertThat(SampleLabels.checkLimits(merged(), 0, 10, 0)).isNull();
    assertThat(SampleLabels.checkLimits(ls("__name__", "metric", "label_name_too_long", "0"), 0, 10, 0))
        .isEqualTo("label_name_length_limit exceeded (metric: metric, label name: label_name_too_long, length: 19,"
            + " limit: 10)");
    assertThat(SampleLabels.checkLimits(merged("label_name_too_long", "0"), 0, 10, 0)).isNotNull();
  }

  @Test
  void labelValueLengthLimit() {
    assertThat(SampleLabels.checkLimits(merged(), 0, 0, 10)).isNull();
    assertThat(SampleLabels.checkLimits(ls("__name__", "metric", "l1", "label_value_too_long"), 0, 0, 10))
        .isEqualTo("label_value_length_limit exceeded (metric: metric, label name: l1, value: \"label_value_too_long\","
            + " length: 20, limit: 10)");
    assertThat(SampleLabels.checkLimits(merged("l1", "label_value_too_long"), 0, 0, 10)).isNotNull();
  }

  @Test
  void lengthsAreUtf8BytesAndMessagesTruncateTo50CodePoints() {
    assertThat(SampleLabels.checkLimits(ls("__name__", "m", "l", "éé"), 0, 0, 4)).isNull();
    assertThat(SampleLabels.checkLimits(ls("__name__", "m", "l", "ééé"), 0, 0, 5))
        .isEqualTo("label_value_length_limit exceeded (metric: m, label name: l, value: \"ééé\", length: 6, limit: 5)");
    String longName = "x".repeat(60);
    String longValue = "é".repeat(60) + "\n";
    assertThat(SampleLabels.checkLimits(ls("__name__", longName, "v", longValue), 0, 0, 10))
        .isEqualTo("label_value_length_limit exceeded (metric: " + "x".repeat(50) + ", label name: __name__, value: \""
            + "x".repeat(50) + "\", length: 60, limit: 10)");
    assertThat(SampleLabels.checkLimits(ls("__name__", "m", "v", longValue), 0, 0, 10))
        .isEqualTo("label_value_length_limit exceeded (metric: m, label name: v, value: \"" + "é".repeat(50)
            + "\", length: 121, limit: 10)");
    assertThat(SampleLabels.checkLimits(ls("__name__", "m", "v", "a\tb"), 0, 0, 2))
        .isEqualTo("label_value_length_limit exceeded (metric: m, label name: v, value: \"a\\tb\", length: 3, limit: 2)");
  }
}
