package io.hearth.server;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.config.ConfigYaml;
import io.hearth.server.api.AdminApi;
import io.hearth.server.api.ErrorType;
import io.hearth.server.api.ExemplarsApi;
import io.hearth.server.api.HealthApi;
import io.hearth.server.api.JsonWriter;
import io.hearth.server.api.LabelApi;
import io.hearth.server.api.LifecycleApi;
import io.hearth.server.api.MetricsApi;
import io.hearth.server.api.ParseApi;
import io.hearth.server.api.QueryApi;
import io.hearth.server.api.SeriesApi;
import io.hearth.server.api.StatusApi;
import io.hearth.server.api.TargetsApi;
import io.hearth.server.http.Cors;
import io.hearth.server.http.Handler;
import io.hearth.server.http.HttpServer;
import io.hearth.server.http.ListenAddress;
import io.hearth.server.http.Readiness;
import io.hearth.server.http.Router;
import io.hearth.server.web.WebSecurity;
import io.hearth.tsdb.Db;
import io.hearth.tsdb.DbOptions;
import io.hearth.tsdb.wal.Wal;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The running Hearth process: owns the TSDB, the HTTP listener and the executors, and starts and
 * stops them in order. As Prometheus does, the listener comes up first (answering {@code
 * /-/healthy}, with {@code /-/ready} and the API at 503), then the TSDB opens (WAL replay), then
 * the server turns ready. {@link #close()} reverses it: not ready, stop the listener (in-flight
 * answers get a few seconds), stop queries, close the TSDB. Thread-safe to close from a shutdown
 * hook.
 */
public final class Server implements AutoCloseable {
  /**
   * What the server is started with.
   *
   * @param maxConcurrency queries evaluated at once ({@code --query.max-concurrency}); more wait
   * @param configFile {@code --config.file}, or null for the embedded default configuration
   * @param configDefaults the config defaults feature flags changed
   * @param web the {@code --web.*} settings
   * @param flags every flag's name (without dashes) and effective value, as {@code
   *     /api/v1/status/flags} shows them
   */
  public record Config(
      Path tsdbPath,
      ListenAddress listen,
      EngineOptions engine,
      int maxConcurrency,
      Path configFile,
      ConfigFile.Defaults configDefaults,
      WebOptions web,
      java.util.SortedMap<String, String> flags) {
    public Config(
        Path tsdbPath, ListenAddress listen, EngineOptions engine, int maxConcurrency, Path configFile) {
      this(tsdbPath, listen, engine, maxConcurrency, configFile, ConfigFile.Defaults.PROMETHEUS);
    }

    public Config(Path tsdbPath, ListenAddress listen, EngineOptions engine, int maxConcurrency,
        Path configFile, ConfigFile.Defaults configDefaults) {
      this(tsdbPath, listen, engine, maxConcurrency, configFile, configDefaults, WebOptions.defaults(),
          java.util.Collections.emptySortedMap());
    }

    /** The same configuration with other web settings. */
    public Config withWeb(WebOptions w) {
      return new Config(tsdbPath, listen, engine, maxConcurrency, configFile, configDefaults, w, flags);
    }
  }

  /**
   * What {@code /api/v1/status/buildinfo} reports. The version is the Prometheus API version Hearth
   * implements, because clients (Grafana above all) switch features on by it; the revision names
   * Hearth's own release. {@code docs/http-api.md} explains.
   */
  static final StatusApi.BuildInfo BUILD_INFO = new StatusApi.BuildInfo(Main.PROMETHEUS_API_VERSION,
      "hearth-" + Main.VERSION, "unknown", "unknown", "unknown", "java" + Runtime.version());

  /** Queries waiting beyond this many per running one are refused rather than queued without end. */
  private static final int QUEUED_PER_THREAD = 64;

  private final Readiness readiness = new Readiness();
  private final AtomicReference<Db> db = new AtomicReference<>();
  private final ThreadPoolExecutor queries;
  private final ExecutorService worker = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer http;
  private final Cors cors;
  private volatile Scraping scraping;
  private final SelfMetrics selfMetrics;
  private final CompletableFuture<Void> quit = new CompletableFuture<>();
  private final long startMillis = System.currentTimeMillis();
  private volatile long configLoadedMillis;
  private volatile boolean lastReloadOk;
  private volatile StatusApi.WalReplay walReplay = new StatusApi.WalReplay(0, 0, 0);
  private boolean closed;

  private Server(Config config) throws IOException {
    queries = queryExecutor(config.maxConcurrency());
    selfMetrics = new SelfMetrics(db::get, () -> scraping, config.maxConcurrency(), readiness);
    cors = new Cors(config.web().corsOrigin());
    Router router = routes(config, selfMetrics);
    try {
      http = HttpServer.start(config.listen(), router, selfMetrics.http, HttpServer.Limits.DEFAULT,
          WebSecurity.load(config.web().webConfigFile()), config.web().routePrefix());
    } catch (IOException e) {
      queries.shutdownNow();
      worker.shutdownNow();
      throw e;
    }
  }

  /**
   * Starts the listener, opens the TSDB at {@code config.tsdbPath()} and turns ready.
   *
   * @throws IOException if the address cannot be bound or the TSDB cannot be opened; nothing is
   *     left running then
   */
  public static Server start(Config config) throws IOException {
    Server s = new Server(config);
    try {
      s.db.set(Db.open(config.tsdbPath(), DbOptions.defaults()));
      s.selfMetrics.tsdb.attach(s.db.get());
      Wal wal = s.db.get().wal();
      if (wal != null) {
        s.walReplay = new StatusApi.WalReplay(wal.firstSegment(), wal.lastSegment(), wal.lastSegment());
      }
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    try {
      Supplier<ConfigFile> source =
          config.configFile() == null
              ? DefaultConfig.source(s.address(), config.configDefaults())
              : Scraping.fromFile(config.configFile(), config.configDefaults());
      s.scraping = new Scraping(source, s.db.get(), s.selfMetrics.scrape);
      s.selfMetrics.server.configLoaded(true);
      s.configLoaded(true);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    s.readiness.set(Readiness.State.READY);
    return s;
  }

  private Router routes(Config config, SelfMetrics selfMetrics) {
    Router r = new Router();
    HealthApi.register(r, readiness);
    MetricsApi metrics = new MetricsApi(selfMetrics.registry, selfMetrics.reserved, worker);
    r.add(HttpMethod.GET, "/metrics", metrics::handle);
    QueryApi query = new QueryApi(config.engine(), db::get, queries, System::currentTimeMillis, selfMetrics.query);
    api(r, "/api/v1/query", query::instant);
    api(r, "/api/v1/query_range", query::range);
    api(r, "/api/v1/query_exemplars", ExemplarsApi::handle);
    api(r, "/api/v1/format_query", ParseApi::format);
    api(r, "/api/v1/parse_query", ParseApi::parseQuery);
    LabelApi labels = new LabelApi(db::get, queries);
    api(r, "/api/v1/labels", labels::names);
    apiGet(r, "/api/v1/label/:name/values", labels::values);
    api(r, "/api/v1/series", new SeriesApi(db::get, queries)::series);
    TargetsApi targets = new TargetsApi(this::scrapes, config.web().externalUrl(), () -> address().getPort());
    // Off the event loop: with thousands of targets these walk a lot of metadata.
    apiGet(r, "/api/v1/targets", offLoop(targets::targets));
    apiGet(r, "/api/v1/targets/metadata", offLoop(targets::targetMetadata));
    apiGet(r, "/api/v1/metadata", offLoop(targets::metadata));
    StatusApi status = new StatusApi(config.flags(), BUILD_INFO, new StatusApi.Runtime() {
      @Override
      public long startMillis() {
        return startMillis;
      }

      @Override
      public long lastConfigMillis() {
        return configLoadedMillis;
      }

      @Override
      public boolean lastReloadOk() {
        return lastReloadOk;
      }
    }, db::get, () -> walReplay, queries);
    apiGet(r, "/api/v1/status/buildinfo", status::buildInfo);
    apiGet(r, "/api/v1/status/runtimeinfo", status::runtimeInfo);
    apiGet(r, "/api/v1/status/flags", status::flags);
    apiGet(r, "/api/v1/status/config",
        StatusApi.config(() -> ConfigYaml.render(scraping.config())));
    apiGet(r, "/api/v1/status/tsdb", status::tsdb);
    // As in Prometheus, replay progress is readable before the server is ready.
    r.add(HttpMethod.GET, "/api/v1/status/walreplay", cors.wrap(status::walReplay));
    AdminApi.register(r, h -> cors.wrap(readiness.gate(h)));
    LifecycleApi.register(r, config.web().enableLifecycle(), this::reload, this::requestQuit, worker);
    return r;
  }

  /** An API route: GET and POST behind readiness and CORS, OPTIONS answering 204 as Prometheus's. */
  private void api(Router r, String path, Handler h) {
    Handler wrapped = cors.wrap(readiness.gate(h));
    r.add(HttpMethod.GET, path, wrapped);
    r.add(HttpMethod.POST, path, wrapped);
    r.add(HttpMethod.OPTIONS, path, cors.wrap((req, res) -> res.send(204, null, new byte[0])));
  }

  /** {@code h} run on the worker executor rather than the connection's event loop. */
  private Handler offLoop(Handler h) {
    return (req, res) -> worker.execute(() -> {
      try {
        h.handle(req, res);
      } catch (Exception e) {
        JsonWriter.sendError(res, ErrorType.INTERNAL, "unexpected error: " + e);
      }
    });
  }

  /** An API route Prometheus registers for GET only (and OPTIONS, as every API path). */
  private void apiGet(Router r, String path, Handler h) {
    r.add(HttpMethod.GET, path, cors.wrap(readiness.gate(h)));
    r.add(HttpMethod.OPTIONS, path, cors.wrap((req, res) -> res.send(204, null, new byte[0])));
  }

  private static ThreadPoolExecutor queryExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor e = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * QUEUED_PER_THREAD), run -> {
          Thread t = new Thread(run, "hearth-query-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    e.allowCoreThreadTimeOut(true);
    return e;
  }

  /**
   * Reloads the configuration file (SIGHUP), keeping the running configuration if the new one is
   * bad.
   *
   * @return null on success, else the reason the new configuration was refused
   */
  public String reload() {
    Scraping sc = scraping;
    if (sc == null) {
      return "not started";
    }
    String err = sc.reload();
    selfMetrics.server.configLoaded(err == null);
    configLoaded(err == null);
    return err;
  }

  private void configLoaded(boolean ok) {
    lastReloadOk = ok;
    if (ok) {
      configLoadedMillis = System.currentTimeMillis();
    }
  }

  /** The running scrape jobs and their targets. */
  public io.hearth.scrape.loop.ScrapeManager scrapes() {
    return scraping.scrapes();
  }

  /** The open TSDB. */
  public Db db() {
    return db.get();
  }

  /** Where the listener is bound. */
  public InetSocketAddress address() {
    return http.localAddress();
  }

  /**
   * Asks the process to shut down as SIGTERM does ({@code /-/quit}); returns at once. The process
   * ({@code Main}) reacts to {@link #quitRequested()} by closing this server and exiting 0.
   */
  public void requestQuit() {
    quit.complete(null);
  }

  /** Completes once {@link #requestQuit()} has been called; a copy, so callers cannot complete it. */
  public CompletableFuture<Void> quitRequested() {
    return quit.copy();
  }

  /** Stops everything, in order; idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    readiness.set(Readiness.State.STOPPING);
    Scraping sc = scraping;
    if (sc != null) {
      // Stop scraping first: the last scrapes commit while the TSDB is still open.
      sc.close();
    }
    http.close(5);
    queries.shutdownNow(); // running queries see the interrupt only at their end; their clients are gone
    worker.shutdownNow();
    try {
      queries.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Db d = db.getAndSet(null);
    if (d != null) {
      d.close();
    }
  }
}
