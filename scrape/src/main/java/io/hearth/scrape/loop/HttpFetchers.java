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
  private final BufferPool buffers =
      new BufferPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

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
    return new Fetcher(scraper, buffers);
  }

  @Override
  public void close() {
    client.close();
  }

  private static final class Fetcher implements TargetFetcher {
    private final TargetScraper scraper;
    private final BufferPool pool;
    private ScrapeBuffer buffer;

    Fetcher(TargetScraper scraper, BufferPool pool) {
      this.scraper = scraper;
      this.pool = pool;
    }

    @Override
    public String fetch() throws ScrapeException, InterruptedException {
      if (buffer == null) {
        buffer = pool.take();
      }
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

    @Override
    public void release() {
      if (buffer != null) {
        pool.give(buffer);
        buffer = null;
      }
    }
  }
}
