package io.hearth.server;

import io.hearth.promql.ast.Printer;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.tsdb.Db;
import io.hearth.tsdb.DbOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Hearth. For now it opens the TSDB (replaying the WAL), reports what it found, and holds
 * the data directory until it is stopped; the HTTP API, scraping and pushes arrive with the
 * server issue. Flags use Prometheus's names.
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

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    String tsdbPath = DEFAULT_TSDB_PATH;
    QueryFlags query = new QueryFlags();
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        usage(out);
        return 0;
      } else if (arg.equals("--version")) {
        out.println("hearth, version " + VERSION);
        return 0;
      } else if (arg.startsWith("--storage.tsdb.path=")) {
        tsdbPath = arg.substring("--storage.tsdb.path=".length());
      } else {
        try {
          if (query.accept(arg, err)) {
            continue;
          }
        } catch (IllegalArgumentException e) {
          err.println("hearth: " + e.getMessage());
          return 2;
        }
        err.println("hearth: unknown or not yet supported flag " + arg + " (see --help)");
        return 2;
      }
    }
    Path dir = Path.of(tsdbPath);
    long started = System.nanoTime();
    Db db;
    try {
      db = Db.open(dir, DbOptions.defaults());
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("hearth: " + e.getMessage());
      return 1;
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    out.printf("hearth %s: TSDB open at %s in %d ms, %d series%n",
        VERSION, dir.toAbsolutePath(), ms, db.head().numSeries());
    EngineOptions engine = query.options();
    out.printf("hearth: PromQL lookback %s, timeout %s, max samples %d, experimental functions %s%n",
        Printer.duration(engine.lookbackDeltaMs()), Printer.duration(engine.timeoutMs()),
        engine.maxSamples(), engine.experimentalFunctions() ? "on" : "off");
    out.println("hearth: the HTTP API, scraping and pushes are not built yet; stop with Ctrl-C");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        db.close();
        out.println("hearth: TSDB closed cleanly");
      } catch (IOException e) {
        err.println("hearth: closing the TSDB failed: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "hearth-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return 0;
  }


  private static void usage(PrintStream out) {
    out.println("usage: hearth [flags]");
    out.println();
    out.println("  --storage.tsdb.path=DIR     where the TSDB keeps its data (default \"data/\")");
    out.println("  --query.lookback-delta=DUR  how far back an instant selector looks (default 5m)");
    out.println("  --query.timeout=DUR         longest a query may run (default 2m)");
    out.println("  --query.max-samples=N       most samples a query may hold at once (default 50000000)");
    out.println("  --enable-feature=A,B        promql-experimental-functions, promql-delayed-name-removal");
    out.println("  --version                   print the version and exit");
    out.println("  -h, --help                  print this help and exit");
  }
}
