package io.hearth.server.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.hearth.labels.SymbolTable;
import io.hearth.promql.PromqlException;
import io.hearth.promql.engine.Engine;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.Query;
import io.hearth.server.WebOptions;
import io.hearth.server.http.ListenAddress;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** From a parsed command line to the server's configuration, as Prometheus 3.x's main derives it. */
class CommandLineTest {
  private static CommandLine resolve(String... args) throws FlagException {
    return CommandLine.resolve(FlagParser.parse(args), () -> "myhost");
  }

  /**
   * What Prometheus 3.x's /api/v1/status/flags shows when started without flags, except {@code
   * config.file}: Hearth runs its embedded configuration then, not ./prometheus.yml.
   */
  private static final Map<String, String> DEFAULTS = new TreeMap<>(Map.ofEntries(
      Map.entry("agent", "false"),
      Map.entry("alertmanager.drain-notification-queue-on-shutdown", "true"),
      Map.entry("alertmanager.notification-batch-size", "256"),
      Map.entry("alertmanager.notification-queue-capacity", "10000"),
      Map.entry("auto-gomaxprocs", "true"),
      Map.entry("auto-gomemlimit", "true"),
      Map.entry("auto-gomemlimit.ratio", "0.9"),
      Map.entry("auto-gomemlimit.refresh-interval", "0s"),
      Map.entry("config.auto-reload", "false"),
      Map.entry("config.auto-reload-interval", "30s"),
      Map.entry("config.file", ""),
      Map.entry("enable-feature", ""),
      Map.entry("log.format", "logfmt"),
      Map.entry("log.level", "info"),
      Map.entry("query.lookback-delta", "5m"),
      Map.entry("query.max-concurrency", "20"),
      Map.entry("query.max-samples", "50000000"),
      Map.entry("query.timeout", "2m"),
      Map.entry("rules.alert.for-grace-period", "10m"),
      Map.entry("rules.alert.for-outage-tolerance", "1h"),
      Map.entry("rules.alert.resend-delay", "1m"),
      Map.entry("rules.max-concurrent-evals", "4"),
      Map.entry("scrape.adjust-timestamps", "true"),
      Map.entry("scrape.discovery-reload-interval", "5s"),
      Map.entry("scrape.timestamp-tolerance", "2ms"),
      Map.entry("storage.agent.checkpoint-batch-size", "1000"),
      Map.entry("storage.agent.checkpoint-from-in-memory-series", "false"),
      Map.entry("storage.agent.no-lockfile", "false"),
      Map.entry("storage.agent.path", "data-agent/"),
      Map.entry("storage.agent.retention.max-time", "4h"),
      Map.entry("storage.agent.retention.min-time", "5m"),
      Map.entry("storage.agent.wal-compression", "true"),
      Map.entry("storage.agent.wal-compression-type", "snappy"),
      Map.entry("storage.agent.wal-segment-size", "0B"),
      Map.entry("storage.agent.wal-truncate-frequency", "0s"),
      Map.entry("storage.remote.flush-deadline", "1m"),
      Map.entry("storage.remote.read-concurrent-limit", "10"),
      Map.entry("storage.remote.read-max-bytes-in-frame", "1048576"),
      Map.entry("storage.remote.read-sample-limit", "50000000"),
      Map.entry("storage.tsdb.allow-overlapping-compaction", "true"),
      Map.entry("storage.tsdb.block-reload-interval", "1m"),
      Map.entry("storage.tsdb.delay-compact-file.path", ""),
      Map.entry("storage.tsdb.delayed-compaction.max-percent", "10"),
      Map.entry("storage.tsdb.head-chunks-write-queue-size", "0"),
      Map.entry("storage.tsdb.max-block-chunk-segment-size", "0B"),
      Map.entry("storage.tsdb.max-block-duration", "1d12h"),
      Map.entry("storage.tsdb.min-block-duration", "2h"),
      Map.entry("storage.tsdb.no-lockfile", "false"),
      Map.entry("storage.tsdb.path", "data/"),
      Map.entry("storage.tsdb.retention.size", "0B"),
      Map.entry("storage.tsdb.retention.time", "15d"),
      Map.entry("storage.tsdb.samples-per-chunk", "120"),
      Map.entry("storage.tsdb.wal-compression", "true"),
      Map.entry("storage.tsdb.wal-compression-type", "snappy"),
      Map.entry("storage.tsdb.wal-segment-size", "0B"),
      Map.entry("web.config.file", ""),
      Map.entry("web.console.libraries", "console_libraries"),
      Map.entry("web.console.templates", "consoles"),
      Map.entry("web.cors.origin", ".*"),
      Map.entry("web.enable-admin-api", "false"),
      Map.entry("web.enable-lifecycle", "false"),
      Map.entry("web.enable-otlp-receiver", "false"),
      Map.entry("web.enable-remote-write-receiver", "false"),
      Map.entry("web.external-url", ""),
      Map.entry("web.listen-address", "0.0.0.0:9090"),
      Map.entry("web.max-connections", "512"),
      Map.entry("web.max-notifications-subscribers", "16"),
      Map.entry("web.page-title", "Prometheus Time Series Collection and Processing Server"),
      Map.entry("web.read-timeout", "5m"),
      Map.entry("web.remote-write-receiver.accepted-protobuf-messages",
          "prometheus.WriteRequest,io.prometheus.write.v2.Request"),
      Map.entry("web.route-prefix", "/"),
      Map.entry("web.search.max-limit", "10000"),
      Map.entry("web.user-assets", ""),
      Map.entry("write-documentation", "false")));

  /** Flags 3.x's --help shows that 2.42's does not, and the other way round. */
  private static final Set<String> ADDED_IN_3 = Set.of("config.auto-reload",
      "config.auto-reload-interval", "auto-gomaxprocs", "auto-gomemlimit", "auto-gomemlimit.ratio",
      "auto-gomemlimit.refresh-interval", "web.max-notifications-subscribers",
      "web.remote-write-receiver.accepted-protobuf-messages", "web.enable-otlp-receiver",
      "storage.tsdb.no-lockfile", "storage.tsdb.delay-compact-file.path",
      "storage.agent.checkpoint-from-in-memory-series", "storage.agent.checkpoint-batch-size",
      "storage.agent.no-lockfile", "web.search.max-limit", "rules.max-concurrent-evals",
      "alertmanager.notification-batch-size", "alertmanager.drain-notification-queue-on-shutdown",
      "agent");
  private static final Set<String> REMOVED_IN_3 = Set.of("web.local-assets", "storage.tsdb.retention",
      "storage.tsdb.use-lockfile", "storage.agent.use-lockfile");

  @Test
  void withoutFlagsTheStatusMapIsPrometheus3sDefaults() throws FlagException {
    assertThat(resolve().config().flags()).isEqualTo(DEFAULTS);
  }

  @Test
  void theVisibleFlagsAreThoseOfPrometheus242MinusAndPlusThe3xChanges() throws Exception {
    Path prometheus = Path.of("/usr/bin/prometheus");
    assumeThat(Files.isExecutable(prometheus)).as("a real prometheus to compare with").isTrue();
    Process p = new ProcessBuilder(prometheus.toString(), "--help").redirectErrorStream(true).start();
    String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Set<String> want = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^  (?:-h, |    )--(?:\\[no-])?([a-z][a-z0-9.-]*)").matcher(help);
    while (m.find()) {
      want.add(m.group(1));
    }
    assertThat(want).contains("query.timeout", "log.format", "help");
    want.removeAll(REMOVED_IN_3);
    want.addAll(ADDED_IN_3);
    Set<String> visible = new TreeSet<>();
    for (Flag f : PrometheusFlags.ALL) {
      if (!f.hidden()) {
        visible.add(f.name());
      }
    }
    assertThat(visible).isEqualTo(want);
  }

  @Test
  void theWebFlagsFillTheWebOptions() throws FlagException {
    WebOptions defaults = resolve().config().web();
    assertThat(defaults).isEqualTo(new WebOptions(URI.create("http://myhost:9090"), "", ".*", false,
        false, null, false));
    WebOptions all = resolve("--web.external-url=https://example.com/prom/", "--web.cors.origin=https?://a\\.com",
        "--web.enable-lifecycle", "--web.enable-admin-api", "--web.config.file=web.yml",
        "--web.enable-remote-write-receiver").config().web();
    assertThat(all).isEqualTo(new WebOptions(URI.create("https://example.com/prom"), "/prom",
        "https?://a\\.com", true, true, Path.of("web.yml"), true));
  }

  @Test
  void theRoutePrefixDefaultsToTheExternalUrlsPath() throws FlagException {
    checkPrefix("", "/");
    checkPrefix("", "/", "--web.external-url=http://h/");
    checkPrefix("/a/b", "/a/b", "--web.external-url=http://h/a/b//");
    checkPrefix("/x", "/x", "--web.external-url=http://h/a", "--web.route-prefix=x/");
    checkPrefix("/a", "/a", "--web.external-url=http://h/a", "--web.route-prefix=");
    assertThat(resolve("--web.listen-address=127.0.0.1:8080").config().web().externalUrl())
        .isEqualTo(URI.create("http://myhost:8080"));
  }

  private static void checkPrefix(String options, String status, String... args) throws FlagException {
    CommandLine cl = resolve(args);
    assertThat(cl.config().web().routePrefix()).as("WebOptions").isEqualTo(options);
    assertThat(cl.config().flags().get("web.route-prefix")).as("status").isEqualTo(status);
  }

  @Test
  void retentionFlagsShowTheEffectiveValuesAsPrometheusDoes() throws FlagException {
    Map<String, String> f = resolve("--storage.tsdb.retention.time=90d").config().flags();
    assertThat(f).containsEntry("storage.tsdb.retention.time", "90d")
        .containsEntry("storage.tsdb.max-block-duration", "9d");
    f = resolve("--storage.tsdb.retention.size=1GB").config().flags();
    assertThat(f).containsEntry("storage.tsdb.retention.time", "0s")
        .containsEntry("storage.tsdb.retention.size", "1GiB")
        .containsEntry("storage.tsdb.max-block-duration", "31d");
    f = resolve("--storage.tsdb.retention.time=1y").config().flags();
    assertThat(f).containsEntry("storage.tsdb.max-block-duration", "31d");
  }

  @Test
  void implementedFlagsTakeEffect() throws FlagException {
    CommandLine cl = resolve("--config.file=p.yml", "--storage.tsdb.path=/d", "--web.listen-address=:9191",
        "--query.lookback-delta=1m30s", "--query.timeout=10s", "--query.max-samples=1000",
        "--query.max-concurrency=3", "--log.level=debug", "--log.format=json");
    assertThat(cl.config().configFile()).isEqualTo(Path.of("p.yml"));
    assertThat(cl.config().tsdbPath()).isEqualTo(Path.of("/d"));
    assertThat(cl.config().listen()).isEqualTo(new ListenAddress("", 9191));
    assertThat(cl.config().engine()).isEqualTo(EngineOptions.defaults().withLookbackDelta(90_000)
        .withTimeout(10_000).withMaxSamples(1000));
    assertThat(cl.config().maxConcurrency()).isEqualTo(3);
    assertThat(cl.logLevel()).hasToString("DEBUG");
    assertThat(cl.logFormat()).hasToString("JSON");
    assertThat(cl.config().flags()).containsEntry("config.file", "p.yml")
        .containsEntry("query.lookback-delta", "1m30s").containsEntry("web.listen-address", ":9191");
    assertThat(cl.notices()).isEmpty();
  }

  @Test
  void eachFlagGivenWhoseFeatureHearthLacksIsWarnedAboutOnce() throws FlagException {
    CommandLine cl = resolve("--storage.tsdb.retention.time=30d", "--storage.tsdb.wal-compression",
        "--query.timeout=1m", "--web.page-title=x");
    assertThat(cl.notices()).extracting(Notice::message).containsExactly(
        "flag --storage.tsdb.retention.time is accepted for compatibility; Hearth does not implement"
            + " retention yet, so it has no effect",
        "flag --storage.tsdb.wal-compression is accepted for compatibility; Hearth does not implement"
            + " WAL compression yet, so it has no effect",
        "flag --web.page-title is accepted for compatibility; Hearth does not implement the web UI"
            + " yet, so it has no effect");
    assertThat(cl.notices()).allMatch(Notice::isWarning);
    assertThat(resolve().notices()).isEmpty();
    assertThat(resolve("--web.enable-admin-api", "--web.enable-remote-write-receiver").notices())
        .extracting(Notice::message).containsExactly(
            "flag --web.enable-admin-api is accepted for compatibility; Hearth does not implement the admin"
                + " operations on blocks (delete series, clean tombstones, snapshot) yet, so it has no effect",
            "flag --web.enable-remote-write-receiver is accepted for compatibility; Hearth does not implement"
                + " the remote-write receiver yet, so it has no effect");
  }

  @Test
  void severalListenAddressesListenOnTheFirstWithAWarning() throws FlagException {
    CommandLine cl = resolve("--web.listen-address=127.0.0.1:1", "--web.listen-address=127.0.0.1:2");
    assertThat(cl.config().listen()).isEqualTo(new ListenAddress("127.0.0.1", 1));
    assertThat(cl.notices()).singleElement().extracting(Notice::message).asString()
        .contains("listens on the first only");
  }

  @Test
  void featuresAreCommaSeparatedRepeatableAndWarnedAboutWhenUnknownOrMissing() throws FlagException {
    CommandLine cl = resolve("--enable-feature=promql-experimental-functions,exemplar-storage",
        "--enable-feature=promql-delayed-name-removal", "--enable-feature=no-such-thing",
        "--enable-feature=extra-scrape-metrics");
    assertThat(cl.config().engine().experimentalFunctions()).isTrue();
    assertThat(cl.config().engine().delayedNameRemoval()).isTrue();
    assertThat(cl.config().configDefaults().extraScrapeMetrics()).isTrue();
    assertThat(cl.notices()).extracting(Notice::message).containsExactly(
        "Experimental PromQL functions enabled.",
        "flag --enable-feature=exemplar-storage is accepted for compatibility; Hearth does not"
            + " implement that feature yet, so it has no effect",
        "Experimental PromQL delayed name removal enabled.",
        "Unknown option for --enable-feature",
        "This --enable-feature option is being phased out, as in Prometheus: for now it makes"
            + " extra_scrape_metrics default to true; set extra_scrape_metrics in the configuration"
            + " file instead.");
    assertThat(cl.notices().get(3).keyValues()).containsExactly("option", "no-such-thing");
    assertThat(resolve().config().configDefaults().extraScrapeMetrics()).isFalse();
  }

  @Test
  void experimentalFunctionsNeedTheFeature() throws FlagException {
    Queryable empty = new Head(HeadOptions.defaults(), new SymbolTable());
    String q = "sort_by_label(vector(1), \"a\")";
    assertThatThrownBy(() -> run(new Engine(resolve().config().engine()), empty, q))
        .isInstanceOf(PromqlException.class).hasMessageContaining("sort_by_label");
    EngineOptions on = resolve("--enable-feature=promql-experimental-functions").config().engine();
    assertThat(run(new Engine(on), empty, q)).isNotNull();
  }

  private static Object run(Engine engine, Queryable storage, String q) {
    try (Query query = engine.newInstantQuery(storage, q, 1000)) {
      return query.exec().value();
    }
  }

  @Test
  void settingsPrometheusRefusesBeforeStartingAreRefused() {
    checkRefused(2, "invalid value \"9090\" for flag --web.listen-address: address 9090: missing port in address",
        "--web.listen-address=9090");
    checkRefused(2, "parse external URL \"::bad\": parse \"::bad\": missing protocol scheme",
        "--web.external-url=::bad");
    checkRefused(2, "parse external URL \"'http://h'\": URL must not begin or end with quotes",
        "--web.external-url='http://h'");
    checkRefused(2, "could not compile CORS regex string \"(\": Unclosed group", "--web.cors.origin=(");
    checkRefused(3, "The following flag(s) can not be used in agent mode: [\"--storage.tsdb.path\""
        + " \"--query.timeout\"]", "--agent", "--storage.tsdb.path=x", "--query.timeout=1m");
    checkRefused(3, "The following flag(s) can only be used in agent mode: [\"--storage.agent.path\"]",
        "--storage.agent.path=x");
    checkRefused(1, "--auto-gomemlimit.ratio must be greater than 0 and less than or equal to 1.",
        "--auto-gomemlimit.ratio=1.5");
    checkRefused(2, "invalid value \"0s\" for flag --query.timeout: must be positive", "--query.timeout=0");
    checkRefused(2, "invalid value \"0\" for flag --query.max-samples: expected a positive integer",
        "--query.max-samples=0");
  }

  private static void checkRefused(int exitCode, String message, String... args) {
    assertThatThrownBy(() -> resolve(args)).as(String.join(" ", args)).isInstanceOfSatisfying(
        FlagException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.exitCode()).isEqualTo(exitCode);
        });
  }
}
