package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.flags.PrometheusFlags;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process from the outside: help, version and command-line errors as kingpin prints them, a
 * start and a clean stop through {@code /-/quit}'s hook in this JVM, and a real child JVM stopped
 * with SIGTERM.
 */
class MainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Handler[] rootHandlers = Logger.getLogger("").getHandlers();

  @AfterEach
  void restoreLogging() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    for (Handler h : rootHandlers) {
      root.addHandler(h);
    }
    root.setLevel(java.util.logging.Level.INFO);
  }

  private int run(String... args) throws Exception {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false, server -> {});
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryFlagPrometheusShows() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("usage: hearth [<flags>]\n");
    for (var f : PrometheusFlags.ALL) {
      if (!f.hidden()) {
        assertThat(out()).as(f.name()).containsPattern("--(\\[no-])?" + Pattern.quote(f.name()) + "[= \n]");
      }
    }
    assertThat(out()).contains("--query.timeout=2m").contains("--web.listen-address=0.0.0.0:9090 ...")
        .contains("-h, --[no-]help").doesNotContain("storage.tsdb.min-block-duration");
  }

  @Test
  void shortHelpIsHelpToo() throws Exception {
    assertThat(run("-h")).isZero();
    assertThat(out()).startsWith("usage: hearth");
  }

  @Test
  void versionPrintsAPrometheusStyleBlock() throws Exception {
    assertThat(run("--version")).isZero();
    assertThat(out()).startsWith("hearth, version " + Main.VERSION + " (branch: ")
        .contains("\n  platform:         ").contains("compatible with:  Prometheus 3.x");
  }

  @Test
  void aMisspeltFlagIsAnErrorNamingIt() throws Exception {
    assertThat(run("--storage.tsdb.pth=x")).isEqualTo(2);
    assertThat(err()).isEqualTo("hearth: error: unknown long flag '--storage.tsdb.pth', try --help\n");
  }

  @Test
  void aMalformedValueIsAnErrorNamingTheFlag() throws Exception {
    assertThat(run("--query.timeout=soon")).isEqualTo(2);
    assertThat(err()).isEqualTo("hearth: error: invalid value \"soon\" for flag --query.timeout:"
        + " not a valid duration string: \"soon\", try --help\n");
  }

  @Test
  void agentOnlyFlagsNeedAgentModeAsInPrometheus() throws Exception {
    assertThat(run("--storage.agent.path=x")).isEqualTo(3);
    assertThat(err()).isEqualTo("The following flag(s) can only be used in agent mode: [\"--storage.agent.path\"]\n");
  }

  @Test
  void startsLogsAndStopsCleanlyWhenQuitIsRequested() throws Exception {
    AtomicReference<Server> running = new AtomicReference<>();
    int code = Main.run(new String[] {"--web.listen-address=127.0.0.1:0",
        "--storage.tsdb.path=" + dir.resolve("data"), "--config.file=" + NoScrapes.file(dir),
        "--storage.tsdb.retention.time=30d"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        false, server -> {
          running.set(server);
          server.requestQuit();
        });
    assertThat(code).isZero();
    assertThat(running.get().db()).as("the TSDB is closed").isNull();
    List<String> messages = messages(err());
    assertThat(messages).containsSubsequence("Starting Hearth",
        "flag --storage.tsdb.retention.time is accepted for compatibility; Hearth does not implement"
            + " retention yet, so it has no effect",
        "Starting TSDB ...", "TSDB started", "Server is ready to receive web requests.",
        "Received termination request via web service, exiting gracefully...", "TSDB stopped",
        "See you next time!");
    assertThat(err()).contains("level=WARN source=Main.java:");
  }

  @Test
  void jsonLogsWithTheFormatFlag() throws Exception {
    int code = Main.run(new String[] {"--web.listen-address=127.0.0.1:0", "--log.format=json",
        "--storage.tsdb.path=" + dir.resolve("data"), "--config.file=" + NoScrapes.file(dir)},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        false, Server::requestQuit);
    assertThat(code).isZero();
    for (String line : err().strip().split("\n")) {
      assertThat(line).matches("\\{\"time\":\"[^\"]+\",\"level\":\"(INFO|WARN|ERROR)\",\"source\":\"\\w+\\.java:\\d+\",\"msg\":.*}");
    }
  }

  @Test
  void aBadConfigurationFileExitsWithTwo() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yml"), "scrape_configs: 12\n");
    int code = run("--web.listen-address=127.0.0.1:0", "--storage.tsdb.path=" + dir.resolve("data"),
        "--config.file=" + bad);
    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("level=ERROR").contains("msg=\"Error loading config (--config.file=" + bad + ")\"");
  }

  /** A real JVM on the test class path, stopped with SIGTERM as systemd or Kubernetes stop it. */
  @Test
  void sigtermStopsAChildProcessCleanlyWithExitCodeZero() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
        Main.class.getName(), "--web.listen-address=127.0.0.1:0",
        "--storage.tsdb.path=" + dir.resolve("data"), "--config.file=" + NoScrapes.file(dir)));
    Path log = dir.resolve("stderr.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(log.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String address = awaitLog(log, Pattern.compile("msg=\"Start listening for connections\" component=web address=(\\S+)"),
          Duration.ofSeconds(60));
      HttpResponse<String> healthy = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + address + "/-/healthy")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(healthy.statusCode()).isEqualTo(200);
      awaitLog(log, Pattern.compile("Server is ready to receive web requests"), Duration.ofSeconds(30));
      new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(messages(Files.readString(log))).containsSubsequence(
          "Received an OS signal, exiting gracefully...", "TSDB stopped", "See you next time!");
      assertThat(Files.readString(log)).contains("signal=terminated");
    } finally {
      p.destroyForcibly();
    }
  }

  private static String awaitLog(Path log, Pattern p, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = p.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + p + " in the log within " + timeout + ":\n"
        + (Files.exists(log) ? Files.readString(log) : ""));
  }

  /** The {@code msg} of each logfmt line. */
  private static List<String> messages(String logfmt) {
    List<String> l = new ArrayList<>();
    Matcher m = Pattern.compile(" msg=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)").matcher(logfmt);
    while (m.find()) {
      String v = m.group(1);
      l.add(v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\\\"", "\"") : v);
    }
    return l;
  }

}
