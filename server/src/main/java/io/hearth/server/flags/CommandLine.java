package io.hearth.server.flags;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.config.Durations;
import io.hearth.server.Server;
import io.hearth.server.WebOptions;
import io.hearth.server.http.ListenAddress;
import io.hearth.server.logging.LogFormat;
import io.hearth.server.logging.LogLevel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a parsed command line into what Hearth starts with, the way Prometheus's {@code main} does:
 * the server configuration, the log settings, the flag map of {@code /api/v1/status/flags}, and a
 * warning for every flag given whose feature Hearth lacks.
 *
 * @param notices start-up log lines, in order, for when logging is set up
 */
public record CommandLine(Server.Config config, LogLevel logLevel, LogFormat logFormat,
    List<Notice> notices) {
  /** Prometheus's retention when neither retention flag is given. */
  static final Duration DEFAULT_RETENTION = Duration.ofDays(15);
  /** The longest block Prometheus compacts to when retention does not make it shorter. */
  static final Duration MAX_BLOCK_DURATION = Duration.ofDays(31);

  public CommandLine {
    notices = List.copyOf(notices);
  }

  /** Resolves {@code flags}, reading the host name (for the external URL) from the system. */
  public static CommandLine resolve(FlagValues flags) throws FlagException {
    return resolve(flags, CommandLine::hostname);
  }

  static CommandLine resolve(FlagValues flags, Supplier<String> hostname) throws FlagException {
    checkMode(flags);
    List<Notice> notices = new ArrayList<>();
    for (String name : flags.setFlags()) {
      Flag f = PrometheusFlags.get(name);
      if (!f.isImplemented()) {
        notices.add(Notice.warn("flag --" + name + " is accepted for compatibility; Hearth does not"
            + " implement " + f.lacking() + " yet, so it has no effect"));
      }
    }
    double ratio = Double.parseDouble(flags.display("auto-gomemlimit.ratio"));
    if (!(ratio > 0 && ratio <= 1)) {
      throw new FlagException("--auto-gomemlimit.ratio must be greater than 0 and less than or equal to 1.", 1, false);
    }
    if (flags.integer("web.search.max-limit") < 0) {
      throw new FlagException("--web.search.max-limit must be non-negative; got "
          + flags.integer("web.search.max-limit") + " (use 0 to disable the cap)", 1, false);
    }

    List<String> listen = flags.values("web.listen-address");
    ListenAddress address;
    try {
      address = ListenAddress.parse(listen.getFirst());
    } catch (IllegalArgumentException e) {
      throw new FlagException("invalid value " + GoDuration.quote(listen.getFirst())
          + " for flag --web.listen-address: " + e.getMessage());
    }
    if (listen.size() > 1) {
      notices.add(Notice.warn("flag --web.listen-address is given " + listen.size() + " times;"
          + " Hearth does not implement several listeners yet, so it listens on the first only",
          "address", listen.getFirst()));
    }

    String rawUrl = flags.string("web.external-url");
    URI externalUrl = externalUrl(rawUrl, listen.getFirst(), hostname);
    String prefix = flags.string("web.route-prefix");
    if (prefix.isEmpty()) {
      prefix = externalUrl.getRawPath() == null ? "" : externalUrl.getRawPath();
    }
    prefix = "/" + trimSlashes(prefix);
    String cors = flags.string("web.cors.origin");
    try {
      Pattern.compile("^(?:" + cors + ")$");
    } catch (PatternSyntaxException e) {
      throw new FlagException("could not compile CORS regex string " + GoDuration.quote(cors) + ": "
          + e.getDescription(), 2, false);
    }
    String webConfig = flags.string("web.config.file");
    WebOptions web = new WebOptions(externalUrl, prefix.equals("/") ? "" : prefix, cors,
        flags.bool("web.enable-lifecycle"), flags.bool("web.enable-admin-api"),
        webConfig.isEmpty() ? null : Path.of(webConfig), flags.bool("web.enable-remote-write-receiver"));

    EngineOptions engine = EngineOptions.defaults()
        .withLookbackDelta(positiveMillis(flags, "query.lookback-delta"))
        .withTimeout(positiveMillis(flags, "query.timeout"))
        .withMaxSamples(positive(flags, "query.max-samples"));
    int maxConcurrency = (int) Math.min(positive(flags, "query.max-concurrency"), 10_000);
    Features features = Features.apply(flags.values("enable-feature"), engine, notices);

    Path configFile = flags.isSet("config.file") ? Path.of(flags.string("config.file")) : null;
    Server.Config config = new Server.Config(
        Path.of(flags.string("storage.tsdb.path")), address, features.engine(), maxConcurrency,
        configFile, new ConfigFile.Defaults(features.extraScrapeMetrics()), web,
        statusFlags(flags, prefix));
    return new CommandLine(config, LogLevel.parse(flags.string("log.level")),
        LogFormat.parse(flags.string("log.format")), notices);
  }

  /**
   * Every flag but {@code help} and {@code version} with the value Prometheus's status API shows:
   * what its flag value prints after start-up, so derived settings show their effective value
   * (the route prefix, the retention and the longest block).
   */
  static SortedMap<String, String> statusFlags(FlagValues flags, String routePrefix) {
    SortedMap<String, String> m = new TreeMap<>();
    for (Flag f : PrometheusFlags.ALL) {
      if (!PrometheusFlags.isBoilerplate(f)) {
        m.put(f.name(), flags.display(f.name()));
      }
    }
    // Hearth runs an embedded configuration rather than ./prometheus.yml when none is given.
    m.put("config.file", flags.isSet("config.file") ? flags.string("config.file") : "");
    m.put("web.route-prefix", routePrefix);
    Duration retention = Duration.ofMillis(flags.durationMillis("storage.tsdb.retention.time"));
    if (!flags.isSet("storage.tsdb.retention.time") && !flags.isSet("storage.tsdb.retention.size")) {
      retention = DEFAULT_RETENTION;
    }
    m.put("storage.tsdb.retention.time", Durations.format(retention));
    if (!flags.isSet("storage.tsdb.max-block-duration")) {
      Duration max = MAX_BLOCK_DURATION;
      if (!retention.isZero() && retention.dividedBy(10).compareTo(max) < 0) {
        max = retention.dividedBy(10);
      }
      m.put("storage.tsdb.max-block-duration", Durations.format(max));
    }
    if (flags.durationMillis("storage.tsdb.block-reload-interval") < 1000) {
      m.put("storage.tsdb.block-reload-interval", "1s");
    }
    return m;
  }

  /**
   * Prometheus's {@code computeExternalURL}: without a URL, {@code http://<host name>:<listen
   * port>/}; the path loses its trailing slashes and gains a leading one.
   */
  static URI externalUrl(String raw, String listen, Supplier<String> hostname) throws FlagException {
    String u = raw;
    if (u.isEmpty()) {
      int colon = listen.lastIndexOf(':');
      u = "http://" + hostname.get() + ":" + listen.substring(colon + 1) + "/";
    }
    if (u.startsWith("\"") || u.startsWith("'") || u.endsWith("\"") || u.endsWith("'")) {
      throw urlError(raw, "URL must not begin or end with quotes");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw urlError(raw, "parse " + GoDuration.quote(u) + ": "
          + (u.startsWith(":") ? "missing protocol scheme" : e.getReason()));
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      return uri;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    if (!path.isEmpty() && !path.startsWith("/")) {
      path = "/" + path;
    }
    StringBuilder s = new StringBuilder();
    if (uri.getScheme() != null) {
      s.append(uri.getScheme()).append(':');
    }
    s.append("//").append(uri.getRawAuthority()).append(path);
    if (uri.getRawQuery() != null) {
      s.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      s.append('#').append(uri.getRawFragment());
    }
    return URI.create(s.toString());
  }

  private static FlagException urlError(String raw, String why) {
    return new FlagException("parse external URL " + GoDuration.quote(raw) + ": " + why, 2, false);
  }

  /**
   * Prometheus refuses server-only flags in agent mode and agent-only flags outside it, listing
   * them as Go's {@code %q} prints a string slice.
   */
  private static void checkMode(FlagValues flags) throws FlagException {
    boolean agent = flags.bool("agent");
    List<String> wrong = new ArrayList<>();
    for (String name : flags.setFlags()) {
      Flag.Mode mode = PrometheusFlags.get(name).mode();
      if (agent ? mode == Flag.Mode.SERVER_ONLY : mode == Flag.Mode.AGENT_ONLY) {
        wrong.add(GoDuration.quote("--" + name));
      }
    }
    if (!wrong.isEmpty()) {
      throw new FlagException("The following flag(s) " + (agent ? "can not be used in agent mode: "
          : "can only be used in agent mode: ") + "[" + String.join(" ", wrong) + "]", 3, false);
    }
  }

  private static long positiveMillis(FlagValues flags, String name) throws FlagException {
    long ms = flags.durationMillis(name);
    if (ms <= 0) {
      throw new FlagException("invalid value " + GoDuration.quote(flags.display(name)) + " for flag --"
          + name + ": must be positive");
    }
    return ms;
  }

  private static long positive(FlagValues flags, String name) throws FlagException {
    long n = flags.integer(name);
    if (n <= 0) {
      throw new FlagException("invalid value " + GoDuration.quote(flags.display(name)) + " for flag --"
          + name + ": expected a positive integer");
    }
    return n;
  }

  private static String trimSlashes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '/') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '/') {
      to--;
    }
    return s.substring(from, to);
  }

  /** The host name as Go's {@code os.Hostname} reads it on Linux, else the JDK's idea of it. */
  static String hostname() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: ask the JDK
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
