package io.hearth.server;

import io.hearth.labels.Labels;
import io.hearth.scrape.config.ConfigException;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.config.DiscoveryRegistry;
import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.DiscoveryManager;
import io.hearth.scrape.loop.ScrapeManager;
import io.hearth.scrape.loop.ScrapeObserver;
import io.hearth.tsdb.Db;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Discovery feeding the scrape manager, under one configuration that {@link #reload()} can
 * replace. A configuration that fails to load on reload leaves the running one untouched.
 */
final class Scraping implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Scraping.class.getName());

  private final Supplier<ConfigFile> source;
  private final ScrapeManager scrapes;
  private final DiscoveryManager discovery;
  private ConfigFile current;

  /**
   * @param source loads the configuration; it throws {@link ConfigException} (or an unchecked
   *     I/O error) when the file is bad
   */
  Scraping(Supplier<ConfigFile> source, Db storage, ScrapeObserver observer) {
    this.source = source;
    ConfigFile config = source.get();
    this.scrapes = new ScrapeManager(storage, storage.head().symbols(), offsetSeed(config), observer);
    this.discovery = new DiscoveryManager(scrapes::updateTargets);
    apply(config);
  }

  /** A configuration read from {@code file} on start and on every reload. */
  static Supplier<ConfigFile> fromFile(Path file, ConfigFile.Defaults defaults) {
    return () -> ConfigFile.load(file, DiscoveryRegistry.defaults(), System::getenv, defaults);
  }

  private synchronized void apply(ConfigFile config) {
    scrapes.applyConfig(config.scrapeConfigs());
    Map<String, List<DiscoveryConfig>> byJob = new LinkedHashMap<>();
    for (ScrapeConfig c : config.scrapeConfigs()) {
      byJob.put(c.jobName(), c.discoveryConfigs());
    }
    discovery.apply(byJob);
    current = config;
  }

  /**
   * Loads the configuration again and applies what changed.
   *
   * @return null on success, else why the new configuration was refused (the old one keeps running)
   */
  synchronized String reload() {
    ConfigFile next;
    try {
      next = source.get();
    } catch (RuntimeException e) {
      LOG.warning("error reloading config: " + e.getMessage());
      return e.getMessage();
    }
    if (!next.global().externalLabels().equals(current.global().externalLabels())) {
      LOG.info("external labels changed: target offsets keep the seed they started with");
    }
    apply(next);
    LOG.info("completed loading of configuration file");
    return null;
  }

  ScrapeManager scrapes() {
    return scrapes;
  }

  DiscoveryManager discovery() {
    return discovery;
  }

  synchronized ConfigFile config() {
    return current;
  }

  /**
   * Spreads HA replicas apart as Prometheus does: the seed mixes the external labels (which differ
   * per replica) with the host name, so two servers scrape one target at different moments.
   */
  static long offsetSeed(ConfigFile config) {
    long seed = config.global().externalLabels().hash();
    try {
      seed ^= Labels.of("host", InetAddress.getLocalHost().getHostName()).hash();
    } catch (UnknownHostException e) {
      // No host name: the external labels alone still separate replicas that set them.
    }
    return seed;
  }

  /** Stops discovery, then scraping; scrapes in flight commit first. No staleness markers. */
  @Override
  public void close() {
    discovery.close();
    scrapes.close();
  }
}
