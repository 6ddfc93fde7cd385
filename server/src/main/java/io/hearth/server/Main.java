package io.hearth.server;

import io.hearth.promql.ast.Printer;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.http.ListenAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import io.hearth.scrape.config.ConfigException;
import io.hearth.scrape.config.ConfigFile;
import sun.misc.Signal;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Hearth: reads the flags (Prometheus's names), starts a {@link Server} (TSDB, HTTP API,
 * self-metrics) and stops it cleanly on SIGTERM or Ctrl-C. Scraping arrives with issue 4.
 */
public final class Main {
  static final String VERSION = "0.1.0";
  static final String DEFAULT_TSDB_PATH = "data/";

  private Main() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    // On success the JVM is either done (--help) or already shutting down (a signal): exiting
    // again from here would block on the shutdown hooks, so only failures exit explicitly.
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The flags, parsed; {@code exit} set when the command is done (help, version, a bad flag). */
  record Flags(Server.Config config, Integer exit) {}

  static Flags parse(String[] args, PrintStream out, PrintStream err) {
    String tsdbPath = DEFAULT_TSDB_PATH;
    ListenAddress listen = ListenAddress.DEFAULT;
    Path configFile = null;
    QueryFlags query = new QueryFlags();
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        usage(out);
        return new Flags(null, 0);
      } else if (arg.equals("--version")) {
        out.println("hearth, version " + VERSION);
        return new Flags(null, 0);
      } else if (arg.startsWith("--storage.tsdb.path=")) {
        tsdbPath = arg.substring("--storage.tsdb.path=".length());
      } else if (arg.startsWith("--config.file=")) {
        configFile = Path.of(arg.substring("--config.file=".length()));
      } else if (arg.startsWith("--web.listen-address=")) {
        String v = arg.substring("--web.listen-address=".length());
        try {
          listen = ListenAddress.parse(v);
        } catch (IllegalArgumentException e) {
          err.println("hearth: invalid value \"" + v + "\" for flag --web.listen-address: " + e.getMessage());
          return new Flags(null, 2);
        }
      } else {
        try {
          if (query.accept(arg, err)) {
            continue;
          }
        } catch (IllegalArgumentException e) {
          err.println("hearth: " + e.getMessage());
          return new Flags(null, 2);
        }
        err.println("hearth: unknown or not yet supported flag " + arg + " (see --help)");
        return new Flags(null, 2);
      }
    }
    return new Flags(
        new Server.Config(Path.of(tsdbPath), listen, query.options(), query.maxConcurrency(), configFile,
            new ConfigFile.Defaults(query.extraScrapeMetrics())),
        null);
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Flags flags = parse(args, out, err);
    if (flags.exit() != null) {
      return flags.exit();
    }
    Server.Config config = flags.config();
    String heap = HeapSizing.apply();
    if (!heap.isEmpty()) {
      out.println("hearth: heap kept close to live data: " + heap + " (set either flag to choose your own)");
    }
    long started = System.nanoTime();
    Server server;
    try {
      server = Server.start(config);
    } catch (IOException | UncheckedIOException e) {
      err.println("hearth: " + e.getMessage());
      return 1;
    } catch (ConfigException e) {
      err.println("hearth: error loading config: " + e.getMessage());
      return 1;
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    out.printf("hearth %s: TSDB open at %s in %d ms, %d series%n",
        VERSION, config.tsdbPath().toAbsolutePath(), ms, server.db().head().numSeries());
    EngineOptions engine = config.engine();
    out.printf("hearth: PromQL lookback %s, timeout %s, max samples %d, max concurrency %d, experimental functions %s%n",
        Printer.duration(engine.lookbackDeltaMs()), Printer.duration(engine.timeoutMs()),
        engine.maxSamples(), config.maxConcurrency(), engine.experimentalFunctions() ? "on" : "off");
    out.println("hearth: listening on " + server.address() + "; scraping "
        + (config.configFile() == null ? "itself (embedded default config)" : config.configFile())
        + "; reload with SIGHUP, stop with Ctrl-C");
    if (config.configFile() != null) {
      // As Prometheus: SIGHUP re-reads the file; a bad one is reported and the old one keeps running.
      Signal.handle(new Signal("HUP"), sig -> {
        String problem = server.reload();
        if (problem != null) {
          err.println("hearth: error reloading config (keeping the running one): " + problem);
        } else {
          out.println("hearth: configuration reloaded from " + config.configFile());
        }
      });
    }
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
        out.println("hearth: stopped; TSDB closed cleanly");
      } catch (IOException e) {
        err.println("hearth: closing the TSDB failed: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "hearth-shutdown"));
    stopped.await();
    return 0;
  }

  private static void usage(PrintStream out) {
    out.println("usage: hearth [flags]");
    out.println();
    out.println("  --config.file=FILE             prometheus.yml to run (default: an embedded config that");
    out.println("                                 scrapes Hearth's own /metrics every 15s as job \"hearth\")");
    out.println("  --storage.tsdb.path=DIR        where the TSDB keeps its data (default \"data/\")");
    out.println("  --web.listen-address=HOST:PORT address of the HTTP API and /metrics (default \"0.0.0.0:9090\";");
    out.println("                                 \":9090\" also means every interface)");
    out.println("  --query.lookback-delta=DUR     how far back an instant selector looks (default 5m)");
    out.println("  --query.timeout=DUR            longest a query may run (default 2m)");
    out.println("  --query.max-samples=N          most samples a query may hold at once (default 50000000)");
    out.println("  --query.max-concurrency=N      queries evaluated at once; more wait (default 20)");
    out.println("  --enable-feature=A,B           promql-experimental-functions, promql-delayed-name-removal");
    out.println("  --version                      print the version and exit");
    out.println("  -h, --help                     print this help and exit");
  }
}
