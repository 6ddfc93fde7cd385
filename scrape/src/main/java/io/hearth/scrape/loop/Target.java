package io.hearth.scrape.loop;

import io.hearth.labels.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One scrape target as the targets API shows it: its labels before and after relabeling, where it
 * is scraped, and how the last scrape went. The loop updates the health fields; readers see each
 * field's latest value (not a consistent snapshot of all of them, as in Prometheus).
 */
public final class Target {
  /** Health as {@code /api/v1/targets} spells it. */
  public enum Health {
    UNKNOWN("unknown"),
    UP("up"),
    DOWN("down");

    private final String text;

    Health(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final String scrapePool;
  private final Labels labels;
  private final Labels discoveredLabels;
  private final URI url;
  private final Duration interval;
  private final Duration timeout;
  private final long hash;

  private volatile Health health = Health.UNKNOWN;
  private volatile String lastError = "";
  private volatile long lastScrapeMillis;
  private volatile double lastScrapeDurationSeconds;
  private volatile ScrapeCache cache;

  Target(
      String scrapePool,
      Labels labels,
      Labels discoveredLabels,
      URI url,
      Duration interval,
      Duration timeout,
      long hash) {
    this.scrapePool = scrapePool;
    this.labels = labels;
    this.discoveredLabels = discoveredLabels;
    this.url = url;
    this.interval = interval;
    this.timeout = timeout;
    this.hash = hash;
  }

  /** Stable identity of the target across reloads and restarts; it places the target's scrapes. */
  long hash() {
    return hash;
  }

  public String scrapePool() {
    return scrapePool;
  }

  /** The labels every series of this target gets: the relabeled set without {@code __} labels. */
  public Labels labels() {
    return labels;
  }

  /** The labels discovery reported, before relabeling. */
  public Labels discoveredLabels() {
    return discoveredLabels;
  }

  /** Where the target is scraped; null for a target relabeling dropped. */
  public URI url() {
    return url;
  }

  public Duration interval() {
    return interval;
  }

  public Duration timeout() {
    return timeout;
  }

  public Health health() {
    return health;
  }

  /** The last scrape's error, or "" after a successful one. */
  public String lastError() {
    return lastError;
  }

  /** Wall-clock start of the last scrape in ms since the epoch, or 0 before the first. */
  public long lastScrapeMillis() {
    return lastScrapeMillis;
  }

  public double lastScrapeDurationSeconds() {
    return lastScrapeDurationSeconds;
  }

  /** The metadata the target exposed (TYPE, HELP, UNIT per family), sorted by metric name. */
  public List<MetricMetadata> metadata() {
    ScrapeCache c = cache;
    if (c == null) {
      return List.of();
    }
    return c.metadata().stream()
        .map(m -> new MetricMetadata(m.metric(), m.type(), m.help(), m.unit()))
        .toList();
  }

  void attachCache(ScrapeCache cache) {
    this.cache = cache;
  }

  void report(long startMillis, double durationSeconds, String error) {
    lastScrapeMillis = startMillis;
    lastScrapeDurationSeconds = durationSeconds;
    lastError = error == null ? "" : error;
    health = error == null ? Health.UP : Health.DOWN;
  }

  @Override
  public String toString() {
    return scrapePool + " " + url;
  }
}
