package io.hearth.scrape.loop;

import io.hearth.scrape.config.ScrapeConfig;
import java.net.URI;
import java.time.Duration;

/**
 * Makes the fetchers of one scrape pool; owns what they share (the HTTP client and its connection
 * pool). Closed when the pool's configuration changes or the pool stops.
 */
interface FetcherFactory extends AutoCloseable {
  TargetFetcher fetcher(URI url, Duration timeout);

  @Override
  void close();

  /** Makes the factory for one job's configuration. */
  interface Maker {
    FetcherFactory forConfig(ScrapeConfig config);
  }
}
