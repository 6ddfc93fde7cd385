package io.hearth.labels;


import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameValidationTest {

  private static void check(String name, boolean utf8Label, boolean legacyLabel, boolean legacyMetric) {
    assertThat(NameValidation.UTF8.isValidLabelName(name)).as("utf8 label %s", name).isEqualTo(utf8Label);
    assertThat(NameValidation.UTF8.isValidMetricName(name)).as("utf8 metric %s", name).isEqualTo(utf8Label);
    assertThat(NameValidation.LEGACY.isValidLabelName(name)).as("legacy label %s", name).isEqualTo(legacyLabel);
    assertThat(NameValidation.LEGACY.isValidMetricName(name)).as("legacy metric %s", name).isEqualTo(legacyMetric);
  }

  @Test
  void namesPerScheme() {
    check("", false, false, false);
    check("a", true, true, true);
    check("_a9", true, true, true);
    check("9a", true, false, false);
    check("a:b", true, false, true);
    check(":a", true, false, true);
    check("a.b", true, false, false);
    check("-label", true, false, false);
    check("${1}", true, false, false);
    check("é", true, false, false);
    check("\uD83D\uDE00", true, false, false);
    check("a\uD800", false, false, false); // an unpaired surrogate is not valid UTF-8
    check("\uDC00a", false, false, false);
  }

  @Test
  void nullSchemeMeansUtf8() {
    assertThat(NameValidation.isValidLabelName("a.b", null)).isTrue();
    assertThat(NameValidation.isValidLabelName("a.b", NameValidation.LEGACY)).isFalse();
    assertThat(NameValidation.isValidMetricName("a:b", NameValidation.LEGACY)).isTrue();
  }

  @Test
  void emptyValuesAreValidUtf8() {
    assertThat(NameValidation.isValidUtf8Value("")).isTrue();
    assertThat(NameValidation.isValidUtf8Value("\uD800")).isFalse();
  }
}
