package io.hearth.server;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.scrape.config.ConfigException;
import io.hearth.server.flags.CommandLine;
import io.hearth.server.flags.FlagException;
import io.hearth.server.flags.FlagParser;
import io.hearth.server.flags.FlagValues;
import io.hearth.server.flags.Notice;
import io.hearth.server.flags.Usage;
import io.hearth.server.logging.Log;
import io.hearth.server.logging.Logging;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * Starts Hearth as Prometheus starts: reads Prometheus 3.x's command line, sets up logging, starts
 * a {@link Server} (HTTP API, TSDB, scraping), reloads the configuration on SIGHUP, and on SIGTERM,
 * Ctrl-C or {@code /-/quit} stops it cleanly (scraping, then the listener and queries, then the
 * TSDB) and exits 0. {@code --help}, {@code --version} and command-line errors go to stdout and
 * stderr as kingpin writes them; everything else is a log record.
 */
public final class Main {
  static final String VERSION = "0.1.0";
  /** The Prometheus release line whose flags, configuration and API Hearth follows. */
  static final String PROMETHEUS_COMPATIBILITY = "3.x";
  /** The Prometheus release whose HTTP API and behaviour Hearth matches (the conformance scripts'). */
  static final String PROMETHEUS_API_VERSION = "3.14.0";
  static final String DESCRIPTION = "Hearth: a Prometheus-compatible time series database,"
      + " PromQL engine and scraper (Prometheus " + PROMETHEUS_COMPATIBILITY + " flags, configuration"
      + " and HTTP API).";

  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err, true, server -> {});
    // Netty's event loops are not daemons; the server is closed by now, so leave explicitly.
    System.exit(code);
  }

  /**
   * Runs Hearth until it is asked to stop.
   *
   * @param handleSignals whether to take over SIGTERM, SIGINT and SIGHUP (off in tests that run
   *     in the test JVM)
   * @param started called once the server is ready, e.g. so a test can stop it
   * @return the exit code: 0 after a clean stop or help/version, 2 for a bad command line or
   *     configuration, 3 for flags of the other mode, 1 when starting or stopping failed
   */
  static int run(String[] args, PrintStream out, PrintStream err, boolean handleSignals,
      Consumer<Server> started) throws InterruptedException {
    CommandLine cl;
    try {
      FlagValues flags = FlagParser.parse(args);
      if (flags.isHelp()) {
        out.print(Usage.text("hearth", DESCRIPTION));
        out.flush();
        return 0;
      }
      if (flags.isVersion()) {
        out.println(versionText());
        out.flush();
        return 0;
      }
      cl = CommandLine.resolve(flags);
    } catch (FlagException e) {
      err.println(e.isUsageError() ? "hearth: error: " + e.getMessage() + ", try --help" : e.getMessage());
      err.flush();
      return e.exitCode();
    }
    Logging.install(cl.logLevel(), cl.logFormat(), err);
    Server.Config config = cl.config();
    Log.info(LOG, "Starting Hearth", "mode", "server", "version", "(version=" + VERSION
        + ", prometheus_compatibility=" + PROMETHEUS_COMPATIBILITY + ")");
    Log.info(LOG, "operational information",
        "build_context", "(java=" + Runtime.version() + ", platform=" + platform() + ")",
        "host_details", "(" + System.getProperty("os.name") + " " + System.getProperty("os.version")
            + " " + System.getProperty("os.arch") + ")");
    for (Notice n : cl.notices()) {
      Log.log(LOG, n.isWarning() ? Level.WARNING : Level.INFO, n.message(), n.keyValues().toArray());
    }
    String heap = HeapSizing.apply();
    if (!heap.isEmpty()) {
      Log.info(LOG, "Heap kept close to live data; set the flags yourself to choose otherwise",
          "jvm_flags", heap);
    }
    String configName = config.configFile() == null ? DefaultConfig.NAME : config.configFile().toString();
    Log.info(LOG, "Starting TSDB ...", "path", config.tsdbPath().toAbsolutePath().toString());
    long t0 = System.nanoTime();
    Server server;
    try {
      server = Server.start(config);
    } catch (ConfigException e) {
      Log.error(LOG, "Error loading config (--config.file=" + configName + ")",
          "file", config.configFile() == null ? configName : config.configFile().toAbsolutePath().toString(),
          "err", e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      Log.error(LOG, "Fatal error", "err", e.getMessage());
      return 1;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    Log.info(LOG, "TSDB started", "duration", took, "series", server.db().head().numSeries());
    Log.info(LOG, "Start listening for connections", "component", "web",
        "address", server.address().getHostString() + ":" + server.address().getPort());
    Log.info(LOG, "Completed loading of configuration file", "filename", configName);
    EngineOptions engine = config.engine();
    Log.debug(LOG, "Query engine settings", "lookback_delta", Duration.ofMillis(engine.lookbackDeltaMs()),
        "timeout", Duration.ofMillis(engine.timeoutMs()), "max_samples", engine.maxSamples(),
        "max_concurrency", config.maxConcurrency(),
        "experimental_functions", engine.experimentalFunctions());

    CompletableFuture<String> stop = new CompletableFuture<>();
    server.quitRequested().thenRun(() -> stop.complete(null));
    CountDownLatch stopped = new CountDownLatch(1);
    if (handleSignals) {
      handleSignals(server, configName, stop, stopped);
    }
    Log.info(LOG, "Server is ready to receive web requests.");
    started.accept(server);

    String signal = stop.join();
    if (signal != null) {
      Log.warn(LOG, "Received an OS signal, exiting gracefully...", "signal", signal);
    } else {
      Log.warn(LOG, "Received termination request via web service, exiting gracefully...");
    }
    Log.info(LOG, "Stopping scrape manager, web handler, query engine and storage...");
    try {
      server.close();
      Log.info(LOG, "TSDB stopped");
    } catch (IOException | UncheckedIOException e) {
      Log.error(LOG, "Error stopping storage", "err", e.getMessage());
      return 1;
    } finally {
      stopped.countDown();
    }
    Log.info(LOG, "See you next time!");
    return 0;
  }

  /**
   * SIGTERM and SIGINT stop the server (named as Go names them: {@code terminated}, {@code
   * interrupt}); SIGHUP reloads the configuration, keeping the running one when the new one is
   * bad. A shutdown hook covers a JVM that will not hand the signals over ({@code -Xrs}): it
   * stops the server the same way and waits for it.
   */
  private static void handleSignals(Server server, String configName, CompletableFuture<String> stop,
      CountDownLatch stopped) {
    for (String[] s : new String[][] {{"TERM", "terminated"}, {"INT", "interrupt"}}) {
      try {
        Signal.handle(new Signal(s[0]), sig -> stop.complete(s[1]));
      } catch (IllegalArgumentException e) {
        Log.debug(LOG, "Cannot handle signal; relying on the shutdown hook", "signal", s[0]);
      }
    }
    try {
      Signal.handle(new Signal("HUP"), sig -> {
        Log.info(LOG, "Loading configuration file", "filename", configName);
        long t0 = System.nanoTime();
        String problem = server.reload();
        if (problem != null) {
          Log.error(LOG, "Error reloading config", "err", "couldn't load configuration (--config.file="
              + '"' + configName + "\"): " + problem);
        } else {
          Log.info(LOG, "Completed loading of configuration file", "filename", configName,
              "totalDuration", Duration.ofNanos(System.nanoTime() - t0));
        }
      });
    } catch (IllegalArgumentException e) {
      Log.debug(LOG, "Cannot handle SIGHUP; reload over HTTP only");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (stop.complete("shutdown")) {
        try {
          stopped.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "hearth-shutdown"));
  }

  /** The version block, shaped as Prometheus's {@code --version}. */
  static String versionText() {
    return "hearth, version " + VERSION + " (branch: unknown, revision: unknown)\n"
        + "  build user:       unknown\n"
        + "  build date:       unknown\n"
        + "  java version:     " + Runtime.version() + "\n"
        + "  platform:         " + platform() + "\n"
        + "  compatible with:  Prometheus " + PROMETHEUS_COMPATIBILITY;
  }

  /** Go's {@code GOOS/GOARCH} spelling of this machine, e.g. {@code linux/amd64}. */
  static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.startsWith("mac")) {
      os = "darwin";
    } else if (os.startsWith("windows")) {
      os = "windows";
    }
    String arch = System.getProperty("os.arch");
    arch = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
    return os + "/" + arch;
  }
}
