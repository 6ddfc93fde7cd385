package io.hearth.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Lines as Prometheus 3.x's promslog writes them through slog's text and JSON handlers. */
class SlogFormatterTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00.123456Z");
  private static final SlogFormatter LOGFMT = new SlogFormatter(LogFormat.LOGFMT, ZoneOffset.UTC, false);
  private static final SlogFormatter JSON = new SlogFormatter(LogFormat.JSON, ZoneOffset.UTC, false);

  private static LogRecord record(Level level, String msg, Object... keyValues) {
    LogRecord r = new LogRecord(level, msg);
    r.setInstant(T);
    r.setParameters(new Object[] {Attributes.of(keyValues)});
    return r;
  }

  private static void check(SlogFormatter f, LogRecord r, String want) {
    assertThat(f.format(r, "main.go:12")).isEqualTo(want);
  }

  @Test
  void logfmtWritesTimeLevelSourceMessageThenAttributes() {
    check(LOGFMT, record(Level.INFO, "Starting Hearth", "mode", "server", "version", "(version=0.1.0)"),
        "time=2026-11-22T10:00:00.123Z level=INFO source=main.go:12 msg=\"Starting Hearth\" mode=server"
            + " version=\"(version=0.1.0)\"");
    check(LOGFMT, record(Level.WARNING, "x", "signal", "terminated"),
        "time=2026-11-22T10:00:00.123Z level=WARN source=main.go:12 msg=x signal=terminated");
  }

  @Test
  void levelsAreNamedAsSlogNamesThem() {
    check(LOGFMT, record(Level.SEVERE, "m"), "time=2026-11-22T10:00:00.123Z level=ERROR source=main.go:12 msg=m");
    check(LOGFMT, record(Level.INFO, "m"), "time=2026-11-22T10:00:00.123Z level=INFO source=main.go:12 msg=m");
    check(LOGFMT, record(Level.CONFIG, "m"), "time=2026-11-22T10:00:00.123Z level=DEBUG source=main.go:12 msg=m");
    check(LOGFMT, record(Level.FINE, "m"), "time=2026-11-22T10:00:00.123Z level=DEBUG source=main.go:12 msg=m");
  }

  @Test
  void valuesAreQuotedOnlyWhenTheyMustBe() {
    checkValue("plain", "plain");
    checkValue("", "\"\"");
    checkValue("two words", "\"two words\"");
    checkValue("a=b", "\"a=b\"");
    checkValue("say \"hi\"", "\"say \\\"hi\\\"\"");
    checkValue("line\nbreak", "\"line\\nbreak\"");
    checkValue("back\\slash", "back\\slash");
    checkValue("<embedded>", "<embedded>");
    checkValue("ünïcode", "ünïcode");
    checkValue("nbsp\u00a0x", "\"nbsp\\u00a0x\"");
    checkValue(12L, "12");
    checkValue(0.5, "0.5");
    checkValue(1e21, "1e+21");
    checkValue(true, "true");
    checkValue(null, "<nil>");
    checkValue(Duration.ofMillis(1500), "1.5s");
    checkValue(Duration.ofMinutes(90), "1h30m0s");
    checkValue(new IOException("disk full"), "\"disk full\"");
  }

  private static void checkValue(Object value, String want) {
    assertThat(LOGFMT.format(record(Level.INFO, "m", "k", value), "f.go:1"))
        .isEqualTo("time=2026-11-22T10:00:00.123Z level=INFO source=f.go:1 msg=m k=" + want);
  }

  @Test
  void jsonWritesTheSameFieldsWithNanosecondTimes() {
    check(JSON, record(Level.INFO, "TSDB started", "series", 12, "took", Duration.ofMillis(3), "ok", true,
            "path", "<a & b>", "ratio", 0.25),
        "{\"time\":\"2026-11-22T10:00:00.123456Z\",\"level\":\"INFO\",\"source\":\"main.go:12\","
            + "\"msg\":\"TSDB started\",\"series\":12,\"took\":\"3ms\",\"ok\":true,\"path\":\"<a & b>\","
            + "\"ratio\":0.25}");
    LogRecord whole = record(Level.WARNING, "q\"\n\t\u0001\u2028");
    whole.setInstant(Instant.parse("2026-11-22T10:00:00Z"));
    check(JSON, whole, "{\"time\":\"2026-11-22T10:00:00Z\",\"level\":\"WARN\",\"source\":\"main.go:12\","
        + "\"msg\":\"q\\\"\\n\\t\\u0001\\u2028\"}");
  }

  @Test
  void timesAreInTheLocalZoneWithItsOffset() {
    SlogFormatter berlin = new SlogFormatter(LogFormat.LOGFMT, ZoneId.of("Europe/Berlin"), false);
    assertThat(berlin.format(record(Level.INFO, "m"), "f.go:1")).startsWith("time=2026-11-22T11:00:00.123+01:00 ");
    SlogFormatter json = new SlogFormatter(LogFormat.JSON, ZoneId.of("Europe/Berlin"), false);
    assertThat(json.format(record(Level.INFO, "m"), "f.go:1")).startsWith("{\"time\":\"2026-11-22T11:00:00.123456+01:00\"");
  }

  @Test
  void plainRecordsKeepTheirParametersAndThrownExceptionsBecomeErr() {
    LogRecord r = new LogRecord(Level.WARNING, "repaired WAL: {0}");
    r.setInstant(T);
    r.setParameters(new Object[] {"segment 3"});
    r.setThrown(new IllegalStateException("boom"));
    check(LOGFMT, r, "time=2026-11-22T10:00:00.123Z level=WARN source=main.go:12 msg=\"repaired WAL: segment 3\" err=boom");
    String withStack = new SlogFormatter(LogFormat.LOGFMT, ZoneOffset.UTC, true).format(r, "f.go:1");
    assertThat(withStack).contains(" err=boom stack=\"java.lang.IllegalStateException: boom\\n\\tat ");
  }
}
