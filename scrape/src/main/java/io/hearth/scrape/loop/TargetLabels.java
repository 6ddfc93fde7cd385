package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.config.Durations;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.relabel.Relabeler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a target's labels from what discovery reported, as Prometheus's {@code PopulateLabels}
 * does ({@code scrape/target.go}): SD labels, then the scrape config's defaults, then {@code
 * relabel_configs}, then validation, then {@code __meta_*} removal and the {@code instance}
 * default. Also the target's scrape URL, its public label set and its scrape offset. Stateless
 * and thread-safe.
 */
public final class TargetLabels {
  private TargetLabels() {}

  public static final String ADDRESS = "__address__";
  public static final String SCHEME = "__scheme__";
  public static final String METRICS_PATH = "__metrics_path__";
  public static final String SCRAPE_INTERVAL = "__scrape_interval__";
  public static final String SCRAPE_TIMEOUT = "__scrape_timeout__";
  public static final String PARAM_PREFIX = "__param_";
  public static final String META_PREFIX = "__meta_";
  public static final String RESERVED_PREFIX = "__";
  public static final String JOB = "job";
  public static final String INSTANCE = "instance";
  public static final String CONVERT_CLASSIC_HISTOGRAMS_TO_NHCB = "__convert_classic_histograms_to_nhcb__";
  public static final String ALWAYS_SCRAPE_CLASSIC_HISTOGRAMS = "__always_scrape_classic_histograms__";
  public static final String SCRAPE_NATIVE_HISTOGRAMS = "__scrape_native_histograms__";

  /**
   * One discovered target after relabelling.
   *
   * @param labels the target's final labels, {@code __}-prefixed ones included (they carry the
   *     scheme, address, path, params, interval and timeout); empty when dropped or failed
   * @param discovered the labels before relabelling, as {@code /api/v1/targets} shows them
   * @param error why the target is invalid, in Prometheus's words; null when valid or dropped
   * @param dropped whether {@code relabel_configs} dropped it
   */
  public record Result(Labels labels, Labels discovered, String error, boolean dropped) {
    /** Whether the target is to be scraped. */
    public boolean isActive() {
      return error == null && !dropped;
    }
  }

  /**
   * The labels before relabelling ({@code PopulateDiscoveredLabels}): the target's own labels,
   * the group's labels the target does not set, then {@code job}, {@code __scrape_interval__},
   * {@code __scrape_timeout__}, {@code __metrics_path__}, {@code __scheme__}, the histogram
   * switches and {@code __param_<name>} (first value), each only where still unset.
   */
  public static Labels discovered(Labels target, Labels group, ScrapeConfig cfg) {
    return discoveredBuilder(target, group, cfg).build();
  }

  private static LabelsBuilder discoveredBuilder(Labels target, Labels group, ScrapeConfig cfg) {
    LabelsBuilder b = target.toBuilder();
    Labels g = group == null ? Labels.EMPTY : group;
    for (int i = 0; i < g.size(); i++) {
      if (!target.has(g.name(i))) {
        b.set(g.name(i), g.value(i));
      }
    }
    setIfUnset(b, JOB, cfg.jobName());
    setIfUnset(b, SCRAPE_INTERVAL, Durations.format(cfg.scrapeInterval()));
    setIfUnset(b, SCRAPE_TIMEOUT, Durations.format(cfg.scrapeTimeout()));
    setIfUnset(b, METRICS_PATH, cfg.metricsPath());
    setIfUnset(b, SCHEME, cfg.scheme());
    // Hearth ingests neither native histograms nor NHCB, so those two switches are always off.
    setIfUnset(b, CONVERT_CLASSIC_HISTOGRAMS_TO_NHCB, "false");
    setIfUnset(b, ALWAYS_SCRAPE_CLASSIC_HISTOGRAMS, Boolean.toString(cfg.alwaysScrapeClassicHistograms()));
    setIfUnset(b, SCRAPE_NATIVE_HISTOGRAMS, "false");
    for (Map.Entry<String, List<String>> p : cfg.params().entrySet()) {
      if (!p.getValue().isEmpty()) {
        setIfUnset(b, PARAM_PREFIX + p.getKey(), p.getValue().get(0));
      }
    }
    return b;
  }

  private static void setIfUnset(LabelsBuilder b, String name, String value) {
    if (b.get(name).isEmpty()) {
      b.set(name, value == null ? "" : value);
    }
  }

  /** {@code PopulateLabels}: the target's labels after relabelling and validation. */
  public static Result populate(Labels target, Labels group, ScrapeConfig cfg) {
    LabelsBuilder b = discoveredBuilder(target, group, cfg);
    Labels discovered = b.build();
    NameValidation scheme = cfg.nameValidation() == null ? NameValidation.UTF8 : cfg.nameValidation();
    if (!Relabeler.process(b, cfg.relabelConfigs(), scheme)) {
      return new Result(Labels.EMPTY, discovered, null, true);
    }
    String error = validate(b);
    if (error != null) {
      return new Result(Labels.EMPTY, discovered, error, false);
    }
    Labels relabelled = b.build();
    for (int i = 0; i < relabelled.size(); i++) {
      if (relabelled.name(i).startsWith(META_PREFIX)) {
        b.delete(relabelled.name(i));
      }
    }
    if (b.get(INSTANCE).isEmpty()) {
      b.set(INSTANCE, b.get(ADDRESS));
    }
    Labels result = b.build();
    for (int i = 0; i < result.size(); i++) {
      if (!NameValidation.isValidUtf8Value(result.value(i))) {
        return new Result(
            Labels.EMPTY,
            discovered,
            "invalid label value for " + GoQuote.quote(result.name(i)) + ": " + GoQuote.quote(result.value(i)),
            false);
      }
    }
    return new Result(result, discovered, null, false);
  }

  /** Upstream's checks after relabelling, in its order and words; null when the target is valid. */
  private static String validate(LabelsBuilder b) {
    String address = b.get(ADDRESS);
    if (address.isEmpty()) {
      return "no address";
    }
    if (address.indexOf('/') >= 0) {
      return GoQuote.quote(address) + " is not a valid hostname";
    }
    String interval = b.get(SCRAPE_INTERVAL);
    long intervalNanos;
    try {
      intervalNanos = Durations.parse(interval).toNanos();
    } catch (IllegalArgumentException e) {
      return "error parsing scrape interval: " + e.getMessage();
    }
    if (intervalNanos == 0) {
      return "scrape interval cannot be 0";
    }
    String timeout = b.get(SCRAPE_TIMEOUT);
    long timeoutNanos;
    try {
      timeoutNanos = Durations.parse(timeout).toNanos();
    } catch (IllegalArgumentException e) {
      return "error parsing scrape timeout: " + e.getMessage();
    }
    if (timeoutNanos == 0) {
      return "scrape timeout cannot be 0";
    }
    if (timeoutNanos > intervalNanos) {
      return "scrape timeout cannot be greater than scrape interval ("
          + GoQuote.quote(timeout) + " > " + GoQuote.quote(interval) + ")";
    }
    String[][] switches = {
      {CONVERT_CLASSIC_HISTOGRAMS_TO_NHCB, "convert classic histograms to nhcb"},
      {ALWAYS_SCRAPE_CLASSIC_HISTOGRAMS, "always scrape classic histograms"},
      {SCRAPE_NATIVE_HISTOGRAMS, "scrape native histograms"},
    };
    for (String[] s : switches) {
      String v = b.get(s[0]);
      if (!v.isEmpty() && GoFormat.parseBool(v) == null) {
        return "error parsing " + s[1] + ": strconv.ParseBool: parsing " + GoQuote.quote(v) + ": invalid syntax";
      }
    }
    return null;
  }

  /** The target's interval from {@code __scrape_interval__}, in nanoseconds (valid after {@link #populate}). */
  public static long intervalNanos(Labels labels) {
    return Durations.parse(labels.get(SCRAPE_INTERVAL)).toNanos();
  }

  /** The target's timeout from {@code __scrape_timeout__}, in nanoseconds. */
  public static long timeoutNanos(Labels labels) {
    return Durations.parse(labels.get(SCRAPE_TIMEOUT)).toNanos();
  }

  /** A boolean switch label ({@code __always_scrape_classic_histograms__} …), {@code def} when unset or unparsable. */
  public static boolean boolLabel(Labels labels, String name, boolean def) {
    Boolean b = GoFormat.parseBool(labels.get(name));
    return b == null ? def : b;
  }

  /** The labels a target adds to its series: every label not starting with {@code __}. */
  public static Labels publicLabels(Labels labels) {
    LabelsBuilder b = null;
    for (int i = 0; i < labels.size(); i++) {
      if (labels.name(i).startsWith(RESERVED_PREFIX)) {
        if (b == null) {
          b = labels.toBuilder();
        }
        b.delete(labels.name(i));
      }
    }
    return b == null ? labels : b.build();
  }

  /**
   * The scrape URL as Go's {@code url.URL.String} renders upstream's {@code Target.URL}: {@code
   * __scheme__://__address____metrics_path__?query}. The query is the config's {@code params} with
   * each {@code __param_<name>} label replacing that parameter's first value (or adding it),
   * sorted by name and form-encoded.
   */
  public static String scrapeUrl(Labels labels, Map<String, List<String>> params) {
    TreeMap<String, List<String>> query = new TreeMap<>();
    if (params != null) {
      params.forEach((k, v) -> query.put(k, new ArrayList<>(v)));
    }
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      if (name.startsWith(PARAM_PREFIX)) {
        List<String> values = query.computeIfAbsent(name.substring(PARAM_PREFIX.length()), k -> new ArrayList<>());
        if (values.isEmpty()) {
          values.add(labels.value(i));
        } else {
          values.set(0, labels.value(i));
        }
      }
    }
    String scheme = labels.get(SCHEME);
    String host = labels.get(ADDRESS);
    String path = labels.get(METRICS_PATH);
    StringBuilder sb = new StringBuilder(64);
    if (!scheme.isEmpty()) {
      sb.append(scheme).append(':');
    }
    if (!scheme.isEmpty() || !host.isEmpty()) {
      if (!host.isEmpty() || !path.isEmpty()) {
        sb.append("//");
      }
      escape(sb, host, Mode.HOST);
    }
    if (!path.isEmpty() && path.charAt(0) != '/' && !host.isEmpty()) {
      sb.append('/');
    }
    if (path.equals("*")) {
      sb.append('*');
    } else {
      escape(sb, path, Mode.PATH);
    }
    int beforeQuery = sb.length();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      for (String v : e.getValue()) {
        sb.append(sb.length() == beforeQuery ? '?' : '&');
        escape(sb, e.getKey(), Mode.QUERY);
        sb.append('=');
        escape(sb, v, Mode.QUERY);
      }
    }
    return sb.toString();
  }

  private enum Mode {
    HOST,
    PATH,
    QUERY
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** Go's {@code net/url} escaping, byte by byte over UTF-8. */
  private static void escape(StringBuilder sb, String s, Mode mode) {
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if (c == ' ' && mode == Mode.QUERY) {
        sb.append('+');
      } else if (shouldEscape(c, mode)) {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      } else {
        sb.append((char) c);
      }
    }
  }

  private static boolean shouldEscape(int c, Mode mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    if (mode == Mode.HOST) {
      switch (c) {
        case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '[', ']', '<', '>', '"' -> {
          return false;
        }
        default -> {}
      }
    }
    return switch (c) {
      case '-', '_', '.', '~' -> false;
      case '$', '&', '+', ',', '/', ':', ';', '=', '?', '@' -> mode == Mode.PATH ? c == '?' : true;
      default -> true;
    };
  }

  /**
   * The target's identity for scheduling, as upstream's {@code Target.hash}: 64-bit FNV-1a over
   * the label-set hash written as at least 16 zero-padded unsigned decimal digits, followed by the
   * UTF-8 scrape URL. Upstream feeds its own xxhash-based label hash in; ours is {@link
   * Labels#hash()}, so the values differ from Prometheus's while keeping the same properties
   * (stable across restarts and reloads, distinct per target).
   */
  public static long hash(Labels labels, String scrapeUrl) {
    long h = 0xCBF29CE484222325L;
    String digits = Long.toUnsignedString(labels.hash());
    for (int i = digits.length(); i < 16; i++) {
      h = (h ^ '0') * 0x100000001B3L;
    }
    for (int i = 0; i < digits.length(); i++) {
      h = (h ^ digits.charAt(i)) * 0x100000001B3L;
    }
    for (byte x : scrapeUrl.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (x & 0xFF)) * 0x100000001B3L;
    }
    return h;
  }

  /**
   * How long to wait, from {@code nowNanos} (Unix epoch nanoseconds), before a target's first
   * scrape, as upstream's {@code Target.offset}. Each target gets a fixed phase {@code (hash ^
   * jitterSeed) mod interval} (unsigned) pinned to wall-clock time, so its scrapes land at the same
   * point of every interval across restarts, and targets spread evenly over the interval. The
   * result is in {@code (0, interval]}.
   *
   * @param jitterSeed upstream derives it from the external labels and hostname, so that HA
   *     replicas scrape at different moments; 0 is fine for one server
   */
  public static long offsetNanos(long targetHash, long intervalNanos, long jitterSeed, long nowNanos) {
    long base = intervalNanos - Math.floorMod(nowNanos, intervalNanos);
    long offset = Long.remainderUnsigned(targetHash ^ jitterSeed, intervalNanos);
    long next = base + offset;
    if (next > intervalNanos) {
      next -= intervalNanos;
    }
    return next;
  }
}
