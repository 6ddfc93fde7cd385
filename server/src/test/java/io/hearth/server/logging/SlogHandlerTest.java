package io.hearth.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records from {@code java.util.logging}, {@code System.Logger} and {@link Log} all reach the root
 * handler, filtered by level, with the logging call's file and line as {@code source}.
 */
class SlogHandlerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Logger root = Logger.getLogger("");
  private Handler[] saved;
  private Level savedLevel;

  @BeforeEach
  void install() {
    saved = root.getHandlers();
    savedLevel = root.getLevel();
    Logging.install(LogLevel.INFO, LogFormat.LOGFMT, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    for (Handler h : saved) {
      root.addHandler(h);
    }
    root.setLevel(savedLevel);
  }

  private String lines() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void javaUtilLoggingRecordsNameTheirCaller() {
    Logger.getLogger("io.hearth.test").warning("from jul"); int line = lineNumber();
    assertThat(lines()).contains("level=WARN source=SlogHandlerTest.java:" + line + " msg=\"from jul\"\n");
  }

  @Test
  void systemLoggerRecordsGoThroughTheSameHandler() {
    System.getLogger("io.hearth.test").log(System.Logger.Level.ERROR, "from {0}", "system"); int line = lineNumber();
    assertThat(lines()).contains("level=ERROR source=SlogHandlerTest.java:" + line + " msg=\"from system\"\n");
  }

  @Test
  void structuredRecordsCarryTheirAttributes() {
    Log.info(Logger.getLogger("io.hearth.test"), "TSDB started", "series", 3); int line = lineNumber();
    assertThat(lines()).contains("level=INFO source=SlogHandlerTest.java:" + line + " msg=\"TSDB started\" series=3\n");
  }

  @Test
  void theLevelFiltersRecords() {
    Logger l = Logger.getLogger("io.hearth.test");
    l.fine("hidden at info");
    Log.debug(l, "hidden too");
    assertThat(lines()).isEmpty();
    Logging.install(LogLevel.DEBUG, LogFormat.LOGFMT, new PrintStream(out, true, StandardCharsets.UTF_8));
    l.fine("shown at debug");
    assertThat(lines()).contains("level=DEBUG").contains("msg=\"shown at debug\"");
    out.reset();
    Logging.install(LogLevel.ERROR, LogFormat.LOGFMT, new PrintStream(out, true, StandardCharsets.UTF_8));
    l.warning("hidden at error");
    assertThat(lines()).isEmpty();
  }

  @Test
  void installingReplacesEveryRootHandler() {
    Logging.install(LogLevel.INFO, LogFormat.JSON, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(root.getHandlers()).singleElement().isInstanceOf(SlogHandler.class);
    Logger.getLogger("io.hearth.test").info("once");
    assertThat(lines()).startsWith("{\"time\":").hasLineCount(1);
  }

  @Test
  void aRecordPublishedDirectlyNamesThePublisher() {
    SlogHandler h = new SlogHandler(new SlogFormatter(LogFormat.LOGFMT, ZoneOffset.UTC, false),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    java.util.logging.LogRecord r = new java.util.logging.LogRecord(Level.INFO, "direct");
    h.publish(r);
    assertThat(lines()).contains("source=SlogHandlerTest.java:");
  }

  private static int lineNumber() {
    return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
  }
}
