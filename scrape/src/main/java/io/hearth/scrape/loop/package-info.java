/**
 * Scrape loops: a {@code ScrapeManager} runs one {@code ScrapePool} per job, which keeps one
 * {@code ScrapeLoop} per target on a virtual thread. A loop fetches, parses, looks each series up
 * in its {@code ScrapeCache} by raw bytes, appends through the TSDB's Appender and writes the
 * synthetic series and staleness markers as Prometheus does.
 */
package io.hearth.scrape.loop;
