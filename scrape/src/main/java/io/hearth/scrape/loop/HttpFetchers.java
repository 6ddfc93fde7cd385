package io.hearth.scrape.loop;

import io.hearth.scrape.config.ScrapeConfig;
import io.hearth.scrape.http.ScrapeBuffer;
import io.hearth.scrape.http.ScrapeException;
import io.hearth.scrape.http.ScrapeHttpClient;
import io.hearth.scrape.http.TargetScraper;
import io.hearth.scrape.parse.ExpositionFormats;
import java.net.URI;
import java.time.Duration;

/** Fetchers over HTTP(S): one client (and connection pool) per job, one scraper per target. */
final class HttpFetchers implements FetcherFactory {
  static final String USER_AGENT = "Hearth/0.1.0";

  private final ScrapeConfig config;
  private final ScrapeHttpClient client;
  private final String accept;

  HttpFetchers(ScrapeConfig config) {
    this.config = config;
    this.client = ScrapeHttpClient.create(config.httpClientConfig());
    this.accept = ExpositionFormats.acceptHeader(config.scrapeProtocols(), config.nameEscaping());
  }

  @Override
  public TargetFetcher fetcher(URI url, Duration timeout) {
    TargetScraper scraper =
        new TargetScraper(
            client,
            url,
            accept,
            config.enableCompression(),
            config.bodySizeLimit(),
            timeout,
            USER_AGENT);
    return new Fetcher(scraper);
  }

  @Override
  public void close() {
    client.close();
  }

  private static final class Fetcher implements TargetFetcher {
    private final TargetScraper scraper;
    private final ScrapeBuffer buffer = new ScrapeBuffer();

    Fetcher(TargetScraper scraper) {
      this.scraper = scraper;
    }

    @Override
    public String fetch() throws ScrapeException, InterruptedException {
      return scraper.scrape(buffer);
    }

    @Override
    public byte[] body() {
      return buffer.array();
    }

    @Override
    public int bodyLength() {
      return buffer.length();
    }
  }
}
