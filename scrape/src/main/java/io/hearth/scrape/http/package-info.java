/**
 * The scrape HTTP client: builds a client from {@code HttpClientConfig} (TLS, authentication,
 * OAuth2, proxy, redirects, headers) and fetches one target's exposition into a reusable buffer
 * with the negotiated {@code Accept} header, gzip decoding and a body size limit.
 */
package io.hearth.scrape.http;
