/**
 * Differential test of scraping: one prometheus.yml run through Debian's real Prometheus and
 * through Hearth, comparing targets and stored series after a written list of known
 * version differences is normalised away ({@code docs/prometheus-differences.md}).
 */
package io.hearth.scrape.differential;
