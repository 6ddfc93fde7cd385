package io.hearth.server.flags;

import static io.hearth.server.flags.FlagType.BOOL;
import static io.hearth.server.flags.FlagType.BYTES;
import static io.hearth.server.flags.FlagType.DURATION;
import static io.hearth.server.flags.FlagType.ENUM;
import static io.hearth.server.flags.FlagType.FLOAT;
import static io.hearth.server.flags.FlagType.GO_DURATION;
import static io.hearth.server.flags.FlagType.INT;
import static io.hearth.server.flags.FlagType.INT64;
import static io.hearth.server.flags.FlagType.LOG_FORMAT;
import static io.hearth.server.flags.FlagType.LOG_LEVEL;
import static io.hearth.server.flags.FlagType.PROTO_MESSAGES;
import static io.hearth.server.flags.FlagType.STRING;
import static io.hearth.server.flags.FlagType.STRINGS;

import io.hearth.server.flags.Flag.Mode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every flag of Prometheus 3.x's {@code prometheus} command (cmd/prometheus/main.go and promslog's
 * {@code log.*}), in its order, with its type and default, hidden ones included, plus {@code --help}
 * and {@code --version}. Each names the feature Hearth lacks, when it does. The help lines are
 * Hearth's own. Immutable.
 */
public final class PrometheusFlags {
  /** The flags in Prometheus's order, {@code help} and {@code version} first. */
  public static final List<Flag> ALL;
  private static final Map<String, Flag> BY_NAME;

  static {
    List<Flag> l = new ArrayList<>();
    add(l, b("help", BOOL).help("Show this help and exit."));
    add(l, b("version", BOOL).help("Show the version and exit."));
    add(l, b("config.file", STRING).def("prometheus.yml").placeholder("<file>")
        .help("The prometheus.yml to run. Without it Hearth runs an embedded configuration that"
            + " scrapes its own /metrics every 15s."));
    add(l, b("config.auto-reload", BOOL).def("false").lacking("automatic configuration reloading")
        .help("Reload the configuration file when it changes."));
    add(l, b("config.auto-reload-interval", DURATION).def("30s")
        .lacking("automatic configuration reloading")
        .help("How often to check the configuration file for changes (with --config.auto-reload)."));
    add(l, b("web.listen-address", STRINGS).def("0.0.0.0:9090")
        .help("host:port the HTTP API and /metrics listen on. Hearth listens on the first one given."));
    add(l, b("auto-gomaxprocs", BOOL).def("true").lacking("Go runtime tuning (GOMAXPROCS)")
        .help("Go runtime setting; the JVM sizes itself to the container's CPUs."));
    add(l, b("auto-gomemlimit", BOOL).def("true").lacking("Go runtime tuning (GOMEMLIMIT)")
        .help("Go runtime setting; size the JVM heap with -Xmx instead."));
    add(l, b("auto-gomemlimit.ratio", FLOAT).def("0.9").lacking("Go runtime tuning (GOMEMLIMIT)")
        .help("Go runtime setting; size the JVM heap with -Xmx instead."));
    add(l, b("auto-gomemlimit.refresh-interval", DURATION).def("0s")
        .lacking("Go runtime tuning (GOMEMLIMIT)")
        .help("Go runtime setting; size the JVM heap with -Xmx instead."));
    add(l, b("web.config.file", STRING).def("")
        .help("A web configuration file: TLS for the listener and basic-auth users."));
    add(l, b("web.read-timeout", DURATION).def("5m").lacking("a configurable read timeout")
        .help("Longest time to read a request; idle connections close after it."));
    add(l, b("web.max-connections", INT).def("512").lacking("a connection limit")
        .help("Most connections open at once."));
    add(l, b("web.max-notifications-subscribers", INT).def("16").lacking("live UI notifications")
        .help("Most clients subscribed to live notifications."));
    add(l, b("web.external-url", STRING).placeholder("<URL>")
        .help("The URL Hearth is reached at from outside (e.g. behind a reverse proxy). Its path, if"
            + " any, prefixes every endpoint. Derived from the host name and port when omitted."));
    add(l, b("web.route-prefix", STRING).placeholder("<path>")
        .help("Path prefix of every endpoint. Defaults to the path of --web.external-url."));
    add(l, b("web.user-assets", STRING).placeholder("<path>").lacking("the web UI")
        .help("Directory served at /user."));
    add(l, b("web.enable-lifecycle", BOOL).def("false")
        .help("Allow shutdown and reload over HTTP (/-/quit, /-/reload)."));
    add(l, b("web.enable-admin-api", BOOL).def("false")
        .lacking("the admin operations on blocks (delete series, clean tombstones, snapshot)")
        .help("Enable the admin endpoints under /api/v1/admin."));
    add(l, b("web.enable-remote-write-receiver", BOOL).def("false")
        .lacking("the remote-write receiver")
        .help("Accept remote-write requests at /api/v1/write."));
    add(l, b("web.remote-write-receiver.accepted-protobuf-messages", PROTO_MESSAGES)
        .def("prometheus.WriteRequest", "io.prometheus.write.v2.Request")
        .lacking("a choice of remote-write protobuf messages")
        .help("Remote-write messages the receiver accepts: prometheus.WriteRequest,"
            + " io.prometheus.write.v2.Request."));
    add(l, b("web.enable-otlp-receiver", BOOL).def("false").lacking("the OTLP receiver")
        .help("Accept OTLP metric pushes."));
    add(l, b("web.console.templates", STRING).def("consoles").lacking("console templates")
        .help("Console template directory, served at /consoles."));
    add(l, b("web.console.libraries", STRING).def("console_libraries").lacking("console templates")
        .help("Console library directory."));
    add(l, b("web.page-title", STRING).def("Prometheus Time Series Collection and Processing Server")
        .lacking("the web UI").help("Title of the web UI's pages."));
    add(l, b("web.cors.origin", STRING).def(".*")
        .help("Regular expression (fully anchored) of the origins CORS allows, e.g."
            + " 'https?://(a|b)\\.example\\.com'."));
    add(l, b("storage.tsdb.path", STRING).def("data/").server().help("Directory of the TSDB."));
    add(l, b("storage.tsdb.min-block-duration", DURATION).def("2h").hidden().server()
        .lacking("persisted blocks").help("Shortest span of a block before it is written. For tests."));
    add(l, b("storage.tsdb.max-block-duration", DURATION).placeholder("<duration>").hidden().server()
        .lacking("block compaction")
        .help("Longest span of a compacted block. For tests. (Default: a tenth of the retention.)"));
    add(l, b("storage.tsdb.max-block-chunk-segment-size", BYTES).placeholder("<bytes>").hidden()
        .server().lacking("persisted blocks").help("Largest chunk segment file of a block, e.g. 512MB."));
    add(l, b("storage.tsdb.wal-segment-size", BYTES).placeholder("<bytes>").hidden().server()
        .lacking("a configurable WAL segment size").help("Size of a WAL segment file, e.g. 100MB."));
    add(l, b("storage.tsdb.retention.time", DURATION).server().lacking("retention")
        .help("[DEPRECATED] How long samples are kept (15d when neither this nor"
            + " --storage.tsdb.retention.size is set). Set storage.tsdb.retention.time in the"
            + " configuration file instead."));
    add(l, b("storage.tsdb.retention.size", BYTES).server().lacking("retention")
        .help("[DEPRECATED] Most bytes blocks may take, with a unit (B, KB, MB, GB, TB, PB, EB;"
            + " powers of 1024), e.g. 512MB. Set it in the configuration file instead."));
    add(l, b("storage.tsdb.no-lockfile", BOOL).def("false").server().lacking("a data directory lock file")
        .help("Create no lock file in the data directory."));
    add(l, b("storage.tsdb.allow-overlapping-compaction", BOOL).def("true").hidden().server()
        .lacking("block compaction").help("Compact blocks that overlap in time."));
    add(l, b("storage.tsdb.wal-compression", BOOL).def("true").hidden().server()
        .lacking("WAL compression").help("Compress the WAL."));
    add(l, b("storage.tsdb.wal-compression-type", ENUM).def("snappy").options("snappy", "zstd")
        .hidden().server().lacking("WAL compression").help("Compression of the WAL: snappy or zstd."));
    add(l, b("storage.tsdb.head-chunks-write-queue-size", INT).def("0").server()
        .lacking("a head chunk write queue").help("Queue size for writing head chunks to disk. Experimental."));
    add(l, b("storage.tsdb.samples-per-chunk", INT).def("120").hidden().server()
        .lacking("a configurable chunk size").help("Samples a chunk aims to hold."));
    add(l, b("storage.tsdb.delayed-compaction.max-percent", INT).def("10").hidden().server()
        .lacking("block compaction")
        .help("Upper bound of the random compaction delay, as a percentage of the head's range."));
    add(l, b("storage.tsdb.delay-compact-file.path", STRING).def("").server().lacking("block compaction")
        .help("JSON file listing uploaded blocks (e.g. a Thanos shipper file); only those compact."));
    add(l, b("storage.tsdb.block-reload-interval", DURATION).def("1m").hidden().server()
        .lacking("persisted blocks").help("How often to look for blocks added or removed on disk."));
    add(l, b("storage.agent.path", STRING).def("data-agent/").agent().lacking("agent mode")
        .help("Directory of the agent's WAL."));
    add(l, b("storage.agent.wal-segment-size", BYTES).placeholder("<bytes>").hidden().agent()
        .lacking("agent mode").help("Size of an agent WAL segment file, e.g. 100MB."));
    add(l, b("storage.agent.wal-compression", BOOL).def("true").agent().lacking("agent mode")
        .help("Compress the agent's WAL."));
    add(l, b("storage.agent.wal-compression-type", ENUM).def("snappy").options("snappy", "zstd")
        .hidden().agent().lacking("agent mode").help("Compression of the agent's WAL: snappy or zstd."));
    add(l, b("storage.agent.wal-truncate-frequency", DURATION).placeholder("<duration>").hidden()
        .agent().lacking("agent mode").help("How often the agent truncates its WAL."));
    add(l, b("storage.agent.retention.min-time", DURATION).def("5m").agent().lacking("agent mode")
        .help("Youngest age at which samples may be dropped when the WAL is truncated."));
    add(l, b("storage.agent.retention.max-time", DURATION).def("4h").agent().lacking("agent mode")
        .help("Age at which samples are dropped when the WAL is truncated."));
    add(l, b("storage.agent.checkpoint-from-in-memory-series", BOOL).def("false").agent()
        .lacking("agent mode").help("Build checkpoints from the series in memory only."));
    add(l, b("storage.agent.checkpoint-batch-size", INT).def("1000").agent().lacking("agent mode")
        .help("Records per checkpoint batch."));
    add(l, b("storage.agent.no-lockfile", BOOL).def("false").agent().lacking("agent mode")
        .help("Create no lock file in the agent's data directory."));
    add(l, b("storage.remote.flush-deadline", DURATION).def("1m").placeholder("<duration>")
        .lacking("remote write").help("How long to flush remote-write queues on shutdown or reload."));
    add(l, b("storage.remote.read-sample-limit", INT).def("5e7").server().lacking("remote read")
        .help("Most samples one remote-read query returns; 0 for no limit."));
    add(l, b("storage.remote.read-concurrent-limit", INT).def("10").server().lacking("remote read")
        .help("Most remote-read calls at once; 0 for no limit."));
    add(l, b("storage.remote.read-max-bytes-in-frame", INT).def("1048576").server()
        .lacking("remote read").help("Largest frame of a streamed remote-read response, in bytes."));
    add(l, b("web.search.max-limit", INT).def("10000").server().lacking("the search API")
        .help("Highest 'limit' the experimental search API accepts; 0 for no cap."));
    add(l, b("rules.alert.for-outage-tolerance", DURATION).def("1h").server()
        .lacking("rule evaluation").help("Longest outage after which alerts' 'for' state is restored."));
    add(l, b("rules.alert.for-grace-period", DURATION).def("10m").server().lacking("rule evaluation")
        .help("Shortest time between an alert and its restored 'for' state."));
    add(l, b("rules.alert.resend-delay", DURATION).def("1m").server().lacking("rule evaluation")
        .help("Shortest wait before an alert is sent to Alertmanager again."));
    add(l, b("rules.max-concurrent-evals", INT64).def("4").server().lacking("rule evaluation")
        .help("Most independent rules evaluated at once."));
    add(l, b("scrape.adjust-timestamps", BOOL).def("true").hidden()
        .lacking("scrape timestamp alignment").help("Align scrape timestamps to their schedule."));
    add(l, b("scrape.timestamp-tolerance", GO_DURATION).def("2ms").hidden()
        .lacking("scrape timestamp alignment").help("How far a scrape timestamp may be moved."));
    add(l, b("alertmanager.notification-queue-capacity", INT).def("10000").server()
        .lacking("alerting").help("Capacity of the queue of pending Alertmanager notifications."));
    add(l, b("alertmanager.notification-batch-size", INT).def("256").server().lacking("alerting")
        .help("Most notifications sent to Alertmanager in one batch."));
    add(l, b("alertmanager.drain-notification-queue-on-shutdown", BOOL).def("true").server()
        .lacking("alerting").help("Send pending notifications before shutting down."));
    add(l, b("query.lookback-delta", DURATION).def("5m").server()
        .help("How far back an instant selector looks for a sample."));
    add(l, b("query.timeout", DURATION).def("2m").server().help("Longest a query may run."));
    add(l, b("query.max-concurrency", INT).def("20").server()
        .help("Queries evaluated at once; more wait."));
    add(l, b("query.max-samples", INT).def("50000000").server()
        .help("Most samples one query may hold in memory; this also bounds what it can return."));
    add(l, b("scrape.discovery-reload-interval", DURATION).def("5s").hidden()
        .lacking("a configurable discovery throttle")
        .help("Shortest interval between applying discovered target updates."));
    add(l, b("enable-feature", STRINGS)
        .help("Comma-separated features to enable. Hearth acts on promql-experimental-functions,"
            + " promql-delayed-name-removal and extra-scrape-metrics, and accepts Prometheus's"
            + " other names with a warning."));
    add(l, b("agent", BOOL).lacking("agent mode").help("Run in agent mode."));
    add(l, b("log.level", LOG_LEVEL).def("info")
        .help("Log only records of this severity or above: debug, info, warn or error."));
    add(l, b("log.format", LOG_FORMAT).def("logfmt").help("Log line format: logfmt or json."));
    add(l, b("write-documentation", BOOL).hidden().lacking("command-line documentation output")
        .help("Print the command line as markdown. Internal."));
    ALL = Collections.unmodifiableList(l);
    Map<String, Flag> m = new LinkedHashMap<>();
    for (Flag f : l) {
      m.put(f.name(), f);
    }
    BY_NAME = Collections.unmodifiableMap(m);
  }

  private PrometheusFlags() {}

  /** The flag of that name (no dashes), or null. */
  public static Flag get(String name) {
    return BY_NAME.get(name);
  }

  /** Whether the flag is one of kingpin's own ({@code help}, {@code version}), which /api/v1/status/flags leaves out. */
  static boolean isBoilerplate(Flag f) {
    return f.name().equals("help") || f.name().equals("version");
  }

  private static void add(List<Flag> l, Builder b) {
    l.add(new Flag(b.name, b.type, b.defaults, b.placeholder, b.help, b.hidden, b.mode, b.options,
        b.lacking));
  }

  private static Builder b(String name, FlagType type) {
    return new Builder(name, type);
  }

  private static final class Builder {
    final String name;
    final FlagType type;
    List<String> defaults = List.of();
    String placeholder;
    String help = "";
    boolean hidden;
    Mode mode = Mode.ANY;
    List<String> options = List.of();
    String lacking;

    Builder(String name, FlagType type) {
      this.name = name;
      this.type = type;
    }

    Builder def(String... values) {
      defaults = List.of(values);
      return this;
    }

    Builder placeholder(String p) {
      placeholder = p;
      return this;
    }

    Builder help(String h) {
      help = h;
      return this;
    }

    Builder hidden() {
      hidden = true;
      return this;
    }

    Builder server() {
      mode = Mode.SERVER_ONLY;
      return this;
    }

    Builder agent() {
      mode = Mode.AGENT_ONLY;
      return this;
    }

    Builder options(String... o) {
      options = List.of(o);
      return this;
    }

    Builder lacking(String feature) {
      lacking = feature;
      return this;
    }
  }
}
