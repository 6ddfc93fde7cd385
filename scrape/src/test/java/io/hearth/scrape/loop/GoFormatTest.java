package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoFormatTest {

  private static void checkFormat(Duration d, String want) {
    assertThat(GoFormat.formatDuration(d)).as("format %s", d).isEqualTo(want);
  }

  private static void checkParse(String s, long wantNanos) {
    assertThat(GoFormat.parseDuration(s)).as("parse %s", s).isEqualTo(wantNanos);
  }

  private static void checkParseError(String s, String want) {
    assertThatThrownBy(() -> GoFormat.parseDuration(s)).as("parse %s", s).hasMessage(want);
  }

  @Test
  void durationsFormatAsPrometheusWritesThem() {
    checkFormat(Duration.ZERO, "0s");
    checkFormat(Duration.ofSeconds(15), "15s");
    checkFormat(Duration.ofMinutes(1), "1m");
    checkFormat(Duration.ofSeconds(90), "1m30s");
    checkFormat(Duration.ofMillis(500), "500ms");
    checkFormat(Duration.ofMillis(1500), "1s500ms");
    checkFormat(Duration.ofHours(2), "2h");
    checkFormat(Duration.ofDays(1), "1d");
    checkFormat(Duration.ofDays(7), "1w");
    checkFormat(Duration.ofDays(90), "90d"); // weeks only when they divide evenly
    checkFormat(Duration.ofDays(365), "1y");
    checkFormat(Duration.ofDays(366), "366d");
    checkFormat(Duration.ofNanos(1_500_000), "1ms"); // millisecond precision
  }

  @Test
  void durationsParseAsPrometheusReadsThem() {
    checkParse("0", 0);
    checkParse("0s", 0);
    checkParse("15s", 15_000_000_000L);
    checkParse("1m30s", 90_000_000_000L);
    checkParse("1h30m", 5_400_000_000_000L);
    checkParse("250ms", 250_000_000L);
    checkParse("1y", 365L * 24 * 3600 * 1_000_000_000L);
    checkParse("0001s", 1_000_000_000L);
  }

  @Test
  void durationErrorsUseUpstreamWords() {
    checkParseError("", "empty duration string");
    checkParseError("2notseconds", "unknown unit \"notseconds\" in duration \"2notseconds\"");
    checkParseError("s", "not a valid duration string: \"s\"");
    checkParseError("10", "not a valid duration string: \"10\"");
    checkParseError("1s1m", "not a valid duration string: \"1s1m\"");
    checkParseError("1s1s", "not a valid duration string: \"1s1s\"");
    checkParseError("-1s", "not a valid duration string: \"-1s\"");
    checkParseError("1.5s", "unknown unit \".\" in duration \"1.5s\"");
    checkParseError("300y", "duration out of range");
    checkParseError("99999999999999999999s", "not a valid duration string: \"99999999999999999999s\"");
    checkParseError("292y1000w", "duration out of range");
  }

  @Test
  void quoteFollowsStrconvQuote() {
    assertThat(GoFormat.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(GoFormat.quote("\n\t\u0007\u0000\u007f")).isEqualTo("\"\\n\\t\\a\\x00\\x7f\"");
    assertThat(GoFormat.quote("é日本\uD83D\uDE00")).isEqualTo("\"é日本\uD83D\uDE00\"");
    assertThat(GoFormat.quote("\u00a0\u200b")).isEqualTo("\"\\u00a0\\u200b\"");
  }

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
