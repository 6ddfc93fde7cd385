/**
 * The scrape HTTP client: {@link io.hearth.scrape.http.ScrapeHttpClient} builds one JDK client per
 * scrape pool from {@code HttpClientConfig} (TLS, authentication, OAuth2, proxy, redirects,
 * headers), and {@link io.hearth.scrape.http.TargetScraper} fetches one target's exposition into a
 * reusable {@link io.hearth.scrape.http.ScrapeBuffer} with gzip decoding and a body size limit.
 */
package io.hearth.scrape.http;
