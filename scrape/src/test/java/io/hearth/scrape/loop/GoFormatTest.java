package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import org.junit.jupiter.api.Test;

class GoFormatTest {

  @Test
  void labelsStringQuotesOnlyNonLegacyNames() {
    assertThat(GoFormat.labelsString(Labels.of("__name__", "m", "a.b", "x\"y"))).isEqualTo(
        "{__name__=\"m\", \"a.b\"=\"x\\\"y\"}");
    assertThat(GoFormat.labelsString(Labels.EMPTY)).isEqualTo("{}");
  }

  @Test
  void parseBoolAcceptsGoSpellingsOnly() {
    for (String t : new String[] {"1", "t", "T", "TRUE", "true", "True"}) {
      assertThat(GoFormat.parseBool(t)).as(t).isTrue();
    }
    for (String f : new String[] {"0", "f", "F", "FALSE", "false", "False"}) {
      assertThat(GoFormat.parseBool(f)).as(f).isFalse();
    }
    for (String bad : new String[] {"", "yes", "tRUE", "2"}) {
      assertThat(GoFormat.parseBool(bad)).as(bad).isNull();
    }
  }
}
